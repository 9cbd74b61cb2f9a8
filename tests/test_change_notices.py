"""The "what changed" notices and corrections: planned from the pack, queued by the CLI, sent via the fake Bot API."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from redis import Redis as SyncRedis
from redis.asyncio import Redis
from telegram import Bot

from bot.broadcast import Worker, job_status
from bot.change_notices import plan_notices
from bot.cli import main as cli
from bot.content import ContentPack
from bot.conversation import UserState
from bot.domain import Language
from bot.safety.discreet import opened, opening
from bot.store import StateStore
from bot.subscriptions import Subscriptions
from tests.conftest import REDIS_TEST_URL
from tests.fake_bot_api import FakeBotAPI
from tests.test_broadcast import PREFIX, TOKEN, RecordingSender, Running, config, finished

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

TODAY = date(2026, 12, 5)


def test_a_notice_names_each_changed_deadline_once_and_each_topic_in_every_language(content: ContentPack) -> None:
    notices, general = plan_notices(content, date(2025, 6, 1), strict=False, today=TODAY)
    por = next(n for n in notices if n.category == "por")
    deadlines = [c.id for c in por.changes if c.kind == "deadline"]
    assert deadlines == sorted(set(deadlines), key=deadlines.index)  # several steps, one line each
    assert set(por.messages) == {"prs", "ps", "en"} and por.withheld == {}
    # The job puts discreet mode's neutral first line above it (tests below check what people receive).
    assert por.messages["en"].splitlines()[0] == "What changed:"
    assert "Updated information: PoR card: what it means now" in por.messages["en"]
    assert {c.id for c in general} == {"about", "contacts-note", "emergency-essentials"}  # no document: not sent


def test_a_step_recorded_on_two_deadlines_is_said_once_under_both_titles(content: ContentPack) -> None:
    notices, _ = plan_notices(content, date(2025, 1, 1), strict=False, today=TODAY)
    undocumented = next(n for n in notices if n.category == "undocumented")
    steps = [c for c in undocumented.changes if c.kind == "deadline" and c.note is not None]
    shared = [c for c in steps if sum(c.note == other.note for other in steps) > 1]
    assert len(shared) >= 2  # the pack's Peshawar halt sits on phase 1 and phase 2
    for lang in ("prs", "ps", "en"):
        text = undocumented.messages[lang]
        assert text.count(shared[0].note[lang]) == 1
        assert all(c.title[lang] in text for c in shared)


def test_a_language_missing_a_text_is_withheld_and_says_why(content: ContentPack) -> None:
    deadline = next(d for d in content.deadlines if d.history and "acc" in d.categories)
    last = deadline.history[-1]
    note = {k: v for k, v in last.note.items() if k != "ps"}  # no Pashto for the latest step
    history = (*deadline.history[:-1], dataclasses.replace(last, note=note))
    pack = dataclasses.replace(
        content,
        deadlines=tuple(dataclasses.replace(d, history=history) if d is deadline else d for d in content.deadlines),
    )
    notices, _ = plan_notices(pack, last.date, strict=False, today=TODAY)
    acc = next(n for n in notices if n.category == "acc")
    assert set(acc.messages) == {"prs", "en"}
    assert acc.withheld == {"ps": f"deadline {deadline.id}: no ps text"}


def test_in_strict_mode_a_notice_needs_signed_off_topic_texts(content: ContentPack) -> None:
    notices, _ = plan_notices(content, date(2026, 1, 1), strict=True, today=TODAY)
    assert notices and all(not n.messages for n in notices)  # the pack's drafts are not signed off
    assert all("not signed off" in why for n in notices for why in n.withheld.values())


# --- end to end through the command line ----------------------------------------------------------


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[SyncRedis]:
    monkeypatch.setenv("REDIS_URL", REDIS_TEST_URL)
    monkeypatch.setenv("REDIS_PREFIX", PREFIX)
    client = SyncRedis.from_url(REDIS_TEST_URL, decode_responses=True)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


async def deliver(job_ids: list[str], chats: list[int]) -> tuple[dict[int, list[str]], list[dict[str, Any]]]:
    """Run one worker against the fake Bot API until the jobs are done: texts per chat, and statuses."""
    redis = Redis.from_url(REDIS_TEST_URL, decode_responses=True)
    running = Running()
    async with FakeBotAPI(token=TOKEN) as fake, RecordingSender(Bot(TOKEN, base_url=fake.base_url)) as sender:
        for chat in chats:
            fake.user(chat)
        running.start(Worker(redis, sender, config()))
        statuses = [await finished(redis, job_id) for job_id in job_ids]
        await running.close()
        assert fake.rejected == []
        got = {chat: [m["text"] for m in fake.sent_messages(chat)] for chat in chats}
    await redis.aclose()
    return got, statuses


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def test_changes_queues_one_notice_per_affected_category_for_exactly_its_subscribers(
    cli_env: SyncRedis, capsys: pytest.CaptureFixture[str]
) -> None:
    async def subscribe() -> None:
        redis = Redis.from_url(REDIS_TEST_URL, decode_responses=True)
        subs = Subscriptions(redis, PREFIX)
        await subs.subscribe_many([(1, "por", "prs"), (2, "acc", "ps"), (3, "por", "en"), (3, "acc", "en")])
        await StateStore(redis, PREFIX).save(4, UserState(lang=Language.ENGLISH))  # uses the bot, no reminders
        await redis.aclose()

    run(subscribe())
    cli(["broadcast", "changes", "--since", "2025-06-01", "--dry-run"])
    assert "dry run" in capsys.readouterr().out and cli_env.keys(f"{PREFIX}bc:job:*") == []

    cli(["broadcast", "changes", "--since", "2025-06-01"])
    out = capsys.readouterr().out
    jobs = {line.split("] ")[0][1:]: None for line in out.splitlines() if line.startswith("[")}
    job_ids = [line.split("job: ")[1] for line in out.splitlines() if "job: " in line]
    assert list(jobs) == ["por", "acc", "visa", "resettlement", "asylum", "undocumented"]
    assert all(j.isdigit() for j in job_ids) and len(set(job_ids)) == 6

    got, statuses = run(deliver(job_ids, [1, 2, 3, 4]))
    assert [s["total"] for s in statuses] == [2, 2, 0, 0, 0, 0]  # por: 1 and 3; acc: 2 and 3
    assert len(got[1]) == 1 and got[1][0].startswith(opening(Language.DARI))
    assert len(got[2]) == 1 and got[2][0].startswith(opening(Language.PASHTO))
    assert len(got[3]) == 2 and all(t.startswith(opening(Language.ENGLISH)) for t in got[3])  # one per document
    assert got[4] == []

    cli(["broadcast", "changes", "--since", "2025-06-01"])  # again: nothing new to tell
    assert "job: -" in capsys.readouterr().out
    assert cli_env.zcard(f"{PREFIX}bc:all") == 6

    cli(["broadcast", "status", job_ids[0]])  # the progress bar of a finished job
    assert capsys.readouterr().out.startswith(f"broadcast {job_ids[0]} done [########################] 100%")


def test_a_correction_reaches_exactly_who_received_that_version_in_their_language(
    cli_env: SyncRedis, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong, right = "a" * 64, "b" * 64

    async def history() -> None:
        redis = Redis.from_url(REDIS_TEST_URL, decode_responses=True)
        store = StateStore(redis, PREFIX)
        for user_id, lang, version in [(11, "prs", wrong), (12, "ps", wrong), (13, "en", right), (14, "en", wrong)]:
            await store.save(user_id, UserState(lang=Language(lang)))
            await store.record_shown(user_id, [("por-now", version)])
        await store.record_shown(14, [("acc-now", right)])  # other topics do not matter
        await redis.aclose()

    run(history())
    message = tmp_path / "correction.yaml"
    message.write_text("prs: اصلاح\nen: Correction\n", encoding="utf-8")

    cli(["broadcast", "correction", "--topic", "por-now", "--sha", wrong, "--message", str(message), "--dry-run"])
    captured = capsys.readouterr()
    assert captured.out == "" and "3 " in captured.err and "no message in ps: 1 people" in captured.err

    cli(["broadcast", "correction", "--topic", "por-now", "--sha", wrong, "--message", str(message)])
    job_id = capsys.readouterr().out.strip()
    got, (status,) = run(deliver([job_id], [11, 12, 13, 14]))
    assert got == {11: [opened("اصلاح", Language.DARI)], 12: [], 13: [], 14: [opened("Correction", Language.ENGLISH)]}
    assert (status["audience"], status["total"], status["sent"], status["no_message"]) == ("people", 3, 2, 1)

    with pytest.raises(SystemExit, match="nobody"):
        cli(["broadcast", "correction", "--topic", "por-now", "--sha", "c" * 64, "--message", str(message)])


def test_status_of_a_correction_job_as_json(
    cli_env: SyncRedis, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async def one() -> None:
        redis = Redis.from_url(REDIS_TEST_URL, decode_responses=True)
        store = StateStore(redis, PREFIX)
        await store.save(21, UserState(lang=Language.DARI))
        await store.record_shown(21, [("por-now", "d" * 64)])
        await redis.aclose()

    run(one())
    message = tmp_path / "m.yaml"
    message.write_text("prs: اصلاح\n", encoding="utf-8")
    cli(["broadcast", "correction", "--topic", "por-now", "--sha", "d" * 64, "--message", str(message)])
    job_id = capsys.readouterr().out.strip()
    cli(["broadcast", "status", job_id, "--json"])
    status = json.loads(capsys.readouterr().out)
    assert (status["state"], status["audience"], status["categories"], status["total"]) == ("pending", "people", [], 1)

    async def status_now() -> dict[str, Any] | None:
        redis = Redis.from_url(REDIS_TEST_URL, decode_responses=True)
        try:
            return await job_status(redis, PREFIX, job_id)
        finally:
            await redis.aclose()

    assert run(status_now())["remaining"] == 1
