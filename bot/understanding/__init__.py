"""Understanding what people type: which topic a free-text question is about, or that it is an
emergency. Pure functions over the content pack; never imports telegram, redis or fastapi.

    route(text, content, lang=None) -> Route   # bot.understanding.router
    CONFIDENT                                  # answer directly at or above this confidence
    normalise(text) -> str                     # bot.understanding.normalise
    assess(text) -> Assessment                 # bot.understanding.emergency: the cues' verdict, and why
    judge(text) -> Judgement                   # bot.understanding.urgency: cues + model, the verdict the chat uses
"""

from bot.understanding.emergency import Assessment, Cue, assess
from bot.understanding.lexicon import Lexicon
from bot.understanding.normalise import normalise, tokenise
from bot.understanding.router import CONFIDENT, EMERGENCY_TOPIC, MIN_EVIDENCE, Route, route
from bot.understanding.urgency import Judgement, judge

__all__ = [
    "CONFIDENT",
    "EMERGENCY_TOPIC",
    "MIN_EVIDENCE",
    "Assessment",
    "Cue",
    "Judgement",
    "Lexicon",
    "Route",
    "assess",
    "judge",
    "normalise",
    "route",
    "tokenise",
]
