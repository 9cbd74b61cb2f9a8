"""What a broken pack reports: every problem at once, each with the file it is in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    """Path relative to the pack directory, e.g. "topics/por-now/prs.md"."""
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


class ContentError(Exception):
    """The pack cannot be served. `problems` lists everything found wrong, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = "\n".join(f"- {p}" for p in self.problems)
        super().__init__(f"content pack has {len(self.problems)} problem(s):\n{lines}")
