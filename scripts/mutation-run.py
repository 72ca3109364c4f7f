#!/usr/bin/env python3
"""Mutation run: damages one file of a shipped snapshot at a time in a scratch copy and runs the real binary on it,
counting crashes (death by a signal) and hangs (no answer within the time limit). Deterministic per seed.

    python3 scripts/mutation-run.py [--binary .build/release/triage] [--snapshot Snapshots/incident-02]
                                    [--runs 3000] [--seed 1] [--timeout 20] [--report out.json]

Each run picks a file and a mutation (flipped, zeroed or NUL bytes; cut short; a line doubled or dropped; unbalanced
quotes; out-of-range timestamps and numbers; deep nesting; invalid UTF-8; an empty file; a huge line), writes it, and
runs `info --json` plus one query through the index cache (so the cache is built, read and invalidated too). Exits
1 when any run crashed or hung, and prints `N passed, N failed` (a run passes when it neither crashed nor hung; a clean
error exit is a pass: refusing bad input is the point).

Silent acceptance is measured too. One mutation in five is a typed-cell mutation: one cell that has a type (a
timestamp, a duration, a span or trace id, a metric value, an attribute or tags dict, an event's JSON body, an alert's
activeAt) gets a value that cannot be read as that type, and the file is otherwise unchanged. Such a run fails unless
`info --json` lists a diagnostic naming the file at the line of the damaged record (or the command refused the
snapshot). For the byte-level mutations the share that drew a diagnostic naming the file is reported (many of them
land in free text, where accepting them is right).
"""
import csv
import io
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

QUERIES = [
    ["alerts", "--hide-noise"], ["events", "--type", "Warning"], ["traces", "--rollup"], ["logs", "--level", "error", "--limit", "5"],
    ["metrics", "--top", "--limit", "5"], ["topology", "svc/frontend"], ["object", "--changed"], ["entity", "svc/frontend"],
    ["search", "error"], ["files"], ["read-file", "k8s_events_raw.tsv", "--lines", "3"],
]


csv.field_size_limit(sys.maxsize)
# Typed columns per file kind, and values that cannot be read as that type.
BAD_TIME = ["2026-02-30 09:00:04.000000000", "9999-12-31 23:59:59.000000000", "0001-01-01 00:00:00", "yesterday", "2026-03-10 25:61:00"]
BAD = {
    "Timestamp": BAD_TIME, "timestamp": BAD_TIME,
    "TraceId": ["xyz", "f54f703d049358add06a7bc45784ce7", "ZZZZ703d049358add06a7bc45784ce73"],
    "SpanId": ["xyz", "a870178", "g870178g870178gg"],
    "Duration": ["-5", "abc", "1e999", "99999999999999999999999"],
    "value": ["abc", "1e999", "--3", "1.2.3"],
    "tags": ["{'a': ", "[" * 5000, "{'a' 'b'}"],
    "ResourceAttributes": ["{'k8s.pod.name': ", "{'a' 'b'}"],
    "SpanAttributes": ["{'http.status_code': ", "{'a' 'b'}"],
}
BODY_JSON = ["{\"object\": {\"kind\": ", "not json at all"]


