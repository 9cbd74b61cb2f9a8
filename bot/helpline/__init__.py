"""The human helpline: referrals in Redis, what operators read, what reaches the person.

- `store`: referral records and the keys that map operators' group messages to them (no state in
  the process, so any worker can handle any update);
- `summary`: the texts operators read in their group (pure);
- `to_person`: what the person receives from the helpline side (pure).

The Telegram side that posts, relays and reacts to operators is `bot.channels.telegram.helpline`.
"""
