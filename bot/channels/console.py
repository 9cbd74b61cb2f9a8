"""`rahnama chat`: the same conversation in a terminal, buttons numbered.

Type a button's number or its label, `/start <payload>` or any command, or free text. Works with
piped stdin for scripted runs and exits at the end of input.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TextIO

from bot.cards.sheet import card_text
from bot.cards.summary import CardOptions, CardSummary, summarise
from bot.channels.session import Sessions
from bot.content import ContentPack
from bot.conversation import Button, Command, Event, Pressed, Reply, Started, Text, step
from bot.conversation.context import Deployment
from bot.domain import Language
from bot.i18n.bidi import strip_bidi_controls
from bot.i18n.catalog import translator
from bot.i18n.dates import today_in_pakistan
from bot.rendering import to_plain_text
from bot.store import StateStore


def utc_now() -> datetime:
    return datetime.now(UTC)


class ConsoleChat:
    def __init__(
        self,
        content: ContentPack,
        store: StateStore,
        out: TextIO,
        *,
        user_id: int = 1,  # the terminal's one person
        clock: Callable[[], datetime] = utc_now,
        deployment: Deployment = Deployment(),
    ) -> None:
        self.content = content
        self.sessions = Sessions.over(store)
        self.out = out
        self.user_id = user_id
        self.clock = clock
        self.deployment = replace(deployment, helpline=None)  # the terminal cannot reach the operators' group
        self.buttons: tuple[Button, ...] = ()  # what the numbers refer to right now

    async def send(self, event: Event) -> list[Reply]:
        state = await self.sessions.load(self.user_id)
        state, replies = step(state, event, self.content, self.clock(), deployment=self.deployment)
        await self.sessions.save(self.user_id, state)
        await self.sessions.apply_effects(self.user_id, replies)
        for reply in replies:
            self.show(reply)
        await self.sessions.after_sending(self.user_id, replies)
        return replies

    def show(self, reply: Reply) -> None:
        if not reply.text:  # a reply that only carries effects
            return
        self.out.write(to_plain_text(reply.text, reply.lang) + "\n")
        if reply.card is not None:  # no pictures here: the card's content as text
            self.out.write("\n" + to_plain_text(card_text(self.card_summary(reply)), reply.lang) + "\n")
        if reply.request_contact:  # no contact button here: the number is typed
            hint = translator(reply.lang or Language.ENGLISH).gettext("type your phone number")
            self.out.write(f"  ({reply.request_contact}: {hint})\n")
        if reply.buttons:
            self.buttons = reply.all_buttons
            for number, button in enumerate(self.buttons, start=1):
                self.out.write(f"  [{number}] {button.label}\n")
        self.out.write("\n")
        self.out.flush()

    def card_summary(self, reply: Reply) -> CardSummary:
        assert reply.card is not None
        options = CardOptions(
            bot_username=self.deployment.bot_handle or "",
            strict=self.deployment.strict,
            discreet=reply.card.discreet,
        )
        lang = reply.lang or Language.ENGLISH
        return summarise(self.content, reply.card.category, lang, today_in_pakistan(self.clock()), options)

    def event_for(self, line: str) -> Event:
        text = line.strip()
        if text.startswith("/"):
            name, _, args = text[1:].partition(" ")
            name = name.lower()
            return Started(payload=args.strip()) if name == "start" else Command(name=name, args=args.strip())
        button = self._button_for(text)
        return Pressed(action=button.action) if button else Text(text=line.rstrip("\n"))

    def _button_for(self, text: str) -> Button | None:
        if text.isdigit() and 1 <= int(text) <= len(self.buttons):
            return self.buttons[int(text) - 1]
        wanted = _comparable(text)
        return next((b for b in self.buttons if wanted and _comparable(b.label) == wanted), None)

    async def run(self, stdin: TextIO, *, first: Event) -> None:
        await self.send(first)
        loop = asyncio.get_running_loop()
        interactive = stdin.isatty()
        while True:
            if interactive:
                self.out.write("> ")
                self.out.flush()
            line = await loop.run_in_executor(None, stdin.readline)
            if not line:  # end of input
                return
            await self.send(self.event_for(line))


def _comparable(label: str) -> str:
    """Labels compared without emoji, arrows and case, so typing "my document" works."""
    kept = "".join(ch for ch in strip_bidi_controls(label) if ch.isalnum() or ch.isspace())
    return " ".join(kept.casefold().split())


async def run_console(content: ContentPack, store: StateStore, lang: str | None, deployment: Deployment) -> None:
    chat = ConsoleChat(content, store, sys.stdout, deployment=deployment)
    await chat.run(sys.stdin, first=Started(payload=lang or ""))
