"""Understanding what people type: which topic a free-text question is about, or that it is an
emergency. Pure functions over the content pack; never imports telegram, redis or fastapi.

    route(text, content, lang=None) -> Route   # bot.understanding.router
    CONFIDENT                                  # answer directly at or above this confidence
    normalise(text) -> str                     # bot.understanding.normalise
"""

from bot.understanding.lexicon import Lexicon
from bot.understanding.normalise import normalise, tokenise
from bot.understanding.router import CONFIDENT, EMERGENCY_TOPIC, MIN_EVIDENCE, Route, route

__all__ = ["CONFIDENT", "EMERGENCY_TOPIC", "MIN_EVIDENCE", "Lexicon", "Route", "normalise", "route", "tokenise"]
