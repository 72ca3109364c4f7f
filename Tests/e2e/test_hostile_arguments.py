"""Issue 14 through the real binary: out-of-range arguments are clear errors with a usage or input exit code, never a
trap (before: an arithmetic overflow killed the CLI, and through the tool layer the MCP server), and terminal sizes
from 20x5 to 5000x5000 draw (narrow ones crashed the status line; huge ones took seconds a frame)."""
import os
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


# Issue 26: every numeric option of every command, found from the commands' own --help (a tool option states its range
# there), given 0, -1, Int64.max and a 30-digit number: never a trap; out of range is exit 2 naming the option and its
# range. Commands that do something with the value in range get a harmless context (a listing, a missing input).
TOOL_COMMANDS = ["info", "alerts", "events", "traces", "trace", "metrics", "logs", "topology", "object", "entity", "search",
                 "compare", "suspects", "files", "read-file"]
OTHER = {  # command prefix → its numeric options and their ranges (as the command's validation states them)
    ("score", "--tasks", "TASKS", "--runs", "RUNS"): {"--repeats": (1, 1000), "--fail-under": (0, 1)},
    ("generate", "OUT", "--fault", "network-policy:frontend"): {"--minutes": (2, 1440), "--rps": (0.001, 10000), "--metric-interval": (5, 3600)},
    ("fetch", "aa", "--list"): {"--jobs": (1, 16)},
    ("practice", SNAP): {"--attempts": (1, 100)},
    ("mcp", "--snapshot", SNAP): {"--max-output": (1, 10000000), "--timeout": (0.000001, 86400)},
}
VALUES = ["0", "-1", "9223372036854775807", "123456789012345678901234567890"]


def numeric_options(triage, command):
    import re
    helptext = subprocess.run([triage, command, "--help"], capture_output=True, text=True, timeout=30).stdout
    out = {}
    for m in re.finditer(r"(--[a-z-]+) <[a-z-]+>\s+((?:.|\n\s{20,})*?)(?=\n  --|\n\n|\Z)", helptext):
        text = " ".join(m.group(2).split())
        r = re.search(r"Range: (?:from (\S+) to (\S+?)|strictly between (\S+) and (\S+?))\.", text)
        if r:
            lo, hi = (r.group(1), r.group(2)) if r.group(1) else (r.group(3), r.group(4))
            out[m.group(1)] = (float(lo), float(hi), r.group(0)[len("Range: "):-1], bool(r.group(3)))
    return out


def test_every_numeric_option_of_every_command_is_range_checked(triage, workdir):
    checked = 0
    for command in TOOL_COMMANDS:
        opts = numeric_options(triage, command)
        if "--timeout <timeout>" in subprocess.run([triage, command, "--help"], capture_output=True, text=True, timeout=30).stdout:
            opts["--timeout"] = (0, 86400, "at most 86400", True)
        for flag, (lo, hi, text, exclusive) in opts.items():
            for v in VALUES:
                extra = ["--id", "x"] if command == "trace" else ["alerts"] if command == "read-file" else ["x"] if command == "search" else []
                p = subprocess.run([triage, command, *extra, flag, v, "--snapshot", SNAP], capture_output=True, text=True, timeout=60,
                                   stdin=subprocess.DEVNULL)
                assert p.returncode in (0, 1, 2, 3, 4), (command, flag, v, p.returncode, p.stderr[-300:])
                d = float(v)
                inside = lo < d < hi if exclusive else lo <= d <= hi
                if not inside:
                    assert p.returncode == 2, (command, flag, v, p.returncode, p.stdout[-200:], p.stderr[-300:])
                    assert flag in p.stderr and (text in p.stderr or flag.lstrip("-").replace("-", "_") in p.stderr), (command, flag, v, p.stderr[-400:])
                checked += 1
    (workdir / "TASKS").mkdir()
    (workdir / "RUNS").mkdir()
    for prefix, opts in OTHER.items():
        for flag, (lo, hi) in opts.items():
            for v in VALUES:
                args = [str(workdir / a) if a in ("TASKS", "RUNS", "OUT") else a for a in prefix]
                p = subprocess.run([triage, *args, flag, v], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                                   env={**os.environ, "TRIAGE_DATA_DIR": str(workdir / "data"), "HF_ENDPOINT": "http://127.0.0.1:9"})
                assert p.returncode in (0, 1, 2, 3, 4), (prefix, flag, v, p.returncode, p.stderr[-300:])
                if not lo <= float(v) <= hi:
                    assert p.returncode == 2, (prefix, flag, v, p.returncode, p.stderr[-300:])
                    assert flag in p.stderr, (prefix, flag, v, p.stderr[-300:])
                checked += 1
    assert checked > 100
