"""The thin Slack edge: listeners (ids -> callbacks), Block Kit builders and texts.

Each domain package has `register(app)`, which only wires ids to plain callbacks on the app:
- help/   /some
- ohje/   /ohje, guideline answers and feedback
- uhka/   /uhka, threat reports
- kohu/   /kohu, controversy alerts
- kampanja/ /kampanja, paid campaign notices
- tili/   /tili, new account requests
- home/   App Home: commands, your open reports, open controversies
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers import help, home, kampanja, kohu, ohje, tili, uhka

DOMAINS = (help, ohje, uhka, kohu, kampanja, tili, home)


def register_all(app: AsyncApp, svc) -> None:
    """Wire every domain's listeners, and give each request the services: Bolt passes a listener
    any key of the request's context by its name, so a listener asks for `svc` like for `ack`."""

    @app.middleware
    async def services(context, next):  # noqa: A002  (Bolt's name for the argument)
        context["svc"] = svc
        return await next()

    for domain in DOMAINS:
        domain.register(app)
