"""What every channel does around a step: load the person, and afterwards save, record, apply effects.

Shared by Telegram and the terminal so that both behave the same: state is read afresh on every
update (no in-process cache, so a second worker sees the same person), subscriptions are read from
their own store so screens show the truth, effects are applied before the replies confirming them
are sent, and the vetted versions shown are recorded once they were sent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.broadcast.jobs import forget_recipient
from bot.conversation import Reply, UserState
from bot.conversation.effects import AddOwnDate, DeleteOwnDate, ForgetMe, Subscribe, Unsubscribe
from bot.conversation.replies import effects_in, shown_in
from bot.own_dates import OwnDates
from bot.redis_batch import Batch, alone
from bot.reviewing.demand import count_asked_into
from bot.sending.pacing import ChatPacing
from bot.store import StateStore
from bot.subscriptions import Subscriptions


class Sessions:
    def __init__(self, store: StateStore, subscriptions: Subscriptions) -> None:
        self.store = store
        self.subscriptions = subscriptions
        self.own_dates = OwnDates(store.redis, store.prefix)
        self.pacing = ChatPacing(store.redis, store.prefix)
        # Other records of a person (helpline referrals, chat logs) register their eraser here.
        self.also_forget: list[Callable[[int], Awaitable[None]]] = []

    @classmethod
    def over(cls, store: StateStore) -> Sessions:
        """Sessions on the same Redis, key prefix and inactivity expiry as the state store."""
        return cls(store, Subscriptions(store.redis, store.prefix, store.ttl))

    async def load(self, user_id: int) -> UserState:
        return await alone(self.store.redis, lambda batch: self.load_into(batch, user_id))

    def load_into(self, batch: Batch, user_id: int) -> Callable[[], UserState]:
        """The person's state with their subscriptions and own dates, in `batch` (bot/redis_batch.py)."""
        stored = self.store.load_into(batch, user_id)
        subscribed = self.subscriptions.categories_into(batch, user_id)
        own = self.own_dates.dates_into(batch, user_id)
        return lambda: replace(stored(), subscriptions=frozenset(subscribed()), own_dates=own())

    async def save(self, user_id: int, state: UserState) -> None:
        batch = Batch(self.store.redis)
        # The step's replies follow at once: broadcasts keep a second away from them (bot/sending/pacing.py).
        self.pacing.mark_into(batch, user_id)
        self.store.save_into(batch, user_id, state)
        await batch.run()
        if state.subscriptions:  # a subscriber's subscriptions live as long as their state (a Lua script)
            await self.subscriptions.touch(user_id)

    async def apply_effects(self, user_id: int, replies: list[Reply]) -> None:
        """Do what the replies asked for, before they are sent, so that "Done" is true when it arrives."""
        for effect in effects_in(replies):
            if isinstance(effect, Subscribe):
                await self.subscriptions.subscribe(user_id, effect.category, effect.lang)
            elif isinstance(effect, Unsubscribe):
                await self.subscriptions.unsubscribe(user_id, effect.category)
            elif isinstance(effect, AddOwnDate):
                await self.own_dates.add(user_id, effect.kind, effect.day, effect.lang, effect.days_before)
            elif isinstance(effect, DeleteOwnDate):
                await self.own_dates.delete(user_id, effect.slot)
            elif isinstance(effect, ForgetMe):
                await self.forget(user_id)

    async def forget(self, user_id: int) -> None:
        """Every key and record of the person: state, shown versions, subscriptions, broadcast traces."""
        await self.store.forget(user_id)
        await self.subscriptions.forget(user_id)
        await forget_recipient(self.store.redis, self.store.prefix, user_id)
        await self.own_dates.forget(user_id)
        await self.pacing.forget(user_id)
        for erase in self.also_forget:
            await erase(user_id)

    async def after_sending(self, user_id: int, replies: list[Reply]) -> None:
        batch = Batch(self.store.redis)
        self.after_sending_into(batch, user_id, replies)
        await batch.run()

    def after_sending_into(self, batch: Batch, user_id: int, replies: list[Reply]) -> None:
        """Record which vetted versions they were actually sent."""
        self.store.record_shown_into(batch, user_id, shown_in(replies))
        count_asked_into(batch, self.store.prefix, replies)
        if not any(isinstance(effect, ForgetMe) for effect in effects_in(replies)):
            self.pacing.mark_into(batch, user_id)  # a second from the last reply's arrival (bot/sending/pacing.py)
