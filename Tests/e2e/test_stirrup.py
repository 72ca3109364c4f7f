"""One task through the real Stirrup harness (PyPI stirrup 0.2.1, Python >= 3.12) with a scripted offline client."""
import glob
import json
import os
import shutil
import subprocess

import pytest

from conftest import ROOT, SNAP, result

VENV = os.path.join(ROOT, ".build", "stirrup-venv")


def python312():
    for cand in [shutil.which("python3.13"), shutil.which("python3.12")] + sorted(glob.glob("/root/.pyenv/versions/3.1[23]*/bin/python3.1[23]")):
        if cand and subprocess.run([cand, "-c", "import sys; assert sys.version_info >= (3, 12)"], capture_output=True).returncode == 0:
            return cand
    return None


@pytest.fixture(scope="module")
def stirrup_python():
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        base = python312()
        if base is None:
            pytest.skip("Stirrup needs Python >= 3.12 and none is installed here")
        subprocess.run([base, "-m", "venv", VENV], check=True)
    ok = subprocess.run([py, "-c", "import stirrup"], capture_output=True).returncode == 0
    if not ok:
        r = subprocess.run([py, "-m", "pip", "install", "-q", "stirrup==0.2.1", "lxml_html_clean"], capture_output=True, text=True)
        if r.returncode != 0:
            pytest.skip("cannot install stirrup from PyPI: " + r.stderr[-300:])
    return py


def test_stirrup_runs_a_task_with_triage_tools(triage, workdir, stirrup_python):
    out = workdir / "stirrup-out"
    # triage on the sandbox's PATH, called by name: the sandbox refuses commands naming /tmp/, /home/, ... paths,
    # so a test that spelled out the binary's path failed in any clone under those directories.
    env = {**os.environ, "TRIAGE_CACHE_DIR": str(workdir / "cache"),
           "PATH": os.path.dirname(os.path.abspath(triage)) + os.pathsep + os.environ.get("PATH", "")}
    p = subprocess.run([stirrup_python, os.path.join(ROOT, "Tests", "e2e", "stirrup_run.py"), SNAP, str(out)],
                       capture_output=True, text=True, env=env, timeout=600, cwd=str(workdir))
    assert p.returncode == 0, p.stderr[-2000:]
    summary = json.loads(p.stdout.strip().splitlines()[-1])
    assert "frontend-block-all-ports" in summary["finish_reason"]
    outputs = "\n".join(summary["tool_outputs"])
    assert "absolute_path_detected" not in outputs, outputs[:2000]
    assert "<exit_code>0</exit_code>" in outputs and "RequestLatency" in outputs and "NetworkPolicy" in outputs
    answer = out / "answer.json"
    assert answer.exists()
    score = subprocess.run([triage, "score", "--snapshot", SNAP, str(answer), "--json"], capture_output=True, text=True, check=True)
    assert result(score.stdout)["score"] == 1.0
