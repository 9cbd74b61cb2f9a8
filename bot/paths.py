"""Where the project's own files are, for defaults (bot/config.py) and for modules loaded before any settings."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LOCALES_DIR = PROJECT_ROOT / "locales"
