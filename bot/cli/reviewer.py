"""`rahnama reviewer keygen | add | pending | approve | revoke`: the owner enrols reviewers; a reviewer
who works from the command line makes their key pair. See docs/review.md."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import yaml
from redis.asyncio import Redis

from bot.cli.keys import KeyFileError, passphrase_from, write_key_pair
from bot.config import Settings
from bot.content.review import Role
from bot.content.reviewers import REVIEWERS_FILE, KeyError_, Reviewer, fingerprint, public_key_text, read_reviewers
from bot.content.schema import load_yaml
from bot.domain import Language
from bot.i18n.dates import today_in_pakistan
from bot.reviewing.store import ReviewStore


def cmd_keygen(args: argparse.Namespace, settings: Settings) -> None:
    try:
        passphrase = (
            passphrase_from(args.passphrase_stdin, twice=True) if args.passphrase or args.passphrase_stdin else None
        )
        key = write_key_pair(args.out, passphrase)
    except KeyFileError as error:
        sys.exit(f"no key written: {error}")
    public = public_key_text(Path(f"{args.out}.pub").read_bytes())
    print(f"private key: {args.out} (mode 0600{', passphrase-protected' if passphrase else ''}); keep it to yourself")
    print(f"public key:  {args.out}.pub (send this one to the project's owner)")
    print(f"fingerprint: {fingerprint(public)}")
    del key


def _listed(values: str, enum: type) -> list:
    try:
        return [enum(v.strip()) for v in values.split(",") if v.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def cmd_add(args: argparse.Namespace, settings: Settings) -> None:
    try:
        public = public_key_text(args.public_key.read_bytes())
    except (OSError, KeyError_, ValueError) as error:
        sys.exit(f"cannot read the public key: {error}")
    reviewer = Reviewer(args.id, args.name, args.org, tuple(args.roles), tuple(args.languages), public, _today(args))
    _write_reviewer(settings.content_dir, reviewer)
    print(
        f"{reviewer.id} added to {REVIEWERS_FILE} (key {fingerprint(public)}); commit it so every deployment trusts it"
    )


def _today(args: argparse.Namespace) -> date:
    return getattr(args, "on", None) or today_in_pakistan(datetime.now(UTC))


def _write_reviewer(root: Path, reviewer: Reviewer) -> None:
    """Append to reviewers.yaml, keeping its comments; an id or key already there is refused."""
    path = root / REVIEWERS_FILE
    problems: list = []
    existing = read_reviewers(root, problems)
    if problems:
        sys.exit(f"{REVIEWERS_FILE} has problems; fix them first:\n" + "\n".join(f"  - {p}" for p in problems))
    if any(r.id == reviewer.id for r in existing):
        sys.exit(f"a reviewer '{reviewer.id}' is already in {REVIEWERS_FILE}")
    if any(r.public_key == reviewer.public_key for r in existing):
        sys.exit(f"that public key already belongs to a reviewer in {REVIEWERS_FILE}")
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if load_yaml(text) in ([], None):
        text = "".join(line for line in text.splitlines(keepends=True) if line.strip() != "[]")
    if text and not text.endswith("\n"):
        text += "\n"
    item = reviewer.record() | {"added": reviewer.added}
    dumped = yaml.safe_dump([item], sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    path.write_text(text + "\n" + dumped, encoding="utf-8")


def _store(settings: Settings) -> tuple[Redis, ReviewStore]:
    if not settings.redis_url:
        sys.exit("REDIS_URL is not set: keys made in the review workspace wait in Redis")
    redis = Redis.from_url(settings.redis_url, decode_responses=True)
    return redis, ReviewStore(redis, settings.redis_prefix)


def cmd_pending(args: argparse.Namespace, settings: Settings) -> None:
    async def run() -> None:
        redis, store = _store(settings)
        try:
            waiting = await store.pending()
        finally:
            await redis.aclose()
        if not waiting:
            print("no key waits for approval")
        for r in waiting:
            roles, langs = ",".join(r.roles), ",".join(r.languages)
            print(
                f"{r.id}: {r.name} ({r.organisation}); roles {roles}; languages {langs}; "
                f"key {fingerprint(r.public_key)}"
            )
        if waiting:
            print("Compare each fingerprint with the one the reviewer reads you from their screen, then:")
            print("  rahnama reviewer approve ID")

    asyncio.run(run())


def cmd_approve(args: argparse.Namespace, settings: Settings) -> None:
    async def run() -> None:
        redis, store = _store(settings)
        try:
            proposed = await store.proposed(args.id)
            if proposed is None:
                sys.exit(f"no key from '{args.id}' waits for approval (`rahnama reviewer pending`)")
            if args.fingerprint and args.fingerprint.replace(" ", "") != fingerprint(proposed.public_key).replace(
                " ", ""
            ):
                sys.exit("the fingerprint differs from the waiting key's: not approved")
            reviewer = Reviewer(
                proposed.id, proposed.name, proposed.organisation, proposed.roles, proposed.languages,
                proposed.public_key, _today(args),
            )  # fmt: skip
            _write_reviewer(settings.content_dir, reviewer)
            await store.approve(reviewer, by="owner")
        finally:
            await redis.aclose()
        print(f"{reviewer.id} approved: written to {REVIEWERS_FILE} (commit it) and live in every running process")

    asyncio.run(run())


def cmd_revoke(args: argparse.Namespace, settings: Settings) -> None:
    path = settings.content_dir / REVIEWERS_FILE
    text = path.read_text(encoding="utf-8")
    data = load_yaml(text) or []
    if not any(isinstance(r, dict) and r.get("id") == args.id for r in data):
        sys.exit(f"no reviewer '{args.id}' in {REVIEWERS_FILE}")
    for item in data:
        if isinstance(item, dict) and item.get("id") == args.id:
            item["revoked"] = _today(args)
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    path.write_text(header + "\n" + body, encoding="utf-8")
    print(f"{args.id} revoked: none of their sign-offs counts any more (commit {REVIEWERS_FILE})")


def register(sub: argparse._SubParsersAction) -> None:
    reviewer = sub.add_parser("reviewer", help="enrol reviewers and make their keys (docs/review.md)")
    commands = reviewer.add_subparsers(dest="reviewer_command", required=True)
    keygen = commands.add_parser("keygen", help="make an Ed25519 key pair: FILE (private, 0600) and FILE.pub")
    keygen.add_argument("--out", required=True, type=Path)
    keygen.add_argument("--passphrase", action="store_true", help="protect the private key with a passphrase")
    keygen.add_argument("--passphrase-stdin", action="store_true", help="read the passphrase from standard input")
    keygen.set_defaults(func=cmd_keygen)
    add = commands.add_parser("add", help="add a reviewer with their public key to reviewers.yaml (the owner)")
    add.add_argument("--id", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--org", required=True)
    add.add_argument("--roles", required=True, type=lambda v: _listed(v, Role), help="legal,language")
    add.add_argument("--languages", required=True, type=lambda v: _listed(v, Language), help="prs,ps,en")
    add.add_argument("--public-key", required=True, type=Path, help="the reviewer's FILE.pub")
    add.set_defaults(func=cmd_add)
    pending = commands.add_parser("pending", help="keys made in the review workspace, waiting for approval")
    pending.set_defaults(func=cmd_pending)
    approve = commands.add_parser("approve", help="trust a waiting key: reviewers.yaml and every running process")
    approve.add_argument("id")
    approve.add_argument("--fingerprint", help="refuse unless the waiting key has this fingerprint")
    approve.set_defaults(func=cmd_approve)
    revoke = commands.add_parser("revoke", help="stop trusting a reviewer's key (their sign-offs stop counting)")
    revoke.add_argument("id")
    revoke.set_defaults(func=cmd_revoke)
