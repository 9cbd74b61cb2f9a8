"""`rahnama content check` and `content diff`: the real pack passes; each kind of fault in a copy of it
fails the check with a problem that names the file and the fault."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from bot.content import load_pack
from bot.content.links import url_problem
from bot.content.phones import phone_problem
from tests.packs import REAL_PACK, copy_pack, edit, rahnama, sign

LOCALES = REAL_PACK.parent / "locales"


def check(monkeypatch, capsys, root: Path, *extra: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    return rahnama(monkeypatch, capsys, root, "content", "check", *extra)


def test_real_pack_passes_the_check(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out = check(monkeypatch, capsys, REAL_PACK)
    assert code == 0, out
    assert "content check: ok" in out


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda root: edit(root / rel, old, new)


FAULTS: dict[str, tuple[Callable[[Path], None], str]] = {
    "schema: unknown key": (
        replace("contacts.yaml", "    stale: true\n", "    stale: true\n    colour: red\n"),
        "contacts.yaml: contacts[0] unhcr-helpline-kp: unknown key 'colour'",
    ),
    "a topic missing in Pashto": (
        lambda root: (root / "topics/voluntary-return/ps.md").unlink(),
        "topics/voluntary-return/ps.md: missing",
    ),
    "placeholder in a guidance text": (
        replace("topics/por-now/en.md", "The card was extended", "TODO check. The card was extended"),
        "topics/por-now/en.md: body: placeholder left in the text: TODO",
    ),
    "template field in a deadline note": (
        replace(
            "deadlines.yaml", "Interior Minister Mohsin Naqvi announced the rule.", "The {minister} announced the rule."
        ),
        "deadlines.yaml: islamabad-noc-2024-12-31.history[0].note.en: placeholder left in the text: {minister}",
    ),
    "malformed phone number in contacts": (
        replace("contacts.yaml", '"0342 270 4888"', '"0342 270 488"'),
        "contacts.yaml: unhcr-helpline-sindh.phones[0]: '0342 270 488' is not a valid Pakistani phone number",
    ),
    "phone range that runs backwards": (
        replace("contacts.yaml", '"0300 858 5600", "03000544491-8"', '"0300 858 5600", "03000544491-0"'),
        "unhcr-helpline-kp.phones[1]: '03000544491-0': the range must end after …1",
    ),
    "foreign number": (
        replace("contacts.yaml", '"0333 781 9601", "+923330792969"', '"0333 781 9601", "+44 20 7946 0958"'),
        "unhcr-quetta-sub-office.phones[1]: '+44 20 7946 0958' is not a valid Pakistani phone number",
    ),
    "malformed number in a contact description": (
        replace("contacts.yaml", "gives 0300 501 8698 instead", "gives 0300 501 869 instead"),
        "contacts.yaml: unhcr-helpline-punjab-ict.description.en: '0300 501 869' is not a valid Pakistani",
    ),
    "malformed source URL": (
        replace(
            "topics/official-channels/meta.yaml",
            "https://help.unhcr.org/pakistan/new-arrivals/",
            "https://help..unhcr.org/pakistan/new-arrivals/",
        ),
        "topics/official-channels/meta.yaml: sources[1].url: 'https://help..unhcr.org/pakistan/new-arrivals/'",
    ),
    "URL with a bad port in a text": (
        replace(
            "topics/contacts-note/en.md", "https://help.unhcr.org/pakistan/", "https://help.unhcr.org:99999/pakistan/"
        ),
        "topics/contacts-note/en.md: body: 'https://help.unhcr.org:99999/pakistan/': the port is not valid",
    ),
    "deadline change without a source date": (
        replace("deadlines.yaml", "        date: 2024-11-27\n", "        date: null\n"),
        "deadlines.yaml: [2] islamabad-noc-2024-12-31.history[0].source.date: a date is required",
    ),
    "deadline without any history": (
        lambda root: edit(root / "deadlines.yaml", _noc_history(root), "  history: []\n"),
        "deadlines.yaml: islamabad-noc-2024-12-31.history: empty; record at least the announcement",
    ),
    "contact source without a URL": (
        replace(
            "contacts.yaml",
            "      url: https://www.nation.com.pk/09-Dec-2023/toll-free-helpline-marsata-launched-for-displaced-afghans\n",
            "",
        ),
        "contacts.yaml: contacts[12] marsata-helpline.source: missing key 'url'",
    ),
    "contact source without a date": (
        replace("contacts.yaml", "      date: 2023-12-09\n", "      date: null\n"),
        "marsata-helpline.source.date: undated source: add `approx`",
    ),
    "guidance text too long for one Telegram message": (
        # Under the loader's 3,500 characters, but every "&" is five characters of HTML.
        lambda root: (root / "topics/visa-todo/en.md").write_text(
            '---\ntitle: "Pakistani visa: what you can do"\n---\n' + "a & b & c & " * 280 + "\n", encoding="utf-8"
        ),
        "topics/visa-todo/en.md: title, body and label make",
    ),
    "button title too long": (
        replace(
            "topics/official-channels/prs.md",
            'title: "راه‌های رسمی و فریب"',
            'title: "' + "راه‌های رسمی و فریب " * 3 + '"',
        ),
        "topics/official-channels/prs.md: title: 59 characters; a button shows at most 40",
    ),
    "further topic that does not exist": (
        replace(
            "categories.yaml", "more: [law-and-protection, official-channels]", "more: [law-and-protection, visas-2026]"
        ),
        "categories.yaml: visa.more: no topic directory topics/visas-2026/",
    ),
    "translation labelled reviewed without a language sign-off": (
        replace("topics/acc-now/ps.md", "translation: draft", "translation: reviewed"),
        "topics/acc-now/ps.md: translation: reviewed, but no language sign-off names this file",
    ),
}


def _noc_history(root: Path) -> str:
    text = (root / "deadlines.yaml").read_text(encoding="utf-8")
    start = text.index("  history:\n", text.index("- id: islamabad-noc-2024-12-31"))
    return text[start : text.index("\n- id:", start) + 1]


@pytest.mark.parametrize("fault", list(FAULTS), ids=list(FAULTS))
def test_check_fails_on_each_kind_of_fault(monkeypatch, capsys, tmp_path: Path, fault: str) -> None:  # type: ignore[no-untyped-def]
    break_it, expected = FAULTS[fault]
    root = copy_pack(tmp_path)
    assert check(monkeypatch, capsys, root)[0] == 0  # the copy is sound before we break it
    break_it(root)
    code, out = check(monkeypatch, capsys, root)
    assert code == 1, out
    assert expected in out, out


def test_check_fails_on_an_expired_review(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "about", "en", "legal", "--on", "2026-02-01", "--review-by", "2026-03-01")
    assert check(monkeypatch, capsys, root, "--on", "2026-03-01")[0] == 0
    code, out = check(monkeypatch, capsys, root, "--on", "2026-03-02")
    assert code == 1 and "topics/about/en.md: review expired on 2026-03-01" in out


def test_a_stale_review_is_a_note_not_a_failure(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "about", "en", "legal", "--on", "2026-02-01")
    edit(root / "topics/about/en.md", "We never ask you for money.", "We never ask anyone for money.")
    code, out = check(monkeypatch, capsys, root, "--on", "2026-02-02")
    assert code == 0 and "note: topics/about/en.md: stale: legal sign-off by test-reviewer" in out


def test_check_fails_when_a_translated_interface_string_loses_its_field(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    edit(
        locales / "ps/LC_MESSAGES/messages.po",
        'msgstr "یوه حقوقي کتونکي دا تایید کړی دی. معلومات تر {date} پورې."',
        'msgstr "یوه حقوقي کتونکي دا تایید کړی دی. معلومات تر {datum} پورې."',
    )
    monkeypatch.setenv("LOCALES_DIR", str(locales))
    code, out = check(monkeypatch, capsys, REAL_PACK)
    assert code == 1 and "locales/ps/LC_MESSAGES/messages.po" in out and "{datum}" in out, out


@pytest.mark.parametrize(
    "number",
    [
        "0300 858 5600",
        "+92 333-0792974",
        "051-6133451",
        "0800-70806",
        "0800-02828",
        "0330-000-7072",
        "03331511636",
        "03000544491-8",
        "0333 781 9601/+923330792969",
    ],
)
def test_numbers_as_the_sources_write_them_are_valid(number: str) -> None:
    assert phone_problem(number) is None


@pytest.mark.parametrize(
    "number", ["0300 858 560", "0300 858 56001", "03000544491-1", "0333 781 9601/", "+44 20 7946 0958", "12345"]
)
def test_malformed_or_foreign_numbers_are_refused(number: str) -> None:
    assert phone_problem(number) is not None


@pytest.mark.parametrize(
    "url,ok",
    [
        ("https://help.unhcr.org/pakistan/", True),
        ("http://seher.org.pk/index.php?option=com_content&view=article&id=71:x&Itemid=171", True),
        ("http://99.80.44.72/en/202501150719", True),
        ("https://help..unhcr.org/", False),
        ("https://localhost/", False),
        ("https://example.org:99999/", False),
        ("ftp://example.org/file", False),
        ("https://exa mple.org/", False),
    ],
)
def test_url_judgement(url: str, ok: bool) -> None:
    assert (url_problem(url) is None) is ok


# --- content diff -----------------------------------------------------------------------------


def test_diff_lists_deadline_steps_and_rechecked_topics_per_category(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out = rahnama(monkeypatch, capsys, REAL_PACK, "content", "diff", "--since", "2025-10-01", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["since"] == "2025-10-01"
    assert list(data["categories"]) == ["por", "acc", "visa", "resettlement", "asylum", "undocumented", "general"]
    por = data["categories"]["por"]
    step = next(c for c in por if c["kind"] == "deadline" and c["id"] == "por-deportation-2025-09-01")
    assert step["date"] == "2025-10-17" and step["status"] == "passed"
    assert step["source"]["url"].startswith("https://www.dawn.com/") and step["source"]["date"] == "2025-10-18"
    assert set(step["note"]) == {"en", "prs", "ps"}
    topic_ids = {c["id"] for c in por if c["kind"] == "topic"}
    assert {"por-now", "por-todo", "rights-police", "voluntary-return"} <= topic_ids
    assert {c["id"] for c in data["categories"]["general"]} >= {"about", "contacts-note"}
    assert all(c["date"] >= "2025-10-01" for changes in data["categories"].values() for c in changes)
    assert not any(c["id"] == "por-validity-2025-06-30" for c in por)  # its last step is 2025-07-31


def test_diff_since_after_the_pack_date_is_empty_and_old_dates_reach_the_first_deadlines(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    day_after = (load_pack(REAL_PACK).as_of + timedelta(days=1)).isoformat()  # the pack's as_of moves on each update
    code, out = rahnama(monkeypatch, capsys, REAL_PACK, "content", "diff", "--since", day_after, "--json")
    assert code == 0 and all(changes == [] for changes in json.loads(out)["categories"].values())
    code, out = rahnama(monkeypatch, capsys, REAL_PACK, "content", "diff", "--since", "2022-01-01")
    assert code == 0
    visa = out.split("\nvisa:")[1].split("\nresettlement:")[0]
    assert "2022-12-30  visa-overstay-charges-2023-01-01: announced." in visa
    code, out = rahnama(monkeypatch, capsys, REAL_PACK, "content", "diff", "--since", "yesterday")
    assert code != 0 and "not a date" in out
