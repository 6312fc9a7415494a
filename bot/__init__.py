"""Somevahti: wiring of configuration, storage, the Slack app and the CLI."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("somevahti")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0+local"
