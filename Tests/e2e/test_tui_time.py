"""Moving in time through the real binary (headless): the Logs histogram and :goto, and a series plot's axes and
marks, at 120×40 and 80×24."""
import re
import subprocess

from conftest import SNAP


def run(triage, keys, size):
    p = subprocess.run([triage, "tui", SNAP, "--headless", "--on-request", "--size", size], input="\n".join(keys) + "\n",
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return [s for s in p.stdout.split("─── print") if s.strip()]


def test_logs_histogram_and_goto(triage, workdir):
    for size in ("120x40", "80x24"):
        first, moved = run(triage, ["6", "print", ":", "type goto 09:10", "enter", "print"], size)
        lines = first.splitlines()
        records = next(l for l in lines if "records" in l)
        assert re.search("[▁▂▃▄▅▆▇█]", records), first
        assert any("errors" in l for l in lines) and any("▲" in l for l in lines)
        assert all(len(l) <= int(size.split("x")[0]) for l in lines[1:])
        # The cursor lands on the first record at or after 09:10; the axis marker and the status say where.
        assert "09:10" in next(l for l in moved.splitlines() if "▲" in l), moved
        assert re.search(r"record [\d,]+ of [\d,]+ at \d{4}-\d\d-\d\d 09:10", moved), moved


def test_series_plot_has_axes_and_marks(triage, workdir):
    (screen,) = run(triage, ["5", "enter", "print"], "120x40")
    assert "┤" in screen and "└─" in screen, screen
    assert re.search(r"\d\d:\d\d:\d\d\s+\d\d:\d\d:\d\d\s+\d\d:\d\d:\d\d", screen)   # start, middle, end
    assert "┊" in screen and "incident start" in screen
