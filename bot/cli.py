"""The `somevahti` command line."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from bot import __version__
from bot.errors import ConfigError


def _setup_logging(level: str) -> None:
    from bot.app import keep_payloads_out_of_logs

    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Slack's libraries log whole request and response bodies at DEBUG: threat details
    # and tokens must never reach a log, so they stay at WARNING whatever LOG_LEVEL says.
    # (The runtime applies this itself too, however the process set its logging up.)
    keep_payloads_out_of_logs()


def _load():
    from bot.config import load_settings
    from bot.directory import load_directory

    settings = load_settings()
    return settings, load_directory(settings.somevahti_directory)


def cmd_serve(args) -> int:
    from bot.server import serve

    settings, directory = _load()
    _setup_logging(settings.log_level)
    serve(settings, directory)
    return 0


def cmd_check(args) -> int:
    settings, directory = _load()
    from bot.db import Database

    Database(settings.database_url).dispose()
    mode = "Socket Mode" if settings.socket_mode else f"HTTP mode on port {settings.port}"
    print(f"Configuration OK: {mode}, directory '{settings.somevahti_directory}', "
          f"{len(directory.supervisors)} supervisor mappings, {len(directory.admins)} admins.")
    return 0


def cmd_sandbox(args) -> int:
    from bot.sandbox import run_sandbox

    return run_sandbox(script=args.script)


def cmd_ask(args) -> int:
    from knowledge.ask import run_ask

    question = " ".join(args.question) if args.question else None
    if question is None and not args.json:
        raise ConfigError("ask: give a question, e.g. somevahti ask \"saako asiattoman kommentin poistaa\" "
                          "(or --json to read questions from standard input)")
    return run_ask(question, args.json, sys.stdin, sys.stdout)


def cmd_export(args) -> int:
    from bot.export import run_export

    settings, directory = _load()
    return run_export(settings, directory, args.ref, Path(args.out))


def cmd_purge(args) -> int:
    from bot.retention import run_purge

    settings, directory = _load()
    return run_purge(settings, directory, days=args.days, dry_run=args.dry_run)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="somevahti",
        description="Somevahti: Slack bot for the City of Kokkola's social-media page updaters.",
    )
    p.add_argument("--version", action="version", version=f"somevahti {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    s = sub.add_parser("serve", help="run the bot against Slack (Socket Mode if SLACK_APP_TOKEN is set, else HTTP)")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("check", help="validate the configuration, the directory file and the database, then exit")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("sandbox", help="try the whole bot in the terminal against a local Slack stand-in")
    s.add_argument("--script", metavar="FILE", help="run the lines of FILE ('-' for stdin) and print the transcript")
    s.set_defaults(func=cmd_sandbox)

    s = sub.add_parser("ask", help="answer a question from the social-media guideline")
    s.add_argument("--json", action="store_true", help="print JSON; without a question, read one per line from stdin")
    s.add_argument("question", nargs="*", help="the question, in Finnish, Swedish or English")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("export", help="write an evidence report of a threat incident (Markdown and HTML)")
    s.add_argument("ref", help="incident id, e.g. UHKA-2026-0001")
    s.add_argument("--out", default=".", help="folder to write the report into (default: current folder)")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("purge", help="delete closed threat incidents older than the retention period")
    s.add_argument("--days", type=int, help="retention in days (default: the configured retention)")
    s.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
    s.set_defaults(func=cmd_purge)
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
