"""The `somevahti` command line."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from bot import __version__
from bot.errors import ConfigError


def setup_logging(level: str) -> None:
    from bot.app import keep_payloads_out_of_logs

    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(level)  # also where the host (or pytest) already added a handler
    # Slack's libraries, the HTTP clients and uvicorn log whole request and response bodies below
    # WARNING: threat details and tokens must never reach a log, so none of their loggers (nor any
    # Bolt creates later, copying the root's level) emits below WARNING whatever LOG_LEVEL says.
    # (The app applies this itself too, however the process set its logging up.)
    keep_payloads_out_of_logs()


def _warn_unknown_settings() -> None:
    from bot.config import unknown_setting_warnings

    for line in unknown_setting_warnings():
        print(f"somevahti: warning: {line}", file=sys.stderr)


def _load_settings():
    from bot.config import load_settings

    settings = load_settings()
    _warn_unknown_settings()
    return settings


MEMORY_DB = (
    "DATABASE_URL: an in-memory SQLite database (sqlite:///:memory:) loses every report when the "
    "process stops; use a file such as sqlite:///data/somevahti.db or PostgreSQL"
)


def _refuse_memory_db(settings) -> None:
    from bot.db import is_memory_url

    if is_memory_url(settings.database_url):
        raise ConfigError(MEMORY_DB)


def _load():
    from bot.directory import load_directory

    settings = _load_settings()
    return settings, load_directory(settings.somevahti_directory)


def cmd_serve(args) -> int:
    from bot.server import serve

    settings, directory = _load()
    _refuse_memory_db(settings)
    setup_logging(settings.log_level)
    serve(settings, directory)
    return 0


def _slack_client(settings, timeout: int = 5):
    from slack_sdk import WebClient

    return WebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[],
    )


def _auth_test(settings) -> tuple[dict | None, str | None]:
    """(auth.test's answer, None) or (None, one line saying what is wrong)."""
    from slack_sdk.errors import SlackApiError

    from bot.app import SLACK_AUTH_FAILED

    try:
        return dict(_slack_client(settings).auth_test().data), None
    except SlackApiError as exc:
        error = str(exc.response.get("error") or "error")
        if error in SLACK_AUTH_FAILED:
            return None, f"SLACK_BOT_TOKEN: Slack rejected the bot token (auth.test: {error})"
        return None, (
            f"SLACK_API_URL: Slack could not answer auth.test just now ({error}, HTTP {exc.response.status_code}); "
            "the token was not checked, try again in a minute"
        )
    except Exception as exc:  # noqa: BLE001  (network: one line, not a traceback)
        return None, f"SLACK_API_URL: cannot reach Slack at {settings.slack_api_url}: {type(exc).__name__}: {exc}"


def _teams_token(settings) -> str | None:
    """None when the Teams token endpoint accepts the bot's client credentials, else one line."""
    import asyncio

    from bot.server import teams_config
    from teams.token import ClientCredentials, TokenError

    try:
        asyncio.run(ClientCredentials(teams_config(settings), timeout=5)())
    except TokenError as exc:
        return f"TEAMS_CLIENT_SECRET / TEAMS_TENANT_ID: no token for the bot ({exc})"
    return None


def _check_problems(settings, directory) -> tuple[list[str], list[str]]:
    """(problems, notes) of `somevahti check`. Reads only: nothing is created or migrated."""
    from bot.config import PLACEHOLDERS
    from bot.db import is_memory_url, migration_status
    from bot.directory import directory_problems, slack_problems

    problems: list[str] = directory_problems(directory)
    notes: list[str] = []
    if settings.slack_enabled:
        if settings.slack_bot_token.get_secret_value() in PLACEHOLDERS:
            problems.append("SLACK_BOT_TOKEN is the placeholder from .env.example; put the app's xoxb- token there")
        if settings.slack_signing_secret.get_secret_value() in PLACEHOLDERS:
            problems.append(
                "SLACK_SIGNING_SECRET is the placeholder from .env.example; put the app's signing "
                "secret there (Basic Information)"
            )
        auth, why = _auth_test(settings)
        if why or auth is None:
            problems.append(why or "SLACK_BOT_TOKEN: auth.test gave no answer")
            notes.append("Slack ids in the directory were not checked (no working connection to Slack).")
        else:
            notes.append(f"Slack: connected to {auth.get('team')} as {auth.get('user')} ({auth.get('user_id')}).")
            problems += slack_problems(directory, _slack_client(settings), auth.get("user_id"))
    if settings.teams_enabled:
        why = _teams_token(settings)
        if why:
            problems.append(why)
        else:
            notes.append(f"Teams: the bot's client credentials are accepted for tenant {settings.teams_tenant_id}.")

    if is_memory_url(settings.database_url):
        problems.append(MEMORY_DB)
    else:
        try:
            state, pending = migration_status(settings.database_url)
        except ConfigError as exc:
            problems.append(str(exc))
        else:
            if state == "missing":
                notes.append(
                    "Database: the SQLite file does not exist yet; it will be created at start-up, "
                    f"with {len(pending)} migrations applied."
                )
            elif pending:
                notes.append(
                    f"Database: reachable; {len(pending)} migration(s) pending, applied at start-up: "
                    + ", ".join(pending)
                )
            else:
                notes.append("Database: reachable, schema up to date.")
    return problems, notes


def cmd_check(args) -> int:
    settings, directory = _load()
    problems, notes = _check_problems(settings, directory)
    for line in notes:
        print(line)
    if problems:
        for line in problems:
            print(f"somevahti: error: {line}", file=sys.stderr)
        print(f"somevahti: {len(problems)} problem(s) found; fix them and run somevahti check again.", file=sys.stderr)
        return 2
    mode = "Socket Mode" if settings.socket_mode else f"HTTP mode on port {settings.port}"
    print(
        f"Configuration OK: {mode}, directory '{settings.somevahti_directory}', "
        f"{len(directory.supervisors)} supervisor mappings, {len(directory.admins)} admins."
    )
    return 0


def cmd_health(args) -> int:
    """For the Docker HEALTHCHECK: the process answers GET /healthz on PORT with 200. It does in
    both modes (Socket Mode serves /healthz beside the socket); 503 says why (Slack refused the
    token, the socket is not connected, the database is unavailable)."""
    import urllib.error
    import urllib.request

    settings = _load_settings()
    url = f"http://127.0.0.1:{settings.port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=args.timeout) as resp:  # noqa: S310 (a fixed local http URL)
            print(f"healthy: {url} answered {resp.status} {resp.read(500).decode(errors='replace')}")
            return 0
    except urllib.error.HTTPError as exc:
        print(f"unhealthy: {url} answered {exc.code} {exc.read(500).decode(errors='replace')}", file=sys.stderr)
        return 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"unhealthy: {url}: {getattr(exc, 'reason', exc)}", file=sys.stderr)
        return 1


