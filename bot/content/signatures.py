"""What a reviewer signs, and checking that a sign-off really comes from them.

A sign-off is a statement about one text (its id, language and SHA-256; for a translation also the
English text's SHA-256), the role, the dates and the reviewer's id. Its canonical bytes are the
statement as JSON with sorted keys and no spaces, UTF-8; the reviewer's Ed25519 key signs those
bytes, in the browser (WebCrypto) or with `rahnama content sign --key`. Whoever holds only the
repository or the admin token holds no reviewer's private key, so cannot make a sign-off count.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bot.content.review import Rejected, SignOff
from bot.content.reviewers import Reviewer

STATEMENT = "rahnama-signoff/1"
"""Names what the bytes mean, so a signature made for anything else never passes for a sign-off."""


def statement(signoff: SignOff) -> dict[str, Any]:
    """The fields a reviewer signs (everything in the sign-off but the signature)."""
    fields: dict[str, Any] = {
        "statement": STATEMENT,
        "record" if signoff.is_record else "topic": signoff.subject,
        "lang": signoff.lang.value,
        "role": signoff.role.value,
        "reviewer": signoff.reviewer,
        "date": signoff.signed_on.isoformat(),
        "review_by": signoff.review_by.isoformat(),
        "sha256": signoff.sha256,
    }
    if signoff.source_sha256:
        fields["source_sha256"] = signoff.source_sha256
    return fields


def canonical(fields: Mapping[str, Any]) -> str:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def statement_bytes(signoff: SignOff) -> bytes:
    return canonical(statement(signoff)).encode("utf-8")


def sign(signoff: SignOff, key: Ed25519PrivateKey) -> SignOff:
    """The sign-off with `key`'s signature over its statement."""
    from dataclasses import replace

    return replace(signoff, signature=base64.b64encode(key.sign(statement_bytes(signoff))).decode())


def why_not(signoff: SignOff, reviewers: Mapping[str, Reviewer]) -> Rejected | None:
    """None when the sign-off counts; otherwise why it counts for nothing."""
    reviewer = reviewers.get(signoff.reviewer)
    if reviewer is None:
        return Rejected(signoff, f"names an unknown reviewer '{signoff.reviewer}' (not in reviewers.yaml)")
    if reviewer.revoked is not None:
        return Rejected(signoff, f"reviewer '{reviewer.id}' was revoked on {reviewer.revoked}", revoked=True)
    if signoff.role not in reviewer.roles:
        return Rejected(signoff, f"reviewer '{reviewer.id}' does not hold the {signoff.role.value} role")
    if signoff.lang not in reviewer.languages:
        return Rejected(signoff, f"reviewer '{reviewer.id}' does not review {signoff.lang.value} texts")
    if not verifies(signoff, reviewer):
        return Rejected(
            signoff,
            f"the signature does not verify with {reviewer.id}'s key: the statement was changed after "
            "signing (a name, date or hash edited), or another key signed it",
        )
    return None


def verifies(signoff: SignOff, reviewer: Reviewer) -> bool:
    try:
        signature = base64.b64decode(signoff.signature, validate=True)
        reviewer.key().verify(signature, statement_bytes(signoff))
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


def parse_statement(text: str) -> dict[str, Any] | None:
    """A statement sent by a browser, only if it is exactly the canonical form of itself."""
    try:
        fields = json.loads(text)
    except ValueError:
        return None
    if not isinstance(fields, dict) or canonical(fields) != text or fields.get("statement") != STATEMENT:
        return None
    return fields


def as_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
