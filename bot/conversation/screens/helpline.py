"""Talk to a person: consent, a few button questions, then the request goes to the legal-aid helpline.

Screens `hl` (consent, or the person's open request), then `hl:<step>` for each question, in this
order: `urg` (how urgent), `reg` (province), `cat` (document), `lng` (language), `way` (chat or
call back), `phone` (only for a call back), `name` (share the Telegram name, default no), `more`
(write a description?), `desc` (the next typed message is the description), `confirm`.

The answers live in `UserState.referral` while the person is on an `hl:` screen and are dropped as
soon as they leave (state.py), so nothing they typed lingers. Nothing goes anywhere before the
`Send` press at the end; then the channel opens the referral (`OpenReferral`) and reports the
outcome back, which is answered here (`outcome`). Button actions: `hl:yes`, `hl:no`,
`hl:a:<field>:<value>`, `hl:desc`, `hl:skip`, `hl:send`, `hl:cancel`, `hl:withdraw:<number>`.
"""

from __future__ import annotations

from dataclasses import replace

import phonenumbers

from bot.conversation.context import Context
from bot.conversation.events import Command, Event, Forwarded, Media, Pressed, SharedContact, Text
from bot.conversation.navigation import go
from bot.conversation.referral import (
    CONTACT_WAYS,
    DESCRIPTION_LIMIT,
    HELPLINE_LANGUAGES,
    NOT_SAID,
    URGENCIES,
    HelplineTerms,
    OpenReferral,
    ReferralDraft,
    ReferralNotOpened,
    ReferralOpened,
    ReferralWithdrawn,
    Relayed,
    RelayToHelpline,
    WithdrawReferral,
)
from bot.conversation.replies import Button, Reply, md_escape
from bot.conversation.screens import provenance
from bot.conversation.screens import referral_texts as texts
from bot.conversation.screens.legal_help import regions
from bot.conversation.screens.menu import main_menu
from bot.conversation.state import UserState
from bot.i18n.digits import to_ascii_digits

Result = tuple[UserState, list[Reply]]

OUTCOMES = (ReferralOpened, ReferralNotOpened, Relayed, ReferralWithdrawn)


def handle(state: UserState, event: Event, ctx: Context) -> Result | None:
    """The referral's part of a step, or None when the event is not for it."""
    if isinstance(event, Pressed) and event.action.startswith("hl:"):
        return _press(state, event.action.removeprefix("hl:"), ctx)
    if isinstance(event, Command) and event.name == "helpline":
        if ctx.deployment.helpline is None:
            return replace(state, screen="help"), [regions(ctx)]
        return _show(state, "hl", ctx)
    if isinstance(event, OUTCOMES):
        return state, [outcome(event, ctx)]
    step = state.screen.removeprefix("hl:") if state.referral and state.screen.startswith("hl:") else ""
    if step == "phone" and isinstance(event, Text | SharedContact):
        return _phone(state, event, ctx)
    if step == "desc" and isinstance(event, Text):
        text = event.text.strip()[:DESCRIPTION_LIMIT]
        return _answer(state, replace(state.referral, description=text), ctx) if text else _show(state, "hl:desc", ctx)
    if step in ("phone", "desc") and isinstance(event, Media):
        return _show(state, state.screen, ctx)  # "text only, please": the same question again
    if isinstance(event, SharedContact):  # a number nobody asked for is not kept
        text = ctx._("I did not keep the number you sent. I only ask for one when you want the helpline to call you.")
        return state, [Reply(text, lang=ctx.lang, clear_keyboard=True)]
    if isinstance(event, Text) and state.helpline and state.helpline.claimed:
        return state, [Reply("", lang=ctx.lang, effects=(RelayToHelpline(state.helpline.number, event.text),))]
    if isinstance(event, Forwarded) and event.text.strip() and state.helpline and state.helpline.claimed:
        # In a chat with the helpline a forwarded message (a threat, a letter) is for them too; the person
        # still hears whether it came from us.
        relay = Reply("", lang=ctx.lang, effects=(RelayToHelpline(state.helpline.number, event.text),))
        return state, [*provenance.answer(event, ctx), relay]
    return None


