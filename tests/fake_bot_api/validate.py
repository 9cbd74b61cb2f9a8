"""Validating a Bot API call against the spec: names, required parameters, types (recursively) and rules.

Top-level values may arrive as strings (query string, form or multipart: PTB JSON-encodes everything that
is not already a string), so they are coerced like Telegram does: "123" is an Integer, "true" a Boolean,
and objects/arrays are JSON text. Inside JSON objects the JSON types must match exactly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError, Invalid, real_wording
from .formatting import EntityParseError, UnsupportedParseMode, format_text, utf16_len
from .rules import Rule
from .spec import Field, Method, Spec, TypeDef, split_array


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Where:
    path: str
    owner: str  # method or type name, for REAL_WORDING
    field: str

    def child(self, key: str | int, owner: str | None = None, name: str | None = None) -> Where:
        path = f"{self.path}[{key}]" if isinstance(key, int) else f"{self.path}.{key}"
        return Where(path, owner or self.owner, name or self.field)

    def invalid(self, kind: str, message: str) -> Invalid:
        return Invalid(self.path, self.owner, self.field, kind, message)


@dataclass
class _Ctx:
    spec: Spec
    uploads: dict[str, Upload]
    referenced: set[str] = field(default_factory=set)


_INT = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_BOOLS = {"true": True, "1": True, "false": False, "0": False}


def validate_call(spec: Spec, method: Method, raw: dict[str, Any], uploads: dict[str, Upload]) -> dict[str, Any]:
    """The normalized parameters, or ApiError(400) saying what Telegram would and why."""
    try:
        return _validate(_Ctx(spec, uploads), method, raw)
    except Invalid as e:
        raise to_api_error(e) from None


def validate_object(spec: Spec, types: str | tuple[str, ...], value: Any) -> Any:
    """Check a JSON value (an Update or a result the fake produced) against spec types; raises ApiError."""
    types = (types,) if isinstance(types, str) else types
    try:
        return _check_union(_Ctx(spec, {}), value, types, Where(" or ".join(types), types[0], ""), False)
    except Invalid as e:
        raise to_api_error(e) from None


def to_api_error(e: Invalid) -> ApiError:
    if e.kind == "entities":
        wording = e.message
    elif e.kind == "parse_mode":
        wording = "unsupported parse_mode"
    else:
        wording = real_wording(e.owner, e.field, e.kind) or e.message
    return ApiError(400, f"Bad Request: {wording}", detail=e.message)


def _validate(ctx: _Ctx, method: Method, raw: dict[str, Any]) -> dict[str, Any]:
    params = dict(raw)
    params.update({k: v for k, v in ctx.uploads.items() if k in method.fields})
    for name in params:
        if name not in method.fields:
            raise Where(name, method.name, name).invalid(
                "unknown",
                f'unknown parameter "{name}" for {method.name} (Telegram ignores it; the fake rejects typos)',
            )
    for f in method.fields.values():
        if f.required and params.get(f.name) in (None, ""):
            raise Where(f.name, method.name, f.name).invalid("missing", f'parameter "{f.name}" is required')
    out = {
        name: _check_union(ctx, value, method.fields[name].types, Where(name, method.name, name), True)
        for name, value in params.items()
    }
    for name, value in out.items():
        _apply_rules(method.fields[name], value, out, method.fields, Where(name, method.name, name))
    for name in set(ctx.uploads) - set(method.fields) - ctx.referenced:
        raise Where(name, method.name, name).invalid(
            "unknown", f'uploaded file part "{name}" is not used by any parameter'
        )
    return out


def _check_union(ctx: _Ctx, value: Any, types: tuple[str, ...], where: Where, top: bool) -> Any:
    errors: list[Invalid] = []
    for t in sorted(types, key=lambda t: t == "String"):  # "123" for "Integer or String" is an Integer
        try:
            return _check_type(ctx, value, t, where, top)
        except Invalid as e:
            errors.append(e)
    if len(types) > 1 and all(e.kind == "type" and e.path == where.path for e in errors):
        raise where.invalid("type", f"{where.path} must be of type {' or '.join(types)}, got {_show(value)}")
    # The deepest failure is the one that explains what the caller meant to send.
    raise max(errors, key=lambda e: e.depth)


def _check_type(ctx: _Ctx, value: Any, t: str, where: Where, top: bool) -> Any:
    if (inner := split_array(t)) is not None:
        if top and isinstance(value, str):
            value = _json(value, where)
        if not isinstance(value, list):
            raise where.invalid("type", f"{where.path} must be of type {t}, got {_show(value)}")
        return [_check_union(ctx, item, (inner,), where.child(i), False) for i, item in enumerate(value)]
    if t in _SCALARS:
        return _SCALARS[t](ctx, value, where, top)
    td = ctx.spec.type(t)
    if td is None:
        raise where.invalid("type", f"{where.path}: type {t} is not in the spec")
    return _check_object(ctx, value, td, where, top)


def _check_object(ctx: _Ctx, value: Any, td: TypeDef, where: Where, top: bool) -> Any:
    if td.string_allowed and isinstance(value, str) and not top:
        return value
    if top and isinstance(value, str):
        value = _json(value, where)
    if td.subtypes:
        return _check_subtypes(ctx, value, td, where)
    if not isinstance(value, dict):
        raise where.invalid("type", f"{where.path} must be a JSON object ({td.name}), got {_show(value)}")
    if not td.has_fields:
        return value  # a placeholder type such as CallbackGame
    for key in value:
        if key not in td.fields:
            raise where.child(key, td.name, key).invalid("unknown", f'unknown field "{key}" in {td.name}')
    for f in td.fields.values():
        if f.required and f.name not in value:
            raise where.child(f.name, td.name, f.name).invalid("missing", f'field "{f.name}" of {td.name} is required')
    out = {k: _check_union(ctx, v, td.fields[k].types, where.child(k, td.name, k), False) for k, v in value.items()}
    for k, v in out.items():
        _apply_rules(td.fields[k], v, out, td.fields, where.child(k, td.name, k))
    _check_exclusive(td, out, where)
    return out


def _check_subtypes(ctx: _Ctx, value: Any, td: TypeDef, where: Where) -> Any:
    candidates = list(td.subtypes)
    if isinstance(value, dict):
        # Pick the variant by its constant field ("type": "chat", "source": "data", ...).
        keyed = {c: _constants(ctx.spec.type(c)) for c in candidates}
        matching = [c for c, consts in keyed.items() if all(value.get(k) == v for k, v in consts.items())]
        if not matching:
            keys = sorted({k for consts in keyed.values() for k in consts})
            shown = {k: value.get(k) for k in keys}
            raise where.invalid("subtype", f"{where.path}: no {td.name} variant has {shown}")
        candidates = matching
    return _check_union(ctx, value, tuple(candidates), where, False)


def _constants(td: TypeDef | None) -> dict[str, str]:
    if td is None:
        return {}
    return {
        f.name: r.values[0]
        for f in td.fields.values()
        for r in f.rules
        if f.required and r.kind == "one_of" and len(r.values) == 1
    }


def _check_exclusive(td: TypeDef, out: dict[str, Any], where: Where) -> None:
    used = sorted(set(out) & td.exclusive)
    if len(used) > 1 or (td.exclusive_required and not used):
        need = "exactly one" if td.exclusive_required else "at most one"
        raise where.invalid(
            "exclusive",
            f"{where.path}: {td.name} needs {need} of {sorted(td.exclusive)}, got {used or 'none'}",
        )


def _apply_rules(f: Field, value: Any, siblings: dict[str, Any], fields: dict[str, Field], where: Where) -> None:
    for rule in f.rules:
        _apply_rule(rule, f, value, siblings, fields, where)


def _apply_rule(rule: Rule, f: Field, value: Any, siblings: dict, fields: dict, where: Where) -> None:
    if rule.kind == "length" and isinstance(value, str):
        _check_length(rule, f, value, siblings, fields, where)
    elif rule.kind == "range" and isinstance(value, int | float) and not rule.lo <= value <= rule.hi:
        raise where.invalid("range", f"{where.path} must be between {rule.lo} and {rule.hi}, got {value}")
    elif rule.kind == "count" and isinstance(value, list) and not rule.lo <= len(value) <= rule.hi:
        raise where.invalid("count", f"{where.path} must have {rule.lo}-{rule.hi} items, got {len(value)}")
    elif rule.kind == "one_of" and isinstance(value, str) and value not in rule.values:
        raise where.invalid("one_of", f"{where.path} must be one of {list(rule.values)}, got {value!r}")
    elif rule.kind == "pattern" and isinstance(value, str) and not re.fullmatch(rule.pattern, value):
        raise where.invalid("pattern", f"{where.path} may contain {rule.what}, got {value!r}")


def _check_length(rule: Rule, f: Field, value: str, siblings: dict, fields: dict, where: Where) -> None:
    if rule.unit == "bytes":
        size, unit = len(value.encode("utf-8")), "bytes (UTF-8)"
    elif rule.unit == "utf16":
        size, unit = (
            utf16_len(_parsed(f.name, value, siblings, fields, where)),
            "UTF-16 units after entity parsing",
        )
    else:
        size, unit = len(value), "characters"
    if size < rule.lo:
        kind = "empty" if size == 0 and rule.unit == "utf16" else "too_short"
        raise where.invalid(kind, f"{where.path} must be {rule.lo}-{rule.hi} {unit}, got {size}")
    if size > rule.hi:
        raise where.invalid("too_long", f"{where.path} must be {rule.lo}-{rule.hi} {unit}, got {size}")


def _parsed(name: str, value: str, siblings: dict, fields: dict, where: Where) -> str:
    mode_key = f"{name}_parse_mode" if f"{name}_parse_mode" in fields else "parse_mode"
    try:
        return format_text(value, siblings.get(mode_key))[0]
    except EntityParseError as e:
        raise where.invalid("entities", f"can't parse entities: {e}") from None
    except UnsupportedParseMode as e:
        raise where.invalid("parse_mode", str(e)) from None


def _json(text: str, where: Where) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise where.invalid("json", f"can't parse {where.path} JSON object: {_show(text)}") from None


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _int(ctx: _Ctx, value: Any, where: Where, top: bool) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if top and isinstance(value, str) and _INT.fullmatch(value.strip()):
        return int(value)
    raise where.invalid("type", f"{where.path} must be of type Integer, got {_show(value)}")


def _float(ctx: _Ctx, value: Any, where: Where, top: bool) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if top and isinstance(value, str) and _FLOAT.fullmatch(value.strip()):
        return float(value)
    raise where.invalid("type", f"{where.path} must be of type Float, got {_show(value)}")


def _bool(ctx: _Ctx, value: Any, where: Where, top: bool) -> bool:
    if isinstance(value, bool):
        return value
    if top and isinstance(value, str) and value.strip().lower() in _BOOLS:
        return _BOOLS[value.strip().lower()]
    raise where.invalid("type", f"{where.path} must be of type Boolean, got {_show(value)}")


def _str(ctx: _Ctx, value: Any, where: Where, top: bool) -> str:
    if not isinstance(value, str):
        raise where.invalid("type", f"{where.path} must be of type String, got {_show(value)}")
    if value.startswith("attach://"):
        name = value.removeprefix("attach://")
        if name not in ctx.uploads:
            raise where.invalid("attach", f'{where.path} refers to "{value}" but no file part "{name}" was uploaded')
        ctx.referenced.add(name)
    return value


def _file(ctx: _Ctx, value: Any, where: Where, top: bool) -> Upload:
    if isinstance(value, Upload):
        return value
    raise where.invalid("type", f"{where.path} must be an uploaded file (InputFile), got {_show(value)}")


_SCALARS = {"Integer": _int, "Float": _float, "Boolean": _bool, "String": _str, "InputFile": _file}
