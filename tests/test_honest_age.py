"""Honest about age and about rules: what a person reads once the pack is months old (issue 13, points 2-5).

Every test moves the clock; none reads today's date. The pack's as_of is 2026-03-11 and its review is
due 60 days later (2026-05-10).
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.content import ContentPack, RuleStatus, load_pack
from bot.content.age import pack_age
from bot.conversation import Pressed, Reply, UserState, step
from bot.conversation.context import Deployment
from bot.domain import Language
from bot.i18n.catalog import translator
from bot.i18n.dates import format_date
from tests.packs import REAL_PACK, copy_pack, edit, rahnama

# Sunday 6 December 2026, 23:00 in Karachi: months after the review was due, and at night.
LATE_NIGHT = datetime(2026, 12, 6, 18, 0, tzinfo=UTC)
# Monday 7 December 2026, 10:00 in Karachi.
MONDAY_MORNING = datetime(2026, 12, 7, 5, 0, tzinfo=UTC)
# The last day before the review is overdue, and the first day after it.
REVIEW_DUE = datetime(2026, 5, 10, 7, 0, tzinfo=UTC)
LANGS = [Language.ENGLISH, Language.DARI, Language.PASHTO]


def see(content: ContentPack, action: str, lang: Language, now: datetime, **state: object) -> Reply:
    deployment = state.pop("deployment", Deployment())
    _, replies = step(UserState(lang=lang, **state), Pressed(action), content, now, deployment=deployment)  # type: ignore[arg-type]
    (reply,) = replies
    return reply


def tr(lang: Language, message: str) -> str:
    return translator(lang).gettext(message)


def age_line(lang: Language, months: int) -> str:
    singular = "⚠️ This information is {n} month old. Check with free legal aid before you act."
    plural = "⚠️ This information is {n} months old. Check with free legal aid before you act."
    digits = (
        str(months) if lang is Language.ENGLISH else str(months).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    )
    return translator(lang).ngettext(singular, plural, months).format(n=digits)


# --- the age of the pack, a pure function ----------------------------------------------------------


def test_age_counts_days_and_whole_months_and_is_overdue_only_after_the_review_day() -> None:
    assert pack_age(date(2026, 3, 15), 60, date(2026, 5, 14)).months == 1
    assert pack_age(date(2026, 3, 15), 60, date(2026, 5, 15)).months == 2
    age = pack_age(date(2026, 3, 11), 60, date(2026, 12, 6))
    assert (age.days, age.months, age.review_due, age.overdue) == (270, 8, date(2026, 5, 10), True)
    assert not pack_age(date(2026, 3, 11), 60, date(2026, 5, 10)).overdue
    assert pack_age(date(2026, 3, 11), 60, date(2026, 5, 11)).overdue
    early = pack_age(date(2026, 3, 11), 60, date(2025, 3, 20))  # a clock behind the pack: not old at all
    assert (early.days, early.months, early.overdue) == (0, 0, False)


# --- point 3: every guidance answer, the deadlines and the card open with the age ------------------


@pytest.mark.parametrize("lang", LANGS)
def test_months_after_the_review_day_a_guidance_answer_opens_with_its_age(content: ContentPack, lang) -> None:
    reply = see(content, "go:topic:por:now", lang, LATE_NIGHT, category="por")
    first = reply.text.split("\n\n")[0]
    assert first == f"**{age_line(lang, 8)}**"
    assert {"en": "8 months old", "prs": "۸ ماه", "ps": "۸ میاشتې"}[lang.value] in first


@pytest.mark.parametrize("lang", LANGS)
def test_the_deadlines_screen_and_the_emergency_card_open_with_the_age_too(content: ContentPack, lang) -> None:
    for action in ("go:deadlines", "go:sos"):
        assert see(content, action, lang, LATE_NIGHT).text.startswith(f"**{age_line(lang, 8)}**"), action


def test_until_the_review_day_there_is_no_age_line_and_the_day_after_there_is(content: ContentPack) -> None:
    on_time = see(content, "go:topic:visa:now", Language.ENGLISH, REVIEW_DUE)
    assert "This information is" not in on_time.text
    late = see(content, "go:topic:visa:now", Language.ENGLISH, REVIEW_DUE + timedelta(days=1))
    assert late.text.startswith("**⚠️ This information is 2 months old.")  # 11 March to 11 May


# --- point 2: a rule that still applies is never "passed" -------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_por_holder_reads_that_deportation_is_in_force_since_1_september_2025(content: ContentPack, lang) -> None:
    reply = see(content, "go:deadlines", lang, LATE_NIGHT, category="por")
    since = tr(lang, "In force since {date}.").format(date=format_date(date(2025, 9, 1), lang))
    assert since in reply.text
    if lang is not Language.ENGLISH:  # both calendars: 1 September 2025 is 10 Sonbola (Wazhay) 1404
        assert "۲۰۲۵" in since and "(۱۰ " in since and "۱۴۰۴)" in since
    assert f"{tr(lang, 'Status:')} {tr(lang, 'passed')}" not in reply.text
    for record in content.deadlines:  # every one of them is past on this day, and none reads "passed on"
        assert tr(lang, "Passed on {date}.").format(date=format_date(record.date, lang)) not in reply.text


def test_each_rule_status_reads_as_what_it_means(content: ContentPack) -> None:
    reply = see(content, "go:deadlines", Language.ENGLISH, LATE_NIGHT)
    assert "In force since 1 September 2025." in reply.text  # PoR deportation
    assert "In force since 31 December 2024." in reply.text  # the Islamabad NOC
    assert "Ended on 30 June 2025." in reply.text  # PoR cards' validity
    assert "Replaced by a later rule (its date: 31 March 2025)." in reply.text  # leave the twin cities
    assert "Status:" not in reply.text  # no date counts down any more


def test_a_deadline_still_ahead_counts_down_even_with_its_rule_stated(content: ContentPack) -> None:
    reply = see(content, "go:deadlines", Language.ENGLISH, datetime(2025, 3, 20, 7, 0, tzinfo=UTC), category="acc")
    assert "11 days left" in reply.text  # 31 March 2025, from 20 March


def test_the_pack_says_for_every_past_deadline_whether_its_rule_applies(content: ContentPack) -> None:
    assert all(d.rule is not None for d in content.deadlines if d.date < content.as_of)
    rules = {d.id: d.rule for d in content.deadlines}
    assert rules["islamabad-noc-2024-12-31"] is RuleStatus.IN_FORCE
    assert rules["visa-overstay-charges-2023-01-01"] is RuleStatus.IN_FORCE
    assert rules["por-deportation-2025-09-01"] is RuleStatus.IN_FORCE


def test_content_check_refuses_a_past_date_that_does_not_say_if_its_rule_applies(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = copy_pack(tmp_path)
    edit(root / "deadlines.yaml", "  status: passed\n  rule: ended\n", "  status: passed\n")
    code, out = rahnama(monkeypatch, capsys, root, "content", "check", "--on", "2026-12-06")
    assert code == 1
    assert "por-validity-2025-06-30: its date 2025-06-30 is past; say whether the rule behind it still applies" in out
    code, out = rahnama(monkeypatch, capsys, root, "content", "check", "--on", "2025-06-01")
    assert code == 0, out  # a date still ahead needs no verdict yet


# --- point 3 for editors: check warns, status shows the age --------------------------------------------


def test_content_check_warns_but_passes_once_the_review_is_overdue(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out = rahnama(monkeypatch, capsys, REAL_PACK, "content", "check", "--on", "2026-12-06")
    assert code == 0, out
    assert (
        "note: pack.yaml: the information is 270 days old (as_of 2026-03-11); its review was due on 2026-05-10" in out
    )
    code, out = rahnama(monkeypatch, capsys, REAL_PACK, "content", "check", "--on", "2026-04-01")
    assert code == 0 and "days old" not in out


def test_content_status_shows_the_age_in_the_table_and_in_json(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    root = REAL_PACK
    code, out = rahnama(monkeypatch, capsys, root, "content", "status", "--on", "2026-12-06")
    assert code == 0
    assert out.splitlines()[-1].startswith(
        "Information as of 2026-03-11: 270 days (8 months) old on 2026-12-06; OVERDUE"
    )
    code, out = rahnama(monkeypatch, capsys, root, "content", "status", "--json", "--on", "2026-12-06")
    records = json.loads(out)
    assert records[0]["pack_age"] == {
        "as_of": "2026-03-11", "age_days": 270, "months": 8, "review_every_days": 60,
        "review_due": "2026-05-10", "overdue": True,
    }  # fmt: skip


# --- point 4: reminders say what they can -------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_reminders_for_a_document_with_no_coming_date_say_so_and_promise_no_countdown(
    content: ContentPack, lang: Language
) -> None:
    reply = see(content, "go:sub:por", lang, LATE_NIGHT, category="por")
    no_date = tr(lang, "No date is announced for this document now; we will write if one is.")
    countdown = tr(lang, "- A short reminder {days} days before each deadline for this document.").split("{")[0]
    assert no_date in reply.text and countdown not in reply.text
    assert reply.text.index(no_date) < reply.text.index(
        tr(lang, "You can stop at any time with /stop. Do you want these reminders?")
    )
    assert reply.all_buttons[0].action == "do:sub:por"  # still asks


def test_reminders_for_a_document_with_a_coming_date_promise_the_countdown(content: ContentPack) -> None:
    reply = see(content, "go:sub:acc", Language.ENGLISH, datetime(2025, 3, 20, 7, 0, tzinfo=UTC), category="acc")
    assert "A short reminder 30, 7, 1 days before each deadline" in reply.text
    assert "No date is announced" not in reply.text


# --- point 5: the emergency card answers now ----------------------------------------------------------


def numbers_on(card: Reply) -> list[str]:
    """The 📞 lines of the card with the line under each (its hours and age), in order."""
    lines = card.text.splitlines()
    return [f"{line}\n{lines[i + 1]}" for i, line in enumerate(lines) if line.startswith("📞")]


def test_at_night_the_closed_line_comes_last_marked_closed_and_no_complaint_line(content: ContentPack) -> None:
    card = see(content, "go:sos", Language.ENGLISH, LATE_NIGHT)
    numbers = numbers_on(card)
    assert numbers and "0800-70806" in numbers[-1]
    assert "Closed now. Hours: 9 am to 5 pm" in numbers[-1]
    assert all("Hours unknown." in n for n in numbers[:-1])
    assert all("Number last confirmed: " in n for n in numbers)
    assert not any("0330-000-7072" in n for n in numbers)  # SHARP's complaint line is no help in a hurry
    assert "Number last confirmed: 24 September 2022." in numbers[-1]


def test_in_the_morning_the_nationwide_line_comes_first_as_maybe_open(content: ContentPack) -> None:
    numbers = numbers_on(see(content, "go:sos", Language.ENGLISH, MONDAY_MORNING))
    assert "0800-70806" in numbers[0]
    assert "May be open now (9 am to 5 pm" in numbers[0]


def test_a_24_7_line_comes_first_and_an_open_line_before_unknown_hours(tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    edit(
        root / "contacts.yaml",
        'opening_hours: {hours: "09:00-17:00"}',
        'opening_hours: {hours: "09:00-17:00", days: Mon-Sat}',
    )
    edit(
        root / "contacts.yaml",
        '    phones: ["0342 270 4888"]\n    opening_hours: unknown',
        '    phones: ["0342 270 4888"]\n    opening_hours: 24/7',
    )
    numbers = numbers_on(see(load_pack(root), "go:sos", Language.ENGLISH, MONDAY_MORNING))
    assert "0342 270 4888" in numbers[0] and "Answers 24 hours, every day." in numbers[0]
    assert "0800-70806" in numbers[1] and "Open now (9 am to 5 pm" in numbers[1]
    assert "Hours unknown." in numbers[2]


@pytest.mark.parametrize("lang", [Language.DARI, Language.PASHTO])
def test_the_card_in_dari_and_pashto_says_when_each_number_answers_and_how_old_it_is(
    content: ContentPack, lang
) -> None:
    numbers = numbers_on(see(content, "go:sos", lang, LATE_NIGHT))
    confirmed = tr(lang, "Number last confirmed: {date}.").split("{")[0]
    assert all(confirmed in n for n in numbers)
    assert tr(lang, "Closed now. Hours: {hours}.").split("{")[0] in numbers[-1]
    assert tr(lang, "Hours unknown.") in numbers[0]


def test_a_range_of_lines_is_shown_as_the_numbers_it_stands_for(content: ContentPack) -> None:
    card = see(content, "go:sos", Language.ENGLISH, LATE_NIGHT)
    assert "03000544491 to 03000544498 (8 numbers)" in card.text and "03000544491-8" not in card.text


def test_in_strict_mode_the_card_lists_the_numbers_once(content: ContentPack) -> None:
    card = see(content, "go:sos", Language.ENGLISH, LATE_NIGHT, deployment=Deployment(strict=True))
    assert "This answer is being reviewed and cannot be shown yet." in card.text
    assert "For free legal help now:" not in card.text and card.text.count("0800-70806") == 1


def test_the_emergency_essentials_come_before_the_rights_text_when_the_pack_has_them(tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    essentials = root / "topics" / "emergency-essentials"
    shutil.rmtree(essentials, ignore_errors=True)  # ours, whether or not the pack already has one
    essentials.mkdir()
    for name in ("meta.yaml", "en.md", "prs.md", "ps.md"):
        (essentials / name).write_bytes((root / "topics" / "rights-police" / name).read_bytes())
    rights_title = load_pack(root).topic("rights-police").text("en").title
    edit(essentials / "en.md", f'title: "{rights_title}"', 'title: "What to say and what not to sign"')
    card = see(load_pack(root), "go:sos", Language.ENGLISH, LATE_NIGHT)
    assert card.text.index("**What to say and what not to sign**") < card.text.index(f"**{rights_title}**")
    assert [topic for topic, _sha in card.shown] == ["emergency-essentials", "rights-police"]