def render(step: str, state: UserState, ctx: Context) -> Reply | None:
    """The screen `hl` (step "") or `hl:<step>`; None when it cannot be shown (stale)."""
    terms = ctx.deployment.helpline
    if terms is None:
        return None
    if not step:
        return _open_request(state, ctx) if state.helpline else _consent(terms, ctx)
    draft = state.referral
    if draft is None or step not in _QUESTIONS:
        return None
    return _QUESTIONS[step](draft, ctx)


def next_step(draft: ReferralDraft) -> str:
    if draft.urgency is None:
        return "urg"
    if draft.region is None:
        return "reg"
    if draft.category is None:
        return "cat"
    if draft.language is None:
        return "lng"
    if draft.contact is None:
        return "way"
    if draft.contact == "call" and not draft.phone:
        return "phone"
    if draft.share_name is None:
        return "name"
    if draft.description is None:
        return "more"
    return "confirm"


# --- steps ------------------------------------------------------------------------------------


def _press(state: UserState, action: str, ctx: Context) -> Result | None:
    """None for anything stale or forged: the machine answers it with the menu."""
    if ctx.deployment.helpline is None:
        return None
    if action == "yes":
        if state.helpline:  # one open request at a time: show it
            return _show(state, "hl", ctx)
        draft = ReferralDraft()
        return _show(replace(state, referral=draft), "hl:" + next_step(draft), ctx)
    if action == "no":
        text = ctx._("Nothing was sent. You can still read the guidance, or call legal help yourself.")
        buttons = ((Button(ctx._("⚖️ Legal help"), go("help")), Button(ctx._("☰ Menu"), go("menu"))),)
        return replace(state, screen="menu", referral=None), [Reply(text, lang=ctx.lang, buttons=buttons)]
    if action.startswith("withdraw:"):
        if state.helpline and action == f"withdraw:{state.helpline.number}":
            return state, [Reply("", lang=ctx.lang, effects=(WithdrawReferral(state.helpline.number),))]
        return None
    draft = state.referral if state.screen.startswith("hl:") else None
    if draft is None:
        return None
    if action == "cancel":
        reply = Reply(ctx._("Nothing was sent."), lang=ctx.lang, clear_keyboard=state.screen == "hl:phone")
        return replace(state, screen="menu", referral=None), [reply, main_menu(ctx)]
    if action == "send" and next_step(draft) == "confirm":
        effect = OpenReferral(draft, ctx.lang)
        return replace(state, screen="menu", referral=None), [Reply("", lang=ctx.lang, effects=(effect,))]
    if action == "desc" and next_step(draft) in ("more", "confirm"):
        return _show(state, "hl:desc", ctx)
    if action == "skip" and next_step(draft) in ("more", "confirm"):
        return _answer(state, replace(draft, description=""), ctx)
    if action.startswith("a:"):
        field, _, value = action.removeprefix("a:").partition(":")
        answered = _answered(draft, field, value, ctx)
        if answered is not None:
            return _answer(state, answered, ctx)
    return None


def _answered(draft: ReferralDraft, field: str, value: str, ctx: Context) -> ReferralDraft | None:
    regions_ = [r.id for r in ctx.content.regions if r.id != "nationwide"]
    if field == "urg" and value in URGENCIES:
        return replace(draft, urgency=value)
    if field == "reg" and value in (*regions_, NOT_SAID):
        return replace(draft, region=value)
    if field == "cat" and value in (*(c.id for c in ctx.content.categories), NOT_SAID):
        return replace(draft, category=value)
    if field == "lng" and value in HELPLINE_LANGUAGES:
        return replace(draft, language=value)
    if field == "way" and value in CONTACT_WAYS:
        return replace(draft, contact=value, phone=draft.phone if value == "call" else None)
    if field == "name" and value in ("0", "1"):
        return replace(draft, share_name=value == "1")
    return None


