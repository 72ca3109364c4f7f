#!/usr/bin/env python3
"""Trajectory benchmark: replaying big agent trajectories with the release binary, beside the floor (`cat`) and what a
user would otherwise reach for (`jq` over the same file). Prints a Markdown table for docs/PERFORMANCE.md.

    bash scripts/build-release.sh --product triage && python3 Benchmarks/trajectory-bench.py [--runs 3] [--dir bench-data/traj]

Files (generated once into --dir): a 5.9 MB ATIF trajectory of 4,001 steps (one tool call and an 80-word output
each), a 100 MB Codex `exec --json` stream and a 100 MB ATIF document (4 KB outputs). Measured per file: `replay
--summary --json` (reading, the final answer, the score, re-running each distinct triage call within the budget) and
the TUI opening the trajectory and jumping to its last step (headless), as wall time (median of --runs) and peak RSS.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SNAP = os.path.join(ROOT, "Snapshots", "incident-02")
ANSWER = "otel-demo/NetworkPolicy/frontend-block-all-ports"
CHUNK = ("GetCartAsync called with userId=0puk6v6ev0 \\\" quoted [ ] { } , " * 70)[:4000]
WORDS = " ".join(f"word{i % 37}" for i in range(80))


def atif_step(i, output):
    return {"step_id": i, "source": "agent", "message": f"step {i}",
            "tool_calls": [{"tool_call_id": f"c{i}", "function_name": "logs", "arguments": {"service": "cart", "limit": i % 50 + 1}}],
            "observation": {"results": [{"source_call_id": f"c{i}", "content": output}]}}


def write_atif(path, steps=None, megabytes=None, output=WORDS):
    with open(path, "w") as f:
        f.write('{"schema_version": "ATIF-v1.6", "session_id": "bench", "agent": {"name": "bench", "version": "1"}, "steps": [')
        i, size = 0, 0
        while (steps and i < steps - 1) or (megabytes and size < megabytes << 20):
            i += 1
            s = json.dumps(atif_step(i, output + str(i))) + ", "
            f.write(s)
            size += len(s)
        last = {"step_id": i + 1, "source": "agent", "message": "done",
                "tool_calls": [{"tool_call_id": "fin", "function_name": "submit_root_causes", "arguments": {"root_causes": [ANSWER]}}]}
        f.write(json.dumps(last) + "]}\n")
    return i


def write_codex(path, megabytes):
    size, i = 0, 0
    with open(path, "w") as f:
        f.write(json.dumps({"type": "thread.started", "thread_id": "t"}) + "\n")
        while size < megabytes << 20:
            i += 1
            line = json.dumps({"type": "item.completed", "item": {"id": f"i{i}", "type": "command_execution",
                                                                   "command": f"triage logs --service cart --limit {i % 50 + 1}",
                                                                   "aggregated_output": CHUNK + str(i), "exit_code": 0}}) + "\n"
            line += json.dumps({"type": "turn.completed", "usage": {"input_tokens": 1000, "output_tokens": 20}}) + "\n"
            f.write(line)
            size += len(line)
        f.write(json.dumps({"type": "item.completed", "item": {"id": "last", "type": "agent_message",
                                                                "text": json.dumps({"root_causes": [ANSWER]})}}) + "\n")
        f.write(json.dumps({"type": "turn.completed", "usage": {"input_tokens": 1, "output_tokens": 1}}) + "\n")
    return i


def measured(cmd, stdin=None):
    """Wall seconds and peak RSS (MB) of cmd, in a fresh Python process so RUSAGE_CHILDREN is this command alone."""
    probe = ("import json, resource, subprocess, sys, time; t = time.time(); "
             "p = subprocess.run(sys.argv[1:], input=sys.stdin.buffer.read(), capture_output=True); "
             "print(json.dumps({'rc': p.returncode, 'seconds': time.time() - t, "
             "'rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))")
    p = subprocess.run([sys.executable, "-c", probe, *cmd], input=(stdin or "").encode(), capture_output=True)
    r = json.loads(p.stdout)
    if r["rc"] != 0:
        raise SystemExit(f"failed ({r['rc']}): {' '.join(cmd)}")
    return r["seconds"], r["rss_mb"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "triage"))
    ap.add_argument("--dir", default=os.path.join(ROOT, "bench-data", "traj"))
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    files = [("ATIF, 4,001 steps", "atif-4001.json", lambda p: write_atif(p, steps=4001)),
             ("Codex exec JSONL", "codex-100mb.jsonl", lambda p: write_codex(p, 100)),
             ("ATIF document", "atif-100mb.json", lambda p: write_atif(p, megabytes=100, output=CHUNK))]
    rows = []
    env_cache = os.path.join(a.dir, "cache")
    os.environ["TRIAGE_CACHE_DIR"] = env_cache
    for label, name, make in files:
        path = os.path.join(a.dir, name)
        if not os.path.exists(path):
            print(f"generating {name} ...", file=sys.stderr)
            make(path)
        mb = os.path.getsize(path) / (1 << 20)
        cases = [("cat > /dev/null", ["sh", "-c", f"cat '{path}' > /dev/null"], None),
                 ("jq length (parse only)", ["sh", "-c", f"jq -s length '{path}' > /dev/null" if name.endswith("jsonl") else f"jq '.steps | length' '{path}' > /dev/null"], None),
                 ("triage replay --summary --json", [a.binary, "replay", path, "--snapshot", SNAP, "--summary", "--json"], None),
                 ("triage replay TUI: open, jump to the last step", [a.binary, "replay", path, "--snapshot", SNAP, "--headless", "--on-request", "--size", "120x30"], "G\nprint\nq\n")]
        for what, cmd, keys in cases:
            runs = [measured(cmd, keys) for _ in range(a.runs)]
            secs = statistics.median(r[0] for r in runs)
            rss = max(r[1] for r in runs)
            rows.append((f"{label} ({mb:.1f} MB)", what, secs, rss))
            print(f"{label} {what}: {secs:.2f} s, {rss:.0f} MB", file=sys.stderr)
    print(f"| Trajectory | Command | Wall (median of {a.runs}) | Peak RSS |")
    print("|---|---|---:|---:|")
    for t, w, s, r in rows:
        print(f"| {t} | {w} | {s * 1000:.0f} ms | {r:.0f} MB |" if s < 1 else f"| {t} | {w} | {s:.2f} s | {r:.0f} MB |")


if __name__ == "__main__":
    main()
