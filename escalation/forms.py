"""One convention for what people type into a form, for every flow.

Validation returns the flow's typed input, or `FieldErrors`: field -> (code, params), codes that
each chat edge words in the user's language (texts `<flow>.err.<code>`). Limits are characters.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

# Never typed by a person: control characters (but tab and line breaks), and the invisible ones
# that reorder or hide text (bidi overrides and isolates, zero-width characters), with which a
# name or link could be made to read as something else.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_LINE_BREAKS = re.compile(r"\s*[\r\n\x85\u2028\u2029]+\s*")


class FieldErrors(dict[str, tuple[str, dict]]):
    """field -> (error code, params); the first error of a field is kept."""

    def add(self, field: str, code: str, /, **params) -> None:
        self.setdefault(field, (code, params))


def clean(value: Any) -> str | None:
    """Text as a person typed it: control characters removed, outer whitespace trimmed; '' -> None."""
    if value is None:
        return None
    text = _CONTROL.sub("", str(value)).strip()
    return text or None


def one_line(value: Any) -> str | None:
    """A single-line field (a name, an account, a link): one line, nothing invisible in it. A line
    break sent past the client would start a line of the message's own layout (a forged "*Tila:*")."""
    text = clean(value)
    return None if text is None else clean(_INVISIBLE.sub("", _LINE_BREAKS.sub(" ", text)))


def text_field(
    raw: dict,
    name: str,
    limit: int,
    errors: FieldErrors,
    *,
    required: bool = False,
    single_line: bool = False,
    verbatim: bool = False,
) -> str | None:
    """One free-text field, checked against its limit. `verbatim` keeps the text exactly as typed
    but for control characters and outer blank lines (evidence: a reported message)."""
    value: str | None
    if verbatim:
        typed = _CONTROL.sub("", str(raw.get(name) or "")).strip("\r\n")
        value = typed if typed.strip() else None
    else:
        value = one_line(raw.get(name)) if single_line else clean(raw.get(name))
    if value is None:
        if required:
            errors.add(name, "required")
        return None
    if len(value) > limit:
        errors.add(name, "too_long", max=limit, length=len(value))
    return value


def required_text(value: Any, name: str, limit: int) -> tuple[str | None, FieldErrors]:
    """One required free-text field on its own (a closing note, a situation update, a summary)."""
    errors = FieldErrors()
    text = text_field({name: value}, name, limit, errors, required=True)
    return (None if errors else text), errors


LINK_MAX = 2000


def normalise_link(value: Any) -> str | None:
    """The one rule for a link someone gives: an http(s) web address, or None when empty.

    'www.example.com/x' and 'fb.com/x' gain https://; Slack's <url|label> form is unwrapped; any
    other scheme, spaces or a host without a dot raise ValueError("bad_link").
    """
    value = one_line(value)
    if value is None:
        return None
    if value.startswith("<") and value.endswith(">"):  # Slack's <url|label> form
        value = value[1:-1].split("|", 1)[0]
    if len(value) > LINK_MAX or any(ch.isspace() for ch in value):
        raise ValueError("bad_link")
    if "://" not in value and re.match(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/|$|\?|#)", value):
        value = "https://" + value
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (raises on a bad port)
    except ValueError:
        raise ValueError("bad_link") from None
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or "." not in host.strip(".") or host.startswith("-"):
        raise ValueError("bad_link")
    return value


def is_link(value: Any) -> bool:
    """Whether `value` passes the link rule below (and is not empty)."""
    try:
        return normalise_link(value) is not None
    except ValueError:
        return False
