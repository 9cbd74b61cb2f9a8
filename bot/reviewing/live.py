"""Stored sign-offs count at once in every running process.

The workspace stores a verified sign-off in Redis and bumps `rv:version`; each process (the bot's
workers, the web server) watches that counter every REVIEW_POLL_SECONDS and, when it moved or the
pack was reloaded from disk, recomputes the reviews of its pack with the stored reviewers and
sign-offs added. Verification is the pack's own (bot.content.signoffs.with_trust): a record in
Redis that does not verify against a reviewer's key counts for nothing here either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.content import ContentPack
from bot.content.signoffs import with_trust
from bot.reviewing.store import Live, ReviewStore


def with_live(pack: ContentPack, live: Live) -> ContentPack:
    trust = replace(pack.trust, live_reviewers=live.reviewers, live_signoffs=live.signoffs)
    return with_trust(replace(pack, trust=trust))


class LiveTrust:
    """Keeps one process's pack in step with the review records in Redis."""

    def __init__(self, store: ReviewStore, current: Callable[[], ContentPack], swap: Callable[[ContentPack], None]):
        self.store = store
        self.current = current
        self.swap = swap
        self.version = -1
        self.applied: ContentPack | None = None

    async def refresh(self) -> bool:
        """Apply the stored reviewers and sign-offs if they changed (or the pack did); True if it swapped."""
        version = await self.store.version()
        if version == self.version and self.current() is self.applied:
            return False
        live = await self.store.live()
        # No await from here on: a reload swapping the pack in between cannot be overwritten.
        pack = with_live(self.current(), live)
        self.swap(pack)
        self.version, self.applied = live.version, pack
        return True
