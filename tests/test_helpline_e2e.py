"""Helpline referral end to end: a person in their chat, operators in their group, the real PTB Application
between them, and the fake Bot API refusing anything Telegram would."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from redis.asyncio import Redis

from bot.content import ContentPack
from bot.domain import Language
from bot.i18n.bidi import strip_bidi_controls
from bot.i18n.catalog import translator
from bot.i18n.digits import localize_digits
from bot.safety.discreet import opening
from tests.conftest import NOW
from tests.fake_bot_api import FakeBotAPI
from tests.fake_bot_api.state import User
from tests.telegram_harness import PREFIX, act, has_button, requests_to, running_bot, says, to_chat

GROUP = -1001234500
OPEN_HOURS = NOW  # Thursday, 12:00 in Karachi
AT_NIGHT = datetime(2025, 3, 21, 20, 0, tzinfo=UTC)  # Saturday, 01:00 in Karachi
NUMBER = re.compile(r"Referral (\d+)")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(OPEN_HOURS)


@pytest.fixture
def operator(fake: FakeBotAPI) -> User:
    return fake.user(555000111, first_name="Aisha", language_code="en")


def person(fake: FakeBotAPI, lang: str = "fa") -> User:
    # A name, username and id that must never reach the operators' group unless agreed.
    return fake.user(987654321, first_name="Zarmina", last_name="Karimi", username="zarmina_k", language_code=lang)


def started(fake: FakeBotAPI, content: ContentPack, redis_client: Redis, clock: Clock, **settings):  # type: ignore[no-untyped-def]
    return running_bot(fake, content, redis_client, clock=clock, helpline_chat_id=GROUP, **settings)


async def answer_questions(
    fake: FakeBotAPI,
    user: User,
    lang: str,
    *,
    region: str = "sindh",
    way: str = "chat",
    share_name: bool = False,
    description: str | None = None,
) -> dict:
    """The person goes from /start through consent and the questions; the last look before Send."""
    me = user.id
    menu = await act(fake, me, lambda: fake.send_command(user, "/start", lang), has_button("go:hl"))
    consent = await act(fake, me, lambda: fake.press_button(user, menu, "go:hl"), has_button("hl:yes"))
    screen = await act(fake, me, lambda: fake.press_button(user, consent, "hl:yes"), has_button("hl:a:urg:"))
    answers = [("hl:a:urg:now", "hl:a:reg:"), (f"hl:a:reg:{region}", "hl:a:cat:"), ("hl:a:cat:por", "hl:a:lng:")]
    answers.append((f"hl:a:lng:{lang}", "hl:a:way:"))
    for data, next_prefix in answers:
        screen = await act(fake, me, lambda s=screen, d=data: fake.press_button(user, s, d), has_button(next_prefix))
    if way == "call":
        await act(fake, me, lambda: fake.press_button(user, screen, "hl:a:way:call"), lambda m: True)
        screen = await act(fake, me, lambda: fake.send_contact(user, "923001234567"), has_button("hl:a:name:"))
    else:
        screen = await act(fake, me, lambda: fake.press_button(user, screen, "hl:a:way:chat"), has_button("hl:a:name:"))
    name = "hl:a:name:1" if share_name else "hl:a:name:0"
    screen = await act(fake, me, lambda: fake.press_button(user, screen, name), has_button("hl:desc"))
    if description is None:
        screen = await act(fake, me, lambda: fake.press_button(user, screen, "hl:skip"), has_button("hl:send"))
    else:
        prompt = await act(fake, me, lambda: fake.press_button(user, screen, "hl:desc"), has_button("hl:skip"))
        assert prompt
        screen = await act(fake, me, lambda: fake.send_text(user, description), has_button("hl:send"))
    return screen


async def refer(fake: FakeBotAPI, user: User, lang: str, **answers: object) -> dict:
    """The person answers everything and presses Send; the summary posted in the group."""
    me = user.id
    screen = await answer_questions(fake, user, lang, **answers)  # type: ignore[arg-type]
    since = len(fake.requests)
    await fake.press_button(user, screen, "hl:send")
    posted = await fake.wait_for_request(
        "sendMessage", lambda r: to_chat(GROUP)(r) and "hlc:" in str(r.params), since=since
    )
    await fake.wait_for_request(
        "sendMessage", lambda r: to_chat(me)(r) and has_button("go:menu")(r.result), since=since
    )
    return posted.result


def number_of(summary: dict) -> int:
    found = NUMBER.search(summary["text"])
    assert found, summary["text"]
    return int(found[1])


def helpline_label(lang: Language, number: int) -> str:
    label = translator(lang).gettext("💬 Helpline (request {number}):")
    return label.format(number=localize_digits(str(number), lang))


def group_texts(fake: FakeBotAPI) -> str:
    return "\n".join(str(r.params) for r in requests_to(fake, GROUP))


@pytest.mark.parametrize("forum", [True, False], ids=["forum", "plain-group"])
@pytest.mark.parametrize("lang", [Language.DARI, Language.PASHTO], ids=["dari", "pashto"])
async def test_round_trip_from_consent_to_close(
    fake: FakeBotAPI,
    content: ContentPack,
    redis_client: Redis,
    clock: Clock,
    operator: User,
    lang: Language,
    forum: bool,
) -> None:
    group = fake.group(GROUP, "Helpline operators", forum=forum, members=[operator])
    user = person(fake)
    async with started(fake, content, redis_client, clock):
        summary = await refer(fake, user, lang.value, description="They took my brother to the station")
        number = number_of(summary)
        assert "URGENT" in summary["text"].splitlines()[0] and "Person u_" in summary["text"]
        assert "They took my brother to the station" in summary["text"]
        topic = summary.get("message_thread_id")
        assert (topic is not None) is forum
        if forum:
            created = next(r for r in fake.requests if r.method == "createForumTopic")
            assert "URGENT" in created.params["name"] and str(number) in created.params["name"]

        # The operator claims it: the person hears that a person has it.
        claimed = translator(lang).gettext("A person from the helpline has taken your request {number}.")
        claimed = claimed.format(number=localize_digits(str(number), lang))
        told = await act(fake, user.id, lambda: fake.press_button(operator, summary, f"hlc:{number}"), lambda m: True)
        assert strip_bidi_controls(claimed) in strip_bidi_controls(told["text"])
        assert "Aisha" in fake.state.message(GROUP, summary["message_id"])["text"]  # the summary says who

        # The operator answers in the thread: the person gets it, labelled, in their language.
        async def answer() -> None:
            if forum:
                await fake.send_group_text(
                    group, operator, "Salaam, which station is it? <b>&", message_thread_id=topic
                )
            else:
                await fake.send_group_text(group, operator, "Salaam, which station is it? <b>&", reply_to=summary)

        relayed = await act(fake, user.id, answer, says("which station"))
        assert relayed["text"].endswith("Salaam, which station is it? <b>&")  # their words, as plain text
        # Discreet mode (everyone's default): a lock screen shows the neutral line, not "Helpline".
        first, _, rest = strip_bidi_controls(relayed["text"]).partition("\n\n")
        assert first == strip_bidi_controls(opening(lang))
        assert rest.startswith(strip_bidi_controls(helpline_label(lang, number)))

        # The person answers: it appears in the same thread; they are told it was sent.
        sent = translator(lang).gettext("✓ Sent to the helpline.")
        since = len(fake.requests)
        await act(fake, user.id, lambda: fake.send_text(user, "Saddar police station"), says(sent))
        # What the helpline sent them is noted like any other message, so "Clear this chat" removes it too.
        noted = {int(i) for i in await redis_client.zrange(f"{PREFIX}msgs:{user.id}", 0, -1)}
        assert {told["message_id"], relayed["message_id"]} <= noted
        in_group = next(r for r in fake.requests[since:] if to_chat(GROUP)(r) and "Saddar" in r.params.get("text", ""))
        if forum:
            assert in_group.params["message_thread_id"] == topic
        else:
            assert in_group.params["reply_parameters"]["message_id"] == summary["message_id"]

        # A message they forward (a threat, a demand for money) is passed on too, and checked for them.
        since = len(fake.requests)
        await act(fake, user.id, lambda: fake.forward_to_bot(user, "Pay 5000 rupees today"), says(sent))
        assert any(to_chat(GROUP)(r) and "Pay 5000 rupees" in r.params.get("text", "") for r in fake.requests[since:])

        # Close: the person is told, the relay stops.
        closed_text = (
            translator(lang)
            .gettext(
                "The helpline has closed your request {number}. What you write here no longer goes to them. "
                "If you need help again, choose “Talk to a person” in the menu."
            )
            .format(number=localize_digits(str(number), lang))
        )
        summary_now = fake.state.message(GROUP, summary["message_id"])
        since = len(fake.requests)
        await fake.press_button(operator, summary_now, f"hlx:{number}")
        await fake.wait_for_request("answerCallbackQuery", since=since)  # the operator's side is done
        assert says(closed_text)(fake.sent_messages(user.id)[-1])
        before = len(requests_to(fake, GROUP))
        await act(fake, user.id, lambda: fake.send_text(user, "hello again?"), lambda m: True)
        assert [r.method for r in requests_to(fake, GROUP)[before:]] == []
        assert "hello again" not in group_texts(fake)
        if forum:
            assert any(r.method == "closeForumTopic" for r in fake.requests)

    # Nothing about who they are reached the group.
    texts = group_texts(fake)
    for secret in ("Zarmina", "Karimi", "zarmina_k", str(user.id)):
        assert secret not in texts


async def test_refusing_consent_sends_nothing_to_the_helpline(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis, clock: Clock, operator: User
) -> None:
    fake.group(GROUP, "Helpline operators", members=[operator])
    user = person(fake, "en")
    async with started(fake, content, redis_client, clock):
        menu = await act(fake, user.id, lambda: fake.send_command(user, "/start", "en"), has_button("go:hl"))
        consent = await act(fake, user.id, lambda: fake.press_button(user, menu, "go:hl"), has_button("hl:no"))
        for needed in ("What they get", "30 days", "/forget", "not the police"):
            assert needed in consent["text"]
        refused = await act(fake, user.id, lambda: fake.press_button(user, consent, "hl:no"), says("Nothing was sent"))
        assert refused
    assert requests_to(fake, GROUP) == []
    assert await redis_client.keys("e2e:hl:*") == []


async def test_out_of_hours_the_person_is_told_when_and_gets_numbers_at_once(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis, operator: User
) -> None:
    fake.group(GROUP, "Helpline operators", members=[operator])
    user = person(fake, "en")
    nationwide = [p for c in content.contacts_in("nationwide") for p in c.phones]
    async with started(fake, content, redis_client, Clock(AT_NIGHT)):
        menu = await act(fake, user.id, lambda: fake.send_command(user, "/start", "en"), has_button("go:hl"))
        consent = await act(fake, user.id, lambda: fake.press_button(user, menu, "go:hl"), has_button("hl:yes"))
        assert "It is closed now: expect an answer from today at 09:00." in consent["text"]
        assert "Monday to Saturday, 09:00–17:00" in consent["text"]
        assert nationwide and all(phone in consent["text"] for phone in nationwide)
        await refer(fake, user, "en")
    confirmation = [m for m in fake.sent_messages(user.id) if "Your request number is" in m.get("text", "")][-1]
    assert "expect an answer from today at 09:00" in confirmation["text"]
    assert all(phone in confirmation["text"] for phone in nationwide)


async def test_people_outside_the_group_cannot_claim_close_or_answer(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis, clock: Clock, operator: User
) -> None:
    stranger = fake.user(555000222, first_name="Stranger", language_code="en")
    muted = fake.user(555000333, first_name="Muted", language_code="en")
    group = fake.group(GROUP, "Helpline operators", members=[operator, muted])
    fake.set_member(group, muted, "restricted")  # may still post (as Telegram allows) but is no operator
    user = person(fake, "en")
    async with started(fake, content, redis_client, clock):
        summary = await refer(fake, user, "en")
        number = number_of(summary)
        for outsider in (stranger, muted):
            for data in (f"hlc:{number}", f"hlx:{number}"):
                since = len(fake.requests)
                await fake.press_button(outsider, summary, data)
                answer = await fake.wait_for_request("answerCallbackQuery", since=since)
                assert answer.params.get("show_alert") in (True, "true") and "operators" in answer.params["text"]
        assert await redis_client.hget(f"e2e:hl:ref:{number}", "status") == "open"
        await fake.send_group_text(group, muted, "I am not an operator", reply_to=summary)
        # The real operator's answer is the first and only thing the person gets from the group.
        before = len(fake.sent_messages(user.id))
        await act(
            fake,
            user.id,
            lambda: fake.send_group_text(group, operator, "Real answer", reply_to=summary),
            says("Real answer"),
        )
    received = [m["text"] for m in fake.sent_messages(user.id)[before:]]
    assert not any("not an operator" in text for text in received)


async def test_one_open_request_at_a_time_and_a_second_try_shows_it(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis, clock: Clock, operator: User
) -> None:
    fake.group(GROUP, "Helpline operators", members=[operator])
    user = person(fake, "en")
    async with started(fake, content, redis_client, clock):
        summary = await refer(fake, user, "en")
        number = number_of(summary)
        menu = await act(fake, user.id, lambda: fake.send_command(user, "/menu"), has_button("go:hl"))
        shown = await act(fake, user.id, lambda: fake.press_button(user, menu, "go:hl"), has_button("hl:withdraw:"))
        assert f"Number {number}" in shown["text"]
        # An old consent message cannot start a second one either.
        old_consent = next(m for m in fake.sent_messages(user.id) if has_button("hl:yes")(m))
        again = await act(
            fake, user.id, lambda: fake.press_button(user, old_consent, "hl:yes"), has_button("hl:withdraw:")
        )
        assert f"Number {number}" in again["text"]
        # Withdrawing frees the slot and tells the operators.
        done = await act(
            fake, user.id, lambda: fake.press_button(user, shown, f"hl:withdraw:{number}"), says("withdrawn")
        )
        assert done
        assert "withdrew" in group_texts(fake)
    assert len([r for r in fake.requests if to_chat(GROUP)(r) and "hlc:" in str(r.params)]) == 1


async def test_a_call_back_shares_the_number_given_and_the_name_only_when_agreed(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis, clock: Clock, operator: User
) -> None:
    fake.group(GROUP, "Helpline operators", members=[operator])
    user = person(fake, "en")
    async with started(fake, content, redis_client, clock):
        summary = await refer(fake, user, "en", way="call", share_name=True)
    contact_keyboards = [r for r in fake.requests if to_chat(user.id)(r) and "request_contact" in str(r.params)]
    assert contact_keyboards, "the phone question offers Telegram's share-my-number button"
    removed = [r for r in fake.requests if to_chat(user.id)(r) and "remove_keyboard" in str(r.params)]
    assert removed, "the keyboard goes away once the number is given"
    assert "+92 300 1234567" in summary["text"]
    assert "Zarmina Karimi (@zarmina_k)" in summary["text"]
    assert str(user.id) not in group_texts(fake)


async def test_operators_close_with_a_command_and_notes_stay_in_the_group(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis, clock: Clock, operator: User
) -> None:
    group = fake.group(GROUP, "Helpline operators", members=[operator])
    user = person(fake, "en")
    async with started(fake, content, redis_client, clock):
        summary = await refer(fake, user, "en")
        number = number_of(summary)
        before = len(fake.sent_messages(user.id))
        await fake.send_group_text(group, operator, "// checking with the lawyer first", reply_to=summary)
        told = await act(
            fake,
            user.id,
            lambda: fake.send_group_text(group, operator, "/close", reply_to=summary),
            says("closed your request"),
        )
        assert told
        texts = [m["text"] for m in fake.sent_messages(user.id)[before:]]
        assert not any("lawyer" in t for t in texts)
        assert await redis_client.hget(f"e2e:hl:ref:{number}", "status") == "closed"


async def test_retention_sweep_deletes_closed_referrals_here_and_in_the_group(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis, clock: Clock, operator: User
) -> None:
    fake.group(GROUP, "Helpline operators", members=[operator])
    user = person(fake, "en")
    async with started(fake, content, redis_client, clock, helpline_retention_days=30) as app:
        summary = await refer(fake, user, "en", description="private words")
        number = number_of(summary)
        since = len(fake.requests)
        await fake.press_button(operator, summary, f"hlx:{number}")
        await fake.wait_for_request("answerCallbackQuery", since=since)
        desk = app.bot_data["rahnama"].helpline
        clock.now = OPEN_HOURS + timedelta(days=29)
        assert await desk.sweep(app.bot) == 0
        assert await redis_client.hget(f"e2e:hl:ref:{number}", "description") == "private words"
        clock.now = OPEN_HOURS + timedelta(days=31)
        assert await desk.sweep(app.bot) == 1
    assert [k for k in await redis_client.keys("e2e:hl:*") if k != "e2e:hl:seq"] == []
    assert fake.state.message(GROUP, summary["message_id"]) is None


async def test_forget_removes_the_persons_referrals_and_tells_the_operators(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis, clock: Clock, operator: User
) -> None:
    fake.group(GROUP, "Helpline operators", forum=True, members=[operator])
    user = person(fake, "en")
    async with started(fake, content, redis_client, clock) as app:
        summary = await refer(fake, user, "en", description="private words")
        number = number_of(summary)
        desk = app.bot_data["rahnama"].helpline
        assert await desk.forget(app.bot, user.id) == 1
        await fake.wait_for_request("sendMessage", lambda r: to_chat(GROUP)(r) and "deleted" in r.params["text"])
        assert any(r.method == "deleteForumTopic" for r in fake.requests)
        menu = await act(fake, user.id, lambda: fake.send_command(user, "/menu"), has_button("go:hl"))
        consent = await act(fake, user.id, lambda: fake.press_button(user, menu, "go:hl"), has_button("hl:yes"))
        assert consent  # no open request any more: they may ask again
    assert [k for k in await redis_client.keys("e2e:hl:*") if k != "e2e:hl:seq"] == []
    assert f"hl:ref:{number}" not in str(await redis_client.keys("e2e:*"))


async def test_forget_in_the_chat_erases_an_open_referral_and_the_relay_ends(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis, clock: Clock, operator: User
) -> None:
    group = fake.group(GROUP, "Helpline operators", members=[operator])
    user = person(fake, "en")
    async with started(fake, content, redis_client, clock):
        summary = await refer(fake, user, "en", description="private words")
        number = number_of(summary)
        await act(fake, user.id, lambda: fake.press_button(operator, summary, f"hlc:{number}"), says("has taken"))
        ask = await act(fake, user.id, lambda: fake.send_command(user, "/forget"), has_button("do:forget"))
        await act(fake, user.id, lambda: fake.press_button(user, ask, "do:forget"), says("erased"))
        notice = await fake.wait_for_request(
            "sendMessage", lambda r: to_chat(GROUP)(r) and "deleted" in r.params["text"]
        )
        assert fake.state.message(GROUP, summary["message_id"]) is None
        # An operator's late answer reaches nobody.
        before = len(fake.sent_messages(user.id))
        await fake.send_group_text(group, operator, "Are you still there?", reply_to=notice.result["message_id"])
        await act(fake, user.id, lambda: fake.send_command(user, "/start", "en"), has_button("go:hl"))
    assert not any("still there" in m["text"] for m in fake.sent_messages(user.id)[before:])
    assert [k for k in await redis_client.keys("e2e:hl:*") if k != "e2e:hl:seq"] == []


async def test_when_the_group_cannot_be_reached_the_person_is_told_and_nothing_is_kept(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis, clock: Clock, operator: User
) -> None:
    fake.group(GROUP, "Helpline operators", members=[operator])
    user = person(fake, "en")
    async with started(fake, content, redis_client, clock):
        confirm = await answer_questions(fake, user, "en", description="private words")
        fake.fail_next("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat")
        sorry = await act(
            fake, user.id, lambda: fake.press_button(user, confirm, "hl:send"), says("could not be reached")
        )
        assert any(p in sorry["text"] for c in content.contacts_in("nationwide") for p in c.phones)
        menu = await act(fake, user.id, lambda: fake.send_command(user, "/menu"), has_button("go:hl"))
        await act(fake, user.id, lambda: fake.press_button(user, menu, "go:hl"), has_button("hl:yes"))  # may try again
    assert [k for k in await redis_client.keys("e2e:hl:*") if k != "e2e:hl:seq"] == []
