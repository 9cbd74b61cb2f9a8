"""Summary cards and posters: pages people keep, print and pass on (`rahnama cards`, "📄 Summary card").

A card is a reader of the pack like the conversation: `summary.py` takes the same texts, review
states and dates from the content pack into a plain `CardSummary`; `sheet.py` words it in the
card's language; `draw.py` lays it out with Pillow's raqm engine (HarfBuzz shaping, FriBiDi
ordering) in Debian's Noto fonts. Nothing here knows Telegram; the channel only sends the file.
"""
