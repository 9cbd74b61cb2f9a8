"""Placeholders: left-over fillers in content, and interface strings whose `{fields}` do not match.

A guidance text must never reach a person with "TODO" or "{date}" in it. And a translated interface
string must keep exactly the `{fields}` of its English original, or `.format()` fails (or shows the
field's name) when the bot speaks that language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from babel.messages.pofile import read_po

from bot.content.errors import Problem
from bot.content.model import ContentPack
from bot.content.walk import texts

_FILLER = re.compile(
    r"\b(?:TODO|TBD|TBC|FIXME|XXX)\b|lorem ipsum|\?\?\?|\{[^{}\n]*\}|<[^<>\n]*>|\[(?:\.\.\.|…)?\]",
    re.IGNORECASE,
)
_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)?\}")


def filler_problems(pack: ContentPack) -> Iterator[Problem]:
    """Fillers such as TODO, TBD, XXX, lorem ipsum, ???, {name}, <phone>, [] in any text of the pack."""
    for file, where, text in texts(pack):
        found = sorted({m.group() for m in _FILLER.finditer(text)})
        if found:
            yield Problem(file, f"{where}: placeholder left in the text: {', '.join(found)}")


def catalogue_problems(locales_dir: Path) -> tuple[list[Problem], list[str]]:
    """(problems, notes): translations whose {fields} differ from the original are problems;
    untranslated strings are notes (gettext then shows the English original)."""
    problems: list[Problem] = []
    notes: list[str] = []
    for po_path in sorted(locales_dir.glob("*/LC_MESSAGES/*.po")):
        rel = str(po_path.relative_to(locales_dir.parent))
        with po_path.open("rb") as fp:
            catalogue = read_po(fp)
        untranslated = 0
        for message in catalogue:
            if not message.id:
                continue
            originals = message.id if isinstance(message.id, tuple) else (message.id,)
            translations = message.string if isinstance(message.string, tuple) else (message.string,)
            wanted = set().union(*(_fields(o) for o in originals))
            for translated in translations:
                if translated and _fields(translated) != wanted:
                    problems.append(
                        Problem(
                            rel, f"{originals[0]!r}: translation has {_show(translated)}, expected {_show_set(wanted)}"
                        )
                    )
            untranslated += not any(translations)
        if untranslated and catalogue.locale and str(catalogue.locale) != "en":
            notes.append(f"{rel}: {untranslated} interface string(s) not translated yet (English is shown)")
    return problems, notes


def _fields(text: str) -> set[str]:
    return {m.group(1) or "" for m in _FIELD.finditer(text)}


def _show(text: str) -> str:
    return _show_set(_fields(text))


def _show_set(fields: set[str]) -> str:
    return ", ".join("{" + f + "}" for f in sorted(fields)) or "no {fields}"
