#!/usr/bin/env python3
"""Agent tool calls from the saved index, against a cached `alerts` call, measured round-robin.

    python3 Benchmarks/calls-bench.py SNAPSHOT [ROUNDS] > calls.json

Each round runs every call once, in the same order, so a slow spell of a shared machine hits every call alike (a
benchmark tool that runs one command's repeats back to back lets that drift into the ratios). Whole process, from
start to output; the median of the rounds per call. Prints JSON: {"rounds": N, "calls": [{"name", "median", "min"}]}.
"""
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRIAGE = os.path.join(ROOT, ".build", "release", "triage")
CALLS = ["alerts", "info", "entity svc/cart", "logs --entity svc/cart --level error", "traces", "traces --entity svc/cart",
         "traces --rollup", "topology", "metrics --top", "object otel-demo/Deployment/cart", "search cart", "compare",
         "suspects", "logs --patterns"]


def main():
    snap, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15
    env = dict(os.environ, TRIAGE_SNAPSHOT=snap)
    for c in CALLS:  # warm-up: the saved index is current and the files are in the page cache
        subprocess.run([TRIAGE] + c.split(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times = {c: [] for c in CALLS}
    for _ in range(rounds):
        for c in CALLS:
            t = time.perf_counter()
            subprocess.run([TRIAGE] + c.split(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[c].append(time.perf_counter() - t)
    print(json.dumps({"rounds": rounds, "calls": [{"name": f"triage {c}", "median": statistics.median(v), "min": min(v)}
                                                  for c, v in times.items()]}))


if __name__ == "__main__":
    main()
