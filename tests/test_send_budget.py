"""One send budget for everything the bot sends, across processes, against the fake Bot API's Telegram limits.

Each "process" here is its own SendBudget (or Application) with its own Redis client, sharing only Redis,
as `serve --workers N`, `run` and `broadcast worker` processes do.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from redis.asyncio import Redis
from telegram import Bot

from bot.channels.telegram.app import build_application
from bot.config import Settings
from bot.content import ContentPack
from bot.sending import SendBudget, SendClass
from bot.store import StateStore
from tests.conftest import REDIS_TEST_URL
from tests.fake_bot_api import FakeBotAPI, threaded
from tests.telegram_harness import PREFIX, TOKEN, running_bot
from tests.test_webhook import start_web

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@pytest.fixture
async def strict_fake() -> AsyncIterator[FakeBotAPI]:
    """Telegram's limits on: 30 messages/s overall, 1/s per chat, 429 with retry_after beyond them. On a thread
    and event loop of its own, as Telegram is: it stamps a message when it arrives, not when the loop of the
    test's senders gets round to it (there the stamps bunched, and a busy host drew a 429 at 30/s)."""
    async with threaded(token=TOKEN, rate_limit=True) as server:
        yield server
    assert server.rejected == [], server.rejected  # not one 429 the bot caused itself


@pytest.fixture
async def second_redis() -> AsyncIterator[Redis]:
    client = Redis.from_url(REDIS_TEST_URL, decode_responses=True)
    yield client
    await client.aclose()


@contextlib.asynccontextmanager
async def budgets(*clients: Redis) -> AsyncIterator[tuple[SendBudget, ...]]:
    """One budget per process (per Redis client), closed even when the test fails: a dispatcher left running kept
    the suite's teardown waiting for ever after one failed assertion."""
    made = tuple(SendBudget(client, PREFIX) for client in clients)
    try:
        yield made
    finally:
        for budget in made:
            await budget.close()


@pytest.fixture
async def two_budgets(redis_client: Redis, second_redis: Redis) -> AsyncIterator[tuple[SendBudget, ...]]:
    """Two processes' budgets over one Redis, at the default rate (Telegram's 30/s)."""
    async with budgets(redis_client, second_redis) as pair:
        yield pair


