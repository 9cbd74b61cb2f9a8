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


TEST_REVIEWER = "test-reviewer"


def enrol(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    root: Path,
    reviewer: str = TEST_REVIEWER,
    roles: str = "legal,language",
    languages: str = "prs,ps,en",
) -> Path:
    """A key pair made by `rahnama reviewer keygen` and the reviewer added by `reviewer add`: the key file."""
    key = root.parent / f"{reviewer}.pem"
    code, out = rahnama(monkeypatch, capsys, root, "reviewer", "keygen", "--out", str(key))
    assert code == 0, out
    code, out = rahnama(
        monkeypatch, capsys, root, "reviewer", "add", "--id", reviewer, "--name", "Test Reviewer",
        "--org", "Test Organisation", "--roles", roles, "--languages", languages, "--public-key", f"{key}.pub",
    )  # fmt: skip
    assert code == 0, out
    return key


def sign(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    root: Path,
    topic: str,
    lang: str,
    role: str,
    *extra: str,
    key: Path | None = None,
) -> str:
    """`content sign` with the test reviewer's key (enrolled on first use) or `key`."""
    if key is None:
        key = root.parent / f"{TEST_REVIEWER}.pem"
        if not key.exists():
            enrol(monkeypatch, capsys, root)
    subject = ("--record", topic) if ":" in topic else ("--topic", topic)
    code, out = rahnama(
        monkeypatch, capsys, root, "content", "sign", *subject, "--lang", lang, "--role", role, "--key", str(key),
        *extra,
    )  # fmt: skip
    assert code == 0, out
    return out


def status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], root: Path, *extra: str
) -> dict[tuple[str, str], dict[str, Any]]:
    """`content status --json`, keyed by (topic, lang)."""
    code, out = rahnama(monkeypatch, capsys, root, "content", "status", "--json", *extra)
    assert code == 0, out
    return {(r["topic"], r["lang"]): r for r in json.loads(out)}
