"""The words the domain speaks in, one set for every flow: kinds, states, severities, platforms.

StrEnums, so a member is stored and compared as its plain value ("open", "facebook"): the
database, frozen policies and old rows need no conversion.
"""

from __future__ import annotations

from enum import StrEnum
from urllib.parse import urlsplit

# The directory's time zone when it names none; every stored moment is UTC, shown in this zone.
DEFAULT_TIMEZONE = "Europe/Helsinki"


class Kind(StrEnum):
    THREAT = "threat"
    CONTROVERSY = "controversy"
    CAMPAIGN = "campaign"  # a paid campaign notice (/kampanja)
    ACCOUNT = "account"  # a new account request (/tili)


class Status(StrEnum):
    # Acknowledge is not resolve: an acknowledged (claimed) incident stays open work.
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class Severity(StrEnum):
    NORMAL = "normal"
    HIGH = "high"  # a controversy the media ask about, or of a large scale
    DANGER = "danger"  # a threat of immediate danger: every level hears at once


class Delivery(StrEnum):
    """An outbox row's state."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class Platform(StrEnum):
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    X = "x"
    LINKEDIN = "linkedin"
    YOUTUBE = "youtube"
    TIKTOK = "tiktok"
    WHATSAPP = "whatsapp"
    OTHER = "other"


PLATFORMS = frozenset(p.value for p in Platform)  # for `in` checks of a plain string (3.11 refuses `in Platform`)

# Hosts that tell the platform from a pasted link (pre-selects the platform field).
PLATFORM_HOSTS = {
    "facebook.com": Platform.FACEBOOK,
    "fb.com": Platform.FACEBOOK,
    "fb.me": Platform.FACEBOOK,
    "instagram.com": Platform.INSTAGRAM,
    "instagr.am": Platform.INSTAGRAM,
    "x.com": Platform.X,
    "twitter.com": Platform.X,
    "t.co": Platform.X,
    "linkedin.com": Platform.LINKEDIN,
    "lnkd.in": Platform.LINKEDIN,
    "youtube.com": Platform.YOUTUBE,
    "youtu.be": Platform.YOUTUBE,
    "tiktok.com": Platform.TIKTOK,
    "whatsapp.com": Platform.WHATSAPP,
    "wa.me": Platform.WHATSAPP,
}


def platform_from_link(link: str | None) -> Platform | None:
    if not link:
        return None
    try:
        host = (urlsplit(link).hostname or "").lower()
    except ValueError:
        return None
    host = host.removeprefix("www.")
    for known, platform in PLATFORM_HOSTS.items():
        if host == known or host.endswith("." + known):
            return platform
    return None