async def until(check: Callable[[], bool | Awaitable[bool]], timeout: float = 10.0) -> None:
    """Wait for a condition (checked every few ms), failing after `timeout`."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = check()
        if isinstance(result, Awaitable):
            result = await result
        if result:
            return
        assert asyncio.get_running_loop().time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.01)


async def send_in_turn(
    bot: Bot, order: list[str], budget: SendBudget, send_class: SendClass, chat_id: int, label: str
) -> None:
    """Wait for a slot of the budget, send, and note the order in which messages went out. The request is timed as
    the bot's senders time it (safebot, the broadcast worker), so the budget's margin follows the round trips: 150
    senders on one loop send late when it is busy, and the margin leaves room for that as it does in the bot."""
    await budget.acquire(send_class, chat_id)
    with budget.timed():
        await bot.send_message(chat_id, label)
    order.append(label)


async def test_a_reply_jumps_ahead_of_a_broadcast_another_process_is_sending(
    strict_fake: FakeBotAPI, two_budgets: tuple[SendBudget, ...]
) -> None:
    replies, broadcasts = two_budgets
    order: list[str] = []

    def send(budget: SendBudget, send_class: SendClass, chat_id: int, label: str) -> Awaitable[None]:
        return send_in_turn(bot, order, budget, send_class, chat_id, label)

    for chat_id in range(1, 61):
        strict_fake.user(chat_id)
    async with Bot(TOKEN, base_url=strict_fake.base_url) as bot:
        # 59 people's broadcast messages wait in the other process (2 s of the whole budget)...
        news = [asyncio.create_task(send(broadcasts, SendClass.BROADCAST, c, f"news {c}")) for c in range(2, 61)]
        await until(lambda: len(order) >= 5)
        # ...when person 1 presses a button: their answer takes the next slots, not the 55th.
        await send(replies, SendClass.REPLY, 1, "answer")
        assert order.index("answer") <= 5 + 3, order  # the slots already reserved ahead (~2) and the poll
        assert len(order) < 15
        await asyncio.gather(*news)
    assert len(order) == 60


async def test_a_crowd_of_replies_leaves_broadcasts_their_floor(
    strict_fake: FakeBotAPI, two_budgets: tuple[SendBudget, ...]
) -> None:
    replies, broadcasts = two_budgets
    order: list[str] = []

    def send(budget: SendBudget, send_class: SendClass, chat_id: int, label: str) -> Awaitable[None]:
        return send_in_turn(bot, order, budget, send_class, chat_id, label)

    for chat_id in range(1, 154):
        strict_fake.user(chat_id)
    async with Bot(TOKEN, base_url=strict_fake.base_url) as bot:
        crowd = [asyncio.create_task(send(replies, SendClass.REPLY, c, f"answer {c}")) for c in range(1, 151)]
        await until(lambda: len(order) >= 1)
        news = [asyncio.create_task(send(broadcasts, SendClass.BROADCAST, c, f"news {c}")) for c in range(151, 154)]
        await asyncio.gather(*crowd, *news)
    # Five seconds of replies were waiting, and still the broadcast got about one message a second: its three
    # went out in the first three seconds or so, well before the last second of replies (~30 messages).
    last_news = max(order.index(f"news {c}") for c in range(151, 154))
    assert last_news < len(order) - 30, order


async def test_one_429_pauses_every_process_for_its_retry_after(
    strict_fake: FakeBotAPI, content: ContentPack, redis_client: Redis, second_redis: Redis
) -> None:
    other = build_application(
        Settings(telegram_bot_token=TOKEN, telegram_api_base_url=strict_fake.base_url, redis_url=REDIS_TEST_URL,
                 redis_prefix=PREFIX),
        content,
        StateStore(second_redis, PREFIX),
    )  # fmt: skip
    person, member = strict_fake.user(501), strict_fake.user(502)
    strict_fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 2", retry_after=2)
    async with running_bot(strict_fake, content, redis_client), other:
        await strict_fake.send_command(person, "/start")  # process A's answer meets the 429...
        await strict_fake.wait_for_request("sendMessage", lambda r: r.error_code == 429)
        paused_at = asyncio.get_running_loop().time()
        await other.bot.send_message(member.id, "a notice")  # ...and process B waits it out too
        waited = asyncio.get_running_loop().time() - paused_at
        # A's answer was retried once the pause was over: the person is answered, nothing lost.
        [answer] = await strict_fake.wait_for_messages(person.id, 1)
    assert 1.8 <= waited < 4, waited
    assert answer["text"]
    assert [r.error_code for r in strict_fake.requests if r.error_code] == [429]  # no storm of retries
    await other.bot_data["rahnama"].budget.close()


async def test_a_button_stops_spinning_at_once_while_its_answer_waits_for_the_budget(
    strict_fake: FakeBotAPI, content: ContentPack, redis_client: Redis
) -> None:
    person = strict_fake.user(601)
    async with running_bot(strict_fake, content, redis_client) as app:
        await strict_fake.send_command(person, "/start")
        [chooser] = await strict_fake.wait_for_messages(person.id, 1)
        budget: SendBudget = app.bot_data["rahnama"].budget
        await budget.pause(3)  # as after a 429: no message goes out for 3 s, in any process
        pressed_at = asyncio.get_running_loop().time()
        update = await strict_fake.press_button(person, chooser, "lang:en")
        await strict_fake.wait_for_request("answerCallbackQuery")
        spinner_stopped = asyncio.get_running_loop().time() - pressed_at
        assert len(strict_fake.sent_messages(person.id)) == 1  # the answer is still waiting
        await strict_fake.wait_for_messages(person.id, 2, timeout=10)
        answered = asyncio.get_running_loop().time() - pressed_at
    assert strict_fake.callback_answer(update) is not None
    assert spinner_stopped < 1.0 and answered >= 2.5, (spinner_stopped, answered)


async def test_without_redis_the_budget_lets_messages_through(strict_fake: FakeBotAPI) -> None:
    gone = Redis.from_url("redis://127.0.0.1:9/0", socket_connect_timeout=0.2)
    budget = SendBudget(gone, PREFIX)
    assert await asyncio.wait_for(budget.acquire(SendClass.REPLY, 1), 5)  # an answer matters more
    await budget.close()
    await gone.aclose()


async def test_the_webhook_answers_telegram_at_once_while_the_reply_waits_for_the_budget(
    fake: FakeBotAPI, content: ContentPack, redis_client: Redis
) -> None:
    async with start_web(fake, content, redis_client) as web:
        budget: SendBudget = web.app.state.application.bot_data["rahnama"].budget
        person = fake.user(701)
        await budget.pause(3)  # a crowd (or a 429) holds every message for 3 s
        sent_at = asyncio.get_running_loop().time()
        update = await fake.send_command(person, "/start")
        await until(lambda: any(uid == update["update_id"] for uid, _ in fake._deliveries[0].responses))
        acknowledged = asyncio.get_running_loop().time() - sent_at
        assert fake.sent_messages(person.id) == []  # the answer is still queued, in Redis, in the person's order
        [chooser] = await fake.wait_for_messages(person.id, 1, timeout=10)
        answered = asyncio.get_running_loop().time() - sent_at
    assert acknowledged < 1.0 and answered >= 2.5, (acknowledged, answered)
    assert "lang:" in str(chooser["reply_markup"])


async def test_the_messages_of_one_answer_keep_a_second_apart_in_the_chat(
    strict_fake: FakeBotAPI, content: ContentPack, redis_client: Redis
) -> None:
    """The emergency card comes as several messages (the card in two parts, then the language chooser); sent
    back to back they broke the chat's one per second, and each 429 paused every process's sends. Now each
    waits its turn: all arrive, and not one 429 (the strict fake refuses a second message within a second
    in a chat, and the fixture fails on any refusal)."""
    person = strict_fake.user(503, language_code="en")
    async with running_bot(strict_fake, content, redis_client):
        began = asyncio.get_running_loop().time()
        await strict_fake.send_text(person, "police took my husband right now")
        messages = await strict_fake.wait_for_messages(person, 3, timeout=15)
        took = asyncio.get_running_loop().time() - began
    assert "legal" in messages[0]["text"] and "SHARP" in messages[1]["text"]  # the card, whole
    assert "lang:" in str(messages[2]["reply_markup"])  # then the chooser, the first screen in English
    assert took >= 2  # a second between parts: the 429s were not dodged by luck


async def test_when_round_trips_wobble_the_budget_leaves_room_for_it_and_draws_no_429(
    strict_fake: FakeBotAPI, content: ContentPack, redis_client: Redis, second_redis: Redis
) -> None:
    """Telegram stamps a message when it arrives. Every 7th message here arrives 40 ms late (a busy line),
    so a message can fall within one second of the 30th after it: at a fixed headroom of 10–15 ms that is a
    429. The budget widens its spacing by as much as the round trips vary: two processes send 120 notices at
    the full rate, every one is accepted (the strict fake refuses the 31st in any second; the fixture fails
    on a refusal), and still at more than 27 a second."""
    for _ in range(20):
        strict_fake.delay_next("sendMessage", 0.0, times=6)
        strict_fake.delay_next("sendMessage", 0.04, times=1)
    processes = [
        build_application(
            Settings(
                telegram_bot_token=TOKEN,
                telegram_api_base_url=strict_fake.base_url,
                redis_url=REDIS_TEST_URL,
                redis_prefix=PREFIX,
            ),
            content,
            StateStore(client, PREFIX),
        )  # fmt: skip
        for client in (redis_client, second_redis)
    ]
    chats = [strict_fake.user(600 + i).id for i in range(120)]
    async with processes[0], processes[1]:
        began = asyncio.get_running_loop().time()

        async def sender(process: int, lane: int) -> None:  # four at a time per process, as a broadcast sends
            for chat in chats[process * 60 + lane : (process + 1) * 60 : 4]:
                await processes[process].bot.send_message(chat, "notice")

        await asyncio.gather(*(sender(process, lane) for process in (0, 1) for lane in range(4)))
        took = asyncio.get_running_loop().time() - began
        margins = [p.bot_data["rahnama"].budget.margin for p in processes]
        for process in processes:
            await process.bot_data["rahnama"].budget.close()
    assert all(len(strict_fake.sent_messages(chat)) == 1 for chat in chats)
    assert min(margins) >= 0.04  # each process saw the wobble itself
    # Round trips varying by 40 ms give a margin of ~0.05 (28.6/s). A fake on the senders' own loop also waited for
    # that loop before answering, which widened the spread on a loaded host (26.8/s once); on its own thread it
    # answers when the request arrives.
    assert 119 / took > 27, 119 / took


async def test_the_widest_margin_any_process_saw_paces_every_process(
    two_budgets: tuple[SendBudget, ...],
) -> None:
    """Process A's messages arrive late (its round trips vary by 60 ms); B's line looks quiet. A late message of
    A shares Telegram's second with B's messages, so B must leave the same room: B takes slots at
    rate / (1 + headroom + 0.06), not at rate / (1 + headroom)."""
    a, b = two_budgets
    for seconds in (0.002, 0.062, 0.003):
        a.round_trip(seconds)
    assert a.margin >= a.headroom + 0.06 and b.margin == b.headroom

    await a.acquire(SendClass.BROADCAST, None)  # A tells Redis its margin with its call; it holds 2 s
    began = asyncio.get_running_loop().time()
    for _ in range(45):
        await b.acquire(SendClass.BROADCAST, None)
    span = asyncio.get_running_loop().time() - began
    # B's 45 slots (within the 2 s hold) span 44 intervals: 1.57 s at the shared margin, 1.48 s at B's own
    assert span >= 44 * (1 + b.headroom + 0.06) / 30 - 0.03, span


async def test_with_the_reply_in_the_webhook_response_the_parts_of_an_answer_still_keep_a_second_apart(
    strict_fake: FakeBotAPI, content: ContentPack, redis_client: Redis
) -> None:
    """With WEBHOOK_REPLY_IN_RESPONSE each message is held until the next call; the held one used to go out
    only after the next part had waited its second, right before that part: two messages to the chat
    within a second, a 429 (the strict fake refuses it, the fixture fails on a refusal)."""
    person = strict_fake.user(504, language_code="en")
    async with start_web(strict_fake, content, redis_client, webhook_reply_in_response=True):
        await strict_fake.send_text(person, "police took my husband right now")
        messages = await strict_fake.wait_for_messages(person, 3, timeout=15)
    assert "legal" in messages[0]["text"] and "SHARP" in messages[1]["text"]
    assert "lang:" in str(messages[2]["reply_markup"])
    assert any(r.http_method == "WEBHOOK-RESPONSE" for r in strict_fake.requests)  # the last still rode back


async def test_the_budget_closes_even_when_a_message_just_woke_it(redis_client: Redis) -> None:
    """Stopping the bot while a message asks for a slot during a pause: the dispatcher is woken and cancelled
    in the same moment. On Python 3.11 asyncio.wait_for with a timeout then swallows the cancellation
    (python/cpython#86296) and the dispatcher ran on forever: shutdown, and the suite's teardown, hung."""
    budget = SendBudget(redis_client, PREFIX)
    await budget.pause(5)  # a 429: the dispatcher sleeps until the pause ends, or until woken
    first = asyncio.create_task(budget.acquire(SendClass.REPLY, 1))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(budget.acquire(SendClass.REPLY, 2))
    await asyncio.sleep(0)  # the second has woken the dispatcher
    closing = asyncio.create_task(budget.close())
    done, _ = await asyncio.wait([closing], timeout=2)  # at once when it works; never, when it did not
    for task in (closing, first, second):
        task.cancel()
    assert closing in done
    assert [t for t in asyncio.all_tasks() if t.get_name() == "send-budget" and not t.done()] == []
