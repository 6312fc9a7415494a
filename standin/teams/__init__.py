"""Local Microsoft Teams stand-in: Bot Framework identity + token endpoint, a fake Bot Connector,
expiring file links, Adaptive Card checks, and a driver that signs activities like Teams.

Needs the `teams` extra (PyJWT and cryptography come with microsoft-teams-apps).
"""

from .cards import ADAPTIVE_CARD, MAX_ACTIVITY_BYTES, check_activity, check_card
from .driver import AsyncTeamsDriver, BotResponse, TeamsDriver
from .identity import BAD_TOKENS, BOT_FRAMEWORK_ISSUER, BOT_FRAMEWORK_SCOPE, IdentityProvider
from .runner import run_teams_standin
from .sdk_wiring import StandInClientCredentials, app_options, standin_cloud
from .standin import FILE_DOWNLOAD_INFO, TeamsStandIn, Violation
from .tenant import Bot, Channel, Person, Team, Tenant, default_tenant

__all__ = [
    "ADAPTIVE_CARD",
    "BAD_TOKENS",
    "BOT_FRAMEWORK_ISSUER",
    "BOT_FRAMEWORK_SCOPE",
    "FILE_DOWNLOAD_INFO",
    "MAX_ACTIVITY_BYTES",
    "AsyncTeamsDriver",
    "Bot",
    "BotResponse",
    "Channel",
    "IdentityProvider",
    "Person",
    "StandInClientCredentials",
    "Team",
    "TeamsDriver",
    "TeamsStandIn",
    "Tenant",
    "Violation",
    "app_options",
    "check_activity",
    "check_card",
    "default_tenant",
    "run_teams_standin",
    "standin_cloud",
]