def typed_mutation(path: str, data: bytes, rng: random.Random):
    """One typed cell of a TSV or alert file damaged; returns (bytes, description, line of the damaged record) or None."""
    if path.endswith(".json"):
        try:
            alerts = json.loads(data)
        except ValueError:
            return None
        if not isinstance(alerts, list) or not alerts:
            return None
        i = rng.randrange(len(alerts))
        alerts[i]["activeAt"] = rng.choice(["2026-02-30T09:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "soon"])
        text = json.dumps(alerts, indent=4)
        line = text.count("\n", 0, text.find('"activeAt": "' + alerts[i]["activeAt"])) + 1
        return text.encode(), "activeAt", line
    if not path.endswith(".tsv"):
        return None
    rows, starts, prev = [], [], 0
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter="\t", quotechar='"')
    for row in reader:
        rows.append(row)
        starts.append(prev + 1)
        prev = reader.line_num
    if len(rows) < 2:
        return None
    header = rows[0]
    cols = [c for c in header if c in BAD]
    if os.path.basename(path).startswith("k8s_events") or os.path.basename(path).startswith("k8s_objects"):
        cols = ["Timestamp", "Body"]
    r = rng.randrange(1, len(rows))
    col = rng.choice(cols)
    j = header.index(col)
    if j >= len(rows[r]):
        return None
    rows[r][j] = rng.choice(BODY_JSON if col == "Body" else BAD[col])
    out = io.StringIO(newline="")
    csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\n").writerows(rows)
    return out.getvalue().encode(), col, starts[r]


def mutate(data: bytes, rng: random.Random) -> (bytes, str):
    n = len(data)
    kind = rng.choice(["flip", "zero", "nul", "cut", "dup-line", "drop-line", "quote", "year", "number", "nest", "utf8", "empty", "huge-line", "tabs"])
    b = bytearray(data)
    if n == 0 or kind == "empty":
        return b"", "empty"
    at = rng.randrange(n)
    if kind == "flip":
        for _ in range(rng.randint(1, 16)):
            i = rng.randrange(n)
            b[i] ^= 1 << rng.randrange(8)
    elif kind == "zero":
        for i in range(at, min(n, at + rng.choice([1, 64, 4096]))):
            b[i] = 0
    elif kind == "nul":
        b[at:at] = b"\x00" * rng.randint(1, 8)
    elif kind == "cut":
        del b[at:]
    elif kind in ("dup-line", "drop-line"):
        s = data.rfind(b"\n", 0, at) + 1
        e = data.find(b"\n", at)
        e = n if e < 0 else e + 1
        line = data[s:e]
        b = bytearray(data[:s] + (line + line if kind == "dup-line" else b"") + data[e:])
    elif kind == "quote":
        b[at:at] = b'"'
    elif kind == "year":
        i = data.find(b"2026-03-10", at)
        if i >= 0:
            b[i:i + 10] = rng.choice([b"9999-12-31", b"0001-01-01", b"2026-02-30", b"2026-13-45"])
    elif kind == "number":
        b[at:at] = rng.choice([b"99999999999999999999999", b"-1e308", b"NaN", b"1e999", b"-0"])
    elif kind == "nest":
        b[at:at] = b"[" * rng.choice([1000, 100000]) + b"{'a': " * 200
    elif kind == "utf8":
        b[at:at] = rng.choice([b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"])
    elif kind == "huge-line":
        b[at:at] = b"x" * (4 << 20)
    elif kind == "tabs":
        b[at:at] = b"\t" * rng.randint(1, 50)
    return bytes(b), kind


def main():
    ap = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--binary", default=os.path.join(root, ".build", "release", "triage"))
    ap.add_argument("--snapshot", default=os.path.join(root, "Snapshots", "incident-02"))
    ap.add_argument("--runs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--report")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="triage-mutation-")
    snap = os.path.join(work, "snap")
    shutil.copytree(a.snapshot, snap)
    if os.path.exists(os.path.join(snap, "ground_truth.yaml")):
        os.remove(os.path.join(snap, "ground_truth.yaml"))
    files = sorted(os.path.relpath(os.path.join(d, f), snap) for d, _, fs in os.walk(snap) for f in fs)
    env = {**os.environ, "TRIAGE_CACHE_DIR": os.path.join(work, "cache")}
    crashes, hangs, by_kind, outcomes = [], [], {}, {"ok": 0, "error": 0}
    silent, typed_runs, detected = [], 0, {}
    started = time.time()
    for run in range(a.runs):
        rel = rng.choice(files)
        path = os.path.join(snap, rel)
        pristine = open(path, "rb").read()
        typed = typed_mutation(rel, pristine, rng) if rng.random() < 0.2 else None
        if typed:
            data, column, line = typed
            kind = "typed"
        else:
            data, kind = mutate(pristine, rng)
        with open(path, "wb") as f:
            f.write(data)
        by_kind[kind] = by_kind.get(kind, 0) + 1
        for cmd in (["info", "--json"], rng.choice(QUERIES)):
            argv = [a.binary, *cmd, "--snapshot", snap] if cmd[0] != "info" else [a.binary, "info", snap, "--json"]
            try:
                p = subprocess.run(argv, capture_output=True, env=env, timeout=a.timeout, stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                hangs.append({"run": run, "file": rel, "mutation": kind, "command": cmd})
                continue
            if cmd[0] == "info" and 0 <= p.returncode < 128:
                named, diags = p.returncode != 0, []
                if p.returncode == 0:
                    try:
                        doc = json.loads(p.stdout)
                        diags = (doc.get("result") or doc).get("diagnostics", [])   # the envelope of docs/INTERFACE.md
                    except ValueError:
                        diags = []
                    named = [d for d in diags if d.get("file") == rel]
                    if typed:
                        named = [d for d in named if d.get("line") == line]
                if typed:
                    typed_runs += 1
                    if not named:
                        silent.append({"run": run, "file": rel, "column": column, "line": line,
                                       "diagnostics": [d for d in diags if d.get("file") == rel][:3]})
                elif kind in ("nul", "quote", "number", "year", "utf8", "flip", "zero", "tabs"):
                    seen = detected.setdefault(kind, [0, 0])
                    seen[0] += 1 if named else 0
                    seen[1] += 1
            if p.returncode < 0 or p.returncode >= 128:
                crashes.append({"run": run, "file": rel, "mutation": kind, "command": cmd, "rc": p.returncode,
                                "stderr": p.stderr.decode("utf-8", "replace")[-600:]})
            else:
                outcomes["ok" if p.returncode == 0 else "error"] += 1
        with open(path, "wb") as f:
            f.write(pristine)
        if (run + 1) % 250 == 0:
            print(f"{run + 1} runs, {len(crashes)} crashes, {len(hangs)} hangs, {time.time() - started:.0f} s", file=sys.stderr)
    report = {"runs": a.runs, "seed": a.seed, "seconds": round(time.time() - started, 1), "crashes": crashes, "hangs": hangs,
              "mutations": by_kind, "command_outcomes": outcomes,
              "typed_cell_runs": typed_runs, "silently_accepted": silent,
              "byte_mutations_with_a_diagnostic": {k: f"{v[0]}/{v[1]}" for k, v in sorted(detected.items())}, "binary": a.binary, "snapshot": a.snapshot}
    if a.report:
        with open(a.report, "w") as f:
            json.dump(report, f, indent=2)
    shutil.rmtree(work, ignore_errors=True)
    for c in crashes[:10]:
        print(f"CRASH run {c['run']}: {c['mutation']} in {c['file']}: {' '.join(c['command'])} rc={c['rc']}\n{c['stderr']}")
    for h in hangs[:10]:
        print(f"HANG run {h['run']}: {h['mutation']} in {h['file']}: {' '.join(h['command'])}")
    for x in silent[:10]:
        print(f"SILENT run {x['run']}: bad {x['column']} at {x['file']}:{x['line']} drew no diagnostic there: {x['diagnostics']}")
    bad = {c["run"] for c in crashes} | {h["run"] for h in hangs} | {x["run"] for x in silent}
    print(f"mutations: {a.runs} runs in {report['seconds']} s; {len(crashes)} crashes, {len(hangs)} hangs; commands ok {outcomes['ok']}, refused {outcomes['error']}")
    print(f"typed-cell mutations: {typed_runs}, silently accepted {len(silent)}; byte mutations drawing a diagnostic on the file: "
          + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(detected.items())))
    print(f"mutation: {a.runs - len(bad)} passed, {len(bad)} failed")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
