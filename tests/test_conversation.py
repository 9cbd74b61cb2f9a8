"""The conversation state machine, with no I/O: what a person sees for what they do."""

from __future__ import annotations

import re

import pytest

from bot.content import ContentPack
from bot.conversation import (
    Command,
    Edited,
    Event,
    Media,
    NotPrivate,
    Pressed,
    Reply,
    Started,
    Text,
    UserState,
    step,
)
from bot.conversation.context import Deployment
from bot.domain import DocumentCategory, Language
from tests.conftest import NOW

DEPLOYMENT = Deployment(bot_handle="rahnama_test_bot")

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


def run(content: ContentPack, events: list[Event], state: UserState | None = None) -> tuple[UserState, list[Reply]]:
    state = state or UserState()
    replies: list[Reply] = []
    for event in events:
        state, replies = step(state, event, content, NOW, deployment=DEPLOYMENT)
    return state, replies


def press(replies: list[Reply], label_part: str) -> Pressed:
    for reply in replies:
        for button in reply.all_buttons:
            if label_part in button.label:
                return Pressed(action=button.action)
    raise AssertionError(f"no button with {label_part!r} in {[b.label for r in replies for b in r.all_buttons]}")


def looks_like(lang: Language, text: str) -> bool:
    """Dari/Pashto replies are in Arabic script; English ones in Latin letters."""
    if lang is Language.ENGLISH:
        return bool(LATIN_WORD.search(text))
    return len(ARABIC_SCRIPT.findall(text)) > len(LATIN_WORD.findall(text)) * 3


def test_first_start_with_persian_app_offers_dari_first(content: ContentPack) -> None:
    state, (reply,) = run(content, [Started(hint="fa")])
    assert state.lang is None and state.screen == "lang"
    assert [b.action for b in reply.all_buttons] == ["lang:prs", "lang:ps", "lang:en"]
    assert ARABIC_SCRIPT.search(reply.text.splitlines()[0])


def test_first_start_with_english_app_offers_english_first(content: ContentPack) -> None:
    _, (reply,) = run(content, [Started(hint="en")])
    assert reply.all_buttons[0].action == "lang:en"
    assert reply.text.splitlines()[0] == "Choose your language:"


def test_urdu_app_is_asked_in_all_three_languages(content: ContentPack) -> None:
    _, (reply,) = run(content, [Started(hint="ur")])
    assert len(reply.text.splitlines()) == 3
    assert {b.action for b in reply.all_buttons} == {"lang:prs", "lang:ps", "lang:en"}


@pytest.mark.parametrize("lang", list(Language))
def test_choosing_a_language_shows_the_welcome_menu_in_it(content: ContentPack, lang: Language) -> None:
    state, (reply,) = run(content, [Started(), Pressed(action=f"lang:{lang.value}")])
    assert state.lang is lang and state.screen == "menu"
    assert reply.lang is lang and looks_like(lang, reply.text)
    assert len(reply.all_buttons) == 6  # with ⚙️ Settings


def test_deep_link_with_language_and_category_opens_the_category(content: ContentPack) -> None:
    state, (reply,) = run(content, [Started(payload="ps_acc")])
    assert state.lang is Language.PASHTO and state.category is DocumentCategory.ACC
    assert state.screen == "cat:acc"
    assert content.category("acc").name["ps"] in reply.text


def test_deep_link_with_only_a_category_asks_language_then_opens_it(content: ContentPack) -> None:
    state, (reply,) = run(content, [Started(payload="por", hint="fa")])
    assert state.screen == "lang" and state.pending_category is DocumentCategory.POR
    state, (reply,) = run(content, [Pressed(action="lang:prs")], state)
    assert state.screen == "cat:por" and state.pending_category is None
    assert content.category("por").name["prs"] in reply.text


def test_deep_link_with_only_a_language_shows_the_menu(content: ContentPack) -> None:
    state, _ = run(content, [Started(payload="prs")])
    assert state.lang is Language.DARI and state.screen == "menu"


def test_unknown_deep_link_parts_are_ignored(content: ContentPack) -> None:
    state, (reply,) = run(content, [Started(payload="xx_<script>")])
    assert state.screen == "lang" and state.pending_category is None


