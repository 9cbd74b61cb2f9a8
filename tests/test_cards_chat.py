""" "📄 Summary card" in the chat, against the spec-checking fake Bot API: the card arrives as a photo
uploaded once (multipart, checked by the fake), then reused by its file_id; the PDF comes on request;
changed texts give a new card; a file_id Telegram no longer knows is replaced."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from redis.asyncio import Redis
from telegram.ext import Application

from bot.channels.console import ConsoleChat
from bot.content import ContentPack, load_pack
from bot.conversation import Pressed, Started, UserState, step
from bot.conversation.replies import CardRequest
from bot.domain import Language
from bot.i18n.bidi import strip_bidi_controls
from bot.store import StateStore, connect
from tests.card_checks import decode_qr, pdf_pages, png_size
from tests.fake_bot_api import FakeBotAPI
from tests.packs import copy_pack, edit
from tests.telegram_harness import PREFIX, buttons, running_bot, to_chat

CARD_TIMEOUT = 60.0  # the first card starts Chromium on a busy two-core machine
TODAY = datetime(2026, 3, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
async def card_bot(fake: FakeBotAPI, content: ContentPack, redis_client: Redis) -> AsyncIterator[Application]:
    async with running_bot(fake, content, redis_client, clock=lambda: TODAY) as application:
        yield application


async def category_menu(fake: FakeBotAPI, user_id: int, payload: str) -> dict:
    since = len(fake.requests)
    await fake.send_command(user_id, "/start", payload)
    record = await fake.wait_for_request(
        "sendMessage", lambda r: to_chat(user_id)(r) and "reply_markup" in r.params, since=since
    )
    return record.result


async def press_for_file(fake: FakeBotAPI, user_id: int, message: dict, action: str, method: str):  # type: ignore[no-untyped-def]
    since = len(fake.requests)
    await fake.press_button(user_id, message, action)
    return await fake.wait_for_request(method, to_chat(user_id), since=since, timeout=CARD_TIMEOUT)


def uploaded(fake: FakeBotAPI, message: dict, kind: str) -> bytes:
    media = message[kind][-1] if kind == "photo" else message[kind]
    return fake.state.files[media["file_id"]][1]


async def test_pashto_por_menu_sends_the_card_as_a_photo_whose_code_opens_ps_por_then_reuses_it(
    fake: FakeBotAPI, card_bot: Application, redis_client: Redis, tmp_path: Path
) -> None:
    user = fake.user(2001, "Gul", language_code="ps")
    menu = await category_menu(fake, user.id, "ps_por")
    card_button = next(b for b in buttons(menu) if b["callback_data"] == "go:card:por")
    assert card_button["text"] == "📄 لنډیز کارت"
    first = await press_for_file(fake, user.id, menu, "go:card:por", "sendPhoto")
    assert first.files == ["photo"]  # uploaded as a multipart file
    image = tmp_path / "card.png"
    image.write_bytes(uploaded(fake, first.result, "photo"))
    assert png_size(image.read_bytes()) == (1080, 1920)
    [link] = decode_qr(image)
    assert link == "https://t.me/rahnama_test_bot?start=ps_por"
    newcomer = fake.user(2101, "Jan", language_code="ur")  # someone who scans the card a friend passed on
    opened = await category_menu(fake, newcomer.id, link.rpartition("start=")[2])
    assert "د PoR کارت لرونکي" in strip_bidi_controls(opened["text"])
    assert first.result["photo"][-1]["height"] == 1280  # Telegram keeps it at most 1280 on its long side
    assert "لنډیز کارت" in first.result["caption"]

    again = await press_for_file(fake, user.id, menu, "go:card:por", "sendPhoto")
    assert again.files == [] and again.params["photo"] == first.result["photo"][-1]["file_id"]
    keys = await redis_client.keys(f"{PREFIX}card:*")
    assert len(keys) == 1 and str(user.id) not in keys[0]
    assert 0 < await redis_client.ttl(keys[0]) <= 30 * 86400
    assert fake.rejected == []


async def test_the_pdf_comes_on_request_as_an_a4_document(
    fake: FakeBotAPI, card_bot: Application, tmp_path: Path
) -> None:
    user = fake.user(2002, "Zarmina", language_code="fa")
    menu = await category_menu(fake, user.id, "prs_acc")
    photo = await press_for_file(fake, user.id, menu, "go:card:acc", "sendPhoto")
    assert "go:card:acc:pdf" in [b["callback_data"] for b in buttons(photo.result)]
    document = await press_for_file(fake, user.id, photo.result, "go:card:acc:pdf", "sendDocument")
    assert document.files == ["document"] and document.result["document"]["file_name"] == "acc-prs.pdf"
    pdf = tmp_path / "acc-prs.pdf"
    pdf.write_bytes(uploaded(fake, document.result, "document"))
    assert pdf_pages(pdf) == (1, "594.96 x 841.92 pts (A4)")
    discreet = await press_for_file(fake, user.id, photo.result, "go:card:acc:discreet", "sendPhoto")
    assert discreet.files == ["photo"]  # another card, printed on its own
    assert fake.rejected == []


async def test_changed_texts_give_the_next_request_a_new_card(
    fake: FakeBotAPI, card_bot: Application, tmp_path: Path
) -> None:
    user = fake.user(2003, "Nazir", language_code="ps")
    menu = await category_menu(fake, user.id, "ps_por")
    first = await press_for_file(fake, user.id, menu, "go:card:por", "sendPhoto")
    root = copy_pack(tmp_path)
    edit(root / "topics/por-now/ps.md", "بیا ونه غځول شو.", "بیا ونه غځول شو او نه به وغځول شي.")
    card_bot.bot_data["rahnama"].content = load_pack(root)  # what a content reload does
    second = await press_for_file(fake, user.id, menu, "go:card:por", "sendPhoto")
    assert second.files == ["photo"]
    assert second.result["photo"][-1]["file_id"] != first.result["photo"][-1]["file_id"]
    assert fake.rejected == []


async def test_a_file_id_telegram_no_longer_knows_is_replaced_by_a_new_upload(
    fake: FakeBotAPI, card_bot: Application, redis_client: Redis
) -> None:
    user = fake.user(2004, "Laila", language_code="ps")
    menu = await category_menu(fake, user.id, "ps_visa")
    await press_for_file(fake, user.id, menu, "go:card:visa", "sendPhoto")
    reused = await press_for_file(fake, user.id, menu, "go:card:visa", "sendPhoto")  # the file_id is kept now
    assert reused.files == []
    [key] = await redis_client.keys(f"{PREFIX}card:*")
    await redis_client.set(key, "AgADforgotten")
    since = len(fake.requests)
    await fake.press_button(user.id, menu, "go:card:visa")
    uploaded_again = lambda r: to_chat(user.id)(r) and r.files == ["photo"]  # noqa: E731
    await fake.wait_for_request("sendPhoto", uploaded_again, since=since, timeout=CARD_TIMEOUT)
    forgotten = "Bad Request: wrong file identifier/HTTP URL specified"
    assert [r.description for r in fake.rejected] == [forgotten]
    assert await redis_client.get(key) != "AgADforgotten"
    fake.requests = [r for r in fake.requests if r.description != forgotten]  # the one refusal this test wanted


@pytest.mark.parametrize("lang", list(Language))
def test_every_category_menu_offers_its_summary_card(content: ContentPack, lang: Language) -> None:
    for category in content.categories:
        state = UserState(lang=lang)
        _, [menu] = step(state, Started(payload=f"{lang.value}_{category.id}"), content, TODAY)
        assert f"go:card:{category.id}" in [b.action for b in menu.all_buttons]
        _, [card] = step(state, Pressed(f"go:card:{category.id}"), content, TODAY)
        assert card.card == CardRequest(category.id.value) and card.lang is lang
        actions = [b.action for b in card.all_buttons]
        assert f"go:card:{category.id}:pdf" in actions and f"go:card:{category.id}:discreet" in actions
        assert f"go:cat:{category.id}" in actions  # Back leads to the document's menu


@pytest.mark.parametrize("screen", ["card:nope", "card:por:pdf:pdf", "card:por:shiny", "card"])
def test_a_forged_card_button_gets_the_menu(content: ContentPack, screen: str) -> None:
    state, replies = step(UserState(lang=Language.PASHTO), Pressed(f"go:{screen}"), content, TODAY)
    assert state.screen == "menu" and all(reply.card is None for reply in replies)


async def test_the_terminal_shows_the_card_as_text(content: ContentPack) -> None:
    out = io.StringIO()
    chat = ConsoleChat(content, StateStore(connect(None)), out, clock=lambda: TODAY)
    await chat.send(Started(payload="ps_por"))
    await chat.send(Pressed("go:card:por"))
    shown = strip_bidi_controls(out.getvalue())
    assert "0800-70806" in shown and "051-6133451" in shown  # free legal aid
    assert "0330-000-7072" not in shown and "start=ps_por" not in shown  # no complaint line, no handle
    assert "درې کارونه چې کولای یې شئ" in shown and "د PoR کارت لرونکي" in shown


async def test_without_a_browser_the_person_gets_the_caption_and_a_note_instead_of_silence(
    fake: FakeBotAPI, card_bot: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.channels.telegram.card_post as card_post
    from bot.cards.browser import CardPrinter

    # A machine without Debian's chromium: the real printer, pointed at a browser that is not there.
    monkeypatch.setattr(card_post, "CardPrinter", lambda: CardPrinter("/nonexistent/chromium"))
    user = fake.user(2005, "Wali", language_code="ps")
    menu = await category_menu(fake, user.id, "ps_por")
    since = len(fake.requests)
    await fake.press_button(user.id, menu, "go:card:por")
    record = await fake.wait_for_request("sendMessage", to_chat(user.id), since=since)
    assert "لنډیز کارت اوس نشي جوړېدای" in record.result["text"]
    assert "go:card:por:pdf" in [b["callback_data"] for b in buttons(record.result)]
    assert not [r for r in fake.requests if r.method == "sendPhoto"]


async def test_people_asking_for_a_new_card_at_once_share_one_print(fake: FakeBotAPI, card_bot: Application) -> None:
    users = [fake.user(2200 + i, "Person", language_code="fa") for i in range(3)]
    menus = [await category_menu(fake, user.id, "prs_undocumented") for user in users]
    since = len(fake.requests)
    for user, menu in zip(users, menus, strict=True):
        await fake.press_button(user.id, menu, "go:card:undocumented")
    for user in users:
        await fake.wait_for_request("sendPhoto", to_chat(user.id), since=since, timeout=CARD_TIMEOUT)
    photos = [r for r in fake.requests[since:] if r.method == "sendPhoto"]
    assert sorted(len(r.files) for r in photos) == [0, 0, 1]  # one upload, then its file_id twice
    assert fake.rejected == []
