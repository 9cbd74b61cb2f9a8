"""Reply Markdown rendered for Telegram (HTML, under the limit) and for the terminal."""

from __future__ import annotations

from bot.domain import Language
from bot.rendering import to_plain_text, to_telegram_html

LRI, PDI = "\u2066", "\u2069"


def test_bold_italic_links_and_lists_become_telegram_html() -> None:
    md = "**Title**\n\nSome _text_ and [UNHCR](https://help.unhcr.org/pakistan/).\n\n- one\n- two"
    (html,) = to_telegram_html(md, Language.ENGLISH)
    assert html == (
        '<b>Title</b>\n\nSome <i>text</i> and <a href="https://help.unhcr.org/pakistan/">UNHCR</a>.\n\n• one\n• two'
    )


def test_markup_in_text_is_escaped_not_interpreted() -> None:
    (html,) = to_telegram_html("a <b>fake</b> & 1 < 2", Language.ENGLISH)
    assert html == "a &lt;b&gt;fake&lt;/b&gt; &amp; 1 &lt; 2"


def test_long_text_is_split_between_paragraphs_under_the_limit() -> None:
    paragraphs = [f"Paragraph {i} " + "word " * 150 for i in range(12)]
    parts = to_telegram_html("\n\n".join(paragraphs), Language.ENGLISH)
    assert len(parts) > 1
    assert all(len(p) <= 4096 for p in parts)
    joined = "\n\n".join(parts)
    assert all(f"Paragraph {i} " in joined for i in range(12))


def test_one_huge_paragraph_is_still_cut_under_the_limit() -> None:
    parts = to_telegram_html("x " * 9000, Language.ENGLISH)
    assert all(0 < len(p) <= 4096 for p in parts)
    assert sum(p.count("x") for p in parts) == 9000


def test_phone_number_in_dari_text_is_isolated_left_to_right() -> None:
    (html,) = to_telegram_html("شماره: 0300 858 5600", Language.DARI)
    assert f"{LRI}0300 858 5600{PDI}" in html


def test_english_text_gets_no_isolates() -> None:
    (html,) = to_telegram_html("Call 0300 858 5600", Language.ENGLISH)
    assert LRI not in html


def test_plain_text_keeps_link_targets_and_bullets() -> None:
    text = to_plain_text("See [the help site](https://help.unhcr.org/pakistan/).\n\n- a\n- b", Language.ENGLISH)
    assert text == "See the help site (https://help.unhcr.org/pakistan/).\n\n• a\n• b"