@pytest.mark.parametrize("lang", list(Language))
def test_every_button_on_every_screen_leads_somewhere_valid(content: ContentPack, lang: Language) -> None:
    """Walk the whole menu tree: no button is stale, and every screen speaks the chosen language."""
    start, replies = run(content, [Started(payload=lang.value)])
    seen: set[str] = set()
    queue = [b.action for r in replies for b in r.all_buttons]
    while queue:
        action = queue.pop()
        if action in seen or action.startswith("lang:"):
            continue
        seen.add(action)
        state, out = step(start, Pressed(action=action), content, NOW, deployment=DEPLOYMENT)
        assert len(out) == 1, f"{action} gave {len(out)} replies (stale?)"
        (reply,) = out
        assert reply.lang in (lang, None) and reply.text.strip()
        if reply.lang is lang:
            assert looks_like(lang, reply.text), (action, reply.text[:200])
        assert all(len(b.action.encode()) <= 64 for b in reply.all_buttons)
        queue += [b.action for b in reply.all_buttons]
    screens = {a.removeprefix("go:").partition(":")[0] for a in seen}
    assert {"docs", "cat", "topic", "deadlines", "help", "about", "menu"} <= screens
    # Three menu roles per category, plus each category's further topics (`more` in categories.yaml).
    expected = sum(3 + len(category.more) for category in content.categories)
    assert sum(a.startswith("go:topic:") for a in seen) == expected
    assert {f"go:topic:por:{topic_id}" for topic_id in content.category("por").more} <= seen


@pytest.mark.parametrize("lang", list(Language))
def test_every_screen_except_the_menu_has_back_and_menu(content: ContentPack, lang: Language) -> None:
    start, _ = run(content, [Started(payload=lang.value)])
    for screen in ["docs", "cat:por", "topic:por:now", "deadlines", "help", "help:kp", "about", "usage"]:
        _, (reply,) = step(start, Pressed(action=f"go:{screen}"), content, NOW)
        actions = [b.action for b in reply.buttons[-1]]
        assert actions[1] == "go:menu" and actions[0].startswith("go:"), screen


def test_back_from_guidance_returns_to_its_category(content: ContentPack) -> None:
    state, replies = run(content, [Started(payload="en_visa")])
    state, replies = run(content, [press(replies, "What to do")], state)
    assert state.screen == "topic:visa:todo"
    state, replies = run(content, [press(replies, "Back")], state)
    assert state.screen == "cat:visa"


def test_guidance_ends_with_review_label_and_date(content: ContentPack) -> None:
    _, (reply,) = run(content, [Started(payload="en_por"), Pressed(action="go:topic:por:now")])
    last_line = reply.text.strip().splitlines()[-1]
    assert "Not yet reviewed by a lawyer" in last_line
    assert "2026" in last_line or "2025" in last_line


def test_dari_guidance_is_labelled_as_a_draft_translation(content: ContentPack) -> None:
    _, (reply,) = run(content, [Started(payload="prs_por"), Pressed(action="go:topic:por:now")])
    label = reply.text.strip().splitlines()[-1]
    assert label != "_Draft translation._" and ARABIC_SCRIPT.search(label)
    english = run(content, [Started(payload="en_por"), Pressed(action="go:topic:por:now")])[1][0]
    assert "Draft translation" in english.text or content.topic("por-now").texts["en"].translation == "source"


def test_acc_deadline_shows_a_countdown_in_dari_digits(content: ContentPack) -> None:
    acc = [d for d in content.deadlines if "acc" in d.categories and d.date.isoformat() == "2025-03-31"]
    assert acc, "the pack should hold the 31 March 2025 ACC deadline"
    _, (reply,) = run(content, [Started(payload="prs_acc"), Pressed(action="go:deadlines")])
    assert "۱۱" in reply.text  # 20 March → 31 March 2025, in Karachi
    _, (english,) = run(content, [Started(payload="en_acc"), Pressed(action="go:deadlines")])
    assert "11 days left" in english.text


