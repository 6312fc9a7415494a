"""`somevahti sandbox --platform teams`: the demo script plays the same story in the Teams
stand-in's fictional tenant, every /expect holds, and the transcript shows each step."""

from __future__ import annotations

import pytest

pytest.importorskip("microsoft_teams.apps")

from bot.cli import main  # noqa: E402
from bot.sandbox.teams import DEMO_SCRIPT  # noqa: E402


def test_the_teams_demo_script_runs(capsys):
    assert main(["sandbox", "--platform", "teams", "--script", str(DEMO_SCRIPT)]) == 0
    out = capsys.readouterr().out
    assert "✗" not in out
    for seen in (
        "Sosiaalisen median ohje sanoo",
        "Ilmoitus UHKA-2026-0001 on tallessa",
        "kuvakaappaus.png (SHA-256",
        "Sinulla ei ole oikeutta",
        "→ Tuomas Turvallisuus (1:1)",
        "Hälytys KOHU-2026-0001 on lähetetty",
        "→ mavi-kanava (ketjussa)",
        "✅ Ratkaistu",
    ):
        assert seen in out, seen


def test_a_failing_expect_fails_the_script(tmp_path, capsys):
    script = tmp_path / "s.txt"
    script.write_text("/as erik\nhjälp\n/expect ei tällaista tekstiä\n", encoding="utf-8")
    assert main(["sandbox", "--platform", "teams", "--script", str(script)]) == 1
    assert "odotettiin tekstiä" in capsys.readouterr().out
