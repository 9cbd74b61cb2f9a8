"""Reviewers' key files: an Ed25519 private key as PEM (PKCS#8, encrypted when a passphrase is given),
written with mode 0600, and its public key as PEM beside it (FILE.pub)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)


class KeyFileError(Exception):
    pass


def passphrase_from(stdin: bool, *, twice: bool) -> bytes:
    """One line from standard input, or typed at a hidden prompt (twice when making a key)."""
    if stdin:
        return sys.stdin.readline().rstrip("\n").encode()
    first = getpass.getpass("Passphrase: ")
    if twice and getpass.getpass("Passphrase again: ") != first:
        raise KeyFileError("the two passphrases differ")
    return first.encode()


def write_key_pair(out: Path, passphrase: bytes | None) -> Ed25519PrivateKey:
    if out.exists():
        raise KeyFileError(f"{out} exists; choose another file (a key is never overwritten)")
    key = Ed25519PrivateKey.generate()
    encryption = BestAvailableEncryption(passphrase) if passphrase else NoEncryption()
    private = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, encryption)
    # Created with 0600 from the start: there is no moment when others could read it.
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(private)
    public = key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    Path(f"{out}.pub").write_bytes(public)
    return key


def read_private_key(path: Path, passphrase_stdin: bool) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise KeyFileError(f"cannot read {path}: {error.strerror}") from None
    try:
        key = load_pem_private_key(data, None)
    except TypeError:  # encrypted: it needs its passphrase
        try:
            key = load_pem_private_key(data, passphrase_from(passphrase_stdin, twice=False))
        except ValueError:
            raise KeyFileError("wrong passphrase, or not a key file") from None
    except ValueError:
        raise KeyFileError(f"{path} is not a PEM private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path} holds a key that is not Ed25519")
    return key
