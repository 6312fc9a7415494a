"""The Teams app package: `somevahti teams-package --out FILE.zip` with the client id filled in,
the manifest's required parts, fi/sv localisation, icons of the sizes Teams wants."""

from __future__ import annotations

import json
import struct
import zipfile

from bot.cli import main

CLIENT_ID = "8d6f2c3a-5b1e-4c7d-9a0f-3e2b1c4d5e6f"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_the_package_is_built_with_the_client_id(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TEAMS_CLIENT_ID", CLIENT_ID.upper())
    out = tmp_path / "somevahti-teams.zip"
    assert main(["teams-package", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        assert sorted(z.namelist()) == ["color.png", "fi.json", "manifest.json", "outline.png", "sv.json"]
        m = json.loads(z.read("manifest.json"))
        assert (png_size(z.read("color.png")), png_size(z.read("outline.png"))) == ((192, 192), (32, 32))
        fi, sv = json.loads(z.read("fi.json")), json.loads(z.read("sv.json"))
    assert float(m["manifestVersion"]) >= 1.19 and m["id"] == CLIENT_ID
    [bot] = m["bots"]
    assert bot["botId"] == CLIENT_ID and bot["scopes"] == ["personal", "team"] and bot["supportsFiles"] is True
    assert [c["title"] for c in bot["commandLists"][0]["commands"]] == ["ohje", "uhka", "kohu"]
    assert m["composeExtensions"][0]["commands"][0]["id"] == "uhka_from_message"
    assert m["localizationInfo"]["additionalLanguages"] == [{"languageTag": "sv-se", "file": "sv.json"}]
    assert m["localizationInfo"]["defaultLanguageFile"] == "fi.json"
    assert set(fi) == set(sv) and sv["name.short"] == "Somevahti"
    assert "{{" not in json.dumps(m)


def test_without_a_client_id_one_line_error(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TEAMS_CLIENT_ID", raising=False)
    assert main(["teams-package", "--out", str(tmp_path / "x.zip")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "TEAMS_CLIENT_ID is not set" in err
    assert not (tmp_path / "x.zip").exists()
