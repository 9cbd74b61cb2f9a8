"""`rahnama content sign | status | check | diff | signoffs export`: the reviewers' and editors' commands.

The logic lives in bot.content (review, check, diff); these functions parse arguments and print.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from redis.asyncio import Redis

from bot.cli.keys import KeyFileError, read_private_key
from bot.config import Settings
from bot.content import ContentError, ContentPack, Topic, load_pack
from bot.content.check import check_pack
from bot.content.diff import Change, by_category, change_record, changes_since
from bot.content.review import ReviewState, Role, SignOff
from bot.content.signing import SignError, append_signoff, append_signoffs, signoff_for
from bot.content.status import age_summary, status_records, status_table, texts_of
from bot.domain import Language
from bot.i18n import catalog
from bot.i18n.dates import today_in_pakistan
from bot.reviewing.store import ReviewStore


def _today(args: argparse.Namespace) -> date:
    return args.on or today_in_pakistan(datetime.now(UTC))


def _load(settings: Settings) -> ContentPack:
    try:
        return load_pack(settings.content_dir)
    except ContentError as error:
        sys.exit("content pack is invalid (run `rahnama content check`):\n" + _bullets(error.problems))


def _bullets(lines: Iterable[object]) -> str:
    return "\n".join(f"  - {line}" for line in lines)


def cmd_sign(args: argparse.Namespace, settings: Settings) -> None:
    if args.reviewer or args.org:
        sys.exit(
            "cannot sign: a sign-off is no longer a name typed here. Sign with your own key: "
            "`rahnama content sign --topic T --lang L --role R --key FILE` (docs/review.md)"
        )
    if not args.key or not (args.topic or args.record):
        sys.exit("cannot sign: give --topic T (or --record KIND:ID), --lang, --role and --key FILE")
    pack = _load(settings)
    signed_on = _today(args)
    subject = args.topic or args.record
    try:
        key = read_private_key(args.key, args.passphrase_stdin)
        signoff = signoff_for(pack, subject, Language(args.lang), Role(args.role), key, signed_on, args.review_by)
    except (SignError, KeyFileError) as error:
        sys.exit(f"cannot sign: {error}")
    path = settings.content_dir / "signoffs.yaml"
    before = path.read_text(encoding="utf-8") if path.exists() else None
    append_signoff(settings.content_dir, signoff)
    try:
        text = texts_of(load_pack(settings.content_dir), subject)[args.lang]
    except ContentError as error:  # our append broke the file: put it back as it was
        _restore(path, before)
        sys.exit("signoffs.yaml could not take the sign-off; left unchanged:\n" + _bullets(error.problems))
    print(f"{subject} ({args.lang}): {signoff.role} sign-off by {signoff.reviewer} recorded, signed with their key")
    print(f"  sha256 {signoff.sha256}" + (f", English source {signoff.source_sha256}" if signoff.source_sha256 else ""))
    state = text.review.state_on(signed_on)
    needs = f" (still needs: {', '.join(text.review.missing)})" if text.review.missing else ""
    print(f"  state now: {state}{needs}; review by {signoff.review_by}")


def cmd_export(args: argparse.Namespace, settings: Settings) -> None:
    """The sign-offs stored by the review workspace, appended to signoffs.yaml (those not there yet)."""
    if not settings.redis_url:
        sys.exit("REDIS_URL is not set: the workspace's sign-offs are in Redis")
    pack = _load(settings)

    async def stored() -> tuple[SignOff, ...]:
        redis = Redis.from_url(settings.redis_url, decode_responses=True)
        try:
            return (await ReviewStore(redis, settings.redis_prefix).live()).signoffs
        finally:
            await redis.aclose()

    live = asyncio.run(stored())
    known = {(s.signature, s.sha256) for s in pack.trust.signoffs}
    new = [s for s in live if (s.signature, s.sha256) not in known]
    if new:
        append_signoffs(settings.content_dir, new)
    print(f"{len(new)} sign-off(s) written to signoffs.yaml ({len(live) - len(new)} already there); commit it")


def _restore(path: Path, before: str | None) -> None:
    if before is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(before, encoding="utf-8")


def cmd_status(args: argparse.Namespace, settings: Settings) -> None:
    pack = _load(settings)
    records = status_records(pack, _today(args))
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        print(status_table(records, tuple(lang.value for lang in pack.languages)))
        print(age_summary(pack, _today(args)))


def cmd_check(args: argparse.Namespace, settings: Settings) -> None:
    compose = None
    try:
        catalog.install(settings.locales_dir)
        compose = _conversation_composer
    except catalog.CatalogueMissing as error:
        print(f"note: {error}; message sizes are estimated without the interface labels", file=sys.stderr)
    report = check_pack(settings.content_dir, today=_today(args), compose=compose, locales_dir=settings.locales_dir)
    for note in report.notes:
        print(f"note: {note}")
    if not report.ok:
        print(f"content check: {len(report.problems)} problem(s):")
        print(_bullets(report.problems))
        sys.exit(1)
    texts = sum(len(t.texts) for t in report.pack.topics.values()) if report.pack else 0
    print(f"content check: ok ({texts} texts in {settings.content_dir})")


def _conversation_composer(pack: ContentPack, topic: Topic, lang: Language) -> list[str]:
    """Every message the bot may send for a topic: the real labels, in every review state, under the
    age line of a pack years overdue (the longest it gets)."""
    from bot.conversation.context import Context
    from bot.conversation.screens.guidance import compose
    from bot.conversation.vetting import review_label, with_age_line

    ctx = Context(pack, datetime.now(UTC), lang)
    overdue = Context(pack, datetime.combine(pack.as_of, time(12), UTC) + timedelta(days=3650), lang)
    text = topic.text(lang)
    return [
        with_age_line(compose(text.title, text.body, review_label(topic, text, ctx, state)), overdue)
        for state in ReviewState
    ]


def cmd_diff(args: argparse.Namespace, settings: Settings) -> None:
    pack = _load(settings)
    grouped = by_category(pack, changes_since(pack, args.since))
    if args.json:
        categories = {category: [change_record(c) for c in changes] for category, changes in grouped.items()}
        print(json.dumps({"since": args.since.isoformat(), "categories": categories}, ensure_ascii=False, indent=2))
        return
    print(f"Changes since {args.since}:")
    for category, changes in grouped.items():
        print(f"\n{category}:" + ("" if changes else " nothing"))
        for change in changes:
            print("  " + _change_line(change))


def _change_line(change: Change) -> str:
    record = change_record(change)
    what = record.get("note", record["title"])["en"]
    if record["kind"] == "deadline":
        source = record["source"]
        return f"{record['date']}  {record['id']}: {record['status']}. {what} [{source['title']}, {source['date']}]"
    return f"{record['date']}  topic {record['id']} checked against its sources: {what}"


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from error


def register(sub: argparse._SubParsersAction) -> None:
    content = sub.add_parser("content", help="review, check and compare the content pack")
    commands = content.add_subparsers(dest="content_command", required=True)
    sign = commands.add_parser("sign", help="record a reviewer's sign-off of the current text")
    sign.add_argument("--topic", help="a topic id")
    sign.add_argument("--record", help="or a record: category:ID, deadline:ID, contact:ID")
    sign.add_argument("--lang", required=True, choices=[lang.value for lang in Language])
    sign.add_argument("--role", required=True, choices=[role.value for role in Role])
    sign.add_argument("--key", type=Path, help="your private key file (`rahnama reviewer keygen`)")
    sign.add_argument("--passphrase-stdin", action="store_true", help="read the key's passphrase from stdin")
    sign.add_argument("--reviewer", help=argparse.SUPPRESS)  # the old unsigned way: refused with a pointer
    sign.add_argument("--org", help=argparse.SUPPRESS)
    sign.add_argument("--review-by", type=_date, help="renew by this date (default: six months on)")
    sign.set_defaults(func=cmd_sign)
    status = commands.add_parser("status", help="review state of every topic in every language")
    status.add_argument("--json", action="store_true", help="a JSON list of {topic, lang, state, file, signoffs}")
    status.set_defaults(func=cmd_status)
    check = commands.add_parser("check", help="validate the whole pack; exit 1 on any problem")
    check.set_defaults(func=cmd_check)
    signoffs = commands.add_parser("signoffs", help="sign-offs stored by the review workspace")
    signoffs_commands = signoffs.add_subparsers(dest="signoffs_command", required=True)
    export = signoffs_commands.add_parser("export", help="write the workspace's sign-offs into signoffs.yaml")
    export.set_defaults(func=cmd_export)
    diff = commands.add_parser("diff", help="what changed since a date, per document category")
    diff.add_argument("--since", required=True, type=_date, help="YYYY-MM-DD")
    diff.add_argument("--json", action="store_true")
    diff.set_defaults(func=cmd_diff)
    for command in (sign, status, check):
        command.add_argument("--on", type=_date, help="act as if today were this date (YYYY-MM-DD)")
