"""Issue 14: a 100 MB trajectory replays in bounded time and memory (before: over 2 minutes and 425 MB, the whole JSON
tree in memory and every one of its 23,000 commands re-run)."""
import json
import os
import subprocess
import sys

from conftest import ROOT, SNAP, result

def _bench():
    """The generator of Benchmarks/trajectory-bench.py (one writer of big trajectories for the test and the benchmark)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("trajectory_bench", os.path.join(ROOT, "Benchmarks", "trajectory-bench.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write_codex(path, megabytes):
    return _bench().write_codex(path, megabytes)


def run_measured(cmd, timeout):
    """Runs cmd in a fresh Python process, so RUSAGE_CHILDREN is this command's peak RSS alone."""
    probe = ("import json, resource, subprocess, sys, time; t = time.time(); "
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(json.dumps({'rc': p.returncode, 'out': p.stdout, 'err': p.stderr[-2000:], 'seconds': time.time() - t, "
             "'rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))")
    p = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, timeout=timeout)
    return json.loads(p.stdout)


def test_a_100mb_trajectory_replays_in_bounded_time_and_memory(triage, workdir):
    path = workdir / "big.jsonl"
    calls = write_codex(path, 100)
    assert os.path.getsize(path) > 100 << 20
    r = run_measured([triage, "replay", str(path), "--snapshot", SNAP, "--summary", "--json"], timeout=300)
    assert r["rc"] == 0, r["err"]
    s = result(r["out"])
    assert s["format"] == "Codex exec --json" and s["tool_calls"] and len(s["tool_calls"]) == calls
    assert s["final_answer"] == ["otel-demo/NetworkPolicy/frontend-block-all-ports"] and s["score"] == 1.0
    assert s["reruns"]["same"] + len(s["reruns"]["differs_at_steps"]) + s["reruns"]["not_checked"] == calls
    assert s["ending"] == "finished"
    print(f"100 MB replay summary: {r['seconds']:.1f} s, peak {r['rss_mb']:.0f} MB")
    assert r["seconds"] < 90, r["seconds"]
    assert r["rss_mb"] < 250, r["rss_mb"]   # the file is 100 MB; its outputs stay in it until shown
    # The TUI follows the last command (the step before the final message) without reading every output into memory.
    keys = "G\nk\nenter\nprint\nq\n"
    p = subprocess.run([triage, "replay", str(path), "--snapshot", SNAP, "--headless", "--on-request", "--size", "120x30"],
                       input=keys, capture_output=True, text=True, timeout=180)
    assert p.returncode == 0, p.stderr
    assert f"step {calls} looked here" in p.stdout, p.stdout[-2000:]
