"""Tests of the fake Telegram Bot API itself, driven by the real python-telegram-bot over HTTP.

Each rejection kind has its own test (the real API would refuse the request, so must the fake), then the
happy paths the end-to-end tests rely on. Malformed requests PTB would never send go through aiohttp.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import telegram
from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyParameters,
    Update,
)
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

try:
    from tests.fake_bot_api import ApiError, FakeBotAPI, format_text, load_spec, parse_html, validate_object
except ModuleNotFoundError:  # `tests` is importable only when the repository root is on sys.path
    from fake_bot_api import ApiError, FakeBotAPI, format_text, load_spec, parse_html, validate_object

# PTB itself warns when it builds a RetryAfter; that is PTB's business, not these tests'.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")

KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])


def assert_results_conform(fake: FakeBotAPI) -> None:
    """Every answer the fake gave is of the type the spec says the method returns."""
    spec = load_spec()
    for record in fake.requests:
        method = spec.method(record.method)
        if record.ok and method is not None:
            validate_object(spec, method.returns, record.result)


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as api:
        yield api
        assert_results_conform(api)


@pytest.fixture
async def bot(fake: FakeBotAPI) -> AsyncIterator[telegram.Bot]:
    client = telegram.Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url)
    await client.initialize()
    yield client
    await client.shutdown()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def call(
    http: aiohttp.ClientSession, fake: FakeBotAPI, method: str, token: str | None = None, **kwargs: Any
) -> tuple[int, dict[str, Any]]:
    """A raw HTTP call; kwargs go to aiohttp (data=, json=, params=)."""
    async with http.post(f"{fake.base_url}{token or fake.token}/{method}", **kwargs) as response:
        return response.status, await response.json()


def last_rejection(fake: FakeBotAPI) -> str:
    assert fake.rejected, "expected a rejected request"
    return fake.rejected[-1].description or ""


# --- rejections --------------------------------------------------------------------------------------
async def test_unknown_method_is_404_not_found(fake: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    status, body = await call(http, fake, "sendMesage", data={"chat_id": "1", "text": "x"})
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    assert fake.rejected[0].kind == "not_found"


async def test_wrong_token_is_401_unauthorized(fake: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    status, body = await call(http, fake, "getMe", token="123456:wrong")
    assert (status, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    wrong = telegram.Bot("123456:wrong", base_url=fake.base_url)
    with pytest.raises(InvalidToken):
        await wrong.initialize()


async def test_missing_required_parameter(fake: FakeBotAPI, http: aiohttp.ClientSession, bot: telegram.Bot) -> None:
    fake.user(1001)
    with pytest.raises(BadRequest, match="(?i)Message text is empty"):
        await bot.send_message(1001, "")
    status, body = await call(http, fake, "setMyCommands", data={"language_code": "fa"})
    assert status == 400
    assert body["description"] == 'Bad Request: parameter "commands" is required'


async def test_unknown_parameter_is_rejected_to_catch_typos(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    fake.user(1001)
    with pytest.raises(BadRequest, match="(?i)unknown parameter"):
        await bot.send_message(1001, "hi", api_kwargs={"disable_web_page_previews": True})
    assert 'unknown parameter "disable_web_page_previews"' in last_rejection(fake)


async def test_wrong_top_level_type(fake: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    status, body = await call(http, fake, "getUpdates", data={"limit": "ten"})
    assert status == 400
    assert body["description"] == "Bad Request: limit must be of type Integer, got 'ten'"


async def test_wrong_nested_type_is_found_recursively(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    fake.user(1001)
    with pytest.raises(BadRequest):
        await bot.send_message(1001, "hi", api_kwargs={"reply_parameters": {"message_id": "5"}})
    assert fake.rejected[-1].reason == "reply_parameters.message_id must be of type Integer, got '5'"
    markup = {"inline_keyboard": [[{"text": "a", "callback_data": 7}]]}
    with pytest.raises(BadRequest):
        await bot.send_message(1001, "hi", api_kwargs={"reply_markup": json.dumps(markup)})
    assert "inline_keyboard[0][0].callback_data must be of type String" in (fake.rejected[-1].reason or "")
    with pytest.raises(BadRequest, match='(?i)unknown field "disable" in linkpreviewoptions'):
        await bot.send_message(1001, "hi", api_kwargs={"link_preview_options": {"is_disabled": True, "disable": True}})


async def test_text_too_long_counts_utf16_after_entity_parsing(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    fake.user(1001)
    await bot.send_message(1001, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")  # tags don't count
    await bot.send_message(1001, "😀" * 2048)  # 4096 UTF-16 code units
    with pytest.raises(BadRequest, match="(?i)Message is too long"):
        await bot.send_message(1001, "😀" * 2048 + "a")
    with pytest.raises(BadRequest, match="(?i)Message is too long"):
        await bot.send_message(1001, "&lt;" * 4097, parse_mode="HTML")
    assert [r.description for r in fake.rejected] == ["Bad Request: message is too long"] * 2


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("line<br>break", 'Unsupported start tag "br" at byte offset 4'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("Tom & Jerry", 'Unsupported HTML entity: "&" must be escaped as "&amp;" at byte offset 4'),
        ("&nbsp;", 'Unsupported HTML entity: "&" must be escaped as "&amp;" at byte offset 0'),
    ],
)
async def test_bad_html_is_rejected(fake: FakeBotAPI, bot: telegram.Bot, html: str, error: str) -> None:
    fake.user(1001)
    with pytest.raises(BadRequest, match="(?i)Can't parse entities"):
        await bot.send_message(1001, html, parse_mode="HTML")
    assert last_rejection(fake) == f"Bad Request: can't parse entities: {error}"


async def test_markdown_parse_modes_are_refused(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    fake.user(1001)
    with pytest.raises(BadRequest, match="(?i)Unsupported parse_mode"):
        await bot.send_message(1001, "*hi*", parse_mode="MarkdownV2")


async def test_callback_data_over_64_bytes(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    fake.user(1001)
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="ش" * 32)]])  # 64 bytes in UTF-8
    await bot.send_message(1001, "fits", reply_markup=ok)
    for data in ("x" * 65, "ش" * 33):  # 33 characters, but 66 bytes
        too_long = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data=data)]])
        with pytest.raises(BadRequest, match="(?i)Button_data_invalid"):
            await bot.send_message(1001, "too long", reply_markup=too_long)
        assert last_rejection(fake) == "Bad Request: BUTTON_DATA_INVALID"
    assert fake.rejected[-1].reason == (
        "reply_markup.inline_keyboard[0][0].callback_data must be 1-64 bytes (UTF-8), got 66"
    )


async def test_button_needs_exactly_one_action_field(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    fake.user(1001)
    two = InlineKeyboardButton("a", callback_data="a", url="https://example.org")
    with pytest.raises(BadRequest, match="(?i)needs exactly one of"):
        await bot.send_message(1001, "x", reply_markup=InlineKeyboardMarkup([[two]]))
    assert "got ['callback_data', 'url']" in last_rejection(fake)
    with pytest.raises(BadRequest, match="(?i)got none"):
        await bot.send_message(1001, "x", api_kwargs={"reply_markup": '{"inline_keyboard": [[{"text": "a"}]]}'})


@pytest.mark.parametrize(
    ("command", "description", "error"),
    [
        ("Start", "Begin", "BOT_COMMAND_INVALID"),
        ("get-help", "Help", "BOT_COMMAND_INVALID"),
        ("a" * 33, "Long", "command length must not exceed 32"),
        ("start", "d" * 257, "command description length must not exceed 256"),
    ],
)
async def test_bad_bot_command(fake: FakeBotAPI, bot: telegram.Bot, command: str, description: str, error: str) -> None:
    with pytest.raises(BadRequest):
        await bot.set_my_commands([BotCommand(command, description)])
    assert last_rejection(fake) == f"Bad Request: {error}"


async def test_bot_settings_limits(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match="(?i)commands must have 0-100 items, got 101"):
        await bot.set_my_commands([BotCommand(f"c{i}", "d") for i in range(101)])
    with pytest.raises(BadRequest, match="(?i)Invalid language code specified"):
        await bot.set_my_commands([BotCommand("start", "Start")], language_code="fas")
    await bot.set_my_description("d" * 512, language_code="fa")
    with pytest.raises(BadRequest, match="(?i)must be 0-512 characters, got 513"):
        await bot.set_my_description("d" * 513)
    await bot.set_my_short_description("s" * 120)
    with pytest.raises(BadRequest, match="(?i)must be 0-120 characters, got 121"):
        await bot.set_my_short_description("s" * 121)
    with pytest.raises(BadRequest, match="(?i)between 1 and 100, got 101"):
        await bot.get_updates(limit=101)


async def test_answer_callback_query_rules(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    user = fake.user(1001)
    message = await bot.send_message(1001, "menu", reply_markup=KEYBOARD)
    update = await fake.press_button(user, message, "go")  # a PTB Message works as well as a dict
    query_id = update["callback_query"]["id"]
    with pytest.raises(BadRequest, match="(?i)Message_too_long"):
        await bot.answer_callback_query(query_id, text="t" * 201)
    await bot.answer_callback_query(query_id, text="t" * 200)
    with pytest.raises(BadRequest, match="(?i)Query is too old"):
        await bot.answer_callback_query(query_id)  # answered already
    with pytest.raises(BadRequest, match="(?i)Query is too old"):
        await bot.answer_callback_query("999")


async def test_chat_not_found(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match="(?i)Chat not found"):
        await bot.send_message(424242, "anyone there?")
    with pytest.raises(BadRequest, match="(?i)Chat not found"):
        await bot.send_message("@nobody", "anyone there?")
    assert fake.rejected[-1].kind == "state"


async def test_blocked_user_gets_403_and_a_my_chat_member_update(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    user = fake.user(1001)
    update = await fake.block(user)
    assert update["my_chat_member"]["new_chat_member"]["status"] == "kicked"
    with pytest.raises(Forbidden, match="(?i)bot was blocked by the user"):
        await bot.send_message(1001, "hello?")
    assert last_rejection(fake) == "Forbidden: bot was blocked by the user"
    with pytest.raises(Forbidden):
        await bot.send_chat_action(1001, "typing")
    await fake.unblock(user)
    await bot.send_message(1001, "welcome back")


async def test_message_not_modified(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    fake.user(1001)
    sent = await bot.send_message(1001, "<b>menu</b>", parse_mode="HTML", reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="(?i)Message is not modified"):
        await bot.edit_message_text("<b>menu</b>", 1001, sent.message_id, parse_mode="HTML", reply_markup=KEYBOARD)
    assert last_rejection(fake).startswith("Bad Request: message is not modified: specified new message content")
    # The same text without the keyboard is a change: leaving out reply_markup removes it.
    edited = await bot.edit_message_text("<b>menu</b>", 1001, sent.message_id, parse_mode="HTML")
    assert edited.reply_markup is None


async def test_edit_and_delete_need_an_existing_message(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    fake.user(1001)
    with pytest.raises(BadRequest, match="(?i)Message to edit not found"):
        await bot.edit_message_text("x", 1001, 77)
    with pytest.raises(BadRequest, match="(?i)Message to edit not found"):
        await bot.edit_message_reply_markup(1001, 77, reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="(?i)Message to delete not found"):
        await bot.delete_message(1001, 77)
    sent = await bot.send_message(1001, "bye")
    assert await bot.delete_message(1001, sent.message_id)
    with pytest.raises(BadRequest, match="(?i)Message to delete not found"):
        await bot.delete_message(1001, sent.message_id)
    assert fake.sent_messages(1001, include_deleted=False) == []
    assert [m["text"] for m in fake.sent_messages(1001)] == ["bye"]  # deleted messages were still sent


async def test_get_updates_conflicts_with_webhook_and_with_a_second_poller(
    fake: FakeBotAPI, bot: telegram.Bot, http: aiohttp.ClientSession
) -> None:
    with pytest.raises(BadRequest, match="(?i)Https url must be provided"):
        await bot.set_webhook("http://example.org/hook")
    await bot.set_webhook("https://example.org/hook")
    assert (await bot.get_webhook_info()).url == "https://example.org/hook"
    with pytest.raises(Conflict, match="(?i)webhook is active"):
        await bot.get_updates()
    await bot.delete_webhook()
    first = asyncio.create_task(call(http, fake, "getUpdates", data={"timeout": "5"}))
    await fake.state.changed.wait_for(lambda: fake.updates.waiting == 1, 5)
    assert await bot.get_updates(timeout=0) == ()
    status, body = await first
    assert status == 409
    assert body["description"].startswith("Conflict: terminated by other getUpdates request")


# --- happy paths ---------------------------------------------------------------------------------------
async def test_get_me_describes_the_bot(bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot, me.can_join_groups) == (123456, "rahnama_test_bot", True, True)


async def test_send_message_with_html_and_keyboard_returns_parsed_text(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    fake.user(1001, "Ahmad")
    sent = await bot.send_message(
        1001,
        "😀 <b>Hi</b> &amp; <a href='https://example.org/x'>link</a>",
        parse_mode="HTML",
        reply_markup=KEYBOARD,
    )
    assert sent.text == "😀 Hi & link"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 3, 2), ("text_link", 8, 4)]
    assert sent.entities[1].url == "https://example.org/x"
    assert sent.reply_markup == KEYBOARD
    assert sent.from_user.id == 123456
    [stored] = fake.sent_messages(1001)
    assert stored["text"] == "😀 Hi & link"
    assert fake.rejected == []


async def test_html_parser_matches_telegram() -> None:
    text, entities = parse_html('<pre><code class="language-python">x = 1</code></pre> <i>a<b>b</b></i>')
    assert text == "x = 1 ab"
    assert entities == [
        {"type": "pre", "offset": 0, "length": 5, "language": "python"},
        {"type": "italic", "offset": 6, "length": 2},
        {"type": "bold", "offset": 7, "length": 1},
    ]
    text, entities = parse_html("<blockquote expandable>q</blockquote><tg-spoiler>s</tg-spoiler>&#128512;&#x27;")
    assert text == "qs😀'"
    assert [e["type"] for e in entities] == ["expandable_blockquote", "spoiler"]
    # Telegram trims surrounding whitespace and clips entities to the trimmed text.
    assert format_text("  <b> hi </b>\n", "HTML") == ("hi", [{"type": "bold", "offset": 0, "length": 2}])


async def test_application_polls_receives_update_and_replies(fake: FakeBotAPI) -> None:
    user = fake.user(1001, "Ahmad", language_code="ps")
    app = Application.builder().token(fake.token).base_url(fake.base_url).base_file_url(fake.base_file_url).build()

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"start {context.args}", reply_markup=KEYBOARD)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer("ok")
        await update.callback_query.edit_message_text("pressed")

    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling()
        await fake.send_command(user, "/start", "ps_acc")
        [reply] = await fake.wait_for_messages(user, 1)
        assert reply["text"] == "start ['ps_acc']"
        update = await fake.press_button(user, reply, "go")
        await fake.wait_for_request("editMessageText")
        await app.updater.stop()
        await app.stop()
    assert fake.callback_answer(update) == {"text": "ok"}
    assert fake.sent_messages(user)[0]["text"] == "pressed"
    assert fake.rejected == []


async def test_long_poll_is_held_until_an_update_arrives(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    user = fake.user(1001)
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await fake.state.changed.wait_for(lambda: fake.updates.waiting == 1, 5)
    assert not poll.done()
    sent = await fake.send_text(user, "salaam")
    [update] = await poll
    assert (update.update_id, update.message.text) == (sent["update_id"], "salaam")
    # Until confirmed by offset the update is delivered again; after that it is gone.
    assert len(await bot.get_updates(timeout=0)) == 1
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()


async def test_allowed_updates_filters_update_types(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    user = fake.user(1001)
    await fake.send_text(user, "text")
    message = await bot.send_message(1001, "menu", reply_markup=KEYBOARD)
    pressed = await fake.press_button(user, message.to_dict(), "go")
    updates = await bot.get_updates(timeout=0, allowed_updates=["callback_query"])
    assert [u.update_id for u in updates] == [pressed["update_id"]]
    assert len(await bot.get_updates(timeout=0, allowed_updates=Update.ALL_TYPES)) == 1
    with pytest.raises(BadRequest, match='(?i)unknown update type "mesage"'):
        await bot.get_updates(timeout=0, allowed_updates=["mesage"])


async def test_commands_are_stored_per_scope_and_language(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    fake.user(1001)
    await bot.set_my_commands([BotCommand("start", "شروع")], language_code="fa")
    await bot.set_my_commands([BotCommand("start", "پیل")], language_code="ps")
    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")])
    await bot.set_my_commands([BotCommand("admin", "Admin")], scope=BotCommandScopeChat(1001))
    assert [c.description for c in await bot.get_my_commands(language_code="fa")] == ["شروع"]
    assert [c.description for c in await bot.get_my_commands(language_code="ps")] == ["پیل"]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert fake.commands({"type": "chat", "chat_id": 1001}) == [{"command": "admin", "description": "Admin"}]
    await bot.delete_my_commands(language_code="ps")
    assert await bot.get_my_commands(language_code="ps") == ()
    with pytest.raises(BadRequest, match="(?i)Chat not found"):
        await bot.set_my_commands([BotCommand("x", "y")], scope=BotCommandScopeChat(5))


async def test_descriptions_are_stored_per_language(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    await bot.set_my_description("Rights information", language_code="en")
    await bot.set_my_short_description("معلومات", language_code="fa")
    assert (await bot.get_my_description("en")).description == "Rights information"
    assert (await bot.get_my_short_description("fa")).short_description == "معلومات"
    assert fake.bot_text("description", "en") == "Rights information"


async def test_groups_forums_membership_and_channels(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    ali, sara = fake.user(1001, "Ali"), fake.user(1002, "Sara")
    group = fake.group(-1001234, "Helpers", forum=True, members=[ali])
    topic = await bot.create_forum_topic(group.id, "Legal aid")
    sent = await bot.send_message(group.id, "in topic", message_thread_id=topic.message_thread_id)
    assert sent.is_topic_message and sent.message_thread_id == topic.message_thread_id
    with pytest.raises(BadRequest, match="(?i)Message thread not found"):
        await bot.send_message(group.id, "x", message_thread_id=999)
    update = await fake.send_group_text(
        group, ali, "question", reply_to=sent.to_dict(), message_thread_id=topic.message_thread_id
    )
    assert update["message"]["reply_to_message"]["message_id"] == sent.message_id
    assert (await bot.get_chat_member(group.id, ali.id)).status == "member"
    assert (await bot.get_chat_member(group.id, sara.id)).status == "left"
    plain = fake.group(-1005678, "Plain group")
    with pytest.raises(BadRequest, match="(?i)The chat is not a forum"):
        await bot.create_forum_topic(plain.id, "x")
    channel = fake.channel(-1009999, "News", username="rahnama_news")
    post = await fake.channel_post(channel, "announcement")
    assert post["channel_post"]["chat"]["type"] == "channel"
    assert (await bot.send_message("@rahnama_news", "hi")).chat.id == channel.id


async def test_reply_parameters_must_point_to_a_message(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    user = fake.user(1001)
    incoming = await fake.send_text(user, "hello")
    mid = incoming["message"]["message_id"]
    reply = await bot.send_message(1001, "hi", reply_parameters=ReplyParameters(mid))
    assert reply.reply_to_message is not None and reply.reply_to_message.text == "hello"
    with pytest.raises(BadRequest, match="(?i)Message to be replied not found"):
        await bot.send_message(1001, "hi", reply_parameters=ReplyParameters(999))


async def test_injected_updates_conform_to_the_spec_and_parse_in_ptb(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    user = fake.user(1001, "Ahmad", username="ahmad")
    group = fake.group(-100777, "G", members=[user])
    message = await bot.send_message(1001, "menu", reply_markup=KEYBOARD)
    text = await fake.send_text(user, "hi /help")
    updates = [
        await fake.send_command(user, "/start", "x"),
        await fake.send_sticker(user),
        await fake.send_photo(user, caption="pic"),
        await fake.send_voice(user),
        await fake.send_location(user),
        await fake.send_document(user),
        await fake.edit_text(user, text["message"], "edited"),
        await fake.press_button(user, message.to_dict(), "go"),
        await fake.send_group_text(group, user, "group hi"),
        await fake.channel_post(fake.channel(-100888, "C"), "post"),
        await fake.block(user),
    ]
    spec = load_spec()
    for update in updates:
        validate_object(spec, "Update", update)
        assert Update.de_json(update, bot).update_id == update["update_id"]
    ids = [u["update_id"] for u in updates]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert updates[0]["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    with pytest.raises(ApiError, match="(?i)is required"):
        validate_object(spec, "Update", {"update_id": 1, "message": {"message_id": 1}})


async def test_uploads_json_and_query_requests(
    fake: FakeBotAPI, bot: telegram.Bot, http: aiohttp.ClientSession
) -> None:
    fake.user(1001)
    document = await bot.send_document(
        1001, b"%PDF-1.4", filename="rights.pdf", caption="<i>guide</i>", parse_mode="HTML"
    )
    assert document.document is not None and document.document.file_name == "rights.pdf"
    assert document.caption == "guide"
    file = await bot.get_file(document.document.file_id)
    assert await file.download_as_bytearray() == b"%PDF-1.4"
    markup = {"inline_keyboard": [[{"text": "a", "url": "https://example.org"}]]}
    status, body = await call(http, fake, "sendMessage", json={"chat_id": 1001, "text": "json", "reply_markup": markup})
    assert status == 200 and body["result"]["reply_markup"] == markup
    status, body = await call(http, fake, "SENDMESSAGE", params={"chat_id": "1001", "text": "query"})
    assert status == 200 and body["result"]["text"] == "query"
    assert fake.rejected == []


async def test_fail_next_injects_errors_without_counting_as_rejections(fake: FakeBotAPI, bot: telegram.Bot) -> None:
    fake.user(1001)
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)
    with pytest.raises(RetryAfter, match="(?i)retry in 3"):
        await bot.send_message(1001, "first")
    await bot.send_message(1001, "second")
    assert fake.rejected == []
    assert [r.ok for r in fake.requests if r.method == "sendMessage"] == [False, True]


async def test_rate_limit_mode_uses_sliding_windows_and_an_injectable_clock() -> None:
    now = [1000.0]
    async with FakeBotAPI(rate_limit=True, clock=lambda: now[0]) as fake:
        bot = telegram.Bot(fake.token, base_url=fake.base_url)
        for uid in range(1, 32):
            fake.user(uid)
        async with bot:
            await bot.send_message(1, "a")
            with pytest.raises(RetryAfter):
                await bot.send_message(1, "b")  # 1 message per second per chat
            now[0] += 1.0
            await bot.send_message(1, "b")
            for uid in range(2, 31):
                await bot.send_message(uid, "broadcast")  # 30 within one second
            with pytest.raises(RetryAfter):
                await bot.send_message(31, "one too many")
            await bot.send_chat_action(31, "typing")  # not a message
        assert fake.rejected[-1].description == "Too Many Requests: retry after 1"
        assert [r.kind for r in fake.rejected] == ["rate_limit", "rate_limit"]
        assert_results_conform(fake)
