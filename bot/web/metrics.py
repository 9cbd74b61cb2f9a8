"""Prometheus metrics. Labels are kinds, languages, topic ids and outcome codes only: never user ids or text.

Counts that each process sees for itself (updates, replies, latency) are counters in this process;
Prometheus sums them over the workers. Counts that live in Redis (broadcast outcomes, open referrals)
are read from Redis at scrape time, so every worker reports the same figure.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from redis.asyncio import Redis

from bot.broadcast.jobs import COUNTERS
from bot.broadcast.keys import JobKeys, Keys
from bot.content import ContentPack
from bot.conversation import Reply
from bot.i18n.dates import today_in_pakistan
from bot.sending import SendBudget, SendClass

UPDATE_KINDS = ("message", "edited_message", "callback_query", "channel_post", "my_chat_member")


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.updates = Counter("rahnama_updates", "Updates received, by kind", ["kind"], registry=r)
        self.replies = Counter("rahnama_replies", "Replies sent, by language", ["lang"], registry=r)
        self.topic_views = Counter("rahnama_topic_views", "Guidance texts shown, by topic", ["topic"], registry=r)
        self.broadcasts = Gauge(
            "rahnama_broadcast_messages",
            "Broadcast messages of the jobs still kept (7 days), by outcome; read from Redis",
            ["outcome"],
            registry=r,
        )
        self.open_referrals = Gauge(
            "rahnama_open_referrals", "Helpline referrals not yet closed; read from Redis", registry=r
        )
        self.latency = Histogram(
            "rahnama_update_seconds",
            "Time to handle one webhook update (ordering, state, conversation, requests)",
            buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
            registry=r,
        )
        self.content_age = Gauge(
            "rahnama_content_age_days",
            "Days since the content pack was last checked against its sources (as_of), in Pakistan's days",
            registry=r,
        )
        self.rejected_webhooks = Counter(
            "rahnama_webhook_rejected", "Webhook calls refused or dropped, by reason", ["reason"], registry=r
        )

        # The send budget (bot/sending): this process's messages waiting for a slot, how long they
        # waited, and Telegram's 429s (each pauses every process for its retry_after).
        self.send_waiting = Gauge(
            "rahnama_send_waiting",
            "Messages of this process waiting for the send budget, by class",
            ["class"],
            registry=r,
        )
        self.send_wait = Histogram(
            "rahnama_send_wait_seconds",
            "Time a message waited for its slot in the send budget, by class",
            ["class"],
            buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
            registry=r,
        )
        self.rate_limited_total = Counter(
            "rahnama_telegram_429", "429 Too Many Requests answers from Telegram (all senders pause)", registry=r
        )

    def watch_budget(self, budget: SendBudget) -> None:
        """The waiting gauges read the budget's queues at scrape time."""
        for send_class in SendClass:
            self.send_waiting.labels(send_class.label).set_function(lambda c=send_class: budget.waiting(c))
        budget.observer = self

    def waited(self, send_class: SendClass, seconds: float) -> None:
        """BudgetObserver: a message got its slot after `seconds`."""
        self.send_wait.labels(send_class.label).observe(seconds)

    def rate_limited(self, seconds: float) -> None:
        """BudgetObserver: Telegram answered 429."""
        self.rate_limited_total.inc()

    def received(self, payload: dict[str, Any]) -> None:
        kind = next((k for k in UPDATE_KINDS if k in payload), "other")
        self.updates.labels(kind).inc()

    def replied(self, replies: list[Reply]) -> None:
        """The UpdateObserver hook of TelegramBot: languages and topics of what the bot answered."""
        for reply in replies:
            if reply.text:
                self.replies.labels(reply.lang.value if reply.lang else "mixed").inc()
            for topic, _version in reply.shown:
                self.topic_views.labels(topic).inc()

    def content_aged(self, content: ContentPack, now: datetime) -> None:
        """Set the pack's age just before a scrape: it grows by itself, one day at a time."""
        self.content_age.set(content.age_on(today_in_pakistan(now)).days)

    async def refresh_from_redis(self, redis: Redis, prefix: str) -> None:
        """Set the shared figures from Redis, just before a scrape."""
        totals = dict.fromkeys(COUNTERS, 0)
        job_ids = await redis.zrange(Keys(prefix).all, 0, -1)
        if job_ids:
            async with redis.pipeline(transaction=False) as pipe:
                for job_id in job_ids:
                    pipe.hmget(JobKeys(prefix, job_id).job, list(COUNTERS))
                for values in await pipe.execute():
                    for outcome, value in zip(COUNTERS, values, strict=True):
                        totals[outcome] += int(value or 0)
        for outcome, value in totals.items():
            self.broadcasts.labels(outcome).set(value)
        # One `hl:open:<person>` key per open referral (deleted when it closes); SCAN, not KEYS, so
        # Redis is never blocked. The key names hold chat ids but only the count leaves this function.
        self.open_referrals.set(sum([1 async for _ in redis.scan_iter(match=f"{prefix}hl:open:*", count=1000)]))
