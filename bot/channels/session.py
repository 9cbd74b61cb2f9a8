"""What every channel does around a step: load the person, and afterwards save, record, apply effects.

Shared by Telegram and the terminal so that both behave the same: state is read afresh on every
update (no in-process cache, so a second worker sees the same person), subscriptions are read from
their own store so screens show the truth, effects are applied before the replies confirming them
are sent, and the vetted versions shown are recorded once they were sent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.broadcast.pacing import ChatPacing
from bot.conversation import Reply, UserState
from bot.conversation.effects import AddOwnDate, DeleteOwnDate, ForgetMe, Subscribe, Unsubscribe
from bot.conversation.replies import effects_in, shown_in
from bot.own_dates import OwnDates
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
        state = await self.store.load(user_id)
        subscribed = await self.subscriptions.categories_of(user_id)
        if subscribed:
            state = replace(state, subscriptions=frozenset(subscribed))
        own = await self.own_dates.dates_of(user_id)
        return replace(state, own_dates=own) if own else state

    async def save(self, user_id: int, state: UserState) -> None:
        # The step's replies follow at once: broadcasts keep a second away from them (broadcast/pacing.py).
        await self.pacing.mark(user_id)
        await self.store.save(user_id, state)
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
        await self.own_dates.forget(user_id)
        await self.pacing.forget(user_id)
        for erase in self.also_forget:
            await erase(user_id)

    async def after_sending(self, user_id: int, replies: list[Reply]) -> None:
        """Record which vetted versions they were actually sent."""
        await self.store.record_shown(user_id, shown_in(replies))
        if not any(isinstance(effect, ForgetMe) for effect in effects_in(replies)):
            await self.pacing.mark(user_id)  # a second from the last reply's arrival (broadcast/pacing.py)