def test_a_rule_still_in_force_says_since_when_instead_of_passed(content: ContentPack) -> None:
    _, (reply,) = run(content, [Started(payload="en"), Pressed(action="go:deadlines")])
    assert "In force since 31 October 2023" in reply.text and "Passed on" not in reply.text


def test_own_category_deadline_is_listed_first(content: ContentPack) -> None:
    _, (reply,) = run(content, [Started(payload="en_acc"), Pressed(action="go:deadlines")])
    first_title = reply.text.split("\n\n")[1].splitlines()[0]
    acc_titles = [d.title["en"] for d in content.deadlines if "acc" in d.categories]
    assert any(title in first_title for title in acc_titles)


def test_legal_help_for_a_province_lists_numbers_and_warns_they_are_old(content: ContentPack) -> None:
    _, (reply,) = run(content, [Started(payload="en"), Pressed(action="go:help:kp")])
    kp_phones = [p for c in content.contacts_in("kp") for p in c.phones if p != "03000544491-8"]
    assert kp_phones and all(p in reply.text.replace("\\", "") for p in kp_phones)
    assert "03000544491 to 03000544498 (8 numbers)" in reply.text  # the range as the numbers it means
    assert "This may be out of date" in reply.text


def test_about_names_the_official_handle(content: ContentPack) -> None:
    _, (reply,) = run(content, [Started(payload="en"), Pressed(action="go:about")])
    assert "@rahnama\\_test\\_bot" in reply.text


@pytest.mark.parametrize(
    "action",
    ["go:cat:martian", "go:topic:por:nope", "go:help:mars", "bogus", "", "go:", "lang:xx", "go:" + "x" * 60],
)
def test_stale_or_forged_buttons_get_a_clear_answer_and_the_menu(content: ContentPack, action: str) -> None:
    state, replies = run(content, [Started(payload="ps"), Pressed(action=action)])
    assert state.screen == "menu"
    assert replies[-1].all_buttons and all(r.lang is Language.PASHTO for r in replies)


def test_switching_language_on_a_guidance_screen_shows_it_again_in_the_new_language(
    content: ContentPack,
) -> None:
    state, _ = run(content, [Started(payload="en_asylum"), Pressed(action="go:topic:asylum:rights")])
    state, (chooser,) = run(content, [Command(name="language")], state)
    assert chooser.all_buttons[0].action == "lang:en"  # their current language first
    state, (reply,) = run(content, [Pressed(action="lang:ps")], state)
    assert state.lang is Language.PASHTO and state.screen == "topic:asylum:rights"
    assert content.topic("rights-police").texts["ps"].title in reply.text


@pytest.mark.parametrize("lang", list(Language))
@pytest.mark.parametrize(
    "event",
    [
        Text(text="hello?"),
        Text(text=""),
        Text(text="x" * 4096),
        Media(kind="sticker"),
        Media(kind="voice"),
        Media(kind="location"),
        Media(kind="weird"),
        Edited(),
        Command(name="frobnicate"),
    ],
)
def test_unreadable_input_gets_an_answer_in_the_persons_language(
    content: ContentPack, lang: Language, event: Event
) -> None:
    before, _ = run(content, [Started(payload=lang.value)])
    state, (reply,) = step(before, event, content, NOW)
    assert state == before
    assert reply.lang is lang and looks_like(lang, reply.text)
    assert "go:menu" in [b.action for b in reply.all_buttons]


def test_free_text_never_echoes_what_was_typed(content: ContentPack) -> None:
    _, (reply,) = run(content, [Started(payload="en"), Text(text="my secret name is Zarmina")])
    assert "Zarmina" not in reply.text


@pytest.mark.parametrize("command,screen", [("menu", "menu"), ("help", "usage")])
def test_menu_and_help_work_from_anywhere(content: ContentPack, command: str, screen: str) -> None:
    state, _ = run(content, [Started(payload="prs_por"), Pressed(action="go:topic:por:todo")])
    state, (reply,) = run(content, [Command(name=command)], state)
    assert state.screen == screen and reply.lang is Language.DARI


