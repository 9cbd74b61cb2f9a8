"""Everything the bot sends shares one budget in Redis: Telegram's ~30 messages/s, in priority order.

    budget = SendBudget(redis, prefix, rate=30)
    if await budget.acquire(SendClass.REPLY, chat_id):   # waits for a slot of the shared budget
        ...send...

Transport-free: the Telegram channel puts it in front of every message it sends (safebot.py) and
the broadcast engine draws on it for each recipient; neither imports the other.
"""

from bot.sending.budget import BudgetObserver, SendBudget
from bot.sending.classes import SendClass, current_class, leaves_no_mark, leaving_no_mark, sending_as

__all__ = [
    "BudgetObserver",
    "SendBudget",
    "SendClass",
    "current_class",
    "leaves_no_mark",
    "leaving_no_mark",
    "sending_as",
]
