"""Helpers for tests that change a copy of the real pack and run `rahnama content …` on it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main

REAL_PACK = Path(__file__).resolve().parent.parent / "content"


def copy_pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(REAL_PACK, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rahnama(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], root: Path, *args: str
) -> tuple[int, str]:
    """Run `rahnama <args>` on the pack in `root`: (exit code, stdout + stderr)."""
    monkeypatch.setenv("CONTENT_DIR", str(root))
    capsys.readouterr()
    try:
        main(list(args))
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
        if isinstance(exit_.code, str):
            print(exit_.code)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def sign(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    root: Path,
    topic: str,
    lang: str,
    role: str,
    *extra: str,
) -> str:
    code, out = rahnama(
        monkeypatch,
        capsys,
        root,
        "content",
        "sign",
        "--topic",
        topic,
        "--lang",
        lang,
        "--role",
        role,
        "--reviewer",
        "Test Reviewer",
        "--org",
        "Test Organisation",
        *extra,
    )
    assert code == 0, out
    return out


def status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], root: Path, *extra: str
) -> dict[tuple[str, str], dict[str, Any]]:
    """`content status --json`, keyed by (topic, lang)."""
    code, out = rahnama(monkeypatch, capsys, root, "content", "status", "--json", *extra)
    assert code == 0, out
    return {(r["topic"], r["lang"]): r for r in json.loads(out)}
