"""Identifiers shared by every layer: languages and document categories.

These ids are contracts: they appear in content files, deep links (`/start ps_acc`),
subscriptions and callback data, so they never change spelling.
"""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    DARI = "prs"
    PASHTO = "ps"
    ENGLISH = "en"

    @property
    def is_rtl(self) -> bool:
        return self is not Language.ENGLISH

    @property
    def babel_locale(self) -> str:
        # Babel/CLDR has no `prs` locale; Afghan Dari is `fa_AF`.
        return {"prs": "fa_AF", "ps": "ps", "en": "en"}[self.value]

    @property
    def telegram_code(self) -> str:
        # Telegram's language_code for per-language commands and descriptions.
        return {"prs": "fa", "ps": "ps", "en": "en"}[self.value]


class DocumentCategory(StrEnum):
    POR = "por"
    ACC = "acc"
    VISA = "visa"
    RESETTLEMENT = "resettlement"
    ASYLUM = "asylum"
    UNDOCUMENTED = "undocumented"


LANGUAGES: tuple[Language, ...] = (Language.DARI, Language.PASHTO, Language.ENGLISH)
CATEGORIES: tuple[DocumentCategory, ...] = tuple(DocumentCategory)
