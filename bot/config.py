"""Runtime settings from the environment and a `.env` file (see .env.example)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import ConfigError

DEFAULT_DATABASE_URL = "sqlite:///data/somevahti.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    slack_bot_token: SecretStr
    slack_signing_secret: SecretStr
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    database_url: str = DEFAULT_DATABASE_URL
    somevahti_directory: Path = Path("directory.yaml")
    port: int = Field(default=3000, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Closed threat incidents are purged after this many days (data minimisation).
    somevahti_retention_days: int = Field(default=365, ge=1, le=3650)

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, v: SecretStr) -> SecretStr:
        if not v.get_secret_value().startswith("xoxb-"):
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
    def _secret(cls, v: SecretStr) -> SecretStr:
        if not v.get_secret_value().strip():
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
            name = str(err["loc"][0]).upper() if err["loc"] else "settings"
            why = _HINTS.get(err["type"], err["msg"].removeprefix("Value error, "))
            lines.append(f"{name} {why}")
        raise ConfigError("Invalid configuration:\n  " + "\n  ".join(lines)) from None
