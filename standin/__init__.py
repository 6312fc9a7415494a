"""Local Slack stand-in: a fake Web API server plus a driver that talks to the app like Slack."""

from .driver import EMPTY, AppResponse, AsyncSlackDriver, ClientValidationError, SlackDriver, build_state
from .faults import KINDS as FAULT_KINDS
from .faults import Fault, Faults
from .remote import RemoteStandIn
from .runner import StandInServer, ThreadedServer, run_app, run_standin
from .webapi import Call, SlackStandIn
from .workspace import Bot, Channel, Team, User, Usergroup, Workspace, default_workspace

__all__ = [
    "EMPTY",
    "FAULT_KINDS",
    "AppResponse",
    "AsyncSlackDriver",
    "Bot",
    "Call",
    "Channel",
    "ClientValidationError",
    "Fault",
    "Faults",
    "RemoteStandIn",
    "SlackDriver",
    "SlackStandIn",
    "StandInServer",
    "Team",
    "ThreadedServer",
    "User",
    "Usergroup",
    "Workspace",
    "build_state",
    "default_workspace",
    "run_app",
    "run_standin",
]
