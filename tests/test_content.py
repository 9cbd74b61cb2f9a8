"""The content pack: the real one loads and says what it must; every kind of broken pack is refused
with a problem that names the file and what is wrong."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from bot.content import ContentError, ContentPack, DeadlineStatus, load_pack
from bot.domain import CATEGORIES, LANGUAGES, DocumentCategory, Language

REAL_PACK = Path(__file__).resolve().parent.parent / "content"
AS_OF = date(2026, 3, 11)


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_pack(REAL_PACK)


# --- the real pack -----------------------------------------------------------------------------


def test_real_pack_has_every_category_in_menu_order_in_all_three_languages(pack: ContentPack) -> None:
    assert pack.as_of == AS_OF
    assert set(pack.languages) == set(LANGUAGES)
    assert tuple(c.id for c in pack.categories) == CATEGORIES
    for category in pack.categories:
        for lang in LANGUAGES:
            assert category.name[lang].strip()
            assert 0 < len(category.label[lang]) <= 30
        assert set(category.topics) == {"now", "todo", "rights"}
        for topic_id in category.topics.values():
            topic = pack.topic(topic_id)
            assert topic is not None, topic_id
            assert set(topic.texts) == {lang.value for lang in LANGUAGES}
            for lang in LANGUAGES:
                text = topic.text(lang)
                assert text.title and text.body
                assert text.lang is lang


def test_every_category_shares_the_police_rights_topic(pack: ContentPack) -> None:
    assert {c.topics["rights"] for c in pack.categories} == {"rights-police"}
    assert [c.topics["now"] for c in pack.categories] == [f"{c.value}-now" for c in DocumentCategory]
    assert [c.topics["todo"] for c in pack.categories] == [f"{c.value}-todo" for c in DocumentCategory]


def test_about_and_contacts_note_topics_exist(pack: ContentPack) -> None:
    for topic_id in ("about", "contacts-note"):
        assert pack.topic(topic_id) is not None
    assert pack.topic("no-such-topic") is None


def test_dari_and_pashto_texts_are_labelled_draft_translations(pack: ContentPack) -> None:
    for topic in pack.topics.values():
        assert topic.text(Language.ENGLISH).translation == "source"
        assert topic.text(Language.DARI).translation == "draft"
        assert topic.text(Language.PASHTO).translation == "draft"


def test_texts_record_their_file_and_its_hash(pack: ContentPack) -> None:
    text = pack.topic("por-now").text("prs")
    assert str(text.path) == "topics/por-now/prs.md"
    assert text.sha256 == hashlib.sha256((REAL_PACK / text.path).read_bytes()).hexdigest()


def test_real_bodies_stay_short_enough_for_one_telegram_message(pack: ContentPack) -> None:
    for topic in pack.topics.values():
        for text in topic.texts.values():
            assert len(text.body) < 2500, text.path


def test_every_topic_cites_sources_checked_by_the_pack_date(pack: ContentPack) -> None:
    for topic in pack.topics.values():
        assert topic.sources, topic.id
        assert topic.as_of <= pack.as_of
        for source in topic.sources:
            assert source.url.startswith(("https://", "http://"))
            assert source.date is not None or source.approx


def test_rights_topic_states_article_10_and_the_holding_centre_caution(pack: ContentPack) -> None:
    body = pack.topic("rights-police").text("en").body
    assert "Article 10" in body
    assert "24 hours" in body
    assert "preventive detention" in body
    assert "holding centres" in body
    assert "not legal advice" in body


def test_about_says_not_legal_advice_and_never_asks_for_money(pack: ContentPack) -> None:
    body = pack.topic("about").text("en").body
    assert "not legal advice" in body
    assert "never ask you for money" in body
    assert "@unhcr.org" in body


# --- deadlines ---------------------------------------------------------------------------------


def test_deadlines_for_por_are_sorted_by_date(pack: ContentPack) -> None:
    deadlines = pack.deadlines_for("por")
    assert [d.date for d in deadlines] == sorted(d.date for d in deadlines)
    assert [d.id for d in deadlines] == [
        "islamabad-noc-2024-12-31",
        "por-validity-2025-06-30",
        "por-deportation-2025-09-01",
        "ajk-leave-2025-11-18",
    ]
    assert pack.deadlines_for(DocumentCategory.POR) == deadlines
    # deadlines.yaml lists the 2023-01-01 overstay rule after the 2023-10-31 deadline: sorting matters.
    visa = pack.deadlines_for("visa")
    assert [d.id for d in visa][:2] == ["visa-overstay-charges-2023-01-01", "undocumented-leave-2023-10-31"]
    assert [d.date for d in visa] == sorted(d.date for d in visa)


def test_por_validity_history_shows_each_extension(pack: ContentPack) -> None:
    validity = next(d for d in pack.deadlines if d.id == "por-validity-2025-06-30")
    assert validity.date == date(2025, 6, 30)
    statuses = [change.status for change in validity.history]
    assert statuses.count(DeadlineStatus.EXTENDED) == 3
    assert statuses[-1] is DeadlineStatus.PASSED
    assert [c.date for c in validity.history] == sorted(c.date for c in validity.history)


def test_every_deadline_has_a_dated_source_and_all_have_passed_by_the_pack_date(pack: ContentPack) -> None:
    assert len(pack.deadlines) >= 5
    for deadline in pack.deadlines:
        assert deadline.sources
        assert all(s.date is not None and s.url.startswith("http") for s in deadline.sources)
        assert deadline.is_passed(AS_OF)
        assert deadline.status is DeadlineStatus.PASSED


def test_resettlement_deadline_title_admits_the_conflict(pack: ContentPack) -> None:
    titles = [d.title["en"] for d in pack.deadlines_for("resettlement")]
    assert any("conflict" in t and "30 June 2025" in t for t in titles)


def test_days_left_counts_down_to_zero_then_negative(pack: ContentPack) -> None:
    deadline = next(d for d in pack.deadlines if d.id == "por-deportation-2025-09-01")
    assert deadline.days_left(date(2025, 8, 31)) == 1
    assert deadline.days_left(date(2025, 9, 1)) == 0
    assert not deadline.is_passed(date(2025, 9, 1))
    assert deadline.days_left(date(2025, 9, 2)) == -1
    assert deadline.is_passed(date(2025, 9, 2))


# --- contacts ----------------------------------------------------------------------------------


def test_contacts_in_kp_include_nationwide_ones(pack: ContentPack) -> None:
    ids = [c.id for c in pack.contacts_in("kp")]
    assert "unhcr-helpline-kp" in ids
    assert "marsata-helpline" in ids
    assert "legal-aid-society" in ids  # nationwide
    assert "unhcr-helpline-sindh" not in ids
    nationwide = {c.id for c in pack.contacts if "nationwide" in c.regions}
    assert nationwide and nationwide <= set(ids)


def test_contacts_in_unknown_region_is_empty(pack: ContentPack) -> None:
    assert pack.contacts_in("gilgit") == []
    assert pack.region("kp") is not None
    assert pack.region("gilgit") is None


def test_contacts_keep_numbers_exactly_as_the_sources_write_them(pack: ContentPack) -> None:
    by_id = {c.id: c for c in pack.contacts}
    assert by_id["legal-aid-society"].phones == ("0800-70806",)
    assert by_id["legal-aid-society"].hours is not None
    assert by_id["marsata-helpline"].phones == ("0800-02828",)
    assert by_id["unhcr-helpline-kp"].phones == ("0300 858 5600", "03000544491-8")
    assert by_id["seher"].phones == ()


def test_helpline_number_conflict_stays_visible_in_every_language(pack: ContentPack) -> None:
    helpline = next(c for c in pack.contacts if c.id == "unhcr-helpline-punjab-ict")
    assert helpline.phones == ("0300 501 8568",)
    for lang in LANGUAGES:
        assert "0300 501 8698" in helpline.description[lang]
        note = pack.topic("contacts-note").text(lang).body
        assert "0300 501 8568" in note and "0300 501 8698" in note


def test_old_contacts_are_marked_stale(pack: ContentPack) -> None:
    for contact in pack.contacts:
        assert contact.stale, contact.id  # each last confirmed over a year before 2026-03-11, or undated


# --- immutability ------------------------------------------------------------------------------


def test_pack_and_everything_in_it_is_immutable(pack: ContentPack) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        pack.as_of = date(2030, 1, 1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        pack.topics["new"] = pack.topic("about")  # type: ignore[index]
    category = pack.category("por")
    assert category is not None
    with pytest.raises(TypeError):
        category.name["en"] = "changed"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        category.label = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        pack.topic("about").texts["en"] = None  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        pack.deadlines[0].history[0].note = {}  # type: ignore[misc]
    assert isinstance(pack.categories, tuple)
    assert isinstance(pack.contacts[0].phones, tuple)


def test_content_code_imports_no_transport_or_storage() -> None:
    code = (
        "import sys, bot.content; "
        "bad = [m for m in sys.modules if m.split('.')[0] in {'telegram', 'redis', 'fastapi'}"
        " or m.startswith('bot.conversation')]; print(bad)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- broken packs ------------------------------------------------------------------------------


def copy_pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(REAL_PACK, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_pack(root)
    assert caught.value.problems
    return [str(p) for p in caught.value.problems]


def remove_file(rel: str) -> Callable[[Path], None]:
    return lambda root: (root / rel).unlink()


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda root: edit(root / rel, old, new)


BROKEN = {
    "missing translation": (
        remove_file("topics/por-now/ps.md"),
        "topics/por-now/ps.md: missing",
    ),
    "missing topic": (
        lambda root: shutil.rmtree(root / "topics" / "visa-todo"),
        "categories.yaml: visa.topics.todo: no topic directory topics/visa-todo/",
    ),
    "missing required about topic": (
        lambda root: shutil.rmtree(root / "topics" / "about"),
        "topics/about/: missing",
    ),
    "missing category": (
        replace("categories.yaml", "- id: asylum", "- id: resettlement"),
        "categories missing from the menu: asylum",
    ),
    "unknown category in a deadline": (
        replace("deadlines.yaml", "categories: [por]", "categories: [por, refugee]"),
        "deadlines.yaml: [6] por-validity-2025-06-30.categories[1]: 'refugee' is not one of",
    ),
    "unknown category id in the menu": (
        replace("categories.yaml", "- id: visa", "- id: tourist"),
        "categories.yaml: [2].id: 'tourist' is not one of",
    ),
    "deadline without sources": (
        replace(
            "deadlines.yaml",
            "  sources:\n    - url: https://www.nation.com.pk/30-Dec-2022/overstaying-foreigners-to-face-penalties-from-jan-01\n"
            "      title: The Nation, Overstaying foreigners to face penalties from Jan 01\n"
            "      date: 2022-12-30\n"
            "    - url: https://www.brecorder.com/news/40217453/amnesty-for-illegal-foreigners-in-pakistan-to-end-on-31st\n"
            "      title: Business Recorder, Amnesty for illegal foreigners in Pakistan to end on 31st\n"
            "      date: 2022-12-30\n",
            "",
        ),
        "deadlines.yaml: [1] visa-overstay-charges-2023-01-01: missing key 'sources'",
    ),
    "deadline with an empty source list": (
        replace(
            "deadlines.yaml",
            "  sources:\n    - url: https://www.nation.com.pk/27-Nov-2024/",
            "  sources: []\n  old_sources:\n    - url: https://www.nation.com.pk/27-Nov-2024/",
        ),
        "deadlines.yaml: [2] islamabad-noc-2024-12-31.sources: the list is empty",
    ),
    "deadline source without a date": (
        replace("deadlines.yaml", "      date: 2022-12-30\n", "      date: null\n"),
        "deadlines.yaml: [1] visa-overstay-charges-2023-01-01.sources[0].date: a date is required",
    ),
    "deadline source that is not a URL": (
        replace(
            "deadlines.yaml",
            "url: https://www.nation.com.pk/30-Dec-2022/overstaying-foreigners-to-face-penalties-from-jan-01",
            "url: The Nation, page 3",
        ),
        "sources[0].url: 'The Nation, page 3' is not an http(s) URL",
    ),
    "bad date": (
        replace("deadlines.yaml", "date: 2025-06-30", "date: 2025-06-31"),
        "deadlines.yaml: [6] por-validity-2025-06-30.date: '2025-06-31' is not a valid date (YYYY-MM-DD)",
    ),
    "date in another format": (
        replace("pack.yaml", "as_of: 2026-03-11", "as_of: 21/01/2026"),
        "pack.yaml: as_of: '21/01/2026' is not a valid date",
    ),
    "unknown deadline status": (
        replace("deadlines.yaml", "status: passed", "status: expired"),
        "status: 'expired' is not one of: announced, extended, passed, suspended",
    ),
    "status that contradicts the date": (
        replace(
            "deadlines.yaml",
            "  date: 2023-10-31\n  status: passed",
            "  date: 2023-10-31\n  status: announced",
        ),
        "'announced' but the date 2023-10-31 is before the pack's as_of",
    ),
    "heading in Markdown": (
        replace("topics/acc-now/en.md", "_Information as of", "# ACC\n\n_Information as of"),
        "topics/acc-now/en.md: body: line 4: heading is not allowed",
    ),
    "table in Markdown": (
        replace(
            "topics/acc-now/en.md",
            "_Information as of",
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n_Information as of",
        ),
        "table is not allowed",
    ),
    "image in Markdown": (
        replace(
            "topics/acc-now/en.md",
            "_Information as of",
            "![map](https://example.org/m.png)\n\n_Information as of",
        ),
        "image is not allowed",
    ),
    "raw HTML in Markdown": (
        replace("topics/acc-now/en.md", "_Information as of", "<b>ACC</b> _Information as of"),
        "raw HTML is not allowed",
    ),
    "code block in Markdown": (
        replace("topics/acc-now/en.md", "_Information as of", "```\ncode\n```\n\n_Information as of"),
        "code block is not allowed",
    ),
    "numbered list in Markdown": (
        replace("topics/acc-now/en.md", "_Information as of", "1. first\n2. second\n\n_Information as of"),
        "numbered list",
    ),
    "link that is not https": (
        replace("topics/about/en.md", "](https://help.unhcr.org", "](http://help.unhcr.org"),
        "links must start with https://",
    ),
    "body too long": (
        replace("topics/acc-now/en.md", "_Information as of", "word " * 800 + "\n\n_Information as of"),
        "characters, at most 3500 allowed",
    ),
    "empty body": (
        lambda root: (root / "topics/acc-now/en.md").write_text('---\ntitle: "ACC"\n---\n\n', encoding="utf-8"),
        "topics/acc-now/en.md: body: the text is empty",
    ),
    "no front matter": (
        replace("topics/acc-now/prs.md", "---\ntitle:", "title:"),
        "topics/acc-now/prs.md: must start with front matter",
    ),
    "missing title": (
        replace("topics/acc-now/prs.md", 'title: "کارت ACC: اکنون چه معنا دارد"\n', ""),
        "topics/acc-now/prs.md: front matter: missing key 'title'",
    ),
    "translation not labelled": (
        replace("topics/acc-now/ps.md", "translation: draft\n", ""),
        "topics/acc-now/ps.md: translation: missing",
    ),
    "missing language in a localised mapping": (
        replace("categories.yaml", "    ps: د PoR کارت\n", ""),
        "categories.yaml: [0] por.label: missing key 'ps'",
    ),
    "button label too long": (
        replace("categories.yaml", "    en: PoR card\n", "    en: Proof of Registration card holders\n"),
        "por.label.en: 34 characters, at most 30 allowed",
    ),
    "unknown key": (
        replace("contacts.yaml", "    stale: true\n", "    stale: true\n    colour: red\n"),
        "contacts.yaml: contacts[0] unhcr-helpline-kp: unknown key 'colour'",
    ),
    "unknown region": (
        replace("contacts.yaml", "regions: [kp]", "regions: [gilgit]"),
        "contacts.yaml: contacts[0] unhcr-helpline-kp.regions[0]: unknown region 'gilgit'",
    ),
    "phone not quoted (YAML reads it as a number)": (
        replace("contacts.yaml", '"03331511636"', "03331511636"),
        "phones[1]: write the number in quotes",
    ),
    "phone with letters": (
        replace("contacts.yaml", '"0342 270 4888"', '"0342 270 4888 ext 2"'),
        "may only contain digits, spaces, +, - and /",
    ),
    "contact without a source": (
        replace(
            "contacts.yaml",
            "    source:\n      url: https://www.nation.com.pk/09-Dec-2023/toll-free-helpline-marsata-launched-for-displaced-afghans\n"
            '      title: The Nation, Toll-free helpline "Marsata" launched for displaced Afghans\n'
            "      date: 2023-12-09\n",
            "",
        ),
        "contacts.yaml: contacts[12] marsata-helpline: missing key 'source'",
    ),
    "stale flag that contradicts the source date": (
        replace(
            "contacts.yaml",
            "    confirmed: 2023-12-09\n    stale: true",
            "    confirmed: 2023-12-09\n    stale: false",
        ),
        "marsata-helpline.stale: should be true",
    ),
    "phone number in a text that no contact carries": (
        replace("topics/rights-police/en.md", "0800-70806", "0800-70807"),
        "topics/rights-police/en.md: phone number '0800-70807' is not in contacts.yaml",
    ),
    "Arabic-Indic digits in Dari": (
        replace("topics/acc-now/prs.md", "۲۰۲۶", "٢٠٢٦"),
        "uses Arabic-Indic digits",
    ),
    "ASCII digits in Dari running text": (
        replace("topics/acc-now/prs.md", "۲۰۲۶", "2026"),
        "topics/acc-now/prs.md: body: ASCII digits in running text (2026)",
    ),
    "phone number written in Persian digits": (
        replace("topics/rights-police/prs.md", "0800-70806", "۰۸۰۰-۷۰۸۰۶"),
        "keep phone numbers in ASCII digits",
    ),
    "Pashto letters in a Dari text": (
        replace("topics/acc-now/prs.md", "کارت هویت", "کارت هویت ګ"),
        "uses Pashto letters in Dari text",
    ),
    "Persian gaf in Pashto": (
        replace("topics/acc-now/ps.md", "اګست", "اگست"),
        "uses Persian گ; write Pashto ګ",
    ),
    "unexpected file in a topic": (
        lambda root: (root / "topics/acc-now/fa.md").write_text("x", encoding="utf-8"),
        "topics/acc-now/fa.md: unexpected file",
    ),
    "invalid YAML": (
        replace("deadlines.yaml", "- id: visa-overstay-charges-2023-01-01", "- id: [unclosed"),
        "deadlines.yaml: not valid YAML",
    ),
    "missing languages in pack.yaml": (
        replace("pack.yaml", "languages: [prs, ps, en]", "languages: [en]"),
        "pack.yaml: languages: every language is required; missing: prs, ps",
    ),
    "unknown rule status": (
        replace("deadlines.yaml", "rule: superseded", "rule: over"),
        "resettlement-leave-twin-cities-2025-03-31.rule: 'over' is not one of: in-force, suspended, superseded, ended",
    ),
    "a rule in force from a day after the pack's date": (
        replace("pack.yaml", "as_of: 2026-03-11", "as_of: 2025-12-01"),
        "germany-cases-2025-12-31.rule: 'in-force' but its date 2025-12-31 is after the pack's as_of 2025-12-01",
    ),
    "review interval that is no number of days": (
        replace("pack.yaml", "review_every_days: 60", "review_every_days: soon"),
        "pack.yaml: review_every_days: expected a whole number of days between 1 and 366, got 'soon'",
    ),
    "contact kind that does not exist": (
        replace("contacts.yaml", "kind: complaint", "kind: hotline"),
        "sharp-complaint.kind: 'hotline' is not one of: legal-aid, protection, voluntary-return",
    ),
    "contact without opening hours": (
        replace("contacts.yaml", '    opening_hours: {hours: "09:00-17:00"}  # the source gives no days\n', ""),
        "legal-aid-society: missing key 'opening_hours'",
    ),
    "opening hours that close before they open": (
        replace("contacts.yaml", 'opening_hours: {hours: "09:00-17:00"}', 'opening_hours: {hours: "17:00-09:00"}'),
        "legal-aid-society.opening_hours: opening hours '17:00-09:00': closing time must be after opening time",
    ),
    "opening hours without the hours written in every language": (
        replace(
            "contacts.yaml",
            '    phones: ["0330-000-7072"]\n    opening_hours: unknown',
            '    phones: ["0330-000-7072"]\n    opening_hours: {hours: "09:00-17:00", days: Mon-Fri}',
        ),
        "sharp-complaint.hours: the source gives hours: write them in every language too",
    ),
    "confirmed on a day none of its sources carries": (
        replace("contacts.yaml", "    confirmed: 2023-12-09", "    confirmed: 2024-01-05"),
        "marsata-helpline.confirmed: 2024-01-05 is the date of none of this contact's sources",
    ),
    "source newer than the pack date": (
        replace("pack.yaml", "as_of: 2026-03-11", "as_of: 2025-12-31"),
        "is after the pack's as_of 2025-12-31",
    ),
}


@pytest.mark.parametrize("breakage", list(BROKEN), ids=list(BROKEN))
def test_broken_pack_is_refused_with_a_problem_naming_file_and_fault(tmp_path: Path, breakage: str) -> None:
    break_it, expected = BROKEN[breakage]
    root = copy_pack(tmp_path)
    load_pack(root)  # the copy is sound before we break it
    break_it(root)
    problems = problems_of(root)
    assert any(expected in p for p in problems), "\n".join(problems)


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    (root / "topics/por-now/ps.md").unlink()
    edit(root / "deadlines.yaml", "status: passed", "status: expired")
    edit(root / "topics/acc-now/en.md", "_Information as of", "# ACC\n\n_Information as of")
    edit(root / "contacts.yaml", "regions: [kp]", "regions: [gilgit]")
    problems = problems_of(root)
    files = {p.split(":")[0] for p in problems}
    assert {"topics/por-now/ps.md", "deadlines.yaml", "topics/acc-now/en.md", "contacts.yaml"} <= files
    assert len(problems) == 4, "\n".join(problems)


def test_content_error_message_lists_the_problems(tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    (root / "topics/por-now/ps.md").unlink()
    with pytest.raises(ContentError, match=r"1 problem\(s\):\n- topics/por-now/ps.md: missing"):
        load_pack(root)


def test_missing_pack_directory_is_a_content_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="not a directory"):
        load_pack(tmp_path / "nowhere")
