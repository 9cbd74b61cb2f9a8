"""`rahnama` command line. Each module in COMMANDS adds its sub-commands with `register(subparsers)`."""

from __future__ import annotations

import argparse
import importlib
import logging

from bot.config import Settings
from bot.logs import configure as configure_logging

# One module per area, so features add their commands without touching each other's code.
COMMANDS = (
    "bot.cli.bot_commands",
    "bot.cli.content",
    "bot.cli.reviewer",
    "bot.cli.broadcast",
    "bot.cli.ask",
    "bot.cli.serve",
    "bot.cli.cards",
)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="rahnama", description="Rahnama: vetted guidance for Afghans in Pakistan.")
    sub = root.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        importlib.import_module(name).register(sub)
    return root


def _quiet_commands() -> set[str]:
    # Commands whose output is read by people or scripts: only warnings go to the log.
    return {"chat", "content", "ask", "broadcast", "reviewer", "cards"}


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    level = logging.WARNING if args.command in _quiet_commands() else logging.INFO
    configure_logging(level)
    args.func(args, Settings())
