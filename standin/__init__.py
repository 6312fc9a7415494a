"""Local Slack stand-in: a fake Web API server plus a driver that talks to the app like Slack."""

from .driver import EMPTY, AppResponse, AsyncSlackDriver, ClientValidationError, SlackDriver, build_state
from .faults import KINDS as FAULT_KINDS
from .faults import Fault, Faults
from .runner import StandInServer, ThreadedServer, run_app, run_standin
from .webapi import Call, SlackStandIn
from .workspace import Bot, Channel, Team, User, Usergroup, Workspace, default_workspace

__all__ = [
    "EMPTY", "AppResponse", "AsyncSlackDriver", "ClientValidationError", "SlackDriver", "build_state",
    "FAULT_KINDS", "Bot", "Call", "Channel", "Fault", "Faults", "SlackStandIn", "StandInServer", "Team",
    "ThreadedServer", "run_app", "User", "Usergroup", "Workspace", "default_workspace", "run_standin",
]