def cmd_sandbox(args) -> int:
    from bot.sandbox import run_sandbox

    return run_sandbox(script=args.script, platform=args.platform)


LEARNING = ("review", "teach", "aliases")


def cmd_ask_learning(args) -> int:
    """`ask review`, `ask teach "<question>" <passage id>`, `ask aliases --export/--import FILE.yaml`."""
    from bot import ohje_cli
    from bot.db import Database
    from escalation.clock import Clock

    verb, rest = args.question[0], args.question[1:]
    if verb == "teach" and len(rest) < 2:
        raise ConfigError(
            "ask teach: give the question and the passage id, e.g. "
            'somevahti ask teach "saanko poistaa kommentin" turvallisesti-somessa-3'
        )
    settings = _load_settings()
    _refuse_memory_db(settings)
    db = Database(settings.database_url)
    try:
        if verb == "review":
            return ohje_cli.run_review(db)
        if verb == "teach":
            return ohje_cli.run_teach(db, Clock().now(), " ".join(rest[:-1]), rest[-1])
        return ohje_cli.run_aliases(db, Clock().now(), export=args.export, import_=args.import_)
    finally:
        db.dispose()


def cmd_ask(args) -> int:
    from knowledge.ask import run_ask

    if args.question and args.question[0] in LEARNING:
        return cmd_ask_learning(args)
    question = " ".join(args.question) if args.question else None
    if question is None and not args.json:
        raise ConfigError(
            'ask: give a question, e.g. somevahti ask "saako asiattoman kommentin poistaa" '
            "(or --json to read questions from standard input)"
        )
    return run_ask(question, args.json, sys.stdin, sys.stdout)


def cmd_export(args) -> int:
    from bot.export import run_export

    settings, directory = _load()
    _refuse_memory_db(settings)
    return run_export(settings, directory, args.ref, Path(args.out), force=args.force)


