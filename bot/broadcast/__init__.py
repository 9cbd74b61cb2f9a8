"""The broadcast engine: durable jobs in Redis, drained by any number of sender processes.

    job_id = await create_job(redis, prefix, categories, languages, messages, not_after=...)
    await drain_forever(redis, sender, settings, stop_event)     # in `rahnama run` or a worker

The engine imports no `telegram` and no channel: it sends through a `Sender` (outcomes.py) it is
handed (the Telegram channel's is bot/channels/telegram/sender.py), each message in a slot of the
send budget (bot/sending).
"""

from bot.broadcast.jobs import cancel_job, create_job, job_status
from bot.broadcast.outcomes import Blocked, ChatNotFound, RateLimited, Rejected, Sender, SendError, Transient
from bot.broadcast.worker import EngineConfig, Worker, drain_forever

__all__ = [
    "Blocked",
    "ChatNotFound",
    "EngineConfig",
    "RateLimited",
    "Rejected",
    "SendError",
    "Sender",
    "Transient",
    "Worker",
    "cancel_job",
    "create_job",
    "drain_forever",
    "job_status",
]
