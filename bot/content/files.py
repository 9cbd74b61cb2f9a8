"""Reading the pack's files; a file that cannot be read becomes a problem, not an exception."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from bot.content.errors import Problem
from bot.content.schema import MISSING, load_yaml


def read_text(path: Path, rel: PurePosixPath, problems: list[Problem]) -> tuple[bytes, str] | None:
    """The file's bytes and its UTF-8 text, or None after recording why it cannot be read."""
    if not path.is_file():
        problems.append(Problem(str(rel), "missing"))
        return None
    data = path.read_bytes()
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem(str(rel), f"not UTF-8 text: {error}"))
        return None


def read_yaml(path: Path, rel: PurePosixPath, problems: list[Problem]) -> Any:
    """The file's YAML data, or MISSING after recording why it cannot be read."""
    read = read_text(path, rel, problems)
    if read is None:
        return MISSING
    try:
        return load_yaml(read[1])
    except yaml.YAMLError as error:
        problems.append(Problem(str(rel), f"not valid YAML: {error}"))
        return MISSING
