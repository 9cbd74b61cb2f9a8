"""`rahnama ask [--lang L] TEXT` and `rahnama ask --jsonl`: which topic a typed question is about, as JSON.

`answer` is the one code path: the CLI and bench/routing.py both call it, so the benchmark measures
exactly what the command prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.cli.bot_commands import load_checked
from bot.config import Settings
from bot.content import ContentPack
from bot.understanding import route
from bot.understanding.emergency_cues import WEIGHTS
from bot.understanding.emergency_form import form
from bot.understanding.normalise import tokenise

LANGUAGE_CHOICES = ("prs", "ps", "en", "ur")


def answer(text: str, content: ContentPack, lang: str | None = None, explain: bool = False) -> dict[str, Any]:
    """The routing decision for `text` as the JSON object `rahnama ask` prints. With `explain` (`--explain`)
    it adds `urgency`, the emergency verdict ("emergency"; "unsure": the chat asks whether it is happening
    now; "not"), `probability`, the emergency model's probability, `model`, the features that pushed it
    hardest (feature, contribution to the log-odds), `cues`, the emergency cues that fired (kind, cue, the
    words matched), `score`, the cues' own score, `form`, the form markers the model read (round 6,
    `emergency_form`: a question, a habit, something over, people in general only…), and `documents`, the
    document cues that decided `category` (category, cue, the words matched)."""
    decision = route(text, content, lang)
    found = {
        "language": decision.language,
        "category": decision.category,
        "topic": decision.topic,
        "emergency": decision.emergency,
        "confidence": decision.confidence,
    }
    if explain:
        found["urgency"] = decision.urgency
        found["probability"] = decision.probability
        found["model"] = [[feature, weight] for feature, weight in decision.model]
        found["cues"] = [{"kind": c.kind, "cue": c.cue, "words": c.words} for c in decision.cues]
        kinds = {c.kind for c in decision.cues}
        found["score"] = round(sum(WEIGHTS.get(kind, 0.0) for kind in kinds), 2)
        found["form"] = sorted(form(text, tokenise(text), kinds))
        found["documents"] = [{"category": c, "cue": cue, "words": w} for c, cue, w in decision.documents]
    return found


def cmd_ask(args: argparse.Namespace, settings: Settings) -> None:
    if args.jsonl == bool(args.text):
        sys.exit("rahnama ask: give either TEXT or --jsonl (one question per line of stdin)")
    content = load_checked(settings)
    lines = sys.stdin if args.jsonl else [" ".join(args.text)]
    for line in lines:
        # One output line per input line, blank ones included, so outputs pair up with inputs.
        found = answer(line.rstrip("\r\n"), content, args.lang, explain=args.explain)
        print(json.dumps(found, ensure_ascii=False), flush=True)


def register(sub: argparse._SubParsersAction) -> None:
    ask = sub.add_parser("ask", help="which topic a typed question is about (JSON)")
    ask.add_argument("--lang", choices=LANGUAGE_CHOICES, help="the language it is written in (default: detect)")
    ask.add_argument("--jsonl", action="store_true", help="read one question per line of stdin, print one JSON each")
    ask.add_argument("--explain", action="store_true", help="also show the emergency cues and the model's reading")
    ask.add_argument("text", nargs="*", help="the question (quotes optional)")
    ask.set_defaults(func=cmd_ask)
