"""Understanding what people type: which topic a free-text question is about, or that it is an
emergency. Pure functions over the content pack; never imports telegram, redis or fastapi.

    route(text, content, lang=None) -> Route   # bot.understanding.router
    CONFIDENT                                  # answer directly at or above this confidence
    normalise(text) -> str                     # bot.understanding.normalise
    assess(text) -> Assessment                 # bot.understanding.emergency: emergency / unsure / not, and why
"""

from bot.understanding.emergency import Assessment, Cue, assess
from bot.understanding.lexicon import Lexicon
from bot.understanding.normalise import normalise, tokenise
from bot.understanding.router import CONFIDENT, EMERGENCY_TOPIC, MIN_EVIDENCE, Route, route

__all__ = [
    "CONFIDENT",
    "EMERGENCY_TOPIC",
    "MIN_EVIDENCE",
    "Assessment",
    "Cue",
    "Lexicon",
    "Route",
    "assess",
    "normalise",
    "route",
    "tokenise",
]
