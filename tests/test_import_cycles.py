"""No module of the bot imports itself back, directly or in a circle, not even from inside a function."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"


def module_name(path: Path) -> str:
    parts = path.relative_to(BOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(BOT.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The bot's modules that `name` imports anywhere in its file (type-checking imports included)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package upwards
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


def cycles() -> list[list[str]]:
    graph = {name: sorted(imports_of(name)) for name in MODULES}
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                found.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name)
    return found


def test_no_module_of_the_bot_is_part_of_an_import_cycle() -> None:
    assert cycles() == []


@pytest.mark.parametrize("name", sorted(set(MODULES) - {"bot.__main__"}))  # that one runs the CLI
def test_every_module_imports_on_its_own(name: str) -> None:
    importlib.import_module(name)
