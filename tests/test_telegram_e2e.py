"""End to end: the real PTB Application, over HTTP, against a fake Bot API that rejects what Telegram would."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
import time
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis
from telegram.ext import Application

from bot.broadcast.jobs import create_job
from bot.channels.telegram.app import build_application
from bot.config import Settings
from bot.content import ContentPack
from bot.domain import DocumentCategory, Language
from bot.i18n.bidi import strip_bidi_controls
from bot.safety.discreet import opened
from bot.store import StateStore
from bot.subscriptions import Subscriptions
from tests.conftest import FAKE_BOT_TOKEN, REDIS_TEST_URL
from tests.fake_bot_api import FakeBotAPI

TOKEN = FAKE_BOT_TOKEN
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
# What people really type: names and numbers, which must never reach the logs (tests/log_privacy.py checks).
TYPED = "salam, I am Gul Ahmad from Board Bazaar, my PoR card expired, call me on 0301 2345678"


@pytest.fixture
async def bot_app(fake: FakeBotAPI, content: ContentPack, redis_client: Redis) -> AsyncIterator[Application]:
    settings = Settings(
        telegram_bot_token=TOKEN,
        telegram_api_base_url=fake.base_url,
        redis_url=REDIS_TEST_URL,
        redis_prefix="e2e:",
    )
    application = build_application(settings, content, StateStore(redis_client, "e2e:"))
    application.bot_data["rahnama"].flood.limit = 1000  # tests press buttons at machine speed
    await application.initialize()
    await application.post_init(application)
    await application.start()
    await application.updater.start_polling(poll_interval=0, timeout=1)
    yield application
    await application.updater.stop()
    await application.stop()
    await application.post_stop(application)  # as run_polling does: stops the broadcast sender
    await application.shutdown()


def buttons(message: dict) -> list[dict]:
    markup = message.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


async def converse(fake: FakeBotAPI, user, send, expect: int = 1) -> list[dict]:  # type: ignore[no-untyped-def]
    """Do one thing as the user and return the bot's `expect` new messages in reply."""
    before = len(fake.sent_messages(user.id))
    await send()
    messages = await fake.wait_for_messages(user.id, before + expect)
    return messages[before:]


async def navigate(fake: FakeBotAPI, user, send) -> list[dict]:  # type: ignore[no-untyped-def]
    """Do one thing and wait for the screen it leads to: the message that carries its keyboard.

    A long screen is split over several messages and only the last has the keyboard.
    """
    since, before = len(fake.requests), len(fake.sent_messages(user.id))
    await send()
    await fake.wait_for_request(
        "sendMessage",
        lambda r: r.ok and str(r.params.get("chat_id")) == str(user.id) and "reply_markup" in r.params,
        since=since,
    )
    return fake.sent_messages(user.id)[before:]


async def press(fake: FakeBotAPI, user, message: dict, label_part: str) -> list[dict]:  # type: ignore[no-untyped-def]
    button = next(b for b in buttons(message) if label_part in b["text"])
    return await navigate(fake, user, lambda: fake.press_button(user, message, button["callback_data"]))


async def test_commands_and_descriptions_are_published_per_language(fake: FakeBotAPI, bot_app: Application) -> None:
    calls = [r for r in fake.requests if r.method == "setMyCommands"]
    codes = {r.params.get("language_code") for r in calls}
    assert {"fa", "ps", "en", None} <= codes
    dari = next(r for r in calls if r.params.get("language_code") == "fa")
    assert ARABIC_SCRIPT.search(str(dari.params["commands"]))
    for call in calls:  # /stop and /forget are discoverable in every language's command menu
        assert {"stop", "forget", "settings"} <= {c["command"] for c in call.params["commands"]}


async def test_dari_speaker_is_offered_dari_and_reaches_por_guidance(fake: FakeBotAPI, bot_app: Application) -> None:
    user = fake.user(1001, first_name="Ahmad Shah", last_name="Rahimi", username="ahmadshah_r", language_code="fa")
    (chooser,) = await converse(fake, user, lambda: fake.send_command(user, "/start"))
    assert buttons(chooser)[0]["callback_data"] == "lang:prs"
    (menu,) = await press(fake, user, chooser, "دری")
    assert ARABIC_SCRIPT.search(menu["text"])
    (docs,) = await converse(fake, user, lambda: fake.press_button(user, menu, "go:docs"))
    (por,) = await converse(fake, user, lambda: fake.press_button(user, docs, "go:cat:por"))
    guidance = await navigate(fake, user, lambda: fake.press_button(user, por, "go:topic:por:now"))
    assert "۲۰۲۶" in guidance[-1]["text"] or "۲۰۲۵" in guidance[-1]["text"]  # the date in Dari digits


