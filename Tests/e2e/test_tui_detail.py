"""The detail view through the real binary (headless): a log line read whole, then as stored, at 80×24."""
import subprocess

from conftest import SNAP


def test_a_log_line_reads_whole_and_as_stored_at_80x24(triage, workdir):
    keys = ["6", "d", "print", "y", "print", "esc", "print"]
    p = subprocess.run([triage, "tui", SNAP, "--headless", "--on-request", "--size", "80x24"], input="\n".join(keys) + "\n",
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    fields, stored, back = [s for s in p.stdout.split("─── print") if s.strip()]
    assert "Detail log" in fields and "ResourceAttributes.k8s.pod.name" in fields and "body" in fields
    assert all(len(line) <= 80 for line in fields.splitlines()[1:])
    assert "ResourceAttributes {'k8s." in stored and "the record as stored" in stored
    assert "│ Logs" in back and "TIME" in back


def screens(triage, keys, size="100x16", args=None):
    p = subprocess.run([triage, *(args or ["tui", SNAP]), "--headless", "--on-request", "--size", size], input="\n".join(keys) + "\n",
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return [s for s in p.stdout.split("─── print") if s.strip()]


def test_right_arrow_scrolls_a_cut_column_into_view_and_w_wraps(triage):
    fitted, scrolled, back, wrapped = screens(triage, ["3", "print", "right", "print", "left", "print", "w", "print"])
    # At 100 columns the event's object id and message are cut; → shows them, ← restores the fitted table.
    assert "k8s-objects-recorder-4k8ffwnzl7-wr4bx" not in fitted
    assert "k8s-objects-recorder-4k8ffwnzl7-wr4bx" in scrolled and "◀" in scrolled
    assert back.splitlines()[1:-1] == fitted.splitlines()[1:-1]
    # w: the message continues on the lines below its row, every word of it on screen.
    words = wrapped.split()
    assert all(w in words for w in ["Readiness", "probe", "failed:", "context", "deadline", "exceeded"]), wrapped
    assert all(len(line) <= 100 for line in wrapped.splitlines()[1:])


def test_replay_step_pane_keeps_output_lines_and_scrolls(triage, workdir):
    rec = workdir / "run.json"
    for args in (["logs", "--pattern", "connection timeout", "--limit", "30"], ["alerts", "--hide-noise"]):
        p = subprocess.run([triage, *args, "--snapshot", SNAP, "--record", str(rec)], capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr
    first, scrolled, down = screens(triage, ["print", "right", "print", "tab", "pgdn", "print"], size="120x30", args=["replay", str(rec)])
    assert "1 logs   logs limit=30 pattern=connection timeout" in first or "logs limit=30 pattern=connection timeout" in first
    # Each log line of the output is one screen line starting with its date, not wrapped into fragments.
    pane = [line.split("│", 2)[2] for line in first.splitlines()[2:-2] if line.count("│") >= 2]
    records = [line for line in pane if line.startswith("2026-03-10 ")]
    assert len(records) >= 10 and all(not line.startswith(" ") for line in pane if "ERROR" in line)
    assert "Tab scrolls the output" in first and "Tab switch" in first.splitlines()[-1]
    assert "from column" in scrolled
    assert "lines 9–35 of 35" in down and "Tab: steps" in down
