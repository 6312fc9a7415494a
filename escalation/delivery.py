"""What the delivery worker needs of a chat platform: the transport contract, chat-SDK-free.

The outbox rows are the domain's (escalation/models.py); bot/outbox.py delivers them through one
`Transport` per platform, each implemented by that platform's edge (handlers/transport.py: Slack).
"""

from __future__ import annotations

import contextlib
import functools
import ssl
from dataclasses import dataclass
from typing import Protocol

import httpx
from sqlalchemy.orm import Session

from escalation.models import Incident, Notification


@functools.cache
def tls() -> ssl.SSLContext:
    """The process's one TLS context for every HTTP client a transport or the worker opens.

    httpx builds a new one per client unless given one, and building it loads the CA bundle:
    ~20-30 ms of CPU with the interpreter lock held, which every evidence download and upload
    (and every Teams call outside the worker's pool) would otherwise take from the requests
    being acknowledged. The same settings httpx would use (certifi, or SSL_CERT_FILE/DIR)."""
    return httpx.create_ssl_context()


class Transient(Exception):
    """Worth trying again (429, 5xx, a timeout, a dropped connection)."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason, self.retry_after = reason, retry_after


class Permanent(Exception):
    """Will not go away by trying again (no such user, the message was deleted)."""


@dataclass(frozen=True)
class Posted:
    channel_id: str
    ts: str  # the platform's id of the message (Slack ts, Teams activity id)


@dataclass(frozen=True)
class FileSource:
    """Where an evidence file can be downloaded, and with which headers (the platform's token)."""

    url: str
    headers: dict[str, str]
    mimetype: str | None = None


class Transport(Protocol):
    """One chat platform, as the worker needs it. Methods raise Transient or Permanent."""

    platform: str

    def connected(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Connections kept open on the worker's loop while it runs."""

    async def lang_of(self, row: Notification) -> str:
        """'fi' or 'sv' for the row's target."""

    def render(self, session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
        """The message for the row, from the incident's state now (the platform's own shape)."""

    async def destination(self, row: Notification) -> str:
        """The conversation to post the row in (opening a 1:1 chat for a person)."""

    async def find_posted(self, row: Notification, destination: str, thread: str | None) -> str | None:
        """The id of a message an earlier attempt of this row posted, if the platform can tell."""

    async def post(self, row: Notification, destination: str, message: dict, thread: str | None) -> Posted:
        """Post the message (as a reply in `thread`, the parent's message id, when given)."""

    async def upload(self, row: Notification, destination: str, message: dict, thread: str | None) -> Posted:
        """Share the file `message["file"]` ({"filename", "title", "content"}) in the conversation."""

    async def update(self, posted: Notification, message: dict) -> None:
        """Replace the message `posted` (a sent row) with `message`."""

    async def members(self, row: Notification) -> list[str]:
        """The people of a group target (e.g. a Slack user group)."""

    async def file_source(self, row: Notification) -> FileSource:
        """Where the evidence file the row names can be downloaded (the worker downloads it)."""
