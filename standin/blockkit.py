"""Block Kit validation close to what Slack enforces.

slack_sdk.models catches part of it (validate_json via to_dict); Slack's server
also enforces limits the SDK misses (plain_text_input max_length, header length,
duplicate block_ids, initial_option membership, ...). Errors are strings in
Slack's style: "<reason> [json-pointer:/blocks/0/text]".
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block, BlockElement
from slack_sdk.models.views import View

MESSAGE_BLOCKS_MAX = 50
VIEW_BLOCKS_MAX = 100
MESSAGE_TEXT_MAX = 40000

# Element types whose value lands in view.state / block_actions payloads.
INPUT_TYPES = {
    "plain_text_input",
    "url_text_input",
    "email_text_input",
    "number_input",
    "rich_text_input",
    "static_select",
    "external_select",
    "users_select",
    "conversations_select",
    "channels_select",
    "multi_static_select",
    "multi_external_select",
    "multi_users_select",
    "multi_conversations_select",
    "multi_channels_select",
    "radio_buttons",
    "checkboxes",
    "datepicker",
    "timepicker",
    "datetimepicker",
    "file_input",
}
INTERACTIVE_TYPES = INPUT_TYPES | {"button", "overflow", "workflow_button", "icon_button", "feedback_buttons"}

# The SDK logs a warning for every unknown key; we report those ourselves.
logging.getLogger("slack_sdk.models").setLevel(logging.ERROR)

_ids = itertools.count(1)
_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generated_id() -> str:
    """Short ids like the ones Slack assigns to blocks/elements missing block_id/action_id."""
    n = next(_ids) * 7919 + 104729
    out = ""
    for _ in range(5):
        n, r = divmod(n, len(_ALPHABET))
        out += _ALPHABET[r]
    return out


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def err(self, reason: str, pointer: str) -> None:
        self.errors.append(f"{reason} [json-pointer:{pointer}]")

    # --- primitives ---------------------------------------------------------

    def max_len(self, value: Any, limit: int, pointer: str) -> None:
        if isinstance(value, str) and len(value) > limit:
            self.err(f"must be less than {limit + 1} characters", pointer)

    def string(self, value: Any, pointer: str, *, limit: int | None = None, required: bool = False) -> None:
        if value is None:
            if required:
                self.err("must provide a string", pointer)
            return
        if not isinstance(value, str):
            self.err("must be a string", pointer)
            return
        if limit is not None:
            self.max_len(value, limit, pointer)

    def text(self, obj: Any, pointer: str, *, limit: int, plain_only: bool = False, required: bool = True) -> None:
        if obj is None:
            if required:
                self.err("must provide an object", pointer)
            return
        if not isinstance(obj, dict):
            self.err("must be a text object", pointer)
            return
        t = obj.get("type")
        if t not in ("plain_text", "mrkdwn"):
            self.err("must be one of plain_text, mrkdwn", f"{pointer}/type")
            return
        if plain_only and t != "plain_text":
            self.err("must be plain_text", f"{pointer}/type")
        allowed = {"type", "text", "emoji"} if t == "plain_text" else {"type", "text", "verbatim"}
        for key in obj:
            if key not in allowed:
                self.err(f"unexpected property {key!r}", f"{pointer}/{key}")
        text = obj.get("text")
        if not isinstance(text, str):
            self.err("must provide a string", f"{pointer}/text")
        elif not text:
            self.err("must be more than 0 characters", f"{pointer}/text")
        else:
            self.max_len(text, limit, f"{pointer}/text")

    def array(self, value: Any, pointer: str, *, lo: int, hi: int) -> list:
        if not isinstance(value, list):
            self.err("must be an array", pointer)
            return []
        if len(value) < lo:
            self.err(f"must provide at least {lo} items", pointer)
        if len(value) > hi:
            self.err(f"must be less than {hi + 1} items", pointer)
        return value

    def sdk(self, obj: Any, pointer: str, *, is_block: bool) -> None:
        """Run slack_sdk's own parser/validators and its known-attribute list."""
        try:
            parsed = Block.parse(obj) if is_block else BlockElement.parse(obj)
        except Exception as e:  # bad shapes make the SDK constructors raise
            self.err(f"invalid object: {e}", pointer)
            return
        if parsed is None:
            self.err(f"unsupported type {obj.get('type')!r}", f"{pointer}/type")
            return
        try:
            parsed.to_dict()  # validates recursively
        except SlackObjectFormationError as e:
            self.err(str(e), pointer)
        except Exception as e:
            self.err(f"invalid object: {e}", pointer)
        known = set(getattr(parsed, "attributes", set())) | {"type"}
        for key in obj:
            if key not in known:
                self.err(f"unexpected property {key!r}", f"{pointer}/{key}")

    # --- composition objects ------------------------------------------------

    def option(self, opt: Any, pointer: str, *, plain_only: bool) -> None:
        if not isinstance(opt, dict):
            self.err("must be an option object", pointer)
            return
        self.text(opt.get("text"), f"{pointer}/text", limit=75, plain_only=plain_only)
        self.string(opt.get("value"), f"{pointer}/value", limit=150, required=True)
        if opt.get("description") is not None:
            self.text(opt.get("description"), f"{pointer}/description", limit=75, plain_only=plain_only)
        self.string(opt.get("url"), f"{pointer}/url", limit=3000)

    def confirm(self, obj: Any, pointer: str) -> None:
        if obj is None:
            return
        if not isinstance(obj, dict):
            self.err("must be an object", pointer)
            return
        self.text(obj.get("title"), f"{pointer}/title", limit=100, plain_only=True)
        self.text(obj.get("text"), f"{pointer}/text", limit=300)
        self.text(obj.get("confirm"), f"{pointer}/confirm", limit=30, plain_only=True)
        self.text(obj.get("deny"), f"{pointer}/deny", limit=30, plain_only=True)
        if obj.get("style") not in (None, "primary", "danger"):
            self.err("must be one of primary, danger", f"{pointer}/style")

    # --- elements -----------------------------------------------------------

    def element(self, el: Any, pointer: str, *, where: str) -> None:
        if not isinstance(el, dict):
            self.err("must be an object", pointer)
            return
        t = el.get("type")
        if t in ("plain_text", "mrkdwn"):
            if where != "context":
                self.err(f"text object not allowed in {where}", pointer)
            self.text(el, pointer, limit=3000)
            return
        self.sdk(el, pointer, is_block=False)
        if t in INTERACTIVE_TYPES:
            self.string(el.get("action_id"), f"{pointer}/action_id", limit=255)
        if where == "context" and t != "image":
            self.err("context elements must be image or text objects", pointer)
        if where == "input" and t not in INPUT_TYPES:
            self.err(f"{t} is not an input element", f"{pointer}/type")
        if "placeholder" in el:
            self.text(el["placeholder"], f"{pointer}/placeholder", limit=150, plain_only=True)
        self.confirm(el.get("confirm"), f"{pointer}/confirm")
        if t == "button":
            self.text(el.get("text"), f"{pointer}/text", limit=75, plain_only=True)
            self.string(el.get("value"), f"{pointer}/value", limit=2000)
            self.string(el.get("url"), f"{pointer}/url", limit=3000)
            if el.get("style") not in (None, "primary", "danger"):
                self.err("must be one of primary, danger", f"{pointer}/style")
        elif t == "plain_text_input":
            mx, mn = el.get("max_length"), el.get("min_length")
            if mx is not None and (not isinstance(mx, int) or not 1 <= mx <= 3000):
                self.err("must be between 1 and 3000", f"{pointer}/max_length")
            if mn is not None and (not isinstance(mn, int) or not 0 <= mn <= 3000):
                self.err("must be between 0 and 3000", f"{pointer}/min_length")
            if isinstance(mx, int) and isinstance(mn, int) and mn > mx:
                self.err("min_length must be less than or equal to max_length", f"{pointer}/min_length")
            init = el.get("initial_value")
            self.string(init, f"{pointer}/initial_value", limit=mx if isinstance(mx, int) else 3000)
        elif t in ("static_select", "multi_static_select", "radio_buttons", "checkboxes", "overflow"):
            self._options_element(el, pointer, t)
        elif t == "image":
            self.string(el.get("alt_text"), f"{pointer}/alt_text", limit=2000, required=True)
        elif t == "number_input":
            if not isinstance(el.get("is_decimal_allowed"), bool):
                self.err("must provide a boolean", f"{pointer}/is_decimal_allowed")

    def _options_element(self, el: dict, pointer: str, t: str) -> None:
        plain_only = t in ("static_select", "multi_static_select", "overflow")
        limits = {"radio_buttons": (1, 10), "checkboxes": (1, 10), "overflow": (1, 5)}
        lo, hi = limits.get(t, (1, 100))
        values: list[str] = []
        if "option_groups" in el and t in ("static_select", "multi_static_select"):
            for gi, group in enumerate(self.array(el["option_groups"], f"{pointer}/option_groups", lo=1, hi=100)):
                gp = f"{pointer}/option_groups/{gi}"
                if not isinstance(group, dict):
                    self.err("must be an object", gp)
                    continue
                self.text(group.get("label"), f"{gp}/label", limit=75, plain_only=True)
                for oi, opt in enumerate(self.array(group.get("options"), f"{gp}/options", lo=1, hi=100)):
                    self.option(opt, f"{gp}/options/{oi}", plain_only=True)
                    if isinstance(opt, dict):
                        values.append(opt.get("value"))
        else:
            for oi, opt in enumerate(self.array(el.get("options"), f"{pointer}/options", lo=lo, hi=hi)):
                self.option(opt, f"{pointer}/options/{oi}", plain_only=plain_only)
                if isinstance(opt, dict):
                    values.append(opt.get("value"))
        # Slack rejects an initial option that is not one of the options.
        initial = el.get("initial_option")
        if isinstance(initial, dict) and initial.get("value") not in values:
            self.err("must match one of the options", f"{pointer}/initial_option")
        for i, opt in enumerate(el.get("initial_options") or []):
            if isinstance(opt, dict) and opt.get("value") not in values:
                self.err("must match one of the options", f"{pointer}/initial_options/{i}")

    # --- blocks -------------------------------------------------------------

    def blocks(self, blocks: Any, pointer: str, *, surface: str) -> None:
        limit = MESSAGE_BLOCKS_MAX if surface == "message" else VIEW_BLOCKS_MAX
        blocks = self.array(blocks, pointer, lo=0, hi=limit)
        seen_block_ids: set[str] = set()
        for i, block in enumerate(blocks):
            p = f"{pointer}/{i}"
            if not isinstance(block, dict):
                self.err("must be an object", p)
                continue
            bid = block.get("block_id")
            self.string(bid, f"{p}/block_id", limit=255)
            if isinstance(bid, str):
                if bid in seen_block_ids:
                    self.err(f"duplicate block_id {bid!r}", f"{p}/block_id")
                seen_block_ids.add(bid)
            self.block(block, p, surface=surface)

    def block(self, block: dict, p: str, *, surface: str) -> None:
        self.sdk(block, p, is_block=True)
        t = block.get("type")
        action_ids: set[str] = set()

        def interactive(el: Any, ep: str, where: str) -> None:
            self.element(el, ep, where=where)
            aid = el.get("action_id") if isinstance(el, dict) else None
            if isinstance(aid, str):
                if aid in action_ids:
                    self.err(f"duplicate action_id {aid!r}", f"{ep}/action_id")
                action_ids.add(aid)

        if t == "section":
            if block.get("text") is None and block.get("fields") is None:
                self.err("must provide text or fields", p)
            if block.get("text") is not None:
                self.text(block["text"], f"{p}/text", limit=3000)
            if block.get("fields") is not None:
                for fi, f in enumerate(self.array(block["fields"], f"{p}/fields", lo=1, hi=10)):
                    self.text(f, f"{p}/fields/{fi}", limit=2000)
            if block.get("accessory") is not None:
                interactive(block["accessory"], f"{p}/accessory", "section")
        elif t == "header":
            self.text(block.get("text"), f"{p}/text", limit=150, plain_only=True)
        elif t == "context":
            for ei, el in enumerate(self.array(block.get("elements"), f"{p}/elements", lo=1, hi=10)):
                self.element(el, f"{p}/elements/{ei}", where="context")
        elif t == "actions":
            for ei, el in enumerate(self.array(block.get("elements"), f"{p}/elements", lo=1, hi=25)):
                interactive(el, f"{p}/elements/{ei}", "actions")
        elif t == "input":
            self.text(block.get("label"), f"{p}/label", limit=2000, plain_only=True)
            if block.get("hint") is not None:
                self.text(block["hint"], f"{p}/hint", limit=2000, plain_only=True)
            if block.get("element") is None:
                self.err("must provide an object", f"{p}/element")
            else:
                interactive(block["element"], f"{p}/element", "input")
        elif t == "image":
            self.string(block.get("alt_text"), f"{p}/alt_text", limit=2000, required=True)
            if block.get("title") is not None:
                self.text(block["title"], f"{p}/title", limit=2000, plain_only=True)
        elif t == "rich_text":
            self.array(block.get("elements"), f"{p}/elements", lo=1, hi=10**6)