def _answer(state: UserState, draft: ReferralDraft, ctx: Context) -> Result:
    """Record an answer and ask the next question; leaving the phone question takes its keyboard away."""
    new_state, replies = _show(replace(state, referral=draft), "hl:" + next_step(draft), ctx)
    if state.screen == "hl:phone" and new_state.screen != "hl:phone":
        if draft.contact == "call" and draft.phone:
            said = ctx._("Thank you. The helpline will call {phone}.").format(phone=md_escape(draft.phone))
        else:
            said = ctx._("All right: the helpline will write to you in this chat.")
        replies = [Reply(said, lang=ctx.lang, clear_keyboard=True), *replies]
    return new_state, replies


def _phone(state: UserState, event: Text | SharedContact, ctx: Context) -> Result:
    assert state.referral is not None
    if isinstance(event, Text):  # on Telegram the keyboard's other buttons arrive as their labels
        question = _phone_question(state.referral, ctx)
        pressed = next((b for b in question.all_buttons if b.label == event.text.strip()), None)
        if pressed is not None:
            return _press(state, pressed.action.removeprefix("hl:"), ctx) or _show(state, "hl:phone", ctx)
    number = _phone_number(event.phone if isinstance(event, SharedContact) else event.text)
    if number is None:
        again = _phone_question(state.referral, ctx)
        text = ctx._("That does not look like a phone number. Type it with its area code, like 0300 1234567.")
        return state, [replace(again, text=text + "\n\n" + again.text)]
    return _answer(state, replace(state.referral, phone=number), ctx)


def _phone_number(written: str) -> str | None:
    """The number in international form ("+92 300 1234567"), or None when it cannot be a phone number."""
    digits = to_ascii_digits(written.strip())
    if len(digits) > 32:
        return None
    if digits.isdigit() and len(digits) > 10 and not digits.startswith("0"):
        digits = "+" + digits  # Telegram's shared contacts come without the +
    try:
        parsed = phonenumbers.parse(digits, "PK")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _show(state: UserState, screen: str, ctx: Context) -> Result:
    reply = render(screen.removeprefix("hl").removeprefix(":"), state, ctx)
    if reply is None:
        return replace(state, screen="menu", referral=None), [main_menu(ctx)]
    return replace(state, screen=screen), [reply]


# --- screens ----------------------------------------------------------------------------------


def _consent(terms: HelplineTerms, ctx: Context) -> Reply:
    _ = ctx._
    if terms.organisation:
        who = _(
            "If you agree, I send your request to the legal-aid helpline of {organisation}. "
            "Its staff read it in their group on Telegram."
        ).format(organisation=md_escape(terms.organisation))
    else:
        who = _(
            "If you agree, I send your request to a legal-aid helpline: people who give free legal advice. "
            "Its staff read it in their group on Telegram."
        )
    days = ctx.number(terms.retention_days)
    blocks = [
        _("**Talk to a person**"),
        who,
        _(
            "**What they get:** your answers to a few questions (how urgent it is, province, document, "
            "language, how to reach you) and what you choose to write. Your Telegram name only if you say yes. "
            "Your phone number only if you ask for a call and give it."
        ),
        ctx.ngettext(
            "**How long:** it is deleted {days} day after your request is closed, or sooner if you send /forget.",
            "**How long:** it is deleted {days} days after your request is closed, or sooner if you send /forget.",
            terms.retention_days,
        ).format(days=days),
        _(
            "**While your request is open:** the helpline's answers come to this chat, marked “Helpline”, "
            "and what you write here goes to them."
        ),
        _("The helpline is not the police or the government. Nothing is sent until you say yes."),
        texts.opening_hours(terms, ctx),
    ]
    if not terms.hours.is_open(ctx.now):
        blocks.append("\n".join(texts.call_now(ctx)))
    blocks.append(_("Do you agree?"))
    buttons = ((Button(_("✅ Yes, I agree"), "hl:yes"),), (Button(_("✖️ No"), "hl:no"),))
    return Reply("\n\n".join(b for b in blocks if b), lang=ctx.lang, buttons=buttons)