async def test_deep_link_opens_pashto_acc_directly(
    fake: FakeBotAPI, bot_app: Application, content: ContentPack
) -> None:
    user = fake.user(1002, first_name="Bibi Gul", last_name="Sadat", username="bibigul92", language_code="en")
    (screen,) = await converse(fake, user, lambda: fake.send_command(user, "/start", "ps_acc"))
    assert content.category("acc").name["ps"] in strip_bidi_controls(screen["text"])


@pytest.mark.parametrize("lang", list(Language))
async def test_every_menu_in_every_language_answers_without_rejection(
    fake: FakeBotAPI, bot_app: Application, lang: Language
) -> None:
    user = fake.user(
        2000 + len(lang.value), first_name="Chaman", last_name="Noori", username="chaman_noori", language_code="ur"
    )
    (menu,) = await converse(fake, user, lambda: fake.send_command(user, "/start", lang.value))
    seen: set[str] = set()
    frontier = [menu]
    while frontier:
        message = frontier.pop()
        for button in buttons(message):
            data = button["callback_data"]
            # Clearing deletes the frontier, erasing ends with no keyboard: both have tests of their own.
            if data in seen or data.startswith("lang:") or data in ("do:clear", "do:forget"):
                continue
            seen.add(data)
            replies = await navigate(fake, user, lambda m=message, d=data: fake.press_button(user, m, d))
            frontier.append(replies[-1])
    assert len(seen) > 30
    assert fake.rejected == []


async def test_sticker_voice_photo_location_get_a_reply_in_the_chosen_language(
    fake: FakeBotAPI, bot_app: Application
) -> None:
    user = fake.user(1003, first_name="Dawood", last_name="Khan Zadran", username="dawood_zadran", language_code="ps")
    await converse(fake, user, lambda: fake.send_command(user, "/start", "ps"))
    for send in (fake.send_sticker, fake.send_voice, fake.send_photo, fake.send_location):
        (reply,) = await converse(fake, user, lambda s=send: s(user))
        assert ARABIC_SCRIPT.search(reply["text"])


async def test_edited_message_and_unknown_command_get_clear_answers(fake: FakeBotAPI, bot_app: Application) -> None:
    user = fake.user(1004, first_name="Esmatullah", last_name="Wardak", username="esmat_wardak", language_code="en")
    await converse(fake, user, lambda: fake.send_command(user, "/start", "en"))
    (unknown,) = await converse(fake, user, lambda: fake.send_command(user, "/frobnicate"))
    assert "do not know that command" in unknown["text"]
    sent: list[dict] = []

    async def write() -> None:
        sent.append(await fake.send_text(user, TYPED))

    await converse(fake, user, write)
    (edited,) = await converse(fake, user, lambda: fake.edit_text(user, sent[0]["message"], TYPED + " please!"))
    assert "new messages" in edited["text"]


async def test_stale_button_from_an_old_message_gets_the_menu(fake: FakeBotAPI, bot_app: Application) -> None:
    user = fake.user(1005, first_name="Farzana", last_name="Hakimi", username="farzana_hk", language_code="en")
    (menu,) = await converse(fake, user, lambda: fake.send_command(user, "/start", "en"))
    replies = await converse(fake, user, lambda: fake.press_button(user, menu, "go:cat:retired", stale=True), 2)
    assert "out of date" in replies[0]["text"]


async def test_state_lives_in_redis_between_updates(
    fake: FakeBotAPI, bot_app: Application, redis_client: Redis
) -> None:
    user = fake.user(1006, first_name="Ghulam Sakhi", last_name="Popal", username="g_sakhi", language_code="en")
    await converse(fake, user, lambda: fake.send_command(user, "/start", "prs_visa"))
    assert await redis_client.hgetall("e2e:user:1006") == {"lang": "prs", "cat": "visa", "screen": "cat:visa"}
    assert await redis_client.ttl("e2e:user:1006") > 0