def test_anything_before_choosing_a_language_asks_for_one(content: ContentPack) -> None:
    for event in [Text(text="salam"), Media(kind="photo"), Pressed(action="go:menu"), Command(name="menu")]:
        state, (reply,) = run(content, [event])
        assert state.screen == "lang" and state.lang is None
        assert {b.action for b in reply.all_buttons} == {"lang:prs", "lang:ps", "lang:en"}


def test_group_chat_gets_a_pointer_to_the_private_chat_and_no_state(content: ContentPack) -> None:
    state, (reply,) = run(content, [NotPrivate(chat_kind="group", hint="ps")])
    assert state == UserState()
    assert reply.lang is Language.PASHTO and "t.me/rahnama" in reply.text.replace("\\", "")
    assert not reply.buttons


def test_dari_question_about_por_is_answered_with_the_por_guidance_in_dari(content: ContentPack) -> None:
    state, replies = run(content, [Started(payload="prs"), Text(text="کارت پی او آر من ختم شده حالا چه کنم")])
    assert state.screen.startswith("topic:por:")
    topic_id = content.category("por").topics[state.screen.rsplit(":", 1)[1]]
    assert content.topic(topic_id).texts["prs"].title in replies[0].text


@pytest.mark.parametrize(
    "lang,text",
    [
        ("ps", "پولیس زما میړه ونیو"),
        ("prs", "پولیس شوهرم را گرفت"),
        ("en", "police arrested my brother"),
        ("en", "police mara greftar kard"),
    ],
)
def test_emergency_phrase_goes_straight_to_the_emergency_card(content: ContentPack, lang: str, text: str) -> None:
    state, replies = run(content, [Started(payload=lang), Text(text=text)])
    assert state.screen == "sos"
    card = replies[0]
    assert card.lang is Language(lang)
    assert content.topic("rights-police").texts[lang].title in card.text
    assert "0800-70806" in card.text.replace("\\", "")  # the Legal Aid Society's free line
    assert "go:help" in [b.action for b in card.all_buttons]


def test_emergency_before_choosing_a_language_gets_the_card_in_the_language_written(content: ContentPack) -> None:
    state, replies = run(content, [Text(text="پولیس زما ورور ونیو مرسته")])
    card, chooser = replies
    assert card.lang is Language.PASHTO and content.topic("rights-police").texts["ps"].title in card.text
    assert state.lang is None and chooser.all_buttons[0].action == "lang:ps"


@pytest.mark.parametrize("text", ["card", "ok", "hello", "?", "asdf qwer", "🙂"])
def test_a_weak_or_empty_match_is_never_answered_as_if_sure(content: ContentPack, text: str) -> None:
    before, _ = run(content, [Started(payload="en_acc")])
    state, replies = step(before, Text(text=text), content, NOW)
    assert state.screen == before.screen  # no topic was opened on a guess
    assert "go:menu" in [b.action for r in replies for b in r.all_buttons]


def test_unsure_question_offers_the_likely_topics_as_buttons(content: ContentPack) -> None:
    before, _ = run(content, [Started(payload="en")])
    state, (reply,) = step(before, Text(text="card expired"), content, NOW)
    assert state.screen == "menu" and "not sure" in reply.text
    offered = [b.action for b in reply.all_buttons if b.action.startswith("go:topic:")]
    assert "go:topic:por:now" in offered


def test_question_about_nothing_we_cover_says_so_honestly(content: ContentPack) -> None:
    before, _ = run(content, [Started(payload="en")])
    _, (reply,) = step(before, Text(text="what is the weather in Lahore"), content, NOW)
    assert "did not understand" in reply.text
    assert [b.action for b in reply.all_buttons] == ["go:menu", "go:help"]


def test_writing_in_another_language_offers_to_switch_but_does_not_switch(content: ContentPack) -> None:
    state, replies = run(content, [Started(payload="en"), Text(text="زما د پی او ار کارت ختم شو اوس څه وکړم")])
    assert state.lang is Language.ENGLISH
    offer = replies[-1]
    assert offer.lang is Language.PASHTO and "lang:ps" in [b.action for b in offer.all_buttons]
    assert replies[0].lang is Language.ENGLISH
