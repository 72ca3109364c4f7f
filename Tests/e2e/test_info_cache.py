"""`triage info` reads the saved index like every other command (issue 28): the diagnostics come back from it
unchanged, --reindex indexes afresh, and a changed file invalidates it."""
import json
import os
import shutil
import subprocess

from conftest import SNAP, result


def info(triage, snap, *args):
    p = subprocess.run([triage, "info", snap, *args], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_info_reads_the_saved_index_with_its_diagnostics(triage, workdir):
    snap = str(workdir / "snap")
    shutil.copytree(SNAP, snap)
    with open(os.path.join(snap, "otel_logs_raw.tsv"), "a") as f:
        f.write('2026-03-10 09:01:00.000000000\tnot a timestamp\t"unterminated\n')
    first = info(triage, snap)
    assert "indexed in" in first.splitlines()[0]
    second = info(triage, snap)
    assert "saved index read in" in second.splitlines()[0]
    a, b = result(info(triage, snap, "--json", "--reindex")), result(info(triage, snap, "--json"))
    assert a["diagnostics"] and a["diagnostics"] == b["diagnostics"]
    assert {k: v for k, v in a.items() if k != "load_seconds"} == {k: v for k, v in b.items() if k != "load_seconds"}
    assert "indexed in" in info(triage, snap, "--reindex").splitlines()[0]
    # A file that changes makes the saved index stale: the next call indexes the files again.
    with open(os.path.join(snap, "otel_logs_raw.tsv"), "a") as f:
        f.write("\n")
    assert "indexed in" in info(triage, snap).splitlines()[0]
