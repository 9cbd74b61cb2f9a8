"""Summary cards and the poster, checked the way a person sees them: the QR code is decoded from the
picture, the text is read back by OCR, the PDF is rasterised as a printer would, and every Pashto
letter must come out of a real font, never as a missing-glyph box."""

from __future__ import annotations

import asyncio
import html
import re
from datetime import date
from pathlib import Path

import pytest

from bot.cards.browser import CardPrinter
from bot.cards.build import fingerprint, render
from bot.cards.sheet import FONT_STACK, card_html
from bot.cards.summary import CardOptions, summarise
from bot.content import ContentPack, load_pack
from bot.content.review import ReviewState
from bot.domain import DocumentCategory, Language
from tests.card_checks import ARTIFACTS, decode_qr, ocr, pdf_pages, pdf_text, pdf_to_png, png_size
from tests.conftest import load_pack_once
from tests.packs import copy_pack, edit, rahnama, sign

BOT = "rahnama_test_bot"
TODAY = date(2026, 3, 25)
PASHTO_LETTERS = "ټډړږښګڼۍېځڅ"
OPTIONS = CardOptions(BOT)
POR_DATES = ("islamabad-noc-2024-12-31", "por-deportation-2025-09-01", "ajk-leave-2025-11-18")  # they apply on TODAY


def print_cards(jobs: list[tuple[object, str]]) -> list[bytes]:
    """Render (summary, format) pairs in one browser; sync, so module fixtures can use it."""

    async def run() -> list[bytes]:
        async with CardPrinter() as printer:
            return [(await render(printer, summary, fmt)).data for summary, fmt in jobs]  # type: ignore[arg-type]

    return asyncio.run(run())


