"""Logs name people only by keyed pseudonym, and the e2e log check (tests/log_privacy.py) finds what it must."""

from __future__ import annotations

import logging

import pytest
from redis.asyncio import Redis

from bot.content import ContentPack
from bot.safety.pseudonyms import pseudonym
from tests.fake_bot_api import FakeBotAPI
from tests.log_privacy import leaks, secrets_of
from tests.telegram_harness import act, running_bot

KEY = "log-privacy-test-key"


def handled(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage() in ("update handled", "update ignored")]


async def test_update_log_lines_carry_the_keyed_pseudonym_and_not_the_id(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis, caplog: pytest.LogCaptureFixture
) -> None:
    user = fake.user(713402215, first_name="Shabnam", last_name="Rasuli", username="shabnam_r", language_code="fa")
    caplog.set_level(logging.INFO, logger="bot")
    async with running_bot(fake, content, redis_client, pseudonym_key=KEY):
        await act(fake, user.id, lambda: fake.send_command(user, "/start", "prs"), lambda m: True)
        await act(fake, user.id, lambda: fake.send_text(user, "my card number is 4455"), lambda m: True)
    lines = handled(caplog)
    assert len(lines) == 2
    assert {r.person for r in lines} == {pseudonym(user.id, KEY.encode())}  # type: ignore[attr-defined]
    assert pseudonym(user.id, KEY.encode()) != pseudonym(user.id, b"another deployment's key")


async def test_the_check_finds_each_kind_of_personal_data(fake: FakeBotAPI) -> None:
    user = fake.user(713402299, first_name="Mohammad Nabi", last_name="Ghorzang", username="nabi_gh")
    await fake.send_text(user, "Please call my cousin at +92 345 6789012")
    await fake.send_contact(user, "923001234567")
    await fake.send_location(user, 24.8607, 67.0011)
    secrets = secrets_of([fake])
    planted = [
        "person Mohammad Nabi wrote",
        "by @nabi_gh",
        "number 3456789012 normalised",
        "contact 923001234567",
        "at 24.8607",
        "chat 713402299",
        "Ghorzang",
    ]
    for line in planted:
        record = logging.LogRecord("bot.test", logging.INFO, __file__, 1, line, None, None)
        assert leaks([record], secrets), f"not caught: {line!r}"
    harmless = logging.LogRecord("bot.test", logging.INFO, __file__, 1, "update handled 7134022990", None, None)
    assert leaks([harmless], secrets) == []  # ids match as whole numbers only
