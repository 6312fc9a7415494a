"""Build the Teams app package (the zip an admin uploads): manifest.json with the bot's client id
filled in, fi.json and sv.json, color.png and outline.png."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from teams.manifest.icons import color_icon, outline_icon

HERE = Path(__file__).resolve().parent
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
PLACEHOLDER = "{{TEAMS_CLIENT_ID}}"


class PackageError(ValueError):
    """One line for the operator."""


def manifest(client_id: str) -> dict:
    if not client_id:
        raise PackageError(
            "TEAMS_CLIENT_ID is not set: give the bot's Microsoft app (client) id, "
            "e.g. TEAMS_CLIENT_ID=… somevahti teams-package --out somevahti-teams.zip"
        )
    if not GUID.match(client_id):
        raise PackageError(
            f"TEAMS_CLIENT_ID '{client_id}' is not a Microsoft app id (a GUID like "
            "8d6f2c3a-5b1e-4c7d-9a0f-3e2b1c4d5e6f)"
        )
    return json.loads((HERE / "manifest.json").read_text(encoding="utf-8").replace(PLACEHOLDER, client_id.lower()))


def build(client_id: str, out: Path) -> Path:
    """Write the package to `out` (a .zip); returns its path."""
    data = manifest(client_id)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(data, ensure_ascii=False, indent=2))
        for name in ("fi.json", "sv.json"):
            z.writestr(name, (HERE / name).read_text(encoding="utf-8"))
        for name, make in (("color.png", color_icon), ("outline.png", outline_icon)):
            icon = HERE / name
            z.writestr(name, icon.read_bytes() if icon.exists() else make())
    return out
