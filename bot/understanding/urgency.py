"""The emergency verdict the chat acts on: `judge(text, phrase) -> Judgement`.

Two readers of the same message: the cues (`emergency.assess`: who acts, what is done, where, when, to
whom, and the counter-cues) and the model (`emergency_model`: letters, words and those cue kinds,
weighted by logistic regression on the dev data). The model has the last word, because it was trained
to weigh the cues against everything else the text says; its bands were chosen by leave-one-writer-out
cross-validation on the dev data (bench/README.md, "Emergencies"):

    probability >= model.emergency_at  → "emergency": the card at once
    probability >= model.unsure_at     → "unsure": the chat asks "Is this happening now?"
    otherwise                          → "not"

Where the readings disagree, the bands are adjusted (round 2 checked its three on its cross-validation;
round 3's leave-one-writer-out figures in bench/README.md include all of them):
- a pack emergency phrase (content/emergency.yaml, "deportation order", "امر اخراج") with the cues'
  own verdict "emergency" opens the card at once, if the model gives it at least PHRASE_AT;
- a message of one or two words is "emergency" only when the cues say so too (SHORT), and "unsure" only
  when at least one cue other than a relative fired (round 3: "hello" had 0.09, from the letters of "help";
  round 5: "salam bradar");
- when the cues say "not" because of a strong counter-cue (STRONG_COUNTER: news or hearsay, released,
  long ago, a case or an agent), the model alone does not open the card unasked: the chat asks.

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

PHRASE_AT = 0.25
"""A pack phrase with the cues' "emergency" opens the card at once only when the model gives at least this much
(round 3): "aya por card daran ra ham deport mekonan" (will they deport PoR holders too?) has the phrase
"deport" and the cues' "emergency", but the model, which has seen such questions, says 0.01. Below it the bands
decide. 0.25 is the highest of 0.1, 0.2, 0.25, 0.3, 0.5 at which the routing sets keep every emergency at once
("got deportation order today": 0.29, "mara deport mekonan": 0.28); the figures are in bench/README.md."""

STRONG_COUNTER = frozenset({"elsewhere", "resolved", "long_ago", "benign"})


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
    return Judgement(settled(verdict, cues, len(tokens), p), p, cues, found.top)


def settled(verdict: Verdict, cues: Assessment, words: int, probability: float) -> Verdict:
    """The verdict of the bands (`verdict`), settled where the two readings disagree (module docstring);
    `words` is the message's length in tokens, `probability` the model's. bench/train_emergency_model.py
    scores it the same way."""
    kinds = {cue.kind for cue in cues.cues}
    if verdict == "unsure" and not kinds - {"victim"} and words < SHORT:
        # "hello" (0.09 from the letters of "help"): one or two words and not one cue; round 5: a relative
        # alone neither ("salam bradar", "سلام برادر"): a greeting, nothing is done to anyone
        return "not"
    if cues.verdict == "emergency" and "phrase" in kinds and probability >= PHRASE_AT:
        return "emergency"
    if verdict == "emergency" and cues.verdict != "emergency" and words < SHORT:
        return "unsure"  # "police", "the police": too little to open the card unasked; one tap if it is
    if verdict == "emergency" and cues.verdict == "not" and kinds & STRONG_COUNTER:
        return "unsure"
    return verdict
