"""Walk each language's first screens and a typed question once, before the first person does.

Language models, the question lexicon, catalogues and Babel's locale data load on first use. Loaded
at startup instead, the first person to type a question does not wait for them (about half a
second), and the web server can put all of it out of the garbage collector's sight (bot/web/app.py).
"""

from __future__ import annotations

from datetime import datetime

from bot.content import ContentPack
from bot.conversation.context import Deployment
from bot.conversation.events import Pressed, Started, Text
from bot.conversation.machine import step
from bot.conversation.state import UserState
from bot.domain import LANGUAGES


def warm_up(content: ContentPack, now: datetime, deployment: Deployment) -> int:
    """Step a throwaway state through the start, the menu and a typed question in every language;
    returns how many steps ran. Nothing is stored or sent."""
    steps = 0
    for lang in LANGUAGES:
        state = UserState()
        for event in (Started(), Pressed(f"lang:{lang.value}"), Text(_example(content, lang.value))):
            state, _ = step(state, event, content, now, deployment=deployment)
            steps += 1
    return steps


def _example(content: ContentPack, lang: str) -> str:
    """A question the pack itself gives as an example in that language, so routing runs in full."""
    for topic in content.topics.values():
        if topic.questions is not None and topic.questions.examples.get(lang):
            return topic.questions.examples[lang][0]
    return "PoR"
