#!/usr/bin/env python3
"""Batch benchmark: scoring 10,000 agent trajectories against 59 tasks in one `triage score --tasks --runs` process.

    bash scripts/build-release.sh --product triage && python3 Benchmarks/batch-bench.py [--trajectories 10030] [--runs 3]

Tasks: 59 folders, each with a ground truth cycled from the shipped incidents and (when present) the real ITBench
ground truths in ../shared. Runs: one run set with 170 repeats per task, each repeat a trajectory file (half ATIF
documents, half Codex `exec --json` streams, 24 tool calls with ~300-byte outputs each, ending in a submitted answer
that is right, over-submits or misses). Every file is read through the one trajectory reader, its final answer
found, and scored. Prints wall time (median of --runs), peak RSS and the headline, as a Markdown table.
"""
import argparse
import glob
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRIAGE = os.path.join(ROOT, ".build", "release", "triage")
OUTPUT = " ".join(f"otel-demo/Pod/cart-{i % 7}-x{i % 13} 12ms ERROR" for i in range(20))


def truths():
    out = sorted(glob.glob(os.path.join(ROOT, "Snapshots", "*", "ground_truth.yaml")))
    out += sorted(glob.glob(os.path.join(ROOT, "..", "shared", "itbench", "groundtruth", "*", "groundtruth_v1.yaml")))
    return out


def answer(i, r):
    return [["otel-demo/ConfigMap/flagd-config"], ["otel-demo/Deployment/checkout", "otel-demo/Service/frontend"],
            ["otel-demo/NetworkPolicy/frontend-block-all-ports"], ["chaos-mesh/NetworkChaos/x", "otel-demo/Service/cart"]][(i + r) % 4]


def atif(path, ans):
    steps = [{"step_id": k, "source": "agent", "message": f"looking at step {k}",
              "tool_calls": [{"tool_call_id": f"c{k}", "function_name": "logs", "arguments": {"service": "cart", "limit": k}}],
              "observation": {"results": [{"source_call_id": f"c{k}", "content": OUTPUT}]}} for k in range(1, 25)]
    steps.append({"step_id": 25, "source": "agent", "message": "done",
                  "tool_calls": [{"tool_call_id": "fin", "function_name": "submit_root_causes", "arguments": {"root_causes": ans}}]})
    with open(path, "w") as f:
        json.dump({"schema_version": "ATIF-v1.6", "session_id": "b", "agent": {"name": "bench", "version": "1"}, "steps": steps}, f)


def codex(path, ans):
    with open(path, "w") as f:
        f.write(json.dumps({"type": "thread.started", "thread_id": "t"}) + "\n")
        for k in range(1, 25):
            f.write(json.dumps({"type": "item.completed", "item": {"id": f"i{k}", "type": "command_execution",
                                                                    "command": f"triage logs --service cart --limit {k}",
                                                                    "aggregated_output": OUTPUT, "exit_code": 0}}) + "\n")
            f.write(json.dumps({"type": "turn.completed", "usage": {"input_tokens": 1000, "output_tokens": 20}}) + "\n")
        f.write(json.dumps({"type": "item.completed", "item": {"id": "last", "type": "agent_message", "text": json.dumps({"root_causes": ans})}}) + "\n")


def build(dirname, trajectories):
    gts = truths()
    per_task = -(-trajectories // 59)
    tasks, runs = os.path.join(dirname, "tasks"), os.path.join(dirname, "runs", "model-a")
    size = 0
    for i in range(1, 60):
        t = os.path.join(tasks, f"task-{i}")
        os.makedirs(t)
        shutil.copy(gts[(i - 1) % len(gts)], os.path.join(t, "ground_truth.yaml"))
        for r in range(1, per_task + 1):
            d = os.path.join(runs, f"task-{i}", str(r))
            os.makedirs(d)
            p = os.path.join(d, "trajectory.json" if r % 2 else "rollout.jsonl")
            (atif if r % 2 else codex)(p, answer(i, r))
            size += os.path.getsize(p)
    return tasks, runs, 59 * per_task, size


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trajectories", type=int, default=10_030)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tasks, runs, n, size = build(d, a.trajectories)
        cmd = [TRIAGE, "score", "--tasks", tasks, "--runs", runs, "--format", "json"]
        times, out = [], None
        for _ in range(a.runs):
            t0 = time.monotonic()
            p = subprocess.run(cmd, capture_output=True, text=True)
            times.append(time.monotonic() - t0)
            if p.returncode not in (0, 1):
                sys.exit(f"triage score failed ({p.returncode}): {p.stderr[:2000]}")
            out = p
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        report = json.loads(out.stdout)
        result = report.get("result", report)
        cat0 = time.monotonic()
        subprocess.run(f"find {runs} -type f -exec cat {{}} + > /dev/null", shell=True, check=True)
        cat = time.monotonic() - cat0
        print(f"| trajectories | bytes | `cat` all (floor) | `triage score --tasks --runs` | peak RSS | runs scored |")
        print(f"|---:|---:|---:|---:|---:|---:|")
        scored = sum(t.get("repeats", 0) for t in result.get("per_task", [])) if isinstance(result, dict) else "?"
        print(f"| {n:,} | {size / 1e6:.0f} MB | {cat:.2f} s | {statistics.median(times):.2f} s | {peak:.0f} MB | {scored} |")
        print(json.dumps({k: v for k, v in result.items() if k not in ("per_task", "runs")}, indent=1)[:1500] if isinstance(result, dict) else "")


if __name__ == "__main__":
    main()
