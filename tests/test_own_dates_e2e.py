"""Own dates end to end: the real PTB Application against the validating fake Bot API, and a real Redis."""

from __future__ import annotations

from datetime import date

from redis.asyncio import Redis
from telegram.ext import Application

from bot.conversation.own_date import OwnDate
from bot.i18n.bidi import strip_bidi_controls
from bot.own_dates import OwnDates
from bot.reminder_times import due_at
from bot.reminders import Reminders
from tests.fake_bot_api import FakeBotAPI
from tests.test_telegram_e2e import ARABIC_SCRIPT, bot_app, converse, navigate, press

__all__ = ["bot_app"]  # a fixture


async def test_a_pashto_speaker_adds_a_visa_date_hears_of_it_once_and_forget_erases_it(
    fake: FakeBotAPI, bot_app: Application, redis_client: Redis
) -> None:
    user = fake.user(1060, first_name="P", language_code="ps")
    (category,) = await converse(fake, user, lambda: fake.send_command(user, "/start", "ps_visa"))
    (offer,) = await press(fake, user, category, "🔔")
    (own,) = await press(fake, user, offer, "📅")
    (kinds,) = await press(fake, user, own, "➕")
    (ask,) = await press(fake, user, kinds, "ویزې")
    assert "۱۴۰" in ask["text"]  # the example date, in Pashto digits

    (refused,) = await navigate(fake, user, lambda: fake.send_text(user, "۳۱/۱۳/۱۴۰۶"))  # no 13th month
    assert ARABIC_SCRIPT.search(refused["text"]) and "جنتري" in refused["text"]
    (confirm,) = await navigate(fake, user, lambda: fake.send_text(user, "۱۴۰۶/۰۲/۱۲"))
    assert "۱۲ غویی ۱۴۰۶" in strip_bidi_controls(confirm["text"]) and "۲۰۲۷" in confirm["text"]
    await press(fake, user, confirm, "✅")
    store = OwnDates(redis_client, "e2e:")
    assert await store.dates_of(1060) == (OwnDate(1, "visa", date(2027, 5, 2)),)

    # Seven days before, at 10:00 in Karachi, one of the processes claims it and the running bot sends it.
    reminders = Reminders(redis_client, "e2e:")
    moment = due_at(date(2027, 5, 2), 7)
    claimed = await reminders.own.claim_due(moment)  # the 30-days one too: nobody ran the loop a month ago
    assert sorted(claimed) == ["1060:1:20270502:30", "1060:1:20270502:7"]
    before = len(fake.sent_messages(1060))
    assert [await reminders.own.fire(member, moment) is not None for member in sorted(claimed)] == [False, True]
    reminder = (await fake.wait_for_messages(1060, before + 1, timeout=15))[-1]
    assert "۷" in reminder["text"] and "ویزې" in reminder["text"]
    assert "ویزې" not in reminder["text"].splitlines()[0]

    (sure,) = await converse(fake, user, lambda: fake.send_command(user, "/forget"))
    await converse(fake, user, lambda: fake.press_button(user, sure, "do:forget"))
    assert await redis_client.keys("e2e:*1060*") == []
    assert [m for m in await redis_client.zrange("e2e:reminders:own", 0, -1) if m.startswith("1060:")] == []
