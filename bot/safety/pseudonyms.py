"""Keyed pseudonyms for user ids in logs: stable within a deployment, useless without the key.

A plain hash of a Telegram id can be reversed by hashing every id; a keyed HMAC cannot without
the key. With no PSEUDONYM_KEY configured each process draws a random key, so logs still
correlate within a process but can never be linked back to a person.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

_process_key = secrets.token_bytes(32)


def pseudonym(user_id: int | str, key: bytes | None = None) -> str:
    digest = hmac.new(key or _process_key, str(user_id).encode(), hashlib.sha256).hexdigest()
    return "u_" + digest[:16]
