"""Errors that stop start-up with a plain message (CLI exit code 2, no traceback)."""


class ConfigError(Exception):
    """A setting or the directory file is missing or invalid; the message says how to fix it."""
