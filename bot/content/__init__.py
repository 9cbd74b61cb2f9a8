"""The vetted content pack: guidance texts, deadlines and contacts, loaded once and read-only.

Never imports telegram, redis, fastapi or bot.conversation: everything else depends on this,
not the other way round.
"""

from bot.content.errors import ContentError, Problem
from bot.content.loader import load_pack
from bot.content.model import (
    NATIONWIDE,
    Category,
    Contact,
    ContactKind,
    ContentPack,
    Deadline,
    DeadlineChange,
    DeadlineStatus,
    Region,
    RuleStatus,
    Source,
    Topic,
    TopicText,
)

__all__ = [
    "NATIONWIDE",
    "Category",
    "Contact",
    "ContactKind",
    "ContentError",
    "ContentPack",
    "Deadline",
    "DeadlineChange",
    "DeadlineStatus",
    "Problem",
    "Region",
    "RuleStatus",
    "Source",
    "Topic",
    "TopicText",
    "load_pack",
]
