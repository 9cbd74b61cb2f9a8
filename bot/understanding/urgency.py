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
- when a strong counter-cue fired (STRONG_COUNTER: news or hearsay, released, long ago, a case or an agent;
  round 6: last week too), the card does not open unasked: the chat asks (round 3: when the cues said "not";
  round 6: whatever the cues' score, since "they took him yesterday, let him go in the evening" adds up to
  "emergency" too);
- round 6: news or hearsay about people in general ("others_news"), nobody of the writer's own and the cues'
  "not", is not asked about;
- round 6: a pack phrase in a question with no time in it, or in a habit (`emergency_form`: "do they take
  women too in a raid?"), is left to the bands: it is a question about what happens, not a report; and a habit
  with no now, today or still in it ("police check my card every day") gets the question, not the card;
- round 7: a question about what usually happens (a habit and a question, no now, today or still: "how long do
  they usually keep someone at the thana?") is not asked whether it is happening;
- round 9: a question about what a place or word is (`emergency_form` marker `definition`: "what is Haji Camp?",
  "تهانه یعنی چه"), with nobody of the writer's own, no time and nothing done (no arrest, take, raid … cue), is not
  asked either;
- round 9: a message of one or two words with no cue is asked after all when the model gives it at least
  SHORT_ASK_AT: words typed without spaces ("mybrotherarrestednow pls") leave the cues nothing to read;
- round 11: a message in which not one cue fired is asked, never given the card unasked, however sure the model is:
  the round-11 model learnt English "give", "number", "of" from emergencies that ask for a lawyer's number, and gave
  "give number of lawyer" 0.985. On the dev data this moves 8 emergencies (glued or cue-less) from the card to the
  question and no test split message; and it is asked at all only from NO_CUE_ASK_AT.
- round 15: a question with no time in it and nobody of the writer's own is asked only from QUESTION_ASK_AT.
- round 19: a message whose cues add up to "emergency" is not asked when the model gives it less than
  CUES_OVERRULED_AT (a deportation order that has come still opens the card).
- round 20: a message in which cues fired but nothing done to anyone is asked only from NOTHING_DONE_ASK_AT.

`Judgement` keeps both readings, for `rahnama ask --explain`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.understanding.emergency import Assessment, Verdict, assess
from bot.understanding.emergency_cues import CORE_KINDS
from bot.understanding.emergency_form import EVENT_KINDS, TIMED_KINDS
from bot.understanding.emergency_model import estimate, features_and_form, load
from bot.understanding.normalise import tokenise

SHORT = 3
"""A message of fewer words opens the card at once only if the cues agree; otherwise the chat asks. One or
two words say little ("police", "arrested"), and the model has seen few such messages."""

PHRASE_AT = 0.2
"""A pack phrase with the cues' "emergency" opens the card at once only when the model gives at least this much
(round 3): "aya por card daran ra ham deport mekonan" (will they deport PoR holders too?) has the phrase
"deport" and the cues' "emergency", but the model, which has seen such questions, says 0.01. Below it the bands
decide. 0.25 was the highest of 0.1, 0.2, 0.25, 0.3, 0.5 at which the routing sets keep every emergency at once
("got deportation order today": 0.29, "mara deport mekonan": 0.28); the figures are in bench/README.md. Round 9: the
same rule with the round-9 model gives 0.2 ("امر اخراج ما رسیده", our deportation order has come: 0.20); on the writer
CV the change moves no figure by 0.1."""

SHORT_ASK_AT = 0.25
"""Round 9: one or two words with no cue (see SHORT) are still asked when the model gives them this much: the cues
cannot read a sentence typed without spaces, the letters can. "hello" had 0.09 (round 3). The value is round 3's
PHRASE_AT, the model's "worth a look" then."""

NO_CUE_ASK_AT = 0.1
"""Round 11: a message of any length in which not one cue fired is asked only when the model gives it at least this
much. The band's floor (`unsure_at` 0.01) asked "pasport ma khalas shodagi" (my passport has run out, 0.013) and "my
passport expired" (0.03) whether it is happening now. On the fourteen-writer CV the lowest cue-less emergency had
0.13 (11 in all), so no emergency is lost there and the question reaches 17.3% of others instead of 18.1. Round 19:
0.1, not 0.05: round 19's model gives "my passport expired" 0.066. On its 26-writer CV, 30 emergencies have no cue;
two are under 0.05 and the next has 0.16, so 0.1 loses none more and asks 23 of the 1,812 cue-less others instead of
47 (set after v19 was measured; bench/README.md, "Round 19")."""

QUESTION_ASK_AT = 0.02
"""Round 15: a question with no time in it and nobody of the writer's own ("aya por card daran ra ham deport mekonan",
will they deport PoR holders too?) is asked whether it is happening only from this probability, not from the band's
floor (`unsure_at` 0.01). On the 22-writer CV it asks 18.9% of others instead of 19.7 and loses no emergency; 0.03
lost one (bench/README.md, "Round 15")."""

CUES_OVERRULED_AT = 0.03
"""Round 19: when the cues add up to "emergency" but the model gives less than this, the chat does not ask. These are
calm messages told in emergency words (a release, a raid elsewhere, "will they take PoR holders?"): the model, which
weighs the whole text, is near sure. On the 26-writer CV (five groups of writers) it asks 17.4% of others instead of
18.3 and loses no emergency; 0.05 lowered the worst writer's recall from 99.1 to 98.9 (bench/README.md, "Round 19").
A deportation order that has come (ORDERS) still opens the card."""

NOTHING_DONE_ASK_AT = 0.03
"""Round 20: a message in which cues fired but none of something done (no core kind: no arrest, take, arrival, held
place, extortion or pack phrase; only a relative, a time, "help", "still" …) is asked only from this probability. It
widens round 11's NO_CUE_ASK_AT, for no cue at all, to no act at all, at a lower bar: "my daughter's school wants a
B-form, we have no card", "is my ACC card still valid". On the 27-writer CV (five groups of writers) it asks 14.7% of
others instead of 17.2 and loses one emergency of 7,626 ("ګل احمد له پرون ماښام نه نشته", Gul Ahmad has not been
here since yesterday evening: 0.015); 0.05 lost five (bench/README.md, "Round 20")."""

NEUTRAL_KINDS = frozenset({"contrast", "inform"})
"""Round 12: cues that only change how others read ("but", "let know"); alone they are not a cue for the rules
below ("my passport expired but …" has nothing done to anyone in it)."""

ORDERS = frozenset({
    "deportation order", "deportation notice", "حکم اخراج", "امر اخراج", "د ایستلو حکم", "ملک بدری کا حکم",
    "ملک بدری کا نوٹس",
})  # fmt: skip
"""Round 13: the pack's emergency phrases (content/emergency.yaml) that name a deportation order or notice, in every
language (tests/test_emergency_round13.py checks the two lists against each other). Someone who says one has come has
days, not weeks: with the cues' "emergency" it opens the card at once whatever the model gives (see `settled`). The
round-13 model gave "ملک بدری کا نوٹس ملا ہے" 0.04 and "امر اخراج ما رسیده" 0.10, under PHRASE_AT, from hard negatives
that ask whether PoR holders will get such orders."""

STRONG_COUNTER = frozenset({"elsewhere", "resolved", "long_ago", "benign", "last_week"})
DONE_KINDS = EVENT_KINDS - {"held_place"}
"""Round 9: something done to someone; a held place alone (Haji Camp, thana) is where, not what."""


@dataclass(frozen=True, slots=True)
class Judgement:
    verdict: Verdict
    probability: float
    """The model's probability that this is an emergency happening now."""
    cues: Assessment
    """The cue reading: its own verdict, score and the cues that fired."""
    top: tuple[tuple[str, float], ...]
    """The model features that pushed hardest (feature, contribution to the log-odds)."""


def judge(text: str, phrase: str | None = None, tokens: tuple[str, ...] | None = None) -> Judgement:
    """The verdict for `text`; `phrase` is a pack emergency phrase the router found in it, if any; `tokens`:
    `tokenise(text)`, if the caller has made them already."""
    tokens = tokenise(text) if tokens is None else tokens
    cues = assess(text, phrase, tokens)
    if not tokens:
        return Judgement("not", 0.0, cues, ())
    model = load()
    found, form = features_and_form(tokens, cues, text)
    estimated = estimate(found, model)
    p = estimated.probability
    verdict: Verdict = "emergency" if p >= model.emergency_at else "unsure" if p >= model.unsure_at else "not"
    return Judgement(settled(verdict, cues, len(tokens), p, form), p, cues, estimated.top)


def markers(found: dict[str, float]) -> frozenset[str]:
    """The form markers (`emergency_form`) among the model's features."""
    return frozenset(key[2:] for key in found if key.startswith("f:"))


def settled(
    verdict: Verdict, cues: Assessment, words: int, probability: float, form: frozenset[str] = frozenset()
) -> Verdict:
    """The verdict of the bands (`verdict`), settled where the two readings disagree (module docstring);
    `words` is the message's length in tokens, `probability` the model's, `form` its form markers
    (`markers`). bench/train_emergency_model.py scores it the same way."""
    kinds = {cue.kind for cue in cues.cues} - NEUTRAL_KINDS
    if verdict == "unsure" and not kinds - {"victim"} and words < SHORT and probability < SHORT_ASK_AT:
        # "hello" (0.09 from the letters of "help"): one or two words and not one cue; round 5: a relative
        # alone neither ("salam bradar", "سلام برادر"): a greeting, nothing is done to anyone
        return "not"
    if verdict == "unsure" and not kinds and probability < NO_CUE_ASK_AT:
        return "not"  # round 11: nothing the cues can read and the model barely over the floor: a plain question
    if verdict == "unsure" and not kinds & CORE_KINDS and probability < NOTHING_DONE_ASK_AT:
        return "not"  # round 20: nothing done to anyone that the cues can read, and the model near sure it is calm
    if verdict == "unsure" and cues.verdict == "not" and "others_news" in kinds and "victim" not in kinds:
        return "not"  # news or hearsay about people in general, nobody of the writer's own: nothing to ask
    if verdict == "unsure" and {"habitual", "question"} <= form and not kinds & TIMED_KINDS:
        return "not"  # round 7: a question about what usually happens ("how many days do they usually keep people?")
    if verdict == "unsure" and "definition" in form and not kinds & (TIMED_KINDS | DONE_KINDS | {"victim"}):
        return "not"  # round 9: "what is Haji Camp?": about a word or a place, not an event
    own_or_timed = kinds & (TIMED_KINDS | {"victim"})
    if verdict == "unsure" and "question" in form and not own_or_timed and probability < QUESTION_ASK_AT:
        return "not"  # round 15: "will they deport PoR holders too?": a general question the model barely doubts
    general = "habitual" in form or ("question" in form and not kinds & TIMED_KINDS)
    if cues.verdict == "emergency" and "phrase" in kinds and probability >= PHRASE_AT and not general:
        verdict = "emergency"
    elif cues.verdict == "emergency" and not general and any(cue.cue in ORDERS for cue in cues.cues):
        verdict = "emergency"  # round 13: a deportation order or notice has come (ORDERS)
    elif verdict == "emergency" and cues.verdict != "emergency" and words < SHORT:
        return "unsure"  # "police", "the police": too little to open the card unasked; one tap if it is
    if verdict == "emergency" and kinds & STRONG_COUNTER:
        return "unsure"  # it is over, long ago, about others or benign: one tap if it is not
    if verdict == "emergency" and "habitual" in form and not kinds & TIMED_KINDS:
        return "unsure"  # "police check my card every day": a habit, not (yet) an event; one tap if it is
    if verdict == "emergency" and not kinds:
        return "unsure"  # round 11: not one cue, the letters alone ("give number of lawyer": 0.985); one tap if it is
    if verdict == "unsure" and cues.verdict == "emergency" and probability < CUES_OVERRULED_AT:
        return "not"  # round 19: emergency words, the model near sure it is calm ("raids in Quetta, we are in Karachi")
    return verdict