async def test_group_message_gets_pointer_to_private_chat_and_nothing_is_stored(
    fake: FakeBotAPI, bot_app: Application, redis_client: Redis
) -> None:
    user = fake.user(1007, first_name="Hamida", last_name="Barakzai", username="hamida_b", language_code="fa")
    group = fake.group(-100200, "Neighbours", members=[user])
    before = len(fake.sent_messages(group.id))
    await fake.send_group_text(group, user, "/start@rahnama_test_bot")
    (pointer,) = (await fake.wait_for_messages(group.id, before + 1))[before:]
    assert "t.me/rahnama_test_bot" in pointer["text"]
    assert await redis_client.keys("e2e:user:*") == [] and await redis_client.keys("e2e:shown:*") == []


async def test_rahnama_run_answers_over_long_polling_and_stops_cleanly_on_sigterm(
    fake: FakeBotAPI, redis_client: Redis
) -> None:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "REDIS_URL": REDIS_TEST_URL,
        "REDIS_PREFIX": "e2e:",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        await fake.wait_for_request("getUpdates", timeout=30)
        user = fake.user(1010, first_name="Imran", last_name="Safi", username="imran_safi_kbl", language_code="ps")
        (reply,) = await converse(fake, user, lambda: fake.send_command(user, "/start", "ps_undocumented"))
        assert ARABIC_SCRIPT.search(reply["text"])
        assert await redis_client.hget("e2e:user:1010", "lang") == "ps"
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, stderr.decode()[-2000:]
    assert b"Traceback" not in stderr


async def test_channel_post_naming_the_bot_gets_a_pointer(fake: FakeBotAPI, bot_app: Application) -> None:
    channel = fake.channel(-100300, "News")
    await fake.channel_post(channel, "Ask @rahnama_test_bot about PoR")
    (pointer,) = await fake.wait_for_messages(channel.id, 1)
    assert "t.me/rahnama_test_bot" in pointer["text"]


async def test_group_chatter_not_addressed_to_the_bot_is_ignored(fake: FakeBotAPI, bot_app: Application) -> None:
    user = fake.user(1011, first_name="Jamila", last_name="Azizi", username="jamila_azizi", language_code="fa")
    group = fake.group(-100400, "Family", members=[user])
    await fake.send_group_text(group, user, "salam everyone")
    await converse(fake, user, lambda: fake.send_command(user, "/start", "en"))  # the bot has moved on
    assert fake.sent_messages(group.id) == []


@pytest.mark.parametrize(
    "update",
    [
        {"message": {"message_id": 1, "date": 0, "chat": {"id": 1012, "type": "private"}}},  # no sender, no text
        {"callback_query": {"id": "x", "from": {"id": 1012, "is_bot": False, "first_name": "K"}, "chat_instance": "1"}},
        {"poll": {"id": "p"}},
        {"some_future_update_type": {"x": 1}},
    ],
)
async def test_malformed_or_unknown_updates_do_not_stop_the_bot(
    fake: FakeBotAPI, bot_app: Application, update: dict
) -> None:
    user = fake.user(1012, first_name="Karim", last_name="Stanikzai", username="karim_stanikzai", language_code="en")
    fake.state.callback_queries["x"] = {"answered": None, "data": None}  # a query Telegram really sent
    await fake.raw_update(update)
    since = len(fake.requests)
    await fake.send_command(user, "/start", "en")
    await fake.wait_for_request("sendMessage", lambda r: "Choose a topic" in str(r.params.get("text")), since=since)


async def test_opting_in_from_the_chat_subscribes_and_stop_ends_it(
    fake: FakeBotAPI, bot_app: Application, redis_client: Redis
) -> None:
    subs = Subscriptions(redis_client, "e2e:")
    user = fake.user(1020, first_name="Laila", last_name="Hussaini", username="laila_h", language_code="fa")
    (category,) = await converse(fake, user, lambda: fake.send_command(user, "/start", "prs_por"))
    (offer,) = await press(fake, user, category, "🔔")
    assert "۳۰، ۷، ۱" in offer["text"]  # the content pack's reminder days, in Dari digits
    (done,) = await press(fake, user, offer, "✅")
    assert await subs.categories_of(1020) == {DocumentCategory.POR}
    assert ARABIC_SCRIPT.search(done["text"])
    (stopped,) = await converse(fake, user, lambda: fake.send_command(user, "/stop"))
    assert await subs.categories_of(1020) == set()
    assert ARABIC_SCRIPT.search(stopped["text"])