@pytest.fixture(scope="module")
def por_cards(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The PoR card in Pashto and Dari (PNG and PDF), and the discreet Pashto one: saved under tests/artifacts/."""
    from tests.conftest import load_pack_once

    pack = load_pack_once()
    ps = summarise(pack, "por", Language.PASHTO, TODAY, OPTIONS)
    prs = summarise(pack, "por", Language.DARI, TODAY, OPTIONS)
    discreet = summarise(pack, "por", Language.PASHTO, TODAY, CardOptions(BOT, discreet=True))
    names = ["por-ps.png", "por-ps.pdf", "por-prs.png", "por-prs.pdf", "por-ps-discreet.png"]
    data = print_cards([(ps, "png"), (ps, "pdf"), (prs, "png"), (prs, "pdf"), (discreet, "png")])
    folder = tmp_path_factory.mktemp("cards")
    ARTIFACTS.mkdir(exist_ok=True)
    files = {}
    for name, content in zip(names, data, strict=True):
        (folder / name).write_bytes(content)
        files[name] = folder / name
        if name.endswith(".png"):
            (ARTIFACTS / f"card-{name}").write_bytes(content)  # a Dari and a Pashto card, for people to look at
    return files


def test_pashto_por_card_is_phone_sized_and_its_qr_code_opens_the_bot_at_ps_por(por_cards: dict[str, Path]) -> None:
    assert png_size(por_cards["por-ps.png"].read_bytes()) == (1080, 1920)
    assert decode_qr(por_cards["por-ps.png"]) == [f"https://t.me/{BOT}?start=ps_por"]
    assert decode_qr(por_cards["por-prs.png"]) == [f"https://t.me/{BOT}?start=prs_por"]


def test_ocr_reads_the_pashto_card_with_its_words_and_the_numbers_in_order(por_cards: dict[str, Path]) -> None:
    text = ocr(por_cards["por-ps.png"], "pus+eng")
    for words in ("کارت لرونک", "وړیا حقوقي مرسته", "درې کارونه", "مسوده"):
        assert words in text, f"{words!r} not read back from the Pashto card:\n{text}"
    assert "POR" in text.upper()
    assert_numbers_in_order(text, "por", Language.PASHTO)


def test_ocr_reads_the_dari_card_with_its_words_and_the_numbers_in_order(por_cards: dict[str, Path]) -> None:
    text = ocr(por_cards["por-prs.png"], "fas+eng")
    for words in ("دارندگان کارت", "کمک حقوقی رایگان", "مسوده"):
        assert words in text, f"{words!r} not read back from the Dari card:\n{text}"
    assert_numbers_in_order(text, "por", Language.DARI)


def assert_numbers_in_order(text: str, category: str, lang: Language) -> None:
    """Every free number the card lists is read back, in the card's order (two at least: order matters)."""
    phones = [p for h in summarise(load_pack_once(), category, lang, TODAY, OPTIONS).helplines for p in h.phones]
    places = [text.find(p) for p in phones]
    assert len(phones) >= 2 and all(p >= 0 for p in places), f"not every number {phones} read back:\n{text}"
    assert places == sorted(places), f"the numbers {phones} are not in the card's order:\n{text}"


def test_a4_pdf_is_one_page_with_real_text_and_a_code_that_still_works_on_paper(por_cards: dict[str, Path]) -> None:
    pages, size = pdf_pages(por_cards["por-ps.pdf"])
    assert pages == 1 and "(A4)" in size
    assert "0800-70806" in pdf_text(por_cards["por-ps.pdf"])  # text stays text: it prints sharp
    assert decode_qr(pdf_to_png(por_cards["por-ps.pdf"])) == [f"https://t.me/{BOT}?start=ps_por"]


def test_no_pashto_letter_renders_as_a_missing_glyph() -> None:
    spans = "".join(f'<span id="l{i}">{letter}</span> ' for i, letter in enumerate(PASHTO_LETTERS))
    page_html = (
        f'<html dir="rtl"><body style="font-family: {html.escape(FONT_STACK)}; font-size: 60px">'
        f'<div id="card"><div id="content">{spans}<span id="missing">\U000f0000</span></div></div></body></html>'
    )

    async def check() -> tuple[list[str], list[bytes], bytes]:
        async with CardPrinter() as printer, printer.open_page(page_html, (1080, 400)) as page:
            cdp = await page.context.new_cdp_session(page)
            await cdp.send("DOM.enable")
            await cdp.send("CSS.enable")
            root = (await cdp.send("DOM.getDocument"))["root"]["nodeId"]
            families, shots = [], []
            for i in range(len(PASHTO_LETTERS)):
                node = (await cdp.send("DOM.querySelector", {"nodeId": root, "selector": f"#l{i}"}))["nodeId"]
                fonts = (await cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node}))["fonts"]
                families.append(",".join(f["familyName"] for f in fonts))
                shots.append(await page.locator(f"#l{i}").screenshot())
            return families, shots, await page.locator("#missing").screenshot()

    families, shots, missing = asyncio.run(check())
    for letter, family, shot in zip(PASHTO_LETTERS, families, shots, strict=True):
        assert family == "Noto Naskh Arabic", f"{letter} came from {family!r}, not the card's font"
        assert shot != missing, f"{letter} renders as the missing-glyph box"


def test_discreet_card_names_no_document_and_no_police_or_deportation(content: ContentPack) -> None:
    words = ["PoR", "پی‌او‌آر", "ACC", "پولیس", "اخراج", "ایستل", "police", "deport"]
    for category in DocumentCategory:
        for lang in Language:
            summary = summarise(content, category.value, lang, TODAY, CardOptions(BOT, discreet=True))
            page = re.sub(r"<[^>]+>", " ", card_html(summary, "phone").split("</style>")[-1])
            assert summary.title == "" and content.category(category.value).name[lang] not in page
            for word in words:
                found = re.search(rf"(?<![A-Za-z]){re.escape(word)}", page, re.IGNORECASE)  # SLACC is no ACC
                assert found is None, f"{word!r} on the discreet {category}-{lang} card"


def test_discreet_pashto_card_still_opens_the_bot_at_ps_por(por_cards: dict[str, Path]) -> None:
    assert decode_qr(por_cards["por-ps-discreet.png"]) == [f"https://t.me/{BOT}?start=ps_por"]


def test_default_mode_shows_drafts_labelled_and_strict_mode_leaves_them_out_saying_so(content: ContentPack) -> None:
    drafts = summarise(content, "por", Language.PASHTO, TODAY, OPTIONS)
    assert drafts.status and len(drafts.todo) == 3 and drafts.review is ReviewState.DRAFT and not drafts.left_out
    assert "مسوده" in card_html(drafts, "phone")
    strict = summarise(content, "por", Language.PASHTO, TODAY, CardOptions(BOT, strict=True))
    assert strict.status == () and strict.todo == () and strict.left_out
    page = card_html(strict, "phone")
    assert "د دې کارت ځینې برخې لا کتل کېږي" in page
    assert "0800-70806" in page  # the free numbers are never left out


