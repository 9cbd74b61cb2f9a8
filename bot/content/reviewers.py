"""`content/reviewers.yaml`: the people whose sign-offs count, with their roles, languages and keys.

Reviewers are content, added by the project's owner (a commit, or `rahnama reviewer add` /
`approve`), never by a reviewer or an admin:

    - id: amina-k                       # lowercase letters, digits and -
      name: Amina K.
      organisation: Partner legal-aid organisation
      roles: [legal, language]          # legal | language
      languages: [prs, ps]              # the languages whose texts they may sign
      public_key: base64 of the 32-byte Ed25519 public key
      added: 2026-12-06
      revoked: 2027-01-10               # optional: from then on none of their sign-offs counts
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_public_key

from bot.content.errors import Problem
from bot.content.files import read_yaml
from bot.content.review import Reviewer, Role
from bot.content.schema import MISSING, Reader, where_of
from bot.domain import Language

__all__ = ["Reviewer"]  # it lives beside the sign-offs it verifies (bot.content.review); importers find it here too

REVIEWERS_FILE = "reviewers.yaml"
_REQUIRED = ("id", "name", "organisation", "roles", "languages", "public_key", "added")


class KeyError_(ValueError):
    """A public key that is not an Ed25519 key in a form we read."""


def public_key_text(data: bytes | str) -> str:
    """The base64 raw form of a public key given as PEM, or as base64 of the raw 32 bytes."""
    raw = data.encode() if isinstance(data, str) else data
    if b"-----BEGIN PUBLIC KEY-----" in raw:
        key = load_pem_public_key(raw)
        if not isinstance(key, Ed25519PublicKey):
            raise KeyError_("the PEM file holds a public key that is not Ed25519")
        return base64.b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()
    try:
        decoded = base64.b64decode(raw.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise KeyError_("expected a PEM public key or base64 of 32 bytes") from None
    if len(decoded) != 32:
        raise KeyError_(f"an Ed25519 public key has 32 bytes, this one {len(decoded)}")
    Ed25519PublicKey.from_public_bytes(decoded)
    return base64.b64encode(decoded).decode()


def fingerprint(public_key: str) -> str:
    """A short, readable digest of a key, to compare by eye or over the phone (first 16 hex of SHA-256)."""
    import hashlib

    digest = hashlib.sha256(base64.b64decode(public_key)).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def read_reviewers(root: Path, problems: list[Problem]) -> tuple[Reviewer, ...]:
    if not (root / REVIEWERS_FILE).exists():
        return ()
    reader = Reader(REVIEWERS_FILE, problems, ())
    data = read_yaml(root / REVIEWERS_FILE, PurePosixPath(REVIEWERS_FILE), problems)
    found: list[Reviewer] = []
    for i, raw in enumerate(reader.items(data, "", allow_empty=True)):
        reviewer = reviewer_from(reader, raw, where_of("", i, raw))
        if reviewer is None:
            continue
        if any(r.id == reviewer.id for r in found):
            reader.report(where_of("", i, raw), f"reviewer id '{reviewer.id}' is listed twice")
            continue
        found.append(reviewer)
    return tuple(found)


def reviewer_from(reader: Reader, raw: Any, where: str) -> Reviewer | None:
    """One reviewer record (from reviewers.yaml or from the live list the workspace keeps)."""
    fields = reader.record(raw, where, _REQUIRED, ("revoked",))
    if fields is None:
        return None
    reviewer_id = reader.ident(fields["id"], f"{where}.id")
    name = reader.text(fields["name"], f"{where}.name")
    organisation = reader.text(fields["organisation"], f"{where}.organisation")
    roles = _choices(reader, fields["roles"], f"{where}.roles", Role)
    languages = _choices(reader, fields["languages"], f"{where}.languages", Language)
    key = reader.text(fields["public_key"], f"{where}.public_key")
    if key is not None:
        try:
            key = public_key_text(key)
        except (KeyError_, ValueError) as error:
            reader.report(f"{where}.public_key", str(error))
            key = None
    added = reader.date(fields["added"], f"{where}.added")
    revoked_raw = fields.get("revoked", MISSING)
    revoked = reader.date(revoked_raw, f"{where}.revoked") if revoked_raw is not MISSING else None
    values = (reviewer_id, name, organisation, roles, languages, key, added)
    if any(v is None for v in values) or (revoked_raw is not MISSING and revoked is None):
        return None
    return Reviewer(*values, revoked=revoked)  # type: ignore[arg-type]


def _choices(reader: Reader, value: Any, where: str, enum: Any) -> tuple[Any, ...] | None:
    items = [reader.choice(raw, f"{where}[{i}]", enum) for i, raw in enumerate(reader.items(value, where))]
    if not items or any(item is None for item in items):
        return None
    return tuple(dict.fromkeys(items))
