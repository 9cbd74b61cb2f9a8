"""Summary cards and posters: pages people keep, print and pass on (`rahnama cards`, "📄 Summary card").

A card is a reader of the pack like the conversation: `summary.py` takes the same texts, review
states and dates from the content pack into a plain `CardSummary`; `sheet.py` words it in the
card's language as an HTML page; `browser.py` prints it with Debian's Chromium (HarfBuzz shaping,
full bidi, Noto fonts) as a 1080×1920 PNG or an A4 PDF. Nothing here knows Telegram; the channel
only sends the file (bot/channels/telegram/card_post.py).
"""
