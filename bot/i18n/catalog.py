"""Interface strings: gettext catalogues under `locales/`, loaded with Babel.

Catalogues are compiled (`make catalogues`) from the .po files translators edit. A missing
catalogue is a deployment error, so loading fails loudly instead of quietly showing English.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.support import Translations

from bot.domain import LANGUAGES, Language
from bot.paths import DEFAULT_LOCALES_DIR

DOMAIN = "messages"


class CatalogueMissing(RuntimeError):
    """A language has no compiled catalogue."""


_catalogues: dict[Language, Translations] = {}


def load_catalogues(locales_dir: Path) -> dict[Language, Translations]:
    """Load every language's compiled catalogue; raise CatalogueMissing naming what is absent."""
    loaded: dict[Language, Translations] = {}
    missing: list[str] = []
    for lang in LANGUAGES:
        mo = locales_dir / lang.babel_locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if not mo.is_file():
            missing.append(str(mo))
            continue
        with mo.open("rb") as fp:
            loaded[lang] = Translations(fp, domain=DOMAIN)
    if missing:
        raise CatalogueMissing(
            "compiled interface catalogues are missing (run `make catalogues`): " + ", ".join(missing)
        )
    return loaded


def install(locales_dir: Path) -> None:
    """Load the catalogues once per process; the conversation reads them through `translator`."""
    _catalogues.clear()
    _catalogues.update(load_catalogues(locales_dir))


def loaded() -> bool:
    """Every language's catalogue is installed (the web server's readiness check)."""
    return all(lang in _catalogues for lang in LANGUAGES)


def translator(lang: Language) -> Translations:
    if not _catalogues:  # a script or test that never called install(): the project's own catalogues
        install(DEFAULT_LOCALES_DIR)
    return _catalogues[lang]


def gettext_for(lang: Language) -> Callable[[str], str]:
    return translator(lang).gettext


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message
