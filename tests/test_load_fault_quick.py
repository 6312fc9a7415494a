"""Integration (slow-ish, ~20 s): the reduced load-and-fault benchmark must lose and duplicate nothing.

Runs `benchmarks/load_fault.py --quick` as a subprocess: the Slack stand-in with 20 % of Web API
calls failing, the real `somevahti serve` on loopback, a bare Bolt app beside it, 20 threat reports
through the /uhka modal and one `kill -9` of the server mid-burst (see benchmarks/README.md).
Marked `slow`: deselect with `-m "not slow"`.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

@pytest.mark.slow
def test_quick_load_fault_run_loses_and_duplicates_nothing():
    try:
        run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "load_fault.py"), "--quick"],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the quick benchmark took over 60 s:\n{exc.stdout or ''}")
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    assert re.search(r"^PASS 0 lost\b", run.stdout, re.M), report
    assert re.search(r"^PASS 0 duplicated\b", run.stdout, re.M), report
    # The run really did what it claims: reports confirmed, and the server killed and restarted.
    assert re.search(r"^incidents: (\d+) confirmed, \1 stored", run.stdout, re.M), report
    assert re.search(r"^kill -9: at .* restarted on the same database", run.stdout, re.M), report
