"""Prometheus metrics. Labels are kinds, languages and topic ids only: never user ids or text."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.updates = Counter("rahnama_updates", "Updates received, by kind", ["kind"], registry=r)
        self.replies = Counter("rahnama_replies", "Replies sent, by language", ["lang"], registry=r)
        self.topic_views = Counter("rahnama_topic_views", "Guidance texts shown, by topic", ["topic"], registry=r)
        self.broadcasts = Counter(
            "rahnama_broadcast_messages", "Broadcast messages, by outcome", ["outcome"], registry=r
        )
        self.open_referrals = Gauge("rahnama_open_referrals", "Helpline referrals not yet closed", registry=r)
        self.latency = Histogram(
            "rahnama_update_seconds",
            "Time to handle one update",
            buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
            registry=r,
        )
        self.rejected_webhooks = Counter(
            "rahnama_webhook_rejected", "Webhook calls refused, by reason", ["reason"], registry=r
        )
