import pytest

from bot.domain import Language
from bot.i18n.bidi import FSI, LRI, PDI, RLO, fsi, isolate_ltr_runs, ltr, strip_bidi_controls
from bot.i18n.digits import localize_digits, to_ascii_digits


def shown(text: str) -> str:
    """Make isolates visible in assertion messages: ⟦ … ⟧ for LRI … PDI."""
    return text.replace(LRI, "⟦").replace(PDI, "⟧")


# --- digits -----------------------------------------------------------------


@pytest.mark.parametrize("lang", [Language.DARI, Language.PASHTO, "prs", "ps"])
def test_dari_and_pashto_show_extended_arabic_indic_digits(lang):
    assert localize_digits("۳۱ مارچ 2025، ساعت 10", lang) == "۳۱ مارچ ۲۰۲۵، ساعت ۱۰"


def test_extended_arabic_indic_digits_are_the_u06f0_block_not_arabic_indic():
    assert [hex(ord(c)) for c in localize_digits("0123456789", "prs")] == [hex(0x06F0 + i) for i in range(10)]


def test_english_keeps_ascii_digits():
    assert localize_digits("31 March 2025", Language.ENGLISH) == "31 March 2025"


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [("۰۳۰۰۸۵۸۵۶۰۰", "03008585600"), ("٠٣٠٠٨٥٨٥٦٠٠", "03008585600"), ("۱۲ ٣٤ 56", "12 34 56")],
)
def test_digits_users_type_in_either_arabic_script_form_parse_as_ascii(typed, parsed):
    assert to_ascii_digits(typed) == parsed


@pytest.mark.parametrize("lang", [Language.DARI, Language.PASHTO, Language.ENGLISH])
def test_digits_round_trip_through_localisation(lang):
    text = "0123456789 / 2025-03-31"
    assert to_ascii_digits(localize_digits(text, lang)) == text


def test_localising_an_isolated_message_keeps_phone_numbers_and_urls_ascii():
    message = isolate_ltr_runs("تا 3 روز به 0800-70806 زنگ بزنید یا https://x.org/p2 را ببینید.")
    localized = localize_digits(message, Language.DARI)
    assert shown(localized) == "تا ۳ روز به ⟦0800-70806⟧ زنگ بزنید یا ⟦https://x.org/p2⟧ را ببینید."


# --- isolates ---------------------------------------------------------------


def test_ltr_and_fsi_wrap_in_the_right_isolate_characters():
    assert ltr("PoR") == "\u2066PoR\u2069"
    assert fsi("۳۱ مارچ") == "\u2068۳۱ مارچ\u2069"


def test_url_followed_by_full_stop_keeps_the_stop_outside_the_isolate():
    text = "معلومات بیشتر: https://help.unhcr.org/pakistan/."
    assert shown(isolate_ltr_runs(text)) == "معلومات بیشتر: ⟦https://help.unhcr.org/pakistan/⟧."


def test_url_followed_by_arabic_comma_keeps_the_comma_outside():
    assert shown(isolate_ltr_runs("www.unhcr.org، یا")) == "⟦www.unhcr.org⟧، یا"


def test_phone_numbers_inside_a_dari_sentence_are_each_one_isolate():
    text = "با شماره 0300 858 5600 یا +92 333-0792974 تماس بگیرید."
    assert shown(isolate_ltr_runs(text)) == "با شماره ⟦0300 858 5600⟧ یا ⟦+92 333-0792974⟧ تماس بگیرید."


@pytest.mark.parametrize("phone", ["0300 858 5600", "+92 333-0792974", "051-6133451", "0800-70806", "03000544491-8"])
def test_each_pakistani_phone_format_is_isolated_whole(phone):
    assert isolate_ltr_runs(f"شماره {phone}، ساعت ۹") == f"شماره {LRI}{phone}{PDI}، ساعت ۹"


@pytest.mark.parametrize("latin", ["PoR", "UNHCR", "Foreigners Act 1946", "SHARP-Pakistan", "info@sharp-pakistan.org"])
def test_latin_names_and_acronyms_are_isolated_with_their_inner_spaces(latin):
    assert isolate_ltr_runs(f"طبق {latin} شما") == f"طبق {LRI}{latin}{PDI} شما"