def validate_blocks(blocks: Any, *, surface: str = "message", pointer: str = "/blocks") -> list[str]:
    """Errors for a blocks array on a surface ('message', 'modal' or 'home')."""
    c = _Checker()
    c.blocks(blocks, pointer, surface=surface)
    return c.errors


def validate_view(view: Any) -> list[str]:
    """Errors for a modal or Home tab view object."""
    c = _Checker()
    if not isinstance(view, dict):
        return ["must be an object [json-pointer:/view]"]
    t = view.get("type")
    if t not in ("modal", "home"):
        c.err("must be one of modal, home", "/view/type")
        return c.errors
    try:
        View(**view).to_dict()
    except SlackObjectFormationError as e:
        c.err(str(e), "/view")
    except Exception as e:
        c.err(f"invalid view: {e}", "/view")
    allowed = {
        "type",
        "title",
        "submit",
        "close",
        "blocks",
        "private_metadata",
        "callback_id",
        "external_id",
        "clear_on_close",
        "notify_on_close",
        "submit_disabled",
        # Read-only fields that appear when a stored view is passed back unchanged.
        "id",
        "team_id",
        "bot_id",
        "app_id",
        "root_view_id",
        "previous_view_id",
        "state",
        "hash",
        "app_installed_team_id",
    }
    for key in view:
        if key not in allowed:
            c.err(f"unexpected property {key!r}", f"/view/{key}")
    if t == "modal":
        c.text(view.get("title"), "/view/title", limit=24, plain_only=True)
        has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in view.get("blocks") or [])
        c.text(view.get("submit"), "/view/submit", limit=24, plain_only=True, required=has_input)
        c.text(view.get("close"), "/view/close", limit=24, plain_only=True, required=False)
    c.string(view.get("private_metadata"), "/view/private_metadata", limit=3000)
    c.string(view.get("callback_id"), "/view/callback_id", limit=255)
    c.string(view.get("external_id"), "/view/external_id", limit=255)
    if view.get("blocks") is None:
        c.err("must provide an array", "/view/blocks")
    else:
        c.blocks(view["blocks"], "/view/blocks", surface=t)
    return c.errors


# --- helpers shared with the driver ---------------------------------------


def iter_elements(blocks: list[dict]) -> Iterator[tuple[dict, dict]]:
    """(block, element) for every interactive element in the blocks."""
    for block in blocks or []:
        if not isinstance(block, dict):
            continue
        t = block.get("type")
        if t == "actions":
            for el in block.get("elements") or []:
                yield block, el
        elif t == "section" and isinstance(block.get("accessory"), dict):
            yield block, block["accessory"]
        elif t == "input" and isinstance(block.get("element"), dict):
            yield block, block["element"]


def assign_ids(blocks: list[dict]) -> list[dict]:
    """Fill missing block_id/action_id like Slack does; stored copies carry them."""
    for block in blocks or []:
        if isinstance(block, dict) and "block_id" not in block:
            block["block_id"] = generated_id()
    for _block, el in iter_elements(blocks):
        if isinstance(el, dict) and el.get("type") in INTERACTIVE_TYPES and "action_id" not in el:
            el["action_id"] = generated_id()
    return blocks
