"""Which texts reviewers should read first: the ones whose mistakes would hurt someone most.

First the emergency essentials (what to say, what not to sign, whom to call), then the rights when
police stop someone, then the topics the pack marks sensitive, then the other topics, then the
records (category names, deadline titles and notes, contact descriptions). Within a rank the
review workspace puts the texts people asked for most first.
"""

from __future__ import annotations

from bot.content.model import ContentPack

EMERGENCY_ESSENTIALS = "emergency-essentials"
POLICE_RIGHTS = "rights-police"


def harm_rank(pack: ContentPack, subject: str) -> int:
    if subject == EMERGENCY_ESSENTIALS:
        return 0
    if subject == POLICE_RIGHTS:
        return 1
    if subject in pack.sensitive_topics:
        return 2
    return 3 if subject in pack.topics else 4


def subjects_by_harm(pack: ContentPack) -> list[str]:
    """Every topic id and record id, most harmful first, then by id."""
    subjects = [*pack.topics, *pack.records]
    return sorted(subjects, key=lambda subject: (harm_rank(pack, subject), subject))
