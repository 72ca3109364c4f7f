"""Issue 13 through the real binary: replay never scores against the wrong snapshot, unreadable inputs exit non-zero,
every score names its ground-truth file and version, and batch reports both headlines."""
import json
import os
import shutil
import subprocess

import pytest

from conftest import ROOT, SNAP, result

SHARED_GT = os.path.join(os.path.dirname(ROOT), "shared", "itbench", "groundtruth")
ROOT_CAUSE = "otel-demo/NetworkPolicy/frontend-block-all-ports"


def run(triage, *args, cwd=None, input=None):
    return subprocess.run([triage, *args], capture_output=True, text=True, cwd=cwd, input=input, timeout=120)


def record_in(triage, workdir, snap_dir):
    rec = workdir / "rec" / "run.json"
    rec.parent.mkdir()
    for args in (["alerts", "--hide-noise"], ["submit", ROOT_CAUSE, "--out", str(workdir / "a.json")]):
        p = run(triage, *args, "--snapshot", str(snap_dir), "--record", str(rec))
        assert p.returncode == 0, p.stderr
    return rec


def test_replay_never_falls_back_to_another_snapshot(triage, workdir):
    snap = workdir / "inc"
    shutil.copytree(SNAP, snap)
    rec = record_in(triage, workdir, snap)
    # The recorded snapshot is found: scored against incident-02's ground truth.
    s = result(run(triage, "replay", str(rec), "--summary", "--json", cwd=ROOT).stdout)
    assert s["score"] == 1.0 and s["ending"] == "finished"
    # Moved away: run from the repository (whose shipped Snapshots/ used to be the fallback), nothing is scored.
    snap.rename(workdir / "gone")
    p = run(triage, "replay", str(rec), "--summary", "--json", cwd=ROOT)
    assert p.returncode == 0, p.stderr
    s = result(p.stdout)
    assert "score" not in s and "not at" in s["snapshot_problem"], s
    assert "not at" in p.stderr
    text = run(triage, "replay", str(rec), "--summary", cwd=ROOT).stdout
    assert "snapshot: the trajectory names snapshot" in text and "score" not in text.split("final answer")[0]
    # A relative path in the trajectory is resolved against the trajectory's own directory.
    doc = json.loads(rec.read_text())
    doc["extra"]["snapshot"] = "beside"
    rec.write_text(json.dumps(doc))
    shutil.copytree(SNAP, rec.parent / "beside")
    s = result(run(triage, "replay", str(rec), "--summary", "--json", cwd="/").stdout)
    assert s["score"] == 1.0
    # The TUI refuses to open without its snapshot.
    (rec.parent / "beside").rename(rec.parent / "elsewhere")
    p = run(triage, "replay", str(rec), "--headless", "--on-request", input="print\n", cwd=ROOT)
    assert p.returncode != 0 and "not at" in p.stderr


def test_unknown_formats_and_answerless_trajectories_exit_non_zero(triage, workdir):
    odd = workdir / "odd.json"
    odd.write_text('{"hello": 1}')
    p = run(triage, "replay", str(odd), "--summary")
    assert p.returncode != 0 and "not a trajectory in a known format" in p.stderr
    lines = [{"type": "thread.started", "thread_id": "t"},
             {"type": "item.completed", "item": {"id": "i1", "type": "command_execution",
                                                  "command": "bash -lc 'cat > agent_output.json <<EOF\n"
                                                  + json.dumps({"entities": [{"name": ROOT_CAUSE, "contributing_factor": True}]}) + "\nEOF'",
                                                  "aggregated_output": "", "exit_code": 0}},
             {"type": "turn.completed", "usage": {"input_tokens": 1, "output_tokens": 1}}]
    good = workdir / "codex.jsonl"
    good.write_text("\n".join(json.dumps(l) for l in lines) + "\n")
    p = run(triage, "score", "--snapshot", SNAP, str(good), "--json")
    assert p.returncode == 0, p.stderr
    assert result(p.stdout)["score"] == 1.0
    bad = workdir / "noanswer.jsonl"
    bad.write_text("\n".join(json.dumps(l) for l in [lines[0], lines[2]]) + "\n")
    p = run(triage, "score", "--snapshot", SNAP, str(bad))
    assert p.returncode != 0 and "with no final answer" in p.stderr, p.stdout + p.stderr
    none = workdir / "none.json"
    none.write_text(json.dumps({"entities": [{"name": ROOT_CAUSE, "contributing_factor": False}]}))
    p = run(triage, "score", "--snapshot", SNAP, str(none))
    assert p.returncode != 0 and "none marked contributing_factor true" in p.stderr


