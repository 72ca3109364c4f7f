"""Replay: a run recorded through the agent backend replays with identical outputs, and the views follow the agent."""
import json
import subprocess

from conftest import SNAP, result


def sh(triage, *args, input=None):
    p = subprocess.run([triage, *args], capture_output=True, text=True, input=input, timeout=120)
    assert p.returncode == 0, p.stderr + p.stdout
    return p.stdout


def record(triage, workdir):
    rec = workdir / "run.json"
    base = ["--snapshot", SNAP, "--record", str(rec)]
    sh(triage, "alerts", "--hide-noise", *base)
    sh(triage, "logs", "--pattern", "connection timeout", "--limit", "3", *base)
    sh(triage, "traces", "--errors-only", "--limit", "1", *base)
    tid = result(sh(triage, "traces", "--errors-only", "--limit", "1", "--json", "--snapshot", SNAP))["rows"][0]["trace_id"]
    sh(triage, "trace", tid, *base)
    sh(triage, "entity", "netpol/frontend-block-all-ports", *base)
    sh(triage, "submit", "otel-demo/NetworkPolicy/frontend-block-all-ports", "--out", str(workdir / "a.json"), *base)
    return rec, tid


def test_recorded_run_replays_identically_and_scores(triage, workdir):
    rec, _ = record(triage, workdir)
    s = result(sh(triage, "replay", str(rec), "--summary", "--json"))
    assert s["format"] == "ATIF" and s["steps"] == 6 and len(s["tool_calls"]) == 6
    assert s["reruns"]["differs_at_steps"] == [] and s["reruns"]["same"] == 5
    assert s["score"] == 1.0 and s["final_answer"] == ["otel-demo/NetworkPolicy/frontend-block-all-ports"]
    assert s["first_evidence"]["frontend-block-all-ports"] == 5


def test_headless_replay_follows_the_agent(triage, workdir):
    rec, tid = record(triage, workdir)
    out = sh(triage, "replay", str(rec), "--headless", "--size", "120x30", "--on-request",
             input="print\nj\nenter\nprint\nR\nj\nj\nenter\nprint\nR\nj\nenter\nprint\n")
    screens = [s for s in out.split("─── print") if s.strip()]
    assert "Replay" in screens[0] and "✔ re-run now: same output" in screens[0]
    assert "│ Logs" in screens[1].splitlines()[0] and "connection timeout" in screens[1]
    assert "Trace " in screens[2].splitlines()[0] and "WATERFALL" in screens[2]
    assert "Entity otel-demo/NetworkPolicy/frontend-block-all-ports" in screens[3]
