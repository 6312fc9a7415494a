"""Block Kit and mrkdwn as terminal text (pure functions, no Slack, no I/O).

    names = Names(users={"U0EERO": ("eero", "Eero Esihenkilö")}, channels={"C0MAVI": "mavi-tiimi"},
                  groups={"S0MAVI": "mavi"})
    lines = render_blocks(blocks, names, Numbering())

Mentions become @handle, `<url|label>` becomes "label (url)", header blocks, section text and
fields, context lines ("· "), quotes ("│ "), and every interactive element gets a number
(`[1] Kuittaa`) from the Numbering passed in, which remembers what each number points at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

INDENT = "   "
WRAP_AT = 100

# A few emoji Slack would show as pictures; anything else stays as its :code:.
EMOJI = {
    "warning": "⚠️",
    "rotating_light": "🚨",
    "white_check_mark": "✅",
    "heavy_check_mark": "✔️",
    "x": "❌",
    "+1": "👍",
    "thumbsup": "👍",
    "-1": "👎",
    "thumbsdown": "👎",
    "eyes": "👀",
    "bell": "🔔",
    "mag": "🔍",
    "memo": "📝",
    "link": "🔗",
    "lock": "🔒",
    "telephone_receiver": "📞",
    "phone": "☎️",
    "sos": "🆘",
    "fire": "🔥",
    "information_source": "ℹ️",
    "hourglass": "⌛",
    "hourglass_flowing_sand": "⏳",
    "arrow_right": "➡️",
    "speech_balloon": "💬",
    "books": "📚",
    "book": "📖",
    "loudspeaker": "📢",
    "mega": "📣",
    "shield": "🛡️",
    "police_car": "🚓",
    "red_circle": "🔴",
    "large_orange_circle": "🟠",
    "large_yellow_circle": "🟡",
    "large_green_circle": "🟢",
    "large_blue_circle": "🔵",
    "white_circle": "⚪",
    "pushpin": "📌",
    "clipboard": "📋",
    "wave": "👋",
}

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ANGLE = re.compile(r"<([^<>\n]+)>")
_EMOJI = re.compile(r":([a-z0-9_+\-]+):")
_BOLD = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")

BOLD, DIM, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


@dataclass
class Names:
    """Who and what the ids in a message are: users id -> (handle, real name)."""

    users: dict[str, tuple[str, str]] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    color: bool = False

    def handle(self, user_id: str) -> str:
        return self.users[user_id][0] if user_id in self.users else user_id

    def person(self, user_id: str) -> str:
        """'Eero Esihenkilö (eero)'."""
        if user_id in self.users:
            handle, real = self.users[user_id]
            return f"{real} ({handle})"
        return user_id

    def channel(self, channel_id: str) -> str:
        return self.channels.get(channel_id, channel_id)

    def group(self, group_id: str) -> str:
        return self.groups.get(group_id, group_id)


@dataclass
class Control:
    """One numbered interactive element and where it lives."""

    number: int
    element: dict
    block_id: str | None
    where: Any = None  # set by the caller: the message, ephemeral or view it belongs to

    @property
    def kind(self) -> str:
        return self.element.get("type", "")

    @property
    def label(self) -> str:
        return control_label(self.element)


class Numbering:
    """Hands out 1, 2, 3 … and remembers what each number is."""

    def __init__(self) -> None:
        self.controls: dict[int, Control] = {}

    def add(self, element: dict, block_id: str | None) -> int:
        n = len(self.controls) + 1
        self.controls[n] = Control(n, element, block_id)
        return n

    def __len__(self) -> int:
        return len(self.controls)


def _text_of(obj: Any) -> str:
    if isinstance(obj, dict):
        return str(obj.get("text") or "")
    return str(obj) if obj is not None else ""


def mrkdwn(text: str, names: Names) -> str:
    """Slack mrkdwn -> readable text: mentions, links, dates, quotes, emoji, entities."""
    if not text:
        return ""
    out_lines = []
    for line in text.split("\n"):
        quoted = False
        if line.startswith("&gt;"):
            line, quoted = line[4:], True
        elif line.startswith(">"):
            line, quoted = line[1:], True
        if quoted and line.startswith(" "):
            line = line[1:]
        line = _ANGLE.sub(lambda m: _angle(m.group(1), names), line)
        line = _EMOJI.sub(lambda m: EMOJI.get(m.group(1), m.group(0)), line)
        line = line.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        if names.color:
            line = _BOLD.sub(lambda m: f"{BOLD}{m.group(1)}{RESET}", line)
        out_lines.append(("│ " if quoted else "") + line)
    return "\n".join(out_lines)


def _angle(inner: str, names: Names) -> str:
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        return "@" + names.handle(target[1:])
    if target.startswith("#"):
        return "#" + (label or names.channel(target[1:]))
    if target.startswith("!subteam^"):
        gid = target[len("!subteam^") :]
        return label if label.startswith("@") else "@" + (label or names.group(gid))
    if target.startswith("!date^"):
        return label or target
    if target.startswith("!"):
        return "@" + (label or target[1:])
    if label and label != target:
        return f"{label} ({target})"
    return target


def plain(obj: Any, names: Names) -> str:
    """A text object (plain_text or mrkdwn) as text."""
    if isinstance(obj, dict) and obj.get("type") == "mrkdwn":
        return mrkdwn(obj.get("text") or "", names)
    text = _text_of(obj)
    return _EMOJI.sub(lambda m: EMOJI.get(m.group(1), m.group(0)), text)


def control_label(el: dict) -> str:
    t = el.get("type")
    if t == "button":
        text = _text_of(el.get("text"))
        return _EMOJI.sub(lambda m: EMOJI.get(m.group(1), m.group(0)), text)
    if t == "overflow":
        return "⋯"
    placeholder = _text_of(el.get("placeholder"))
    if t in ("static_select", "external_select", "multi_static_select", "multi_external_select"):
        return f"▾ {placeholder or 'valitse'}"
    if t in ("users_select", "multi_users_select"):
        return f"▾ {placeholder or 'valitse henkilö'}"
    if t in ("conversations_select", "channels_select", "multi_conversations_select", "multi_channels_select"):
        return f"▾ {placeholder or 'valitse kanava'}"
    if t in ("datepicker", "timepicker", "datetimepicker"):
        return f"📅 {placeholder or 'valitse aika'}"
    if t in ("checkboxes", "radio_buttons"):
        return "☐ " + " / ".join(_text_of(o.get("text")) for o in el.get("options") or [])
    return placeholder or t or "?"


def _control(el: dict, block_id: str | None, numbering: Numbering | None) -> str:
    label = control_label(el)
    if numbering is None:
        return f"[{label}]"
    n = numbering.add(el, block_id)
    url = el.get("url")
    return f"[{n}] {label}" + (f" ↗ ({url})" if url else "")


def _wrap_controls(parts: list[str]) -> list[str]:
    lines, cur = [], ""
    for p in parts:
        if cur and len(cur) + 3 + len(p) > WRAP_AT:
            lines.append(cur)
            cur = p
        else:
            cur = f"{cur}   {p}" if cur else p
    if cur:
        lines.append(cur)
    return lines


def _field(obj: Any, names: Names) -> str:
    text = plain(obj, names).strip()
    first, sep, rest = text.partition("\n")
    if not sep:
        return text
    label = strip_ansi(first).strip().strip("*").strip()
    joiner = " " if label.endswith((":", "?")) else ": "
    return first.rstrip() + joiner + rest.replace("\n", " / ")


def render_blocks(
    blocks: list[dict] | None,
    names: Names,
    numbering: Numbering | None = None,
    *,
    indent: str = INDENT,
    skip: Callable[[dict], bool] | None = None,
) -> list[str]:
    """Block Kit blocks as indented lines; interactive elements numbered through `numbering`."""
    out: list[str] = []

    def add(text: str, prefix: str = "") -> None:
        for line in text.split("\n"):
            out.append(f"{indent}{prefix}{line}".rstrip())

    for block in blocks or []:
        if not isinstance(block, dict) or (skip and skip(block)):
            continue
        t = block.get("type")
        bid = block.get("block_id")
        if t == "header":
            text = plain(block.get("text"), names)
            add(f"{BOLD}■ {text}{RESET}" if names.color else f"■ {text}")
        elif t == "section":
            if block.get("text"):
                add(plain(block["text"], names))
            for f in block.get("fields") or []:
                add(_field(f, names), "▸ ")
            acc = block.get("accessory")
            if isinstance(acc, dict):
                if acc.get("type") == "image":
                    add(f"[kuva: {acc.get('alt_text') or ''}]")
                else:
                    add(_control(acc, bid, numbering))
        elif t == "context":
            parts = []
            for el in block.get("elements") or []:
                if el.get("type") == "image":
                    parts.append(f"[kuva: {el.get('alt_text') or ''}]")
                else:
                    parts.append(plain(el, names))
            add("  ".join(parts), "· ")
        elif t == "divider":
            add("─" * 40)
        elif t == "actions":
            parts = [_control(el, bid, numbering) for el in block.get("elements") or []]
            for line in _wrap_controls(parts):
                add(line)
        elif t == "image":
            title = plain(block.get("title"), names) if block.get("title") else ""
            add(f"[kuva: {title or block.get('alt_text') or ''}] ({block.get('image_url') or ''})")
        elif t == "rich_text":
            add(rich_text(block, names))
        elif t == "input":
            label = plain(block.get("label"), names)
            add(f"{label}: {_control(block.get('element') or {}, bid, None)}")
        elif t == "file":
            add(f"[tiedosto {block.get('external_id') or ''}]")
        elif t == "video":
            add(f"[video: {plain(block.get('title'), names)}] ({block.get('title_url') or ''})")
        else:
            add(f"[{t}]")
    return out


def rich_text(block: dict, names: Names) -> str:
    lines: list[str] = []
    for el in block.get("elements") or []:
        t = el.get("type")
        if t == "rich_text_section":
            lines.append(_rich_inline(el.get("elements") or [], names))
        elif t == "rich_text_quote":
            lines += ["│ " + x for x in _rich_inline(el.get("elements") or [], names).split("\n")]
        elif t == "rich_text_preformatted":
            lines += ["    " + x for x in _rich_inline(el.get("elements") or [], names).split("\n")]
        elif t == "rich_text_list":
            ordered = el.get("style") == "ordered"
            pad = "  " * int(el.get("indent") or 0)
            for i, item in enumerate(el.get("elements") or [], 1):
                bullet = f"{i}." if ordered else "•"
                lines.append(f"{pad}{bullet} {_rich_inline(item.get('elements') or [], names)}")
    return "\n".join(lines)


def _rich_inline(elements: list[dict], names: Names) -> str:
    out = []
    for e in elements:
        t = e.get("type")
        if t == "text":
            out.append(e.get("text") or "")
        elif t == "link":
            url, label = e.get("url") or "", e.get("text")
            out.append(f"{label} ({url})" if label and label != url else url)
        elif t == "user":
            out.append("@" + names.handle(e.get("user_id") or ""))
        elif t == "channel":
            out.append("#" + names.channel(e.get("channel_id") or ""))
        elif t == "usergroup":
            out.append("@" + names.group(e.get("usergroup_id") or ""))
        elif t == "broadcast":
            out.append("@" + (e.get("range") or "here"))
        elif t == "emoji":
            out.append(EMOJI.get(e.get("name") or "", f":{e.get('name')}:"))
        elif t == "date":
            out.append(e.get("fallback") or str(e.get("timestamp") or ""))
        else:
            out.append(e.get("text") or "")
    return "".join(out)


def render_message(
    message: dict, names: Names, numbering: Numbering | None = None, *, indent: str = INDENT
) -> list[str]:
    """A message (or ephemeral) body: its blocks, else its text; then its attachments."""
    lines: list[str] = []
    if message.get("blocks"):
        lines += render_blocks(message["blocks"], names, numbering, indent=indent)
    elif message.get("text"):
        lines += [f"{indent}{x}".rstrip() for x in mrkdwn(message["text"], names).split("\n")]
    for att in message.get("attachments") or []:
        bar = indent + "▍ "
        if att.get("blocks"):
            lines += render_blocks(att["blocks"], names, numbering, indent=bar)
        else:
            for key in ("pretext", "title", "text", "footer"):
                if att.get(key):
                    lines += [f"{bar}{x}".rstrip() for x in mrkdwn(str(att[key]), names).split("\n")]
            for f in att.get("fields") or []:
                lines.append(f"{bar}▸ {f.get('title', '')}: {mrkdwn(str(f.get('value', '')), names)}")
        for a in att.get("actions") or []:
            if numbering is not None:
                lines.append(f"{bar}{_control(a, None, numbering)}")
    if not lines:
        lines.append(f"{indent}(tyhjä viesti)")
    return lines


def view_lines(view: dict, names: Names, numbering: Numbering | None = None) -> list[str]:
    """A modal's title and its non-input blocks (inputs are asked field by field)."""
    title = plain(view.get("title"), names)
    head = f"═══ Lomake: {title} ═══"
    lines = [f"{BOLD}{head}{RESET}" if names.color else head]
    lines += render_blocks(view.get("blocks"), names, numbering, skip=lambda b: b.get("type") == "input")
    return lines
