"""End to end: emergencies from a voice note's caption, a forward and an unsure message, over the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis
from telegram.ext import Application

from bot.content import ContentPack
from tests.fake_bot_api import FakeBotAPI
from tests.telegram_harness import PREFIX, act, buttons, has_button, running_bot, says


@pytest.fixture
async def bot_app(fake: FakeBotAPI, content: ContentPack, redis_client: Redis) -> AsyncIterator[Application]:
    async with running_bot(fake, content, redis_client, redis_prefix=PREFIX) as application:
        yield application


async def test_a_voice_note_captioned_with_an_arrest_gets_the_card_before_any_language(
    fake: FakeBotAPI, bot_app: Application, content: ContentPack
) -> None:
    user = fake.user(1501, first_name="Zarmina", language_code="en")
    card_title = content.topic("rights-police").texts["ps"].title
    caption = "پرون شپه یې زما ورور بوتلو کمپ ته"  # Pashto: last night they took my brother to the camp
    card = await act(fake, user.id, lambda: fake.send_voice(user, caption=caption), says(card_title))
    assert "0800-70806" in card["text"]
    await act(fake, user.id, lambda: fake.send_text(user, "x"), has_button("lang:"))
    assert fake.rejected == []


async def test_an_unsure_message_asks_first_and_yes_opens_the_card(
    fake: FakeBotAPI, bot_app: Application, content: ContentPack
) -> None:
    user = fake.user(1502, first_name="Nasir", language_code="en")
    await act(fake, user.id, lambda: fake.send_command(user, "/start", "en"), has_button("go:"))
    question = await act(fake, user.id, lambda: fake.send_text(user, "police here"), has_button("now:yes:"))
    assert question["text"] == "Is this happening now?"
    yes = next(b["callback_data"] for b in buttons(question) if b["text"] == "Yes, now")
    card_title = content.topic("rights-police").texts["en"].title
    await act(fake, user.id, lambda: fake.press_button(user, question, yes), says(card_title))
    forwarded = "police took my brother to the thana last night"
    await act(fake, user.id, lambda: fake.forward_to_bot(user, forwarded), says(card_title))
    assert fake.rejected == []