def cmd_purge(args) -> int:
    from bot.retention import run_purge

    settings, directory = _load()
    _refuse_memory_db(settings)
    return run_purge(settings, directory, days=args.days, dry_run=args.dry_run, delete_messages=args.delete_messages)


def cmd_stats(args) -> int:
    from datetime import UTC, datetime

    from bot.weekly import run_stats

    settings, directory = _load()
    _refuse_memory_db(settings)
    try:
        since = datetime.fromisoformat(args.since).replace(tzinfo=directory.tz)
    except ValueError:
        raise ConfigError(f"stats: --since {args.since!r} is not a date like 2026-01-01") from None
    return run_stats(settings.database_url, since.astimezone(UTC), datetime.now(UTC), args.csv)


def cmd_teams_package(args) -> int:
    import os

    from teams.manifest.package import PackageError, build

    try:
        out = build(os.environ.get("TEAMS_CLIENT_ID", "").strip(), Path(args.out))
    except PackageError as exc:
        raise ConfigError(str(exc)) from None
    print(
        f"wrote {out}: upload it in the Teams admin center (Manage apps → Upload) or Teams (Apps → Manage "
        "your apps → Upload an app)"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="somevahti",
        description="Somevahti: Slack bot for the City of Kokkola's social-media page updaters.",
    )
    p.add_argument("--version", action="version", version=f"somevahti {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    s = sub.add_parser("serve", help="run the bot against Slack (Socket Mode if SLACK_APP_TOKEN is set, else HTTP)")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser(
        "check",
        help="validate the settings, the directory's Slack ids (asks Slack) and the "
        "database (read-only: reports pending migrations, changes nothing), then exit",
    )
    s.set_defaults(func=cmd_check)

    s = sub.add_parser(
        "health",
        help="exit 0 if the bot answers GET /healthz on PORT with 200: database, Slack "
        "token and (Socket Mode) socket all fine (Docker HEALTHCHECK)",
    )
    s.add_argument("--timeout", type=float, default=4.0, help="seconds to wait for an answer (default 4)")
    s.set_defaults(func=cmd_health)

    s = sub.add_parser("sandbox", help="try the whole bot in the terminal against a local Slack stand-in")
    s.add_argument("--script", metavar="FILE", help="run the lines of FILE ('-' for stdin) and print the transcript")
    s.add_argument(
        "--platform",
        choices=("slack", "teams"),
        default="slack",
        help="the chat platform to play (teams: the Teams stand-in's fictional tenant)",
    )
    s.set_defaults(func=cmd_sandbox)

    s = sub.add_parser("ask", help="answer a question from the social-media guideline")
    s.add_argument("--json", action="store_true", help="print JSON; without a question, read one per line from stdin")
    s.add_argument(
        "question",
        nargs="*",
        help="the question, in Finnish, Swedish or English; or: review (the "
        'questions kept for review), teach "<question>" <passage id>, '
        "aliases --export/--import FILE.yaml",
    )
    s.add_argument("--export", metavar="FILE.yaml", help="with 'aliases': write the shipped and taught aliases")
    s.add_argument("--import", dest="import_", metavar="FILE.yaml", help="with 'aliases': store a file's aliases")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("export", help="write an evidence report of a threat incident (Markdown and HTML)")
    s.add_argument("ref", help="incident id, e.g. UHKA-2026-0001")
    s.add_argument(
        "--out",
        default=".",
        help="folder to write the report into (default: current folder); symbolic links are refused",
    )
    s.add_argument(
        "--force",
        action="store_true",
        help="replace an existing report file (it is removed first; links are never followed)",
    )
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("teams-package", help="build the Teams app package (zip) with TEAMS_CLIENT_ID filled in")
    s.add_argument("--out", required=True, metavar="FILE.zip", help="where to write the zip")
    s.set_defaults(func=cmd_teams_package)

    s = sub.add_parser("purge", help="delete closed threat incidents older than the retention period")
    s.add_argument("--days", type=int, help="retention in days (default: the configured retention)")
    s.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
    s.add_argument(
        "--delete-messages",
        action="store_true",
        help="also delete the bot's own Slack messages about the purged reports (chat.delete)",
    )
    s.set_defaults(func=cmd_purge)

    s = sub.add_parser("stats", help="the weekly picture's figures per week (threat reports as counts only)")
    s.add_argument("--since", required=True, help="first day, e.g. 2026-01-01 (the directory's time zone)")
    s.add_argument("--csv", action="store_true", help="print CSV")
    s.set_defaults(func=cmd_stats)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"somevahti: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
