"""Runtime settings from the environment and a `.env` file (see .env.example)."""

from __future__ import annotations

import difflib
import ipaddress
import os
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import ConfigError

DEFAULT_DATABASE_URL = "sqlite:///data/somevahti.db"
SLACK_REQUIRED = ("slack_bot_token", "slack_signing_secret")
TEAMS_REQUIRED = ("teams_client_id", "teams_client_secret", "teams_tenant_id")


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Slack is on when its two settings are set, Teams when its three are; at least one must be.
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    database_url: str = DEFAULT_DATABASE_URL
    somevahti_directory: Path = Path("directory.yaml")
    port: int = Field(default=3000, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Closed threat incidents are purged after this many days (data minimisation).
    somevahti_retention_days: int = Field(default=365, ge=1, le=3650)
    # Microsoft Teams (the bot's Entra app registration; see .env.example).
    teams_client_id: str | None = None
    teams_client_secret: SecretStr | None = None
    teams_tenant_id: str | None = None
    teams_service_url: str = "https://smba.trafficmanager.net/teams/"
    teams_login_endpoint: str = "https://login.microsoftonline.com"
    teams_openid_metadata_url: str = "https://login.botframework.com/v1/.well-known/openidconfiguration"

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, v: SecretStr | None) -> SecretStr | None:
        if v is not None and not v.get_secret_value().startswith("xoxb-"):
            raise ValueError("must be a bot token starting with 'xoxb-'")
        return v

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, v: SecretStr | None) -> SecretStr | None:
        if v is not None and not v.get_secret_value():
            return None
        if v is not None and not v.get_secret_value().startswith("xapp-"):
            raise ValueError("must be an app-level token starting with 'xapp-' (or leave it unset for HTTP mode)")
        return v

    @field_validator("slack_signing_secret")
    @classmethod
    def _secret(cls, v: SecretStr | None) -> SecretStr | None:
        if v is not None and not v.get_secret_value().strip():
            raise ValueError("must not be empty")
        return v

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, v: str) -> str:
        if not v.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL such as https://slack.com/api/")
        return v if v.endswith("/") else v + "/"

    @field_validator("database_url")
    @classmethod
    def _db_url(cls, v: str) -> str:
        if not v.startswith(("sqlite:", "postgresql")):
            raise ValueError("must be sqlite:///path/to/file.db or postgresql+psycopg://user:pass@host/db")
        if v.startswith("postgresql://") or v.startswith("postgres://"):
            v = "postgresql+psycopg://" + v.split("://", 1)[1]
        return v

    @field_validator("teams_client_id", "teams_tenant_id", "teams_client_secret", mode="before")
    @classmethod
    def _blank_is_unset(cls, v):
        return None if isinstance(v, str) and not v.strip() else v

    @field_validator("teams_service_url", "teams_login_endpoint", "teams_openid_metadata_url")
    @classmethod
    def _teams_url(cls, v: str) -> str:
        # The bot token and inbound JWT keys travel over these: plain http only to this machine (the stand-in).
        parts = urlsplit(v)
        if not (parts.scheme == "https" or (parts.scheme == "http" and _loopback(parts.hostname or ""))):
            raise ValueError("must be an https URL (http:// only on a loopback address, for the local stand-in)")
        return v

    @field_validator("teams_service_url")
    @classmethod
    def _service_url_slash(cls, v: str) -> str:
        return v if v.endswith("/") else v + "/"

    @model_validator(mode="after")
    def _platforms(self) -> Settings:
        configured, missing = [], []
        for names in (SLACK_REQUIRED, TEAMS_REQUIRED):
            if any(getattr(self, n) is not None for n in names):
                configured.append(names)
                missing += [n.upper() for n in names if getattr(self, n) is None]
        if missing:
            raise ValueError(
                "; ".join(f"{n} is not set" for n in missing)
                + " (a platform needs all of its settings; see .env.example)"
            )
        if not configured:
            raise ValueError(
                "no chat platform is configured: for Slack SLACK_BOT_TOKEN is not set and "
                "SLACK_SIGNING_SECRET is not set; for Teams set TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET "
                "and TEAMS_TENANT_ID (see .env.example)"
            )
        if self.slack_app_token is not None and TEAMS_REQUIRED in configured:
            raise ValueError(
                "SLACK_APP_TOKEN (Slack's Socket Mode) cannot be combined with Teams, which needs the "
                "HTTP server: unset SLACK_APP_TOKEN and let Slack use POST /slack/events"
            )
        return self

    def secret(self, name: str) -> str:
        """The value of a secret setting (e.g. "slack_bot_token"), for a platform that is configured."""
        value = getattr(self, name)
        if value is None:
            raise ConfigError(f"{name.upper()} is not set")
        return value.get_secret_value()

    @property
    def slack_enabled(self) -> bool:
        return self.slack_bot_token is not None

    @property
    def teams_enabled(self) -> bool:
        return self.teams_client_id is not None

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None


# Set by the test suite, not a setting of the bot.
_NOT_SETTINGS = frozenset({"SOMEVAHTI_TEST_POSTGRES"})
# The unedited values of .env.example: a check flags them.
PLACEHOLDERS = frozenset({"xoxb-your-bot-token", "your-signing-secret"})


def known_setting_names() -> list[str]:
    return sorted(name.upper() for name in Settings.model_fields)


def unknown_setting_warnings(env_file: str | Path | None = ".env", environ=None) -> list[str]:
    """One line per SOMEVAHTI_* / SLACK_* name in the environment or .env that is not a setting
    (e.g. a typo like SOMEVAHTI_RETENTON_DAYS), with the closest real name when there is one."""
    environ = os.environ if environ is None else environ
    found: dict[str, str] = {}
    if env_file is not None and Path(env_file).is_file():
        from dotenv import dotenv_values

        try:
            for key in dotenv_values(env_file, encoding="utf-8"):
                found.setdefault(key.upper(), f"in {env_file}")
        except (OSError, UnicodeDecodeError):
            pass
    for key in environ:
        found.setdefault(key.upper(), "in the environment")
    known = known_setting_names()
    lines = []
    for key, where in sorted(found.items()):
        if not key.startswith(("SOMEVAHTI_", "SLACK_")) or key in known or key in _NOT_SETTINGS:
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
        hint = f"; did you mean {close[0]}?" if close else " (ignored; see .env.example for the settings)"
        lines.append(f"unknown setting {key} ({where}){hint}")
    return lines


_HINTS = {
    "missing": "is not set; put it in the environment or in .env (see .env.example)",
}


def load_settings(**overrides) -> Settings:
    """Read settings, turning pydantic's errors into one plain ConfigError naming each setting."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            why = _HINTS.get(err["type"], err["msg"].removeprefix("Value error, "))
            # Whole-settings checks (which platform is configured) name their settings themselves.
            lines.append(f"{str(err['loc'][0]).upper()} {why}" if err["loc"] else why)
        raise ConfigError("Invalid configuration:\n  " + "\n  ".join(lines)) from None
