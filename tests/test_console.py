"""`rahnama chat`: the terminal conversation, scripted through stdin as a content editor would."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from bot.channels.console import ConsoleChat
from bot.content import ContentPack
from bot.conversation import Started
from bot.store import StateStore, connect
from tests.conftest import NOW


def chat_session(content: ContentPack) -> tuple[ConsoleChat, io.StringIO]:
    out = io.StringIO()
    return ConsoleChat(content, StateStore(connect(None)), out, clock=lambda: NOW), out


async def test_numbers_and_labels_press_buttons(content: ContentPack) -> None:
    chat, out = chat_session(content)
    await chat.send(Started(payload="en"))
    assert "[1] 🪪 My document" in out.getvalue()
    await chat.send(chat.event_for("1"))
    assert content.category("por").label["en"] in out.getvalue()
    await chat.send(chat.event_for("menu"))  # a label, typed without its emoji
    assert out.getvalue().rstrip().endswith("[6] ⚙️ Settings")


async def test_a_number_with_no_button_is_free_text(content: ContentPack) -> None:
    chat, out = chat_session(content)
    await chat.send(Started(payload="en"))
    replies = await chat.send(chat.event_for("99"))
    assert "did not understand your question" in replies[0].text


def test_piped_script_runs_every_screen_and_exits_at_end_of_input() -> None:
    script = "\n".join(["/start ps_por", "1", "/menu", "2", "/language", "3", "/help", "stickers?", ""])
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "TELEGRAM_BOT_TOKEN")}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input=script,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Choose your language:" in out  # the first screen, before /start ps_por
    assert "[1] دری" in out
    assert "How to use Rahnama:" in out  # /help after switching to English with "3"
    assert "Traceback" not in done.stderr


def test_lang_flag_starts_in_that_language() -> None:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--lang", "en"],
        input="",
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "Choose a topic:" in done.stdout


def test_missing_catalogue_stops_start_up_loudly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "LOCALES_DIR": str(tmp_path)}
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat"], input="", capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode != 0
    assert "catalogues are missing" in done.stderr and "fa_AF" in done.stderr
