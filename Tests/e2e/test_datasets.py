"""A dataset is a set of tasks: the fakes of ITBench-Lite, ITBench-AA and the ground-truth repository
(fake_datasets.py) open through one task catalog in info --list, practice, score --tasks, the tool commands, the
MCP server's --task and replay --tasks."""
import re
import json
import os
import subprocess

import pytest

import fake_datasets
from conftest import result

ANSWER_2 = "otel-demo/NetworkPolicy/frontend-block-all-ports"
LAYOUTS = {"lite": "itbench-lite", "aa": "itbench-aa", "gt": "ground-truth-repo"}


def run(triage, *args, env=None, input=None):
    return subprocess.run([triage, *args], capture_output=True, text=True, timeout=180, env=env, input=input)


@pytest.mark.parametrize("kind", ["lite", "aa", "gt"])
def test_info_list_and_score_tasks_on_every_layout(triage, workdir, kind):
    root = fake_datasets.build(kind, str(workdir / kind))
    r = result(run(triage, "info", "--list", root, "--json").stdout)
    assert r["layout"] == LAYOUTS[kind] and [t["task"] for t in r["rows"]] == ["2", "5"] and all(t["labelled"] for t in r["rows"])
    assert all(("path" in t) == (kind != "gt") for t in r["rows"])
    text = run(triage, "info", "--list", root).stdout
    assert f"{LAYOUTS[kind]}, 2 tasks" in text and ("Scenario-2" in text or "scenario_2" in text)
    # Runs named in any spelling score against the task's ground truth, wherever the layout keeps it.
    runs = workdir / "runs" / "model"
    for name, answer in [("scenario_2", [ANSWER_2]), ("Scenario-5", ["otel-demo/Service/frontend"])]:
        (runs / name / "1").mkdir(parents=True)
        (runs / name / "1" / "answer.json").write_text(json.dumps({"root_causes": answer}))
    s = run(triage, "score", "--tasks", root, "--runs", str(runs), "--format", "json")
    assert s.returncode == 0, s.stderr
    rep = result(s.stdout)
    per = {t["task"]: t["mean"] for t in rep["per_task"]}
    assert rep["tasks"] == 2 and sorted(per.values()) == [0, 1] and not rep["problems"]
    truths = [t["file"] for t in rep["truths"]]
    if kind == "aa":
        assert [f.rsplit("/", 1)[-1] for f in truths] == ["data.jsonl:1", "data.jsonl:2"], truths
    assert rep["run_sets"][0]["headline"] == 0.5, rep   # task 2 right, task 5 wrong


@pytest.mark.parametrize("kind", ["lite", "aa"])
def test_practice_and_tools_open_a_task_of_a_dataset(triage, workdir, kind):
    root = fake_datasets.build(kind, str(workdir / kind))
    env = dict(os.environ, TRIAGE_DATA_DIR=str(workdir / "data"))
    p = run(triage, "practice", root, "--task", "2", "--headless", "--on-request", env=env,
            input="\n".join([":", f"type add {ANSWER_2}", "enter", "S", "print"]) + "\n")
    assert p.returncode == 0, p.stderr
    assert "THE ANSWER" in p.stdout and "score 1.00" in p.stdout
    assert p.stdout.strip().splitlines()[-1].startswith("Scenario-2: score 1.00")
    # A random task of the dataset, then none left.
    p = run(triage, "practice", root, "--headless", "--on-request", "--seed", "3", env=env, input="print\n")
    assert p.returncode == 0 and "Scenario-5" in p.stdout.strip().splitlines()[-1], p.stdout[-300:]
    # Tool commands take --task; a dataset without one is refused with its task list.
    ok = run(triage, "alerts", "--snapshot", root, "--task", "scenario_2", "--json")
    assert ok.returncode == 0 and result(ok.stdout)["total"] > 0
    no = run(triage, "alerts", "--snapshot", root)
    assert no.returncode == 3 and "choose one with --task" in no.stderr and "Scenario-2, Scenario-5" in no.stderr
    bad = run(triage, "alerts", "--snapshot", root, "--task", "9")
    assert bad.returncode == 3 and "no task '9'" in bad.stderr


def test_replay_finds_the_trajectory_task_in_a_dataset(triage, workdir):
    root = fake_datasets.build("aa", str(workdir / "aa"))
    run_dir = workdir / "runs" / "Scenario-2" / "1"
    run_dir.mkdir(parents=True)
    traj = run_dir / "trajectory.json"
    traj.write_text(json.dumps({"schema_version": "ATIF-v1.7", "agent": {"name": "a", "version": "1"}, "steps": [
        {"step_id": 1, "source": "agent", "message": "done", "tool_calls": [
            {"tool_call_id": "c1", "function_name": "submit_root_causes", "arguments": {"root_causes": [ANSWER_2]}}]}]}))
    r = run(triage, "replay", str(traj), "--tasks", root, "--summary", "--json")
    assert r.returncode == 0, r.stderr
    s = result(r.stdout)
    assert s["score"]["score"] == 1.0 if isinstance(s.get("score"), dict) else s.get("score") == 1.0, s
    wrong = run(triage, "replay", str(traj), "--tasks", root, "--task", "5", "--summary", "--json")
    assert wrong.returncode == 0
    w = result(wrong.stdout)
    assert (w["score"]["score"] if isinstance(w.get("score"), dict) else w.get("score")) == 0.0


def test_mcp_server_serves_a_task_of_a_dataset(triage, workdir):
    import asyncio
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client
    root = fake_datasets.build("aa", str(workdir / "aa"))

    async def go():
        params = StdioServerParameters(command=triage, args=["mcp", "--snapshot", root, "--task", "Scenario-5"],
                                       env={**os.environ, "TRIAGE_CACHE_DIR": str(workdir / "cache")})
        async with stdio_client(params) as (r, w):
            async with ClientSession(r, w) as s:
                await s.initialize()
                info = await s.call_tool("info", {})
                files = await s.call_tool("files", {})
                return info, files
    info, files = asyncio.run(go())
    text = "\n".join(c.text for c in info.content if getattr(c, "text", None))
    assert "Scenario-5" in text and not info.is_error
    listing = "\n".join(c.text for c in files.content if getattr(c, "text", None))
    assert "data.jsonl" not in listing and "ground_truth" not in listing   # the answer stays out of reach


def test_tui_opens_a_dataset_and_its_picker_switches_task_with_its_truth(triage, workdir):
    root = fake_datasets.build("aa", str(workdir / "aa"))
    keys = ["print", ":", "type open", "enter", "print", "j", "enter", ":", "type add otel-demo/Deployment/checkout", "enter", "S", "print"]
    p = run(triage, "tui", root, "--headless", "--on-request", "--size", "120x30", input="\n".join(keys) + "\n")
    assert p.returncode == 0, p.stderr
    first, picker, scored = [s for s in p.stdout.split("─── print") if s.strip()]
    assert "│ Scenario-2 │" in first
    assert re.search(r"Scenario-5 +labelled", picker), picker      # columns are as wide as their content
    # The picked task is scored against the ground truth embedded in data.jsonl.
    assert "│ Scenario-5 │" in scored and "score 1.00" in scored, scored
