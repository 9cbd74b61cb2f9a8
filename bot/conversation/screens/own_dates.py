"""The person's own dates: add one (visa expiry, appointment), see them, delete them.

Screens: `own` (their dates), `own:add` (which kind), `own:add:<kind>` (type the date; a typed
message there is read as a date), `own:ok:<kind>:<YYYYMMDD>` (confirm, in both calendars).
Actions: `do:own:add:<kind>:<YYYYMMDD>` and `do:own:del:<slot>`. The channel keeps the dates
(effects AddOwnDate, DeleteOwnDate); the screens only decide.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bot.conversation.context import Context
from bot.conversation.effects import AddOwnDate, DeleteOwnDate
from bot.conversation.navigation import go, nav_row
from bot.conversation.own_date import KINDS, MAX_OWN_DATES, OwnDate
from bot.conversation.replies import Button, Reply
from bot.conversation.state import UserState
from bot.i18n.calendar import solar_month_name, to_solar_hijri
from bot.i18n.dates import today_in_pakistan
from bot.i18n.digits import localize_digits
from bot.i18n.typed_dates import DateProblem, parse_typed_date

Result = tuple[UserState, list[Reply]]


def render(rest: str, state: UserState, ctx: Context) -> Reply | None:
    """The `own…` screens; None for an id that is not (or no longer) valid."""
    if not rest:
        return own_dates(state, ctx)
    kind, _, arg = rest.partition(":")
    if kind == "add" and not arg:
        return choose_kind(ctx)
    if kind == "add" and arg in KINDS:
        return ask_date(arg, ctx)
    if kind == "ok":
        what, _, day = arg.partition(":")
        parsed = _day(day)
        if what in KINDS and parsed is not None and parsed > today_in_pakistan(ctx.now):
            return confirm(what, parsed, ctx)
    return None


def kind_label(kind: str, ctx: Context) -> str:
    _ = ctx._
    return {"visa": _("Visa expiry"), "appointment": _("Appointment")}[kind]


def both_calendars(day: date, ctx: Context) -> str:
    """Dari and Pashto dates already show both calendars; English adds the Solar Hijri one."""
    if ctx.lang.is_rtl:
        return ctx.date(day)
    solar = to_solar_hijri(day)
    return f"{ctx.date(day)} ({solar.day} {solar_month_name(solar.month, ctx.lang)} {solar.year})"


def _offsets(ctx: Context) -> str:
    return ctx._(", ").join(ctx.number(d) for d in ctx.content.reminder_days)


def own_dates(state: UserState, ctx: Context) -> Reply:
    _ = ctx._
    lines = [
        _("**Your own dates**"),
        "",
        _(
            "Give us a date of your own, such as the day your visa ends or an appointment, and we will remind "
            "you {days} days before it, at 10:00 Pakistan time."
        ).format(days=_offsets(ctx)),
        "",
        _(
            "We keep only the kind of date and the day. It is erased a few days after that day, when you delete it, "
            "or with /forget."
        ),  # fmt: skip
    ]
    rows: list[tuple[Button, ...]] = []
    if state.own_dates:
        lines += ["", _("Your dates:")]
        for own in state.own_dates:
            lines.append(f"- {kind_label(own.kind, ctx)}: {both_calendars(own.day, ctx)}")
            label = _("🗑 Delete: {what}, {date}").format(what=kind_label(own.kind, ctx), date=ctx.date(own.day))
            rows.append((Button(label[:60], f"do:own:del:{own.slot}"),))
    if len(state.own_dates) < MAX_OWN_DATES:
        rows.insert(0, (Button(_("➕ Add a date"), go("own:add")),))
    else:
        lines += ["", _("You can keep up to {n} dates. Delete one to add another.").format(n=ctx.number(MAX_OWN_DATES))]
    rows.append(nav_row("own", ctx))
    return Reply("\n".join(lines), lang=ctx.lang, buttons=tuple(rows))


def choose_kind(ctx: Context) -> Reply:
    _ = ctx._
    buttons = tuple((Button(kind_label(kind, ctx), go(f"own:add:{kind}")),) for kind in KINDS)
    return Reply(_("What is the date for?"), lang=ctx.lang, buttons=(*buttons, nav_row("own:add", ctx)))


def ask_date(kind: str, ctx: Context, problem: DateProblem | None = None) -> Reply:
    _ = ctx._
    example = today_in_pakistan(ctx.now) + timedelta(days=45)
    solar = to_solar_hijri(example)
    examples = {
        "solar": localize_digits(f"{solar.year}/{solar.month:02d}/{solar.day:02d}", ctx.lang),
        "gregorian": localize_digits(f"{example.day:02d}.{example.month:02d}.{example.year}", ctx.lang),
    }
    ask = _(
        "Type the date of: {what}. Use the Afghan (Solar Hijri) or the Gregorian calendar, "
        "for example {solar} or {gregorian}."
    ).format(what=kind_label(kind, ctx), **examples)
    lines = [problem_text(problem, ctx), "", ask] if problem else [ask]
    return Reply("\n".join(lines), lang=ctx.lang, buttons=(nav_row(f"own:add:{kind}", ctx),))


def problem_text(problem: DateProblem, ctx: Context) -> str:
    _ = ctx._
    return {
        DateProblem.UNREADABLE: _("I could not read that as a date."),
        DateProblem.INVALID: _("That day does not exist in the calendar. Please check the day and the month."),
        DateProblem.PAST: _("That date is today or has passed. Please type a date after today."),
        DateProblem.TOO_FAR: _("That date is more than ten years away. Please check the year."),
    }[problem]


def confirm(kind: str, day: date, ctx: Context) -> Reply:
    _ = ctx._
    text = "\n".join(
        [
            _("Is this right?"),
            "",
            f"**{kind_label(kind, ctx)}:** {both_calendars(day, ctx)}",
            "",
            _("We will remind you {days} days before it.").format(days=_offsets(ctx)),
        ]
    )
    buttons = (
        (Button(_("✅ Yes, remind me"), f"do:own:add:{kind}:{day:%Y%m%d}"),),
        (Button(_("✏️ No, type it again"), go(f"own:add:{kind}")),),
        nav_row("own:ok", ctx),
    )
    return Reply(text, lang=ctx.lang, buttons=buttons)


def typed(state: UserState, text: str, ctx: Context) -> Result | None:
    """A message typed on `own:add:<kind>`: read it as a date. None: no digits, so not a date at all
    (a question, an emergency): the caller answers it as any typed message."""
    kind = state.screen.removeprefix("own:add:")
    if kind not in KINDS or not any(ch.isdigit() for ch in text):
        return None
    found = parse_typed_date(text, today_in_pakistan(ctx.now))
    if found.day is None:
        return state, [ask_date(kind, ctx, found.problem)]
    return replace(state, screen=f"own:ok:{kind}:{found.day:%Y%m%d}"), [confirm(kind, found.day, ctx)]


def press(action: str, state: UserState, ctx: Context) -> Result | None:
    """`do:own:add:<kind>:<YYYYMMDD>` or `do:own:del:<slot>`; None when stale or forged."""
    verb, _sep, arg = action.removeprefix("do:own:").partition(":")
    if verb == "add":
        kind, _sep, raw = arg.partition(":")
        day = _day(raw)
        if kind in KINDS and day is not None and day > today_in_pakistan(ctx.now):
            return add(kind, day, state, ctx)
    if verb == "del" and arg.isdigit() and any(own.slot == int(arg) for own in state.own_dates):
        return delete(int(arg), state, ctx)
    return None


def add(kind: str, day: date, state: UserState, ctx: Context) -> Result:
    _ = ctx._
    buttons = ((Button(_("📅 My own dates"), go("own")), Button(_("☰ Menu"), go("menu"))),)
    if any(own.kind == kind and own.day == day for own in state.own_dates):
        return replace(state, screen="own"), [own_dates(state, ctx)]  # pressed twice
    if len(state.own_dates) >= MAX_OWN_DATES:
        full = _("You can keep up to {n} dates. Delete one to add another.").format(n=ctx.number(MAX_OWN_DATES))
        return replace(state, screen="own"), [Reply(full, lang=ctx.lang, buttons=buttons)]
    slot = min(set(range(1, MAX_OWN_DATES + 1)) - {own.slot for own in state.own_dates})
    own = (*state.own_dates, OwnDate(slot, kind, day))
    text = _("Done. We will remind you before {date}. You can delete this date at any time.").format(
        date=both_calendars(day, ctx)
    )
    effect = AddOwnDate(kind, day, ctx.lang, tuple(ctx.content.reminder_days))
    return replace(state, screen="own", own_dates=own), [Reply(text, lang=ctx.lang, buttons=buttons, effects=(effect,))]


def delete(slot: int, state: UserState, ctx: Context) -> Result:
    _ = ctx._
    state = replace(state, screen="own", own_dates=tuple(own for own in state.own_dates if own.slot != slot))
    done = Reply(_("Deleted. We will not remind you of that date."), lang=ctx.lang, effects=(DeleteOwnDate(slot),))
    return state, [done, own_dates(state, ctx)]


def _day(raw: str) -> date | None:
    if len(raw) != 8 or not raw.isdigit():
        return None
    try:
        return date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
    except ValueError:
        return None