def _open_request(state: UserState, ctx: Context) -> Reply:
    _ = ctx._
    view = state.helpline
    assert view is not None
    lines = [
        _("**Your request to the helpline**"),
        _("Number {number}, sent on {date}.").format(number=ctx.number(view.number), date=ctx.date(view.opened.date())),
    ]
    if view.claimed:
        lines.append(_("A person from the helpline is looking after it."))
        if view.contact == "chat":
            lines.append(_("What you write in this chat goes to them."))
    else:
        lines.append(_("It is waiting for a person from the helpline. You can write more once they answer you."))
    lines.append(_("Only one request can be open at a time."))
    buttons = (
        (Button(_("🗑 Withdraw my request"), f"hl:withdraw:{view.number}"),),
        (Button(_("☰ Menu"), go("menu")),),
    )
    return Reply("\n\n".join(lines), lang=ctx.lang, buttons=buttons)


def _cancel_row(ctx: Context) -> tuple[Button, ...]:
    return (Button(ctx._("✖️ Cancel"), "hl:cancel"),)


def _urgency(draft: ReferralDraft, ctx: Context) -> Reply:
    rows = [(Button(label, f"hl:a:urg:{value}"),) for value, label in texts.urgency_labels(ctx).items()]
    return Reply(ctx._("How urgent is it?"), lang=ctx.lang, buttons=(*rows, _cancel_row(ctx)))


def _region(draft: ReferralDraft, ctx: Context) -> Reply:
    _ = ctx._
    rows = [(Button(r.name[ctx.lang], f"hl:a:reg:{r.id}"),) for r in ctx.content.regions if r.id != "nationwide"]
    rows.append((Button(_("Somewhere else, or I'd rather not say"), f"hl:a:reg:{NOT_SAID}"),))
    text = _("Which province are you in?")
    if draft.urgency == "now":  # waiting for answers is no help to someone held now
        text = "\n".join(texts.call_now(ctx)) + "\n\n" + text
    return Reply(text, lang=ctx.lang, buttons=(*rows, _cancel_row(ctx)))


def _category(draft: ReferralDraft, ctx: Context) -> Reply:
    rows = [(Button(c.label[ctx.lang], f"hl:a:cat:{c.id}"),) for c in ctx.content.categories]
    rows.append((Button(ctx._("Not sure"), f"hl:a:cat:{NOT_SAID}"),))
    return Reply(ctx._("Which document do you have?"), lang=ctx.lang, buttons=(*rows, _cancel_row(ctx)))


def _language(draft: ReferralDraft, ctx: Context) -> Reply:
    order = sorted(HELPLINE_LANGUAGES, key=lambda code: code != ctx.lang.value)
    rows = [(Button(texts.HELPLINE_LANGUAGE_NAMES[code], f"hl:a:lng:{code}"),) for code in order]
    text = ctx._("In which language should the helpline talk with you?")
    return Reply(text, lang=ctx.lang, buttons=(*rows, _cancel_row(ctx)))


def _way(draft: ReferralDraft, ctx: Context) -> Reply:
    _ = ctx._
    rows = (
        (Button(_("💬 Here in this chat"), "hl:a:way:chat"),),
        (Button(_("📞 Call me back"), "hl:a:way:call"),),
        _cancel_row(ctx),
    )
    return Reply(_("How should the helpline reach you?"), lang=ctx.lang, buttons=rows)


def _phone_question(draft: ReferralDraft, ctx: Context) -> Reply:
    _ = ctx._
    text = _(
        "Which number should the helpline call? Press “📞 Share my phone number” below, or type the number. "
        "Only the helpline gets it."
    )
    rows = ((Button(_("💬 Write to me here instead"), "hl:a:way:chat"),), _cancel_row(ctx))
    return Reply(text, lang=ctx.lang, buttons=rows, request_contact=_("📞 Share my phone number"))


def _name(draft: ReferralDraft, ctx: Context) -> Reply:
    _ = ctx._
    text = _(
        "Should the helpline see your Telegram name? If not, they see only a code for you, "
        "like “Person u_3f9a…”, and still answer you."
    )
    rows = (
        (Button(_("🙈 No, keep it private"), "hl:a:name:0"),),
        (Button(_("👤 Yes, show my name"), "hl:a:name:1"),),
        _cancel_row(ctx),
    )
    return Reply(text, lang=ctx.lang, buttons=rows)


