#!/usr/bin/env python3
"""Generates every ITBench scenario folder under a root (default ../shared/itbench/groundtruth) with
`triage generate --itbench --check` and reports, per scenario and in total: generated or not, load diagnostics, the real
natural answer's score, truth-named alerts firing on their entity, alerts and changed objects the truth does not name,
seconds and bytes per incident, and the `triage suspects` baseline's top-k score (k = 1, 3, 5; suspects reads neither the
truth nor the scenario). Prints a markdown table (docs/SCORING.md keeps the last run).

    python3 Benchmarks/itbench-scenarios.py [--triage .build/release/triage] [--root DIR] [--keep OUT] [--noise real]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--triage", default=os.path.join(repo, ".build", "release", "triage"))
    ap.add_argument("--root", default=os.path.join(os.path.dirname(repo), "shared", "itbench", "groundtruth"))
    ap.add_argument("--keep", help="write the incidents here instead of a temporary folder")
    ap.add_argument("--noise", default="real", choices=["none", "real", "hard"])
    a = ap.parse_args()
    if not os.path.isdir(a.root):
        sys.exit(f"{a.root}: no ITBench scenario folders")
    folders = sorted((d for d in os.listdir(a.root) if os.path.exists(os.path.join(a.root, d, "scenario.yaml"))),
                     key=lambda s: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", s)])
    out = a.keep or tempfile.mkdtemp(prefix="triage-itbench-")
    env = dict(os.environ, TRIAGE_CACHE_DIR=os.path.join(out, ".cache"))
    rows, topk = [], {1: [], 3: [], 5: []}
    for name in folders:
        target = os.path.join(out, name)
        t0 = time.perf_counter()
        p = run([a.triage, "generate", target, "--itbench", os.path.join(a.root, name), "--check", "--json", "--force", "--noise", a.noise], env=env)
        secs = time.perf_counter() - t0
        if p.returncode not in (0, 1):
            rows.append((name, "no", p.stderr.strip().splitlines()[-1][:80] if p.stderr.strip() else f"exit {p.returncode}"))
            for k in topk: topk[k].append(0.0)
            continue
        r = json.loads(p.stdout)["result"]
        c = r["conformance"]
        s = run([a.triage, "suspects", "--snapshot", target, "--json", "--limit", "5"], env=env)
        suspects = [x["entity"] for x in json.loads(s.stdout)["result"]["rows"]] if s.returncode == 0 else []
        scores = {}
        for k in topk:
            sc = run([a.triage, "score", "--snapshot", target, "--json", "-"], input=json.dumps(suspects[:k]), env=env)
            scores[k] = json.loads(sc.stdout)["result"]["score"] if sc.returncode in (0, 1) and sc.stdout.strip() else 0.0
            topk[k].append(scores[k])
        fired = c["truth_alerts"] - len(c["truth_alerts_missing"])
        rows.append((name, "yes" if c["diagnostics"] == [] and c["natural_score"] == 1 and not c["truth_alerts_missing"] else "check failed",
                     len(c["diagnostics"]), c["natural_score"], f"{fired}/{c['truth_alerts']}", len(c["other_alerts"]), len(c["changed_non_root"]),
                     f"{secs:.2f}", f"{r['bytes'] / 1048576:.1f}", scores[1], scores[3], scores[5], ", ".join(sorted(set(r["faults"])))))
    if not a.keep:
        shutil.rmtree(out, ignore_errors=True)
    print("| scenario | generated | diagnostics | natural answer | truth alerts firing | other alerts | changed non-root | seconds | MiB | suspects top-1 | top-3 | top-5 | mechanisms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(str(x) for x in r) + " |")
    ok = [r for r in rows if r[1] == "yes"]
    n = len(rows)
    secs = [float(r[7]) for r in ok]
    mib = [float(r[8]) for r in ok]
    print()
    print(f"{len(ok)}/{n} generated and checked; {sum(1 for r in ok if r[2] == 0)}/{n} with 0 diagnostics; "
          f"natural answer 1.0 on {sum(1 for r in ok if r[3] == 1)}/{n}; "
          f"every truth alert firing on {sum(1 for r in ok if r[4].split('/')[0] == r[4].split('/')[1])}/{n}; "
          f"median {sorted(secs)[len(secs) // 2]:.2f} s and {sorted(mib)[len(mib) // 2]:.1f} MiB per incident (max {max(secs):.2f} s, {max(mib):.1f} MiB)")
    print("suspects baseline, mean recall-gated score over %d scenarios: top-1 %.3f, top-3 %.3f, top-5 %.3f" %
          (n, sum(topk[1]) / n, sum(topk[3]) / n, sum(topk[5]) / n))


if __name__ == "__main__":
    main()
