"""The sandbox's transcript is the same on every run (review issue 12 #23): notifications a report
owes are delivered in the order they are owed, so button numbers never move between runs."""

from __future__ import annotations

from bot.cli import main
from bot.sandbox import DEMO_SCRIPT


def _demo(capsys) -> str:
    code = main(["sandbox", "--script", str(DEMO_SCRIPT)])
    out = capsys.readouterr().out
    assert code == 0, out[-2000:]
    return out


def test_the_demo_transcript_is_the_same_twice(capsys):
    first, second = _demo(capsys), _demo(capsys)
    if first != second:
        import difflib

        diff = "\n".join(list(difflib.unified_diff(first.splitlines(), second.splitlines(), lineterm=""))[:40])
        raise AssertionError(f"the demo's transcript changed between runs:\n{diff}")


def test_the_home_tab_can_be_opened_in_the_sandbox(tmp_path, capsys):
    script = tmp_path / "home.txt"
    script.write_text("/home\n/as anna\n/home\n", encoding="utf-8")
    code = main(["sandbox", "--script", str(script)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.count("── Koti-välilehti") == 2, out
    assert "Koti-välilehti · Maija Meikäläinen" in out and "Koti-välilehti · Anna Admin" in out
    assert "Sinulla ei ole avoimia uhkailmoituksia." in out
