"""A signed version's text from the repository's history, for sign-offs made outside the workspace
(`rahnama content sign` into signoffs.yaml), whose text the workspace never kept. Without git (an
image without the repository) there is simply no diff to show."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

DEPTH = 200  # commits of the file searched, newest first


def version_from_git(content_dir: Path, rel_path: str, sha256: str) -> str | None:
    """The file's text in the newest commit where its SHA-256 was `sha256`; None if not found."""
    git = ["git", "-C", str(content_dir)]
    try:
        log = subprocess.run(
            [*git, "log", f"-{DEPTH}", "--format=%H", "--", rel_path], capture_output=True, text=True, timeout=10
        )
        for commit in log.stdout.split() if log.returncode == 0 else ():
            shown = subprocess.run([*git, "show", f"{commit}:./{rel_path}"], capture_output=True, timeout=10)
            if shown.returncode == 0 and hashlib.sha256(shown.stdout).hexdigest() == sha256:
                return shown.stdout.decode("utf-8", errors="replace")
    except (OSError, subprocess.SubprocessError):
        return None
    return None
