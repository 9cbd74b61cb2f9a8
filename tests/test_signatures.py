"""Sign-offs only the reviewer can make: each is an Ed25519 signature over the statement, checked on
every load against content/reviewers.yaml. A forger with the repository and the admin token, but no
reviewer's private key, cannot make one count; whatever they try shows in `content check`/`status`."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bot.content import load_pack
from bot.content.review import Role, SignOff
from bot.content.signatures import sign as sign_with
from bot.content.signing import append_signoff, unsigned
from bot.domain import Language
from tests.packs import copy_pack, edit, enrol, rahnama, sign, status


def check(monkeypatch, capsys, root: Path) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    return rahnama(monkeypatch, capsys, root, "content", "check", "--on", "2026-02-02")


def rejected(monkeypatch, capsys, root: Path, topic: str, lang: str) -> list[dict]:  # type: ignore[no-untyped-def]
    record = status(monkeypatch, capsys, root, "--on", "2026-02-02")[(topic, lang)]
    return record["rejected"]


def test_keygen_writes_a_private_key_only_its_owner_reads_and_a_public_key(monkeypatch, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = copy_pack(tmp_path)
    key = enrol(monkeypatch, capsys, root)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in key.read_bytes() and b"PUBLIC KEY" in Path(f"{key}.pub").read_bytes()
    (listed,) = yaml.safe_load((root / "reviewers.yaml").read_text(encoding="utf-8"))
    assert listed["id"] == "test-reviewer" and listed["roles"] == ["legal", "language"]
    assert len(listed["public_key"]) == 44  # base64 of 32 bytes


def test_a_passphrase_protected_key_signs_only_with_its_passphrase(monkeypatch, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io

    root = copy_pack(tmp_path)
    key = tmp_path / "k.pem"
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    assert rahnama(monkeypatch, capsys, root, "reviewer", "keygen", "--out", str(key), "--passphrase-stdin")[0] == 0
    assert b"ENCRYPTED" in key.read_bytes()
    args = ("--id", "p", "--name", "P", "--org", "O", "--roles", "legal", "--languages", "en")
    assert rahnama(monkeypatch, capsys, root, "reviewer", "add", *args, "--public-key", f"{key}.pub")[0] == 0
    sign_args = ("content", "sign", "--topic", "about", "--lang", "en", "--role", "legal", "--key", str(key))
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    code, out = rahnama(monkeypatch, capsys, root, *sign_args, "--passphrase-stdin")
    assert code != 0 and "wrong passphrase" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    code, out = rahnama(monkeypatch, capsys, root, *sign_args, "--passphrase-stdin", "--on", "2026-02-01")
    assert code == 0 and "state now: signed" in out, out


def test_a_valid_signoff_counts(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "por-now", "en", "legal", "--on", "2026-02-01")
    record = status(monkeypatch, capsys, root, "--on", "2026-02-02")[("por-now", "en")]
    assert record["state"] == "signed" and record["rejected"] == []
    assert check(monkeypatch, capsys, root)[0] == 0


@pytest.mark.parametrize(
    "old,new",
    [
        ("date: 2026-02-01", "date: 2026-01-15"),  # backdated by hand
        ("review_by: 2026-08-01", "review_by: 2027-08-01"),  # kept alive longer by hand
        ("reviewer: test-reviewer", "reviewer: other-reviewer"),  # someone else's name on it
    ],
)
def test_an_edited_statement_counts_for_nothing_and_check_says_why(monkeypatch, capsys, tmp_path, old, new) -> None:  # type: ignore[no-untyped-def]
    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "por-now", "en", "legal", "--on", "2026-02-01")
    if "other-reviewer" in new:
        enrol(monkeypatch, capsys, root, "other-reviewer")
    edit(root / "signoffs.yaml", old, new)
    record = status(monkeypatch, capsys, root, "--on", "2026-02-02")[("por-now", "en")]
    assert record["state"] == "draft" and record["missing"] == ["legal"]
    (bad,) = record["rejected"]
    assert "signature does not verify" in bad["why"] and bad["counts"] is False
    code, out = check(monkeypatch, capsys, root)
    assert code == 1 and "por-now (en) legal sign-off by" in out and "does not verify" in out


def test_a_hash_moved_to_an_edited_text_counts_for_nothing(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "acc-now", "en", "legal", "--on", "2026-02-01")
    edit(root / "topics/acc-now/en.md", "It was meant", "It was intended")
    old_sha = yaml.safe_load((root / "signoffs.yaml").read_text())[0]["sha256"]
    new_sha = load_pack(root).topic("acc-now").text("en").sha256
    edit(root / "signoffs.yaml", old_sha, new_sha)  # the forger's "approval" of the edited file
    assert rejected(monkeypatch, capsys, root, "acc-now", "en")[0]["why"].startswith("the signature does not verify")


def test_a_signature_by_another_key_counts_for_nothing(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    enrol(monkeypatch, capsys, root)
    pack = load_pack(root)
    forged = sign_with(
        unsigned(pack, "por-now", Language.ENGLISH, Role.LEGAL, "test-reviewer", date(2026, 2, 1)),
        Ed25519PrivateKey.generate(),  # not the reviewer's key: e.g. one made by someone with the admin token
    )
    append_signoff(root, forged)
    assert "does not verify with test-reviewer's key" in rejected(monkeypatch, capsys, root, "por-now", "en")[0]["why"]


def test_an_unknown_reviewer_counts_for_nothing(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    key = Ed25519PrivateKey.generate()
    pack = load_pack(root)
    statement = unsigned(pack, "about", Language.ENGLISH, Role.LEGAL, "nobody", date(2026, 2, 1))
    append_signoff(root, sign_with(statement, key))
    (bad,) = rejected(monkeypatch, capsys, root, "about", "en")
    assert "unknown reviewer 'nobody'" in bad["why"]
    assert check(monkeypatch, capsys, root)[0] == 1


def test_a_role_or_language_not_held_cannot_be_signed_nor_forged(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    key = enrol(monkeypatch, capsys, root, "translator", roles="language", languages="prs")
    args = ("content", "sign", "--topic", "por-now", "--key", str(key), "--on", "2026-02-01")
    code, out = rahnama(monkeypatch, capsys, root, *args, "--lang", "prs", "--role", "legal")
    assert code != 0 and "does not hold the legal role" in out
    code, out = rahnama(monkeypatch, capsys, root, *args, "--lang", "ps", "--role", "language")
    assert code != 0 and "does not review ps texts" in out
    # Written past the command: the signature is the reviewer's own, but the role is not theirs.
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    private = load_pem_private_key(key.read_bytes(), None)
    pack = load_pack(root)
    for lang, role, why in ((Language.DARI, Role.LEGAL, "legal role"), (Language.PASHTO, Role.LANGUAGE, "ps texts")):
        append_signoff(root, sign_with(unsigned(pack, "por-now", lang, role, "translator", date(2026, 2, 1)), private))
        assert any(why in r["why"] for r in rejected(monkeypatch, capsys, root, "por-now", lang.value))


def test_a_revoked_reviewers_signoffs_count_for_nothing(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "rights-police", "en", "legal", "--on", "2026-02-01")
    assert status(monkeypatch, capsys, root, "--on", "2026-02-02")[("rights-police", "en")]["state"] == "signed"
    code, out = rahnama(monkeypatch, capsys, root, "reviewer", "revoke", "test-reviewer")
    assert code == 0, out
    record = status(monkeypatch, capsys, root, "--on", "2026-02-02")[("rights-police", "en")]
    assert record["state"] == "draft" and "revoked on" in record["rejected"][0]["why"]
    code, out = check(monkeypatch, capsys, root)
    assert code == 0 and "note: signoffs.yaml: rights-police (en) legal sign-off by test-reviewer" in out


def test_the_old_unsigned_signoff_is_refused(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    code, out = rahnama(
        monkeypatch, capsys, root, "content", "sign", "--topic", "about", "--lang", "en", "--role", "legal",
        "--reviewer", "Any Name", "--org", "Any Org",
    )  # fmt: skip
    assert code != 0 and "no longer a name typed here" in out
    (root / "signoffs.yaml").write_text(
        "- {topic: about, lang: en, role: legal, reviewer: Any Name, organisation: Any Org, date: 2026-02-01,"
        f" review_by: 2026-08-01, sha256: {load_pack(root).topic('about').text('en').sha256}}}\n",
        encoding="utf-8",
    )
    code, out = check(monkeypatch, capsys, root)
    assert code == 1 and "an unsigned sign-off" in out


def test_a_record_is_signed_like_a_topic(monkeypatch, capsys, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    deadline = load_pack(root).deadlines[0]
    sign(monkeypatch, capsys, root, f"deadline:{deadline.id}", "en", "legal", "--on", "2026-02-01")
    records = json.loads(rahnama(monkeypatch, capsys, root, "content", "status", "--json", "--on", "2026-02-02")[1])
    mine = next(r for r in records if r["record"] == f"deadline:{deadline.id}" and r["lang"] == "en")
    assert mine["state"] == "signed" and mine["topic"] is None
    edit(root / "deadlines.yaml", deadline.title["en"], deadline.title["en"] + " (edited)")
    assert load_pack(root).record(f"deadline:{deadline.id}", "en").review.state.value == "stale"


def test_signoffs_from_the_file_and_the_store_count_once(monkeypatch, capsys, tmp_path: Path) -> None:
    from dataclasses import replace

    from bot.content.signoffs import with_trust

    root = copy_pack(tmp_path)
    sign(monkeypatch, capsys, root, "about", "en", "legal", "--on", "2026-02-01")
    pack = load_pack(root)
    again = with_trust(replace(pack, trust=replace(pack.trust, live_signoffs=pack.trust.signoffs)))
    assert len(again.topic("about").text("en").review.signoffs) == 1
    assert isinstance(again.trust.signoffs[0], SignOff)