def _more(draft: ReferralDraft, ctx: Context) -> Reply:
    _ = ctx._
    text = _(
        "Do you want to write a few words about what happened? It helps the helpline prepare. "
        "Write only what you are happy for them to read."
    )
    rows = ((Button(_("✍️ Write a few words"), "hl:desc"),), (Button(_("⏭ Skip"), "hl:skip"),), _cancel_row(ctx))
    return Reply(text, lang=ctx.lang, buttons=rows)


def _description(draft: ReferralDraft, ctx: Context) -> Reply:
    _ = ctx._
    text = _("Write it in one message and send it. I can pass on text only, not voice messages or photos.")
    return Reply(text, lang=ctx.lang, buttons=((Button(_("⏭ Skip"), "hl:skip"),), _cancel_row(ctx)))


def _confirm(draft: ReferralDraft, ctx: Context) -> Reply:
    _ = ctx._
    text = "\n".join([_("**This is what the helpline will get:**"), *texts.answers(draft, ctx), "", _("Send it?")])
    rows = ((Button(_("📨 Send to the helpline"), "hl:send"),), _cancel_row(ctx))
    return Reply(text, lang=ctx.lang, buttons=rows)


_QUESTIONS = {
    "urg": _urgency,
    "reg": _region,
    "cat": _category,
    "lng": _language,
    "way": _way,
    "phone": _phone_question,
    "name": _name,
    "more": _more,
    "desc": _description,
    "confirm": _confirm,
}


# --- outcomes ---------------------------------------------------------------------------------


def outcome(event: Event, ctx: Context) -> Reply:
    _ = ctx._
    menu = ((Button(_("☰ Menu"), go("menu")),),)
    if isinstance(event, ReferralOpened):
        return _sent(event, ctx)
    if isinstance(event, ReferralNotOpened) and event.open_number is not None:
        text = _("You already have an open request (number {number}). Only one request can be open at a time.")
        rows = ((Button(_("📄 See my request"), go("hl")),), *menu)
        return Reply(text.format(number=ctx.number(event.open_number)), lang=ctx.lang, buttons=rows)
    if isinstance(event, ReferralNotOpened):
        lines = [_("Sorry, the helpline could not be reached just now, and nothing was sent. Please try again later.")]
        lines += ["", *texts.call_now(ctx)]
        rows = ((Button(_("⚖️ Legal help"), go("help")), Button(_("☰ Menu"), go("menu"))),)
        return Reply("\n".join(lines), lang=ctx.lang, buttons=rows)
    if isinstance(event, Relayed) and event.delivered:
        return Reply(_("✓ Sent to the helpline."), lang=ctx.lang)
    if isinstance(event, Relayed):
        return Reply(_("Your message could not reach the helpline. Please send it again."), lang=ctx.lang)
    assert isinstance(event, ReferralWithdrawn)
    text = _("Your request number {number} was withdrawn, and the helpline was told. Nothing more goes to them.")
    return Reply(text.format(number=ctx.number(event.number)), lang=ctx.lang, buttons=menu)


def _sent(event: ReferralOpened, ctx: Context) -> Reply:
    _ = ctx._
    terms = ctx.deployment.helpline
    lines = [_("✅ Sent. Your request number is **{number}**.").format(number=ctx.number(event.number))]
    if terms is not None and not terms.hours.is_open(ctx.now):
        lines.append(
            _("The helpline is closed now: expect an answer from {when}.").format(when=texts.next_opening(terms, ctx))
        )
    else:
        lines.append(_("A person from the helpline will answer you during their working hours."))
    if event.draft.contact == "call" and event.draft.phone:
        lines.append(_("They will call you on {phone}.").format(phone=md_escape(event.draft.phone)))
    else:
        lines.append(_("They will write to you in this chat. Then what you write here goes to them."))
    text = "\n\n".join(lines)
    if event.draft.urgency == "now" or (terms is not None and not terms.hours.is_open(ctx.now)):
        text += "\n\n" + "\n".join(texts.call_now(ctx))
    return Reply(text, lang=ctx.lang, buttons=((Button(_("☰ Menu"), go("menu")),),))
