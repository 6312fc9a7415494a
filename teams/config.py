"""What the Teams edge needs to know, handed over by the wiring (bot/ builds it from its settings)."""

from __future__ import annotations

from dataclasses import dataclass

BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"


@dataclass(frozen=True)
class TeamsConfig:
    client_id: str
    client_secret: str
    tenant_id: str
    service_url: str = "https://smba.trafficmanager.net/teams/"
    login_endpoint: str = "https://login.microsoftonline.com"
    openid_metadata_url: str = "https://login.botframework.com/v1/.well-known/openidconfiguration"
