"""Issue 14 through the real binary: out-of-range arguments are clear errors with a usage or input exit code, never a
trap (before: an arithmetic overflow killed the CLI, and through the tool layer the MCP server), and terminal sizes
from 20x5 to 5000x5000 draw (narrow ones crashed the status line; huge ones took seconds a frame)."""
import subprocess
import time

import pytest

from conftest import SNAP

BAD = [
    ["logs", "--since", "9999-12-31T00:00:00"], ["logs", "--since", "0001-01-01"], ["logs", "--since", "-99999999999999m"],
    ["logs", "--until", "1e308s"], ["logs", "--limit", "99999999999999999999"], ["logs", "--limit", "1e308"],
    ["logs", "--limit", "-3"], ["read-file", "k8s_events_raw.tsv", "--line", "99999999999999999999"],
    ["logs", "--max-output", "1e308"], ["logs", "--max-output", "99999999999999999999"],
    ["traces", "--min-duration-ms", "nan"], ["traces", "--min-duration-ms", "-5"], ["traces", "--min-duration-ms", "1e308"],
    ["logs", "--timeout", "nan"], ["logs", "--timeout", "1e308"], ["logs", "--timeout", "-1"],
]


@pytest.mark.parametrize("args", BAD, ids=[" ".join(a) for a in BAD])
def test_out_of_range_arguments_are_clear_errors(triage, workdir, args):
    p = subprocess.run([triage, *args, "--snapshot", SNAP], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert p.returncode in (2, 64), (p.returncode, p.stderr[-300:])
    assert "rror" in p.stdout + p.stderr, p.stdout + p.stderr


@pytest.mark.parametrize("size", ["20x5", "10x3", "1x1", "5000x5000"])
def test_any_screen_size_draws(triage, workdir, size):
    t0 = time.time()
    p = subprocess.run([triage, "tui", SNAP, "--headless", "--size", size, "--on-request"], input="print\ntab\nj\nenter\nprint\n:\ntype time 9999-01-01 0001-01-01\nenter\nprint\nq\n",
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr[-300:]
    frames = [f for f in p.stdout.split("─── print") if f.strip()]
    assert len(frames) == 3, p.stdout[:300]
    w = min(int(size.split("x")[0]), 1000)
    assert f"│ {w}x" in frames[0] or w < 20
    assert "cannot read '9999-01-01'" in frames[2] or w < 60
    assert time.time() - t0 < 30
