"""Reviewing outside the files: what the review workspace and the owner's commands keep in Redis
(approved keys, stored sign-offs, signed texts, send-backs, the audit list, how often texts are asked
for), and how every running process makes stored sign-offs count at once (live.py)."""
