"""The operators' group: Claim and Close buttons, /claim and /close, and replies relayed to the person.

Only members of the group (creator, administrator, member: asked from Telegram each time, nothing
cached, so a removed operator loses access at once and two workers agree) can operate. A message
belongs to a referral when it is in the referral's forum topic, or a reply to one of the bot's
messages of that referral; anything else in the group is the operators' own talk and is ignored,
as is a message starting with // (a note for colleagues).
"""

from __future__ import annotations

import contextlib
import logging

from telegram import Bot, CallbackQuery, Message, Update
from telegram.constants import ChatMemberStatus, ParseMode
from telegram.error import TelegramError

from bot.channels.telegram.helpline import HelplineDesk
from bot.helpline import summary, to_person
from bot.helpline.store import Referral
from bot.i18n.catalog import N_

log = logging.getLogger(__name__)

OPERATORS = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.MEMBER)
NOTE_PREFIX = "//"


async def on_operators_update(desk: HelplineDesk, update: Update, bot: Bot) -> None:
    if update.callback_query is not None:
        await _on_button(desk, update.callback_query, bot)
    elif update.message is not None:
        await _on_message(desk, update.message, bot)


async def is_operator(desk: HelplineDesk, bot: Bot, user_id: int) -> bool:
    try:
        member = await bot.get_chat_member(desk.chat_id, user_id)
    except TelegramError as error:
        log.warning("getChatMember failed: %s", type(error).__name__)
        return False
    return member.status in OPERATORS


async def _on_button(desk: HelplineDesk, query: CallbackQuery, bot: Bot) -> None:
    kind, _, number = (query.data or "").partition(":")
    if kind not in (summary.CLAIM, summary.CLOSE) or not number.isdigit():
        await _answer(query)
        return
    if not await is_operator(desk, bot, query.from_user.id):
        await _answer(query, desk.operators_text(N_("Only the helpline's operators can do this.")), alert=True)
        return
    operator = query.from_user.first_name
    if kind == summary.CLAIM:
        said = await claim(desk, bot, int(number), operator)
    else:
        said = await close(desk, bot, int(number), operator)
    await _answer(query, said)


async def claim(desk: HelplineDesk, bot: Bot, number: int, operator: str) -> str:
    """Claim a referral and tell the person; what to tell the operator."""
    result = await desk.store.claim(number, operator, desk.clock())
    referral = await desk.store.get(number)
    if result != 1 or referral is None:
        return desk.operators_text(N_("Already claimed or closed."))
    await announce_claim(desk, bot, referral, operator)
    return desk.operators_text(N_("Claimed."))


async def announce_claim(desk: HelplineDesk, bot: Bot, referral: Referral, operator: str) -> None:
    """After a claim (here or from the admin page): the summary, the person, a note in the thread."""
    await desk.refresh_summary(bot, referral)
    discreet = await desk.discreet(referral.user_id)
    told = await desk.tell_person(bot, referral, to_person.claimed(referral, discreet=discreet))
    message = (
        N_("✋ {who} claimed this. The person was told.")
        if told
        else N_("✋ {who} claimed this. The person could not be reached: they may have blocked the bot.")
    )
    await desk.note(bot, referral, message, who=operator)


async def close(desk: HelplineDesk, bot: Bot, number: int, operator: str) -> str:
    closed = await desk.store.close(number, operator, desk.clock())
    if closed is None:
        return desk.operators_text(N_("Already closed."))
    await announce_close(desk, bot, closed, operator)
    return desk.operators_text(N_("Closed."))


async def announce_close(desk: HelplineDesk, bot: Bot, closed: Referral, operator: str) -> None:
    """After a close (here or from the admin page): the person, the summary, a note, the topic closed."""
    told = await desk.tell_person(bot, closed, to_person.closed(closed, discreet=await desk.discreet(closed.user_id)))
    message = (
        N_("✅ Closed by {who}. The person was told; what they write no longer comes here.")
        if told
        else N_("✅ Closed by {who}. The person could not be told: they may have blocked the bot.")
    )
    await desk.after_closing(bot, closed, message, who=operator)


async def _on_message(desk: HelplineDesk, message: Message, bot: Bot) -> None:
    sender = message.from_user
    if sender is None or sender.is_bot:  # anonymous admins post as the group's bot: they cannot be checked
        return
    number = await _referral_of(desk, message)
    if number is None:
        return  # the operators' own talk
    text = message.text or ""
    if text.startswith(NOTE_PREFIX):
        return
    if not await is_operator(desk, bot, sender.id):
        log.info("message from a non-member ignored", extra={"event": "helpline_not_operator"})
        return
    referral = await desk.store.get(number)
    if referral is None:
        return
    command = text.split(maxsplit=1)[0].partition("@")[0].lower() if text.startswith("/") else ""
    if command == "/close":
        await close(desk, bot, number, sender.first_name)
        return
    if command == "/claim":
        await claim(desk, bot, number, sender.first_name)
        return
    if command:
        return  # other commands are not for the person
    await _relay_to_person(desk, bot, referral, message, sender.first_name)


async def _relay_to_person(desk: HelplineDesk, bot: Bot, referral: Referral, message: Message, operator: str) -> None:
    await desk.store.remember_message(referral.number, message.chat.id, message.message_id, replyable=False)
    if referral.status == "closed":
        await desk.note(bot, referral, N_("This referral is closed: your message was not sent."))
        return
    if not message.text:
        await desk.note(bot, referral, N_("Only text can be passed on: this was not sent."))
        return
    if referral.status == "open":  # answering is taking it on
        await claim(desk, bot, referral.number, operator)
        referral = await desk.store.get(referral.number) or referral
    sent = []
    try:
        for part in to_person.from_helpline(referral, message.text, discreet=await desk.discreet(referral.user_id)):
            sent.append(await bot.send_message(referral.user_id, part, parse_mode=ParseMode.HTML))
    except TelegramError as error:
        log.info("relay to the person failed: %s", type(error).__name__)
        await desk.note(bot, referral, N_("Not delivered: the person may have blocked the bot or deleted the chat."))
        return
    finally:
        await desk.note_delivered(referral.user_id, sent)
    with contextlib.suppress(TelegramError):  # a quiet "delivered" for the operator
        await bot.set_message_reaction(message.chat.id, message.message_id, "👍")


async def _referral_of(desk: HelplineDesk, message: Message) -> int | None:
    if message.is_topic_message and message.message_thread_id is not None:
        found = await desk.store.by_topic(message.chat.id, message.message_thread_id)
        if found is not None:
            return found
    reply = message.reply_to_message
    if reply is not None:
        return await desk.store.by_message(message.chat.id, reply.message_id)
    return None


async def _answer(query: CallbackQuery, text: str | None = None, *, alert: bool = False) -> None:
    try:
        await query.answer(text, show_alert=alert)
    except TelegramError as error:
        log.warning("answerCallbackQuery failed: %s", type(error).__name__)
