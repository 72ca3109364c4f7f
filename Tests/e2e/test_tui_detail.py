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
