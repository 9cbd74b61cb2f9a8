"""The emergency verdict the chat acts on: `judge(text, phrase) -> Judgement`.

Two readers of the same message: the cues (`emergency.assess`: who acts, what is done, where, when, to
whom, and the counter-cues) and the model (`emergency_model`: letters, words and those cue kinds,
weighted by logistic regression on the dev data). The model has the last word, because it was trained
to weigh the cues against everything else the text says; its bands were chosen by cross-validation on
the dev data (bench/README.md, "Emergencies"):

    probability >= model.emergency_at  → "emergency": the card at once
    probability >= model.unsure_at     → "unsure": the chat asks "Is this happening now?"
    otherwise                          → "not"

A message of one or two words is "emergency" only when the cues say so too (SHORT).

`Judgement` keeps both readings, for `rahnama ask --explain`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.understanding.emergency import Assessment, Verdict, assess
from bot.understanding.emergency_model import estimate, features, load
from bot.understanding.normalise import tokenise

SHORT = 3
"""A message of fewer words opens the card at once only if the cues agree; otherwise the chat asks. One or
two words say little ("police", "arrested"), and the model has seen few such messages."""


@dataclass(frozen=True, slots=True)
class Judgement:
    verdict: Verdict
    probability: float
    """The model's probability that this is an emergency happening now."""
    cues: Assessment
    """The cue reading: its own verdict, score and the cues that fired."""
    top: tuple[tuple[str, float], ...]
    """The model features that pushed hardest (feature, contribution to the log-odds)."""


def judge(text: str, phrase: str | None = None) -> Judgement:
    """The verdict for `text`; `phrase` is a pack emergency phrase the router found in it, if any."""
    cues = assess(text, phrase)
    tokens = tokenise(text)
    if not tokens:
        return Judgement("not", 0.0, cues, ())
    model = load()
    found = estimate(features(tokens, cues), model)
    p = found.probability
    verdict: Verdict = "emergency" if p >= model.emergency_at else "unsure" if p >= model.unsure_at else "not"
    if verdict == "emergency" and len(tokens) < SHORT and cues.verdict != "emergency":
        verdict = "unsure"  # "police", "the police": too little to open the card unasked; one tap if it is
    return Judgement(verdict, p, cues, found.top)