def test_parentheses_around_a_latin_acronym_stay_in_the_rtl_text():
    assert shown(isolate_ltr_runs("کارت ثبت پیاوآر (PoR)")) == "کارت ثبت پیاوآر (⟦PoR⟧)"


def test_arabic_script_and_persian_digits_are_left_alone():
    text = "کارت شما تا ۳۱ مارچ ۲۰۲۵ اعتبار دارد؛ کارتونه تر ۳۰ جون پورې"
    assert isolate_ltr_runs(text) == text


def test_isolating_adds_only_isolate_characters():
    text = "  UNHCR و IOM،\nwww.unhcr.org.  "
    result = isolate_ltr_runs(text)
    assert strip_bidi_controls(result) == text
    assert shown(result) == "  ⟦UNHCR⟧ و ⟦IOM⟧،\n⟦www.unhcr.org⟧.  "


def test_isolating_twice_gives_the_same_text():
    text = "با UNHCR در 051-6133451 یا https://x.org تماس بگیرید (PoR)."
    once = isolate_ltr_runs(text)
    assert isolate_ltr_runs(once) == once


def test_text_already_inside_any_isolate_is_not_wrapped_again():
    text = f"تاریخ {FSI}31 March 2025{PDI} و {LRI}Foreigners Act 1946{PDI} و PoR"
    assert isolate_ltr_runs(text) == f"تاریخ {FSI}31 March 2025{PDI} و {LRI}Foreigners Act 1946{PDI} و {LRI}PoR{PDI}"


def test_an_unclosed_isolate_does_not_protect_the_next_line():
    assert isolate_ltr_runs(f"{LRI}abc\nPoR") == f"{LRI}abc\n{LRI}PoR{PDI}"


# --- sanitising -------------------------------------------------------------


def test_strip_bidi_controls_removes_an_rlo_override_used_to_spoof_text():
    assert strip_bidi_controls(f"invoice{RLO}fdp.exe") == "invoicefdp.exe"


def test_strip_bidi_controls_removes_every_embedding_isolate_and_mark():
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    assert strip_bidi_controls(f"a{controls}b") == "ab"


def test_strip_bidi_controls_keeps_the_zero_width_non_joiner_dari_spelling_needs():
    assert strip_bidi_controls("می\u200cخواهم") == "می\u200cخواهم"


def test_a_lone_short_number_is_not_isolated_so_it_can_be_localised():
    assert isolate_ltr_runs("ماده 14 و 1,000 روپیه") == "ماده 14 و 1,000 روپیه"


def test_a_phone_number_without_separators_is_still_isolated():
    assert shown(isolate_ltr_runs("شماره 03000544491 است")) == "شماره ⟦03000544491⟧ است"


def test_command_in_dari_text_stays_whole_and_left_to_right() -> None:
    assert isolate_ltr_runs("برای فهرست /menu را بزنید") == "برای فهرست \u2066/menu\u2069 را بزنید"


# --- what a right-to-left line displays (python-bidi runs the real UBA) ------------------------------


@pytest.mark.parametrize(
    ("text", "token"),
    [("مواد ۱۴A تا ۱۴C قانون", "۱۴A"), ("مادهٔ ۱۴B قانون", "۱۴B"), ("د ۱۴C مادې له مخې", "۱۴C")],
)
def test_a_section_number_glued_to_a_latin_letter_shows_in_its_own_order(text: str, token: str) -> None:
    from bidi import get_display

    isolated = isolate_ltr_runs(text)
    assert f"⟦{token}⟧" in shown(isolated)  # one isolate, digits and letter together
    displayed = strip_bidi_controls(get_display(isolated))
    assert token in displayed and token[::-1] not in displayed and f"{token[-1]}{token[:-1]}" not in displayed


def test_phone_numbers_and_persian_numbers_still_display_in_order() -> None:
    from bidi import get_display

    displayed = strip_bidi_controls(get_display(isolate_ltr_runs("شمارهٔ 0300 501 8698 را تا ۲۰۲۵ بزنید")))
    assert "0300 501 8698" in displayed and "۲۰۲۵" in displayed
