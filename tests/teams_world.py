"""A Teams-only directory for the stand-in's fictional tenant (standin.teams.tenant.default_tenant):
people by their Entra object ids, the mavi team and its alerts channel. No Slack ids at all."""

from __future__ import annotations

from bot.directory import Directory
from standin.teams.tenant import default_tenant

TENANT = default_tenant()
AAD = {p.key: p.aad_object_id for p in TENANT.people}
MAVI_TEAM = next(t for t in TENANT.teams if t.key == "mavi")
MAVI_CHANNEL = MAVI_TEAM.channels[0].id  # "Hälytykset"


def teams_directory(**overrides) -> Directory:
    data = {
        "people": {p.key: {"teams": p.aad_object_id, "name": p.name} for p in TENANT.people},
        "admins": ["mavi1"],
        "roles": {
            "safety_chief": "turva",
            "comms_manager": "mavi2",
            "mavi_channel": {"teams": MAVI_CHANNEL},
            "mavi_team": MAVI_TEAM.id,
        },
        "supervisors": {"maija": "esimies", "erik": "eiappia"},
        "policies": {
            "threat": [{"notify": ["supervisor"], "ack_within": "30m"}, {"notify": ["admins"], "ack_within": "1h"}],
            "controversy": [{"notify": ["mavi_channel"], "ack_within": "15m"}, {"notify": ["comms_manager"]}],
        },
        **overrides,
    }
    return Directory.model_validate(data)