async def test_blocking_the_bot_ends_the_subscriptions(
    fake: FakeBotAPI, bot_app: Application, redis_client: Redis
) -> None:
    subs = Subscriptions(redis_client, "e2e:")
    user = fake.user(1021, first_name="Mirwais", last_name="Achakzai", username="mirwais_ach", language_code="ps")
    await subs.subscribe(1021, "acc", "ps")
    await fake.block(user)
    await fake.unblock(user)
    # Updates are handled in order, so once /start is answered the block has been handled too.
    await converse(fake, user, lambda: fake.send_command(user, "/start", "ps"))
    assert await subs.categories_of(1021) == set()


async def test_the_running_bot_sends_a_broadcast_to_subscribers_in_their_language(
    fake: FakeBotAPI, bot_app: Application, redis_client: Redis
) -> None:
    subs = Subscriptions(redis_client, "e2e:")
    dari = fake.user(1030, first_name="Parwana", last_name="Qaderi", username="parwana_q", language_code="fa")
    pashto = fake.user(1031, first_name="Zalmai", last_name="Ahmadzai", username="zalmai_az", language_code="ps")
    for user in (dari, pashto):  # they have talked to the bot, so Telegram knows the chats
        await converse(fake, user, lambda u=user: fake.send_command(u, "/start", "en"))
    await subs.subscribe(1030, "por", "prs")
    await subs.subscribe(1031, "por", "ps")
    messages = {"prs": "یادآوری: مهلت نزدیک است", "ps": "یادونه: وروستۍ نېټه نږدې ده", "en": "Reminder"}
    await create_job(redis_client, "e2e:", ["por"], None, messages, now=time.time())
    dari_got = (await fake.wait_for_messages(1030, 2, timeout=15))[-1]
    pashto_got = (await fake.wait_for_messages(1031, 2, timeout=15))[-1]
    # Under the neutral first line of discreet mode, everyone's default.
    assert dari_got["text"] == opened(messages["prs"], Language.DARI)
    assert pashto_got["text"] == opened(messages["ps"], Language.PASHTO)


async def test_forget_confirms_then_erases_every_key_of_the_person(
    fake: FakeBotAPI, bot_app: Application, redis_client: Redis
) -> None:
    user = fake.user(1040, first_name="Nargis", last_name="Yousufzai", username="nargis_yz", language_code="fa")
    (category,) = await converse(fake, user, lambda: fake.send_command(user, "/start", "prs_acc"))
    (offer,) = await press(fake, user, category, "🔔")
    await press(fake, user, offer, "✅")
    await navigate(fake, user, lambda: fake.press_button(user, category, "go:topic:acc:now"))
    assert await redis_client.keys("e2e:*1040*")  # state and shown versions exist before

    (confirm,) = await converse(fake, user, lambda: fake.send_command(user, "/forget"))
    assert await redis_client.keys("e2e:*1040*")  # nothing is erased without a yes
    (done,) = await converse(fake, user, lambda: fake.press_button(user, confirm, "do:forget"))
    assert ARABIC_SCRIPT.search(done["text"])
    assert await redis_client.keys("e2e:*1040*") == []
    assert await redis_client.hget(f"e2e:subs:{1040 % 8192}", "1040") is None
    assert await Subscriptions(redis_client, "e2e:").count() == 0


async def test_a_flood_gets_one_polite_notice_and_the_rest_is_ignored(fake: FakeBotAPI, bot_app: Application) -> None:
    user = fake.user(1050, first_name="Obaidullah", last_name="Mangal", username="obaid_mangal", language_code="ps")
    # A long window, so that a window boundary cannot fall in the middle of this test.
    gate = bot_app.bot_data["rahnama"].flood
    gate.limit, gate.window_s = 20, 3600
    for _ in range(25):  # the limit is 20 updates in 10 seconds
        await fake.send_text(user, "?")
    await converse(fake, user, lambda: fake.send_command(user, "/start", "ps"), expect=0)
    await fake.wait_for_messages(user.id, 21)
    replies = fake.sent_messages(user.id)
    notices = [m for m in replies if "very fast" in m["text"] or "ډېر ژر" in m["text"]]
    assert len(replies) == 21 and len(notices) == 1
