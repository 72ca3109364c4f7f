"""A scripted investigation through the shell tools, as an agent in a Stirrup-like harness would run it."""
import json
import os
import subprocess

from conftest import SNAP, result


def sh(triage, *args, check=True):
    p = subprocess.run([triage, *args], capture_output=True, text=True, cwd=SNAP)
    if check:
        assert p.returncode == 0, p.stderr + p.stdout
    return p


def test_scripted_investigation_ends_in_a_correct_submission(triage, workdir):
    record = workdir / "session.json"
    env_record = ["--record", str(record)]
    info = sh(triage, "info").stdout
    assert "incident-02" in info
    alerts = sh(triage, "alerts", "--hide-noise", *env_record).stdout
    assert "frontend-proxy" in alerts and "RequestLatency" in alerts
    rollup = sh(triage, "traces", "--rollup", *env_record).stdout
    assert "frontend-proxy" in rollup
    logs = sh(triage, "logs", "--entity", "svc/frontend-proxy", "--level", "error", "--limit", "5", *env_record).stdout
    assert "connection timeout" in logs
    topo = sh(triage, "topology", "svc/frontend", *env_record).stdout
    assert "applies-to" in topo or "NetworkPolicy" in topo or "calls" in topo
    changed = sh(triage, "object", "--changed", *env_record).stdout
    assert "otel-demo/NetworkPolicy/frontend-block-all-ports" in changed
    manifest = sh(triage, "object", "netpol/frontend-block-all-ports", *env_record).stdout
    assert "policyTypes" in manifest
    ent = result(sh(triage, "entity", "netpol/frontend-block-all-ports", "--json").stdout)
    assert ent["summary"]["entity"] == "otel-demo/NetworkPolicy/frontend-block-all-ports"
    answer = workdir / "answer.json"
    sub = sh(triage, "submit", "otel-demo/NetworkPolicy/frontend-block-all-ports", "--out", str(answer), *env_record).stdout
    assert "no score" in sub
    score = result(sh(triage, "score", "--snapshot", ".", str(answer), "--json").stdout)
    assert score["score"] == 1.0
    # The recording replays the same calls in order and ends with the submission.
    steps = json.loads(record.read_text())["steps"]
    assert [s["tool_calls"][0]["function_name"] for s in steps] == ["alerts", "traces", "logs", "topology", "object", "object", "submit_root_causes"]


def test_errors_and_caps_are_explicit(triage, workdir):
    bad = sh(triage, "alerts", "--entity", "svc/frontnd", check=False)
    assert bad.returncode == 2 and "did you mean" in bad.stderr and not bad.stdout   # errors on stderr only
    bad_json = json.loads(sh(triage, "logs", "--pattern", "(x", "--json", check=False).stderr)
    assert bad_json["ok"] is False
    assert bad_json["error"]["code"] == "bad_regex" and "position" in bad_json["error"]["message"]
    big = sh(triage, "logs", "--limit", "1000", "--max-output", "2000").stdout
    assert len(big) <= 2100 and "output truncated" in big
    paged = sh(triage, "events", "--limit", "2").stdout
    assert "more row(s)" in paged and "--limit/--offset" in paged
    helptext = sh(triage, "logs", "--help").stdout
    assert "Examples:" in helptext and "--pattern" in helptext
