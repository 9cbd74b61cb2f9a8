"""What a summary card says, read from the pack in one place: `summarise(pack, category, lang, …)`.

Everything a card shows comes through here as plain data, so the renderer never reads the pack and
a new field of the pack (a rule's "in force" flag, a contact's hours) is picked up in this module only.

Strict mode shows only signed-off words: topic quotes, deadline titles (`deadline:<id>` records) and a
contact's hours (`contact:<id>`) nobody signed are left out, and the card says parts are left out. The
free numbers themselves always show, as in the chat's "being reviewed" notice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from bot.content import Contact, ContentPack, Deadline, TopicText
from bot.content.card_picks import quote
from bot.content.model import NATIONWIDE, ContactKind, RuleStatus
from bot.content.review import ReviewState
from bot.domain import Language

DATES_ON_A_CARD = 3  # the newest ones: a phone screen holds no more
# A card is for keeping: free legal aid only (no complaint line, no province's protection line that
# may be gone), 24-hour lines first, then nationwide ones.
CARD_KINDS = (ContactKind.LEGAL_AID,)


@dataclass(frozen=True)
class DateLine:
    day: date
    text: str
    coming: bool
    """After today: "coming on"; otherwise "in force since"."""


@dataclass(frozen=True)
class Helpline:
    organisation: str
    phones: tuple[str, ...]
    hours: str | None


@dataclass(frozen=True)
class CardOptions:
    bot_username: str
    strict: bool = False
    discreet: bool = False


@dataclass(frozen=True)
class CardSummary:
    category: str
    lang: Language
    title: str
    """The document's name; empty on a discreet card."""
    status: tuple[str, ...]
    dates: tuple[DateLine, ...]
    todo: tuple[str, ...]
    helplines: tuple[Helpline, ...]
    numbers_may_be_old: bool
    as_of: date
    age_months: int
    review: ReviewState
    """SIGNED when every quoted text is signed off on the card's day; else DRAFT."""
    left_out: bool
    """Strict mode left out what nobody signed off (the page says so)."""
    discreet: bool
    bot_username: str
    deep_link: str


def deep_link(bot_username: str, lang: Language, category: str) -> str:
    """The link a card's QR code holds; "" while the bot's username is unknown (no code rather than a wrong one)."""
    username = bot_username.lstrip("@")
    return f"https://t.me/{username}?start={lang.value}_{category}" if username else ""


def summarise(pack: ContentPack, category_id: str, lang: Language, today: date, options: CardOptions) -> CardSummary:
    category = pack.category(category_id)
    picks = pack.cards.picks.get(category_id)
    if category is None or picks is None:
        raise KeyError(f"no card for category {category_id!r}")
    now_text = pack.topics[category.topics["now"]].texts[lang]
    todo_text = pack.topics[category.topics["todo"]].texts[lang]
    shown = [t for t in (now_text, todo_text) if not options.strict or _signed(t, today)]
    status = _quotes(now_text, picks.status) if now_text in shown else ()
    todo = _quotes(todo_text, picks.todo) if todo_text in shown else ()
    applying = [d for d in pack.deadlines_for(category_id) if _applies(d, today)][-DATES_ON_A_CARD:]
    signed_dates = [d for d in applying if not options.strict or _record_signed(pack, f"deadline:{d.id}", lang, today)]
    dates = tuple(_date_line(d, lang, today) for d in signed_dates)
    helplines = sorted(
        (c for c in pack.contacts if c.phones and c.kind in CARD_KINDS),
        key=lambda c: (not c.opening.always, NATIONWIDE not in c.regions),
    )
    lines = [_helpline(pack, c, lang, today, options.strict) for c in helplines]
    hours_left_out = any(c.hours and line.hours is None for c, line in zip(helplines, lines, strict=True))
    summary = CardSummary(
        category=category_id,
        lang=lang,
        title=category.name[lang],
        status=status,
        dates=dates,
        todo=todo,
        helplines=tuple(lines),
        numbers_may_be_old=any(c.stale for c in helplines),
        as_of=pack.as_of,
        age_months=pack.age_on(today).months,
        review=ReviewState.SIGNED if all(_signed(t, today) for t in shown) and shown else ReviewState.DRAFT,
        left_out=len(shown) < 2 or len(signed_dates) < len(applying) or hours_left_out,
        discreet=options.discreet,
        bot_username=options.bot_username.lstrip("@"),
        deep_link=deep_link(options.bot_username, lang, category_id),
    )
    return _discreet(summary, pack, lang) if options.discreet else summary


def _applies(record: Deadline, today: date) -> bool:
    """A date on a card is one that applies: a rule in force now, or one still to come.
    Ended, replaced and suspended rules stay in the chat's history, not on a page people keep."""
    return record.is_coming(today) or record.rule is RuleStatus.IN_FORCE


def _date_line(record: Deadline, lang: Language, today: date) -> DateLine:
    return DateLine(record.date, record.title[lang], coming=record.is_coming(today) and record.date > today)


def _helpline(pack: ContentPack, contact: Contact, lang: Language, today: date, strict: bool) -> Helpline:
    """Organisation and numbers always; the hours (words of the contact's record) only if signed in strict mode."""
    hours = contact.hours[lang] if contact.hours else None
    if strict and not _record_signed(pack, f"contact:{contact.id}", lang, today):
        hours = None
    return Helpline(contact.organisation, contact.phones, hours)


def _record_signed(pack: ContentPack, record_id: str, lang: Language, today: date) -> bool:
    record = pack.record(record_id, lang.value)
    return record is not None and record.review.state_on(today) is ReviewState.SIGNED


def _signed(text: TopicText, today: date) -> bool:
    return text.review.state_on(today) is ReviewState.SIGNED


def _quotes(text: TopicText, selectors: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(q for q in (quote(text.body, s) for s in selectors) if q)


def _discreet(summary: CardSummary, pack: ContentPack, lang: Language) -> CardSummary:
    """No document name and no line with a word for deportation or police (`cards.yaml`)."""
    picks = pack.cards.picks[summary.category]
    words = [w.casefold() for w in (*pack.cards.discreet_avoid.get(lang, ()), *picks.name_words.get(lang, ()))]

    def harmless(line: str) -> bool:
        folded = line.casefold()
        return not any(word in folded for word in words)

    return replace(
        summary,
        title="",
        status=tuple(filter(harmless, summary.status)),
        todo=tuple(filter(harmless, summary.todo)),
        dates=tuple(d for d in summary.dates if harmless(d.text)),
    )
