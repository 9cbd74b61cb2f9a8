"""Vetted content: a sign-off binds a reviewer to one exact file, the state follows the files, and
strict mode serves nothing that is not signed, in any language."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from bot.content import ContentError, ContentPack, load_pack
from bot.content.review import ReviewState, Role, default_review_by
from bot.conversation import Pressed, Reply, Started, UserState, step
from bot.conversation.context import Deployment
from bot.domain import Language
from bot.i18n.catalog import translator
from tests.conftest import NOW
from tests.packs import REAL_PACK, copy_pack, edit, enrol, rahnama, sign, status

STRICT = Deployment(bot_handle="rahnama_test_bot", strict=True)
DEFAULT = Deployment(bot_handle="rahnama_test_bot")
UNDER_REVIEW = "This answer is being reviewed and cannot be shown yet."

# --- review states ----------------------------------------------------------------------------


def test_real_pack_has_no_signoffs_so_every_text_is_a_draft(content: ContentPack) -> None:
    for topic in content.topics.values():
        for text in topic.texts.values():
            assert text.review.state is ReviewState.DRAFT, text.path
            assert not text.review.signoffs
            assert set(text.review.missing) == ({Role.LEGAL} if text.lang is Language.ENGLISH else set(Role))


def test_signing_english_makes_it_signed_in_status_json(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    out = sign(monkeypatch, capsys, root, "por-now", "en", "legal", "--on", "2026-02-01")
    assert "state now: signed" in out
    record = status(monkeypatch, capsys, root, "--on", "2026-02-02")[("por-now", "en")]
    assert record["state"] == "signed" and record["file"] == "topics/por-now/en.md"
    (signoff,) = record["signoffs"]
    assert signoff["reviewer"] == "test-reviewer" and signoff["reviewer_name"] == "Test Reviewer"
    assert signoff["organisation"] == "Test Organisation" and signoff["counts"]
    assert signoff["role"] == "legal" and signoff["date"] == "2026-02-01" and signoff["current"]
    assert signoff["sha256"] == record["sha256"] and signoff["source_sha256"] is None
    assert signoff["review_by"] == "2026-08-01"  # REVIEW_MONTHS after the sign-off
    assert status(monkeypatch, capsys, root)[("por-now", "prs")]["state"] == "draft"


def test_changing_a_signed_file_makes_it_stale(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "acc-now", "en", "legal", "--on", "2026-02-01")
    edit(root / "topics/acc-now/en.md", "It was meant", "It was intended")
    record = status(monkeypatch, capsys, root, "--on", "2026-02-02")[("acc-now", "en")]
    assert record["state"] == "stale"
    assert "another version of topics/acc-now/en.md" in record["outdated"][0]
    assert not record["signoffs"][0]["current"]


def test_an_english_change_makes_a_signed_translation_stale(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    for role in ("legal", "language"):
        sign(monkeypatch, capsys, root, "visa-now", "prs", role, "--on", "2026-02-01")
    assert status(monkeypatch, capsys, root, "--on", "2026-02-02")[("visa-now", "prs")]["state"] == "signed"
    edit(root / "topics/visa-now/en.md", "Visa extensions are unclear.", "Visa extensions are not clear.")
    record = status(monkeypatch, capsys, root, "--on", "2026-02-02")[("visa-now", "prs")]
    assert record["state"] == "stale"  # the Dari file itself did not change
    assert all("another version of the English text" in why for why in record["outdated"])


def test_dari_and_pashto_need_both_keys(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    out = sign(monkeypatch, capsys, root, "asylum-now", "ps", "legal", "--on", "2026-02-01")
    assert "still needs: language" in out
    record = status(monkeypatch, capsys, root, "--on", "2026-02-02")[("asylum-now", "ps")]
    assert record["state"] == "draft" and record["missing"] == ["language"]
    sign(monkeypatch, capsys, root, "asylum-now", "ps", "language", "--on", "2026-02-03")
    record = status(monkeypatch, capsys, root, "--on", "2026-02-04")[("asylum-now", "ps")]
    assert record["state"] == "signed" and record["missing"] == []
    assert all(
        s["source_sha256"] == status(monkeypatch, capsys, root)[("asylum-now", "en")]["sha256"]
        for s in record["signoffs"]
    )


def test_past_review_by_is_expired(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "about", "en", "legal", "--on", "2026-02-01", "--review-by", "2026-03-01")
    assert status(monkeypatch, capsys, root, "--on", "2026-03-01")[("about", "en")]["state"] == "signed"
    assert status(monkeypatch, capsys, root, "--on", "2026-03-02")[("about", "en")]["state"] == "expired"


def test_english_cannot_take_a_language_signoff_and_unknown_topics_are_refused(
    monkeypatch, capsys, tmp_path: Path
) -> None:
    root = copy_pack(tmp_path)
    key = enrol(monkeypatch, capsys, root)
    before = (root / "signoffs.yaml").read_text(encoding="utf-8")
    args = ("content", "sign", "--lang", "en", "--key", str(key))
    code, out = rahnama(monkeypatch, capsys, root, *args, "--topic", "about", "--role", "language")
    assert code != 0 and "not 'language'" in out
    code, out = rahnama(monkeypatch, capsys, root, *args, "--topic", "nope", "--role", "legal")
    assert code != 0 and "no topic or record 'nope'" in out
    assert (root / "signoffs.yaml").read_text(encoding="utf-8") == before


def test_sign_keeps_the_files_comments_and_earlier_items(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    header = [line for line in (REAL_PACK / "signoffs.yaml").read_text().splitlines() if line.startswith("#")]
    sign(monkeypatch, capsys, root, "por-now", "en", "legal", "--on", "2026-02-01")
    sign(monkeypatch, capsys, root, "por-todo", "en", "legal", "--on", "2026-02-02")
    text = (root / "signoffs.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[: len(header)] == header
    assert text.index("topic: por-now") < text.index("topic: por-todo")
    assert len(load_pack(root).topic("por-now").text("en").review.signoffs) == 1


def test_default_review_by_is_six_months_later_even_at_month_end() -> None:
    assert default_review_by(date(2026, 2, 1)) == date(2026, 8, 1)
    assert default_review_by(date(2026, 8, 31)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    "item,expected",
    [
        ("sha256: nothex", "expected a SHA-256"),
        ("topic: no-such-topic", "no topic directory topics/no-such-topic/"),
        ("role: editor", "'editor' is not one of: legal, language"),
    ],
)
def test_broken_signoffs_file_is_refused(tmp_path: Path, item: str, expected: str) -> None:
    root = copy_pack(tmp_path)
    fields = {
        "topic": "por-now",
        "lang": "en",
        "role": "legal",
        "reviewer": "a",
        "date": "2026-02-01",
        "review_by": "2026-08-01",
        "sha256": "0" * 64,
        "signature": "AAAA",
    }
    key, _, value = item.partition(": ")
    fields[key] = value
    body = "\n".join(f"  {k}: {v}" for k, v in fields.items()).replace("  topic", "- topic", 1)
    (root / "signoffs.yaml").write_text(body + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_pack(root)
    assert any(expected in str(p) and p.file == "signoffs.yaml" for p in caught.value.problems), caught.value


def test_translation_signoff_must_name_its_english_source(tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    (root / "signoffs.yaml").write_text(
        "- {topic: por-now, lang: prs, role: legal, reviewer: a, date: 2026-02-01,"
        f" review_by: 2026-08-01, sha256: {'0' * 64}, signature: AAAA}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="must name the English text"):
        load_pack(root)


# --- serving ----------------------------------------------------------------------------------


def body_fragments(content: ContentPack) -> list[str]:
    """Distinctive lines of every guidance text in every language."""
    fragments = []
    for topic in content.topics.values():
        for text in topic.texts.values():
            for line in text.body.splitlines():
                line = re.sub(r"^[-*_ ]+|[*_]", "", line).strip()
                if len(line) >= 30:
                    fragments.append(line)
    return fragments


def walk(content: ContentPack, lang: Language, deployment: Deployment) -> dict[str, Reply]:
    """Press every button reachable from the menu; the reply each action gives."""
    start, replies = UserState(), []
    start, replies = step(start, Started(payload=lang.value), content, NOW, deployment=deployment)
    seen: dict[str, Reply] = {}
    queue = [b.action for r in replies for b in r.all_buttons]
    while queue:
        action = queue.pop()
        if action in seen or action.startswith("lang:"):
            continue
        _, (reply,) = step(start, Pressed(action=action), content, NOW, deployment=deployment)
        seen[action] = reply
        queue += [b.action for b in reply.all_buttons]
    return seen


@pytest.mark.parametrize("lang", list(Language))
def test_strict_mode_never_serves_an_unsigned_text_in_any_language(content: ContentPack, lang: Language) -> None:
    fragments = body_fragments(content)
    under_review = translator(lang).gettext(UNDER_REVIEW)
    screens = walk(content, lang, STRICT)
    assert any(a.startswith("go:topic:") for a in screens) and "go:about" in screens
    for action, reply in screens.items():
        leaked = [f for f in fragments if f in reply.text]
        assert not leaked, (action, leaked[:3])
        assert reply.shown == ()
        if action.startswith("go:topic:") or action == "go:about":
            assert reply.lang is lang and under_review in reply.text, action
            assert "0800-70806" in reply.text  # a free legal-help number, nationwide
    # The unsigned extra topics are not even offered: their titles are part of the unsigned texts.
    assert not any(
        a.startswith("go:topic:por:") and a.count(":") == 3 and a.split(":")[3] in content.category("por").more
        for a in screens
    )


def test_strict_mode_serves_a_signed_text_but_never_falls_back_to_it_in_another_language(
    monkeypatch, capsys, tmp_path: Path
) -> None:
    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "por-now", "en", "legal", "--on", "2025-03-01")
    pack = load_pack(root)
    english = pack.topic("por-now").text("en")
    _, (reply,) = step(UserState(lang=Language.ENGLISH), Pressed("go:topic:por:now"), pack, NOW, deployment=STRICT)
    assert english.title in reply.text and "Checked by a legal reviewer" in reply.text
    assert "Not yet reviewed" not in reply.text
    assert reply.shown == (("por-now", english.sha256),)
    _, (dari,) = step(UserState(lang=Language.DARI), Pressed("go:topic:por:now"), pack, NOW, deployment=STRICT)
    assert english.title not in dari.text and english.body[:80] not in dari.text
    assert translator(Language.DARI).gettext(UNDER_REVIEW) in dari.text and dari.shown == ()


def test_strict_mode_does_not_serve_an_expired_text(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "por-now", "en", "legal", "--on", "2024-01-01", "--review-by", "2024-06-30")
    pack = load_pack(root)
    _, (reply,) = step(UserState(lang=Language.ENGLISH), Pressed("go:topic:por:now"), pack, NOW, deployment=STRICT)
    assert UNDER_REVIEW in reply.text and reply.shown == ()
    _, (shown,) = step(UserState(lang=Language.ENGLISH), Pressed("go:topic:por:now"), pack, NOW, deployment=DEFAULT)
    assert "review is out of date" in shown.text.splitlines()[-1]


def test_default_mode_labels_drafts_and_records_the_version_shown(content: ContentPack) -> None:
    for lang in Language:
        _, (reply,) = step(UserState(lang=lang), Pressed("go:topic:acc:todo"), content, NOW, deployment=DEFAULT)
        text = content.topic("acc-todo").text(lang)
        label = translator(lang).gettext("Not yet reviewed by a lawyer; last checked against sources on {date}.")
        assert label.split("{date}")[0] in reply.text.strip().splitlines()[-1]
        assert text.body[:60] in reply.text
        assert reply.shown == (("acc-todo", text.sha256),)


def test_default_mode_labels_a_stale_text_honestly(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "rights-police", "en", "legal", "--on", "2025-03-01")
    edit(root / "topics/rights-police/en.md", "Stay calm.", "Stay calm, please.")
    pack = load_pack(root)
    _, (reply,) = step(UserState(lang=Language.ENGLISH), Pressed("go:topic:visa:rights"), pack, NOW)
    assert "Changed since its review" in reply.text.splitlines()[-1]


def test_category_screen_offers_its_further_topics_and_they_open(content: ContentPack) -> None:
    por = content.category("por")
    assert "voluntary-return" in por.more and "official-channels" in por.more
    _, (screen,) = step(UserState(lang=Language.PASHTO), Pressed("go:cat:por"), content, NOW)
    titles = {b.label: b.action for b in screen.all_buttons}
    title = content.topic("voluntary-return").text("ps").title
    assert titles[title] == "go:topic:por:voluntary-return"
    state, (reply,) = step(UserState(lang=Language.PASHTO), Pressed(titles[title]), content, NOW)
    assert state.screen == "topic:por:voluntary-return" and state.category == "por"
    assert "+92 333-0792974" in reply.text
    assert reply.all_buttons[-2].action == "go:cat:por"  # Back leads to the category


@pytest.mark.parametrize("action", ["go:topic:visa:voluntary-return", "go:topic:por:about", "go:topic:por:gone"])
def test_a_topic_the_category_does_not_offer_is_a_stale_button(content: ContentPack, action: str) -> None:
    state, replies = step(UserState(lang=Language.ENGLISH), Pressed(action), content, NOW)
    assert state.screen == "menu" and "out of date" in replies[0].text


def test_status_table_shows_every_topic_and_what_it_lacks(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out = rahnama(monkeypatch, capsys, REAL_PACK, "content", "status")
    assert code == 0, out
    header, _, *rows = out.splitlines()
    assert header.split() == ["topic", "prs", "ps", "en"]
    about = next(r for r in rows if r.startswith("about "))
    assert about.count("draft (needs legal + language)") == 2 and about.endswith("draft (needs legal)")
    pack = load_pack(REAL_PACK)
    topics, records = len(pack.topics), len(pack.records)
    assert f"{3 * topics} topic texts: {3 * topics} draft, 0 signed, 0 stale, 0 expired" in out
    assert f"{3 * records} record texts: {3 * records} draft, 0 signed, 0 stale, 0 expired" in out


# --- strict mode covers the words of records too (issue #13, point 7) ---------------------------


def test_strict_mode_marks_unsigned_deadline_contact_and_category_words(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    pack = load_pack(root)
    signed, unsigned_ = pack.deadlines[0], pack.deadlines[1]
    sign(monkeypatch, capsys, root, f"deadline:{signed.id}", "en", "legal", "--on", "2025-03-01")
    pack = load_pack(root)
    english = UserState(lang=Language.ENGLISH, category="por")
    _, (deadlines,) = step(english, Pressed("go:deadlines"), pack, NOW, deployment=STRICT)
    assert f"**{signed.title['en']}**\n" in deadlines.text  # signed: no label
    assert f"**{unsigned_.title['en']}** _(not yet reviewed)_" in deadlines.text
    _, (default,) = step(english, Pressed("go:deadlines"), pack, NOW, deployment=DEFAULT)
    assert "not yet reviewed" not in default.text
    _, (region,) = step(english, Pressed("go:help:kp"), pack, NOW, deployment=STRICT)
    contact = pack.contacts_in("kp")[0]
    assert f"{contact.description['en']} _(not yet reviewed)_" in region.text
    _, (documents,) = step(english, Pressed("go:docs"), pack, NOW, deployment=STRICT)
    assert "The names on these buttons are not yet reviewed." in documents.text
    _, (category,) = step(english, Pressed("go:cat:por"), pack, NOW, deployment=STRICT)
    assert f"**{pack.category('por').name['en']}** _(not yet reviewed)_" in category.text


@pytest.mark.parametrize("lang", list(Language))
def test_strict_mode_shows_no_record_words_without_a_label(content: ContentPack, lang: Language) -> None:
    label = translator(lang).gettext("not yet reviewed")
    screens = walk(content, lang, STRICT)
    words = [d.title[lang.value] for d in content.deadlines] + [c.description[lang.value] for c in content.contacts]
    for action, reply in screens.items():
        for shown in (w for w in words if w in reply.text):
            after = reply.text.split(shown, 1)[1]
            assert after.lstrip("*").startswith(f" _({label})_"), (action, shown[:40])


def test_status_lists_the_emergency_essentials_first_then_police_rights(tmp_path: Path) -> None:
    import shutil

    from bot.content.priority import subjects_by_harm
    from bot.content.status import status_records

    root = copy_pack(tmp_path)
    if not (root / "topics" / "emergency-essentials").exists():  # the texts branch adds the real one
        shutil.copytree(root / "topics" / "contacts-note", root / "topics" / "emergency-essentials")
    pack = load_pack(root)
    order = subjects_by_harm(pack)
    assert order[:2] == ["emergency-essentials", "rights-police"]
    assert set(order[2 : 2 + len(pack.sensitive_topics) - 1]) == pack.sensitive_topics - {"rights-police"}
    assert order.index("about") < order.index(next(r for r in order if ":" in r))  # topics before records
    records = status_records(pack, date(2026, 2, 1))
    assert [r["topic"] for r in records[:3]] == ["emergency-essentials"] * 3