def test_every_score_names_its_ground_truth(triage, workdir):
    p = run(triage, "score", "--snapshot", SNAP, "-", input=json.dumps([ROOT_CAUSE]))
    assert p.returncode == 0 and "ground truth: " in p.stdout and "ground_truth.yaml (v1)" in p.stdout
    j = result(run(triage, "score", "--snapshot", SNAP, "-", "--json", input=json.dumps([ROOT_CAUSE])).stdout)
    assert j["truth"]["version"] == "v1" and j["truth"]["file"].endswith("ground_truth.yaml")
    # One-character file names (a Foundation path function crashed on them).
    (workdir / "g").write_text(open(os.path.join(SNAP, "ground_truth.yaml")).read())
    (workdir / "a").write_text(json.dumps([ROOT_CAUSE]))
    p = run(triage, "score", "--truth", "g", "a", cwd=str(workdir))
    assert p.returncode == 0 and p.stdout.startswith("score 1.00"), p.stderr


@pytest.mark.skipif(not os.path.isdir(SHARED_GT), reason="../shared/itbench/groundtruth is absent")
def test_batch_names_versions_reports_disagreements_and_both_headlines(triage, workdir):
    runs = workdir / "runs" / "model-a"
    (runs / "scenario_38" / "1").mkdir(parents=True)
    (runs / "scenario_38" / "1" / "answer.json").write_text(json.dumps(["otel-demo/hpa/accounting", "otel-demo/hpa/ad"]))
    v1 = run(triage, "score", "--tasks", SHARED_GT, "--runs", str(runs))
    assert v1.returncode == 0, v1.stderr
    # Every task of the folder, by the files it holds: v1 where there is a usable one, else v2 (scenarios 51, 54-57
    # and 60 have only v2; scenario 37's v2 is an empty placeholder, so its v1 is used and the note says so once).
    names = sorted(os.listdir(SHARED_GT))
    n_v1 = sum(os.path.exists(os.path.join(SHARED_GT, n, "groundtruth_v1.yaml")) for n in names)
    expected = f"ground truth v1 for {n_v1} tasks" + (f", v2 for {len(names) - n_v1} tasks" if n_v1 < len(names) else "")
    assert f"{len(names)} tasks" in v1.stdout and expected in v1.stdout and "ibm F1" in v1.stdout, v1.stdout[:300]
    if "scenario_37" in names:
        assert v1.stdout.count("groundtruth.yaml is an empty v2 placeholder") == 1
    assert "task scenario_38" in v1.stdout and "disagree on the root causes" in v1.stdout
    v2 = result(run(triage, "score", "--tasks", SHARED_GT, "--runs", str(runs), "--truth-version", "v2", "--format", "json").stdout)
    assert v2["truth_version"] == "v2" and {t["version"] for t in v2["truths"]} == {"v2"}
    if "scenario_37" in names:   # asking for v2 where v2 is a placeholder is a problem that says so, never a 0
        assert any("scenario_37" in p and "empty placeholder" in p for p in v2["problems"]), v2["problems"]
    assert all(t["file"].endswith("/groundtruth.yaml") for t in v2["truths"])
    assert "ibm_f1" in v2["run_sets"][0]
    check = run(triage, "label", "--check", os.path.join(SHARED_GT, "scenario_1", "groundtruth_v1.yaml"))
    assert check.returncode == 0 and "⚠" in check.stderr and "disagree on the root causes" in check.stderr   # warnings go to stderr