def test_strict_mode_leaves_out_unsigned_dates_and_hours_but_never_the_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: ContentPack
) -> None:
    deportation = "درېیم پړاو: له ۱ سپتمبر ۲۰۲۵ څخه د"  # deadline:por-deportation-2025-09-01 (Latin is isolated)
    hours = "د سهار له ۹ څخه د ماسپښین تر ۵ بجو پورې"  # contact:legal-aid-society
    drafts = card_html(summarise(content, "por", Language.PASHTO, TODAY, OPTIONS), "phone")
    assert deportation in drafts and hours in drafts
    strict = summarise(content, "por", Language.PASHTO, TODAY, CardOptions(BOT, strict=True))
    page = card_html(strict, "phone")
    assert strict.dates == () and deportation not in page and hours not in page and strict.left_out
    assert "د دې کارت ځینې برخې لا کتل کېږي" in page and "0800-70806" in page and "051-6133451" in page
    root = copy_pack(tmp_path)
    for record in ("deadline:por-deportation-2025-09-01", "contact:legal-aid-society"):
        for role in ("legal", "language"):
            sign(monkeypatch, capsys, root, record, "ps", role, "--on", "2026-03-01")
    signed = summarise(load_pack(root), "por", Language.PASHTO, TODAY, CardOptions(BOT, strict=True))
    page = card_html(signed, "phone")
    assert [d.day for d in signed.dates] == [date(2025, 9, 1)] and deportation in page and hours in page
    assert signed.left_out  # the other dates and the topic texts are still unsigned


def test_strict_mode_shows_what_is_signed_and_calls_it_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_pack(tmp_path)
    records = ["contact:legal-aid-society", *(f"deadline:{d}" for d in POR_DATES)]
    for topic in ("por-now", "por-todo", *records):
        for role in ("legal", "language"):
            sign(monkeypatch, capsys, root, topic, "ps", role, "--on", "2026-03-01")
    pack = load_pack(root)
    summary = summarise(pack, "por", Language.PASHTO, TODAY, CardOptions(BOT, strict=True))
    assert summary.status and len(summary.todo) == 3 and not summary.left_out
    assert summary.review is ReviewState.SIGNED
    assert "یوه حقوقي کتونکي کتلی دی" in card_html(summary, "phone")


def test_a_changed_text_changes_the_cards_fingerprint_and_a_new_day_of_age_does_not(
    tmp_path: Path, content: ContentPack
) -> None:
    before = summarise(content, "por", Language.PASHTO, TODAY, OPTIONS)
    root = copy_pack(tmp_path)
    edit(root / "topics/por-now/ps.md", "بیا ونه غځول شو.", "بیا ونه غځول شو او نه به وغځول شي.")
    after = summarise(load_pack(root), "por", Language.PASHTO, TODAY, OPTIONS)
    assert fingerprint(before, "png") != fingerprint(after, "png")
    next_day = summarise(content, "por", Language.PASHTO, date(2026, 3, 26), OPTIONS)
    assert fingerprint(before, "png") == fingerprint(next_day, "png")
    next_month = summarise(content, "por", Language.PASHTO, date(2026, 4, 25), OPTIONS)
    assert fingerprint(before, "png") != fingerprint(next_month, "png")  # "N months old" changed


def test_content_check_fails_when_a_translation_lacks_a_sentence_a_card_quotes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_pack(tmp_path)
    edit(root / "topics/por-now/ps.md", "وروستۍ غځونه په **۳۰ جون ۲۰۲۵** پای ته ورسېده. ", "")
    code, out = rahnama(monkeypatch, capsys, root, "content", "check")
    assert code == 1 and "cards: por: 'b1:2-3' is not in topics/por-now/ps.md" in out
    summary = summarise(load_pack(root), "por", Language.PASHTO, TODAY, OPTIONS)  # the bot still serves a card
    assert len(summary.status) == 1
