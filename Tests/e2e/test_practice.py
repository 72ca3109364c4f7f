"""Practice sessions and ground-truth saves through the real binary."""
import json
import os
import random
import signal
import subprocess
import time

from conftest import ROOT, SNAP, result


def practice(triage, env, script, *args):
    p = subprocess.run([triage, "practice", *args, "--headless", "--on-request"], input="\n".join(script) + "\n",
                       capture_output=True, text=True, timeout=120, env=env)
    assert p.returncode == 0, p.stderr
    return p


def test_practice_session_is_recorded_replayed_scored_and_listed(triage, workdir):
    env = dict(os.environ, TRIAGE_DATA_DIR=str(workdir / "data"))
    p = practice(triage, env, [
        "print", ":", "type add svc/frontend-proxy", "enter", "S", "print",
        ":", "type add netpol/frontend-block-all-ports", "enter", "S", "print",
    ], SNAP, "--attempts", "2")
    screens = [s for s in p.stdout.split("─── print") if s.strip()]
    assert "Practice incident-02" in screens[0] and "⏱ 00:0" in screens[0]
    assert "attempt 1 of 2" in screens[1] and "THE ANSWER" not in screens[1] and "✘ FP" not in screens[1]
    reveal = screens[2]
    assert "THE ANSWER" in reveal and "★ root cause otel-demo/NetworkPolicy/" in reveal and "HOW IT PROPAGATED" in reveal
    assert "symptom on the propagation path" in reveal and "score 0.50" in reveal
    trajectory = p.stdout.strip().splitlines()[-1].split("trajectory ")[-1]
    assert trajectory.startswith(str(workdir / "data" / "practice"))

    replay = subprocess.run([triage, "replay", trajectory, "--summary", "--json"], capture_output=True, text=True, env=env)
    assert replay.returncode == 0, replay.stderr
    summary = result(replay.stdout)
    assert summary["final_answer"] == ["otel-demo/Service/frontend-proxy", "otel-demo/NetworkPolicy/frontend-block-all-ports"]
    score = subprocess.run([triage, "score", "--snapshot", SNAP, trajectory, "--json"], capture_output=True, text=True, env=env)
    assert result(score.stdout)["score"] == 0.5

    history = subprocess.run([triage, "history", "--json"], capture_output=True, text=True, env=env)
    h = result(history.stdout)
    assert h["headline"] == 0.5 and h["tasks"] == 1 and h["sessions"][0]["trajectory"] == trajectory
    assert h["per_task"] == [{"task": "incident-02", "sessions": 1, "mean_score": 0.5, "best": 0.5, "mean_seconds": h["sessions"][0]["seconds"]}]
    text = subprocess.run([triage, "history"], capture_output=True, text=True, env=env).stdout
    assert "incident-02" in text and "headline 0.500" in text and "MEAN TIME" in text


def test_random_task_choice_skips_practised_tasks(triage, workdir):
    env = dict(os.environ, TRIAGE_DATA_DIR=str(workdir / "data"))
    tasks = workdir / "tasks"
    tasks.mkdir()
    for name in ("incident-02", "incident-04"):
        os.symlink(os.path.join(ROOT, "Snapshots", name), tasks / name)
    done = set()
    for _ in range(2):
        p = practice(triage, env, [":", "type add svc/frontend", "enter", "S"], str(tasks))
        done.add(p.stdout.strip().splitlines()[-1].split(":")[0])
    assert done == {"incident-02", "incident-04"}
    again = subprocess.run([triage, "practice", str(tasks), "--headless"], input="", capture_output=True, text=True, env=env)
    assert again.returncode != 0 and "practised all 2 tasks" in again.stderr
    assert practice(triage, env, [], str(tasks), "--again").returncode == 0


def test_sigkill_during_ground_truth_saves_never_breaks_the_file(triage, workdir):
    """Kill `triage label --rewrite` at random points: the target is always the old or the new file, never broken."""
    def big(n, tag):
        lines = ["groups:"]
        for i in range(n):
            lines += [f"  - id: g{i}", "    kind: Pod", "    namespace: otel-demo", f"    name: {tag}-{i}", f"    root_cause: {'true' if i == 0 else 'false'}"]
        return "\n".join(lines) + "\n"
    src, target = workdir / "new.yaml", workdir / "ground_truth.yaml"
    src.write_text(big(8000, "new"))
    target.write_text(big(200, "old"))
    start = time.monotonic()
    subprocess.run([triage, "label", "--rewrite", str(src), "--out", str(workdir / "timing.yaml")], check=True, capture_output=True)
    full = time.monotonic() - start          # kill points spread over the whole run, most of them late (the save)
    rng = random.Random(7)
    outcomes = set()
    # The kill points follow the run's speed on a busy machine: later after a kill that beat the rename, earlier after
    # one that came after it, so the kills straddle the rename however the timing run went.
    scale = 1.0
    for i in range(30):
        p = subprocess.Popen([triage, "label", "--rewrite", str(src), "--out", str(target)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3 * full, 1.1 * full) * scale)
        p.send_signal(signal.SIGKILL)
        p.wait()
        assert target.exists(), f"run {i}: the ground truth is missing"
        check = subprocess.run([triage, "label", "--check", str(target)], capture_output=True, text=True)
        assert check.returncode == 0, f"run {i}: {check.stdout}{check.stderr}"
        outcome = "new" if "8000 groups" in check.stdout else "old"
        outcomes.add(outcome)
        scale = min(4.0, scale * 1.25) if outcome == "old" else max(0.25, scale / 1.25)
        if outcomes == {"new"}:
            target.write_text(big(200, "old"))   # keep killing saves that replace an old file
    assert outcomes == {"old", "new"}, outcomes   # kills landed both before and after the rename
