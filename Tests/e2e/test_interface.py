"""Issue 15: the interface contract of docs/INTERFACE.md, through the real binary: every command's --json on every
shipped snapshot validates against schemas/, errors go to stderr with the documented exit codes, inputs can be streams,
and the command line and the MCP schemas name the same options."""
import csv
import io
import json
import os
import subprocess
import sys

import jsonschema
import pytest

from conftest import ROOT, SNAP, result

SCHEMAS = os.path.join(ROOT, "schemas")
SNAPS = sorted(os.path.join(ROOT, "Snapshots", d) for d in os.listdir(os.path.join(ROOT, "Snapshots")) if d.startswith("incident-"))


def run(triage, *args, input=None, cwd=None):
    return subprocess.run([triage, *args], capture_output=True, text=True, input=input, cwd=cwd, timeout=120)


def validator(command):
    schema = json.load(open(os.path.join(SCHEMAS, f"{command}.schema.json")))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def check(command, text):
    errors = list(validator(command).iter_errors(json.loads(text)))
    assert not errors, f"{command}: " + "; ".join(f"{list(e.absolute_path)}: {e.message[:200]}" for e in errors[:3])


def test_the_schemas_are_generated_from_one_definition():
    p = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen-schemas.py"), "--check"], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def calls(triage, snap):
    """Every tool command in each of its shapes, with arguments taken from the snapshot itself."""
    base = [["alerts"], ["alerts", "--hide-noise"], ["events", "--type", "Warning"], ["traces"], ["traces", "--rollup"],
            ["traces", "--errors-only", "--sort", "errors"], ["trace", "--entity", "svc/frontend"], ["metrics", "--top"],
            ["metrics", "--entity", "svc/frontend"], ["metrics", "--entity", "svc/frontend", "--quantile", "0.95", "--metric",
                                                      "traces_span_metrics_duration_milliseconds"],
            ["logs"], ["logs", "--level", "warn"], ["topology", "svc/frontend"], ["topology", "svc/frontend", "--direction", "upstream"],
            ["topology", "svc/frontend-proxy", "--to", "svc/cart"], ["object", "--changed"], ["object", "--kind", "Service"],
            ["entity", "svc/frontend"], ["search", "error"], ["files"], ["read-file", "k8s_events_raw.tsv", "--lines", "3"],
            ["alerts", "--group-by", "entity"], ["events", "--group-by", "reason"], ["events", "--group-by", "kind", "--type", "Warning"],
            ["logs", "--patterns"], ["logs", "--patterns", "--level", "error"], ["compare"], ["compare", "--entity", "svc/frontend", "--window", "5m"], ["suspects"]]
    traces = result(run(triage, "traces", "--limit", "1", "--json", "--snapshot", snap).stdout)["rows"]
    if traces:
        base.append(["trace", traces[0]["trace_id"]])
    top = result(run(triage, "metrics", "--top", "--limit", "1", "--json", "--snapshot", snap).stdout)["rows"]
    if top:
        base.append(["metrics", "--series", top[0]["id"]])
    changed = result(run(triage, "object", "--changed", "--json", "--snapshot", snap).stdout)["rows"]
    if changed:
        e = changed[0]["entity"]
        base += [["object", e], ["object", e, "--changes"], ["entity", e]]
    return base


@pytest.mark.parametrize("snap", SNAPS, ids=[os.path.basename(s) for s in SNAPS])
def test_every_command_validates_on_every_shipped_snapshot(triage, workdir, snap):
    for args in calls(triage, snap):
        p = run(triage, *args, "--json", "--snapshot", snap)
        assert p.returncode in (0, 1), (args, p.stderr[-300:])
        command = {"read-file": "read_file"}.get(args[0], args[0])
        check(command, p.stdout)
        env = json.loads(p.stdout)
        assert env["command"] == command
    p = run(triage, "info", snap, "--json")
    check("info", p.stdout)
    # Times: RFC 3339 with the exact nanoseconds beside them as strings.
    w = result(p.stdout)["window"]
    assert w["start"].endswith("Z") and w["start_ns"].isdigit() and int(w["start_ns"]) > 2 ** 53


def test_score_replay_history_and_submit_validate(triage, workdir):
    answer = workdir / "answer.json"
    rec = workdir / "rec.json"
    p = run(triage, "submit", "otel-demo/NetworkPolicy/frontend-block-all-ports", "--snapshot", SNAP, "--out", str(answer), "--record", str(rec), "--json")
    check("submit_root_causes", p.stdout)
    check("score", run(triage, "score", "--snapshot", SNAP, str(answer), "--json").stdout)
    check("replay", run(triage, "replay", str(rec), "--snapshot", SNAP, "--summary", "--json").stdout)
    tasks, runs = workdir / "tasks" / "t1", workdir / "runs" / "m" / "t1" / "1"
    tasks.mkdir(parents=True)
    runs.mkdir(parents=True)
    (tasks / "ground_truth.yaml").write_text(open(os.path.join(SNAP, "ground_truth.yaml")).read())
    (runs / "answer.json").write_text(answer.read_text())
    check("score", run(triage, "score", "--tasks", str(workdir / "tasks"), "--runs", str(workdir / "runs" / "m"), "--format", "json").stdout)
    # Issue 26: --json means JSON in every mode: batch scoring (it printed the text table), label --check, generate.
    batch = run(triage, "score", "--tasks", str(workdir / "tasks"), "--runs", str(workdir / "runs" / "m"), "--json")
    check("score", batch.stdout)
    assert json.loads(batch.stdout)["result"]["run_sets"][0]["headline"] == 1.0
    clash = run(triage, "score", "--tasks", str(workdir / "tasks"), "--runs", str(workdir / "runs" / "m"), "--json", "--format", "markdown")
    assert clash.returncode == 2 and "disagree" in clash.stderr
    check("label", run(triage, "label", "--check", os.path.join(SNAP, "ground_truth.yaml"), "--json").stdout)
    bad_gt = workdir / "bad.yaml"
    bad_gt.write_text("groups:\n  - {id: a, kind: Pod, name: x}\n")
    lb = run(triage, "label", "--check", str(bad_gt), "--json")
    check("label", lb.stdout)
    assert lb.returncode == 1 and json.loads(lb.stdout)["result"]["valid"] is False
    g = run(triage, "generate", str(workdir / "gen"), "--fault", "hpa:cart", "--minutes", "3", "--json")
    check("generate", g.stdout)
    assert json.loads(g.stdout)["result"]["faults"] == ["hpa:cart"]
    env = {**os.environ, "TRIAGE_DATA_DIR": str(workdir / "data")}
    h = subprocess.run([triage, "history", "--json"], capture_output=True, text=True, env=env)
    check("history", h.stdout)


def test_exit_codes_and_stderr(triage, workdir):
    # 2: usage. Unknown option, misspelt command, value out of range, bad regex, unknown entity.
    for args in (["logs", "--entty", "x"], ["alrets"], ["logs", "--limit", "1e308"], ["logs", "--pattern", "(x"], ["logs", "--entity", "nope"]):
        p = run(triage, *args, "--snapshot", SNAP) if args != ["alrets"] else run(triage, *args)
        assert p.returncode == 2 and p.stderr and not p.stdout, (args, p.returncode, p.stdout[:200])
    assert "did you mean 'alerts'" in run(triage, "alrets").stderr
    assert "Did you mean '--entity'" in run(triage, "logs", "--entty", "x").stderr
    # The JSON error envelope goes to stderr and validates.
    p = run(triage, "logs", "--pattern", "(x", "--json", "--snapshot", SNAP)
    assert p.returncode == 2 and not p.stdout
    check("logs", p.stderr)
    assert json.loads(p.stderr)["error"]["code"] == "bad_regex"
    # 3: input. The same code for every command (info used to exit 1 and alerts 2).
    for args in (["info", "/nonexistent"], ["info", "--snapshot", "/nonexistent"], ["alerts", "--snapshot", "/nonexistent"],
                 ["score", "--truth", "/nonexistent.yaml", "/nonexistent.json"], ["replay", "/nonexistent.json", "--summary"]):
        p = run(triage, *args)
        assert p.returncode == 3 and "nonexistent" in p.stderr and not p.stdout, (args, p.returncode, p.stderr[-200:])
    # 1: the answer is no.
    p = run(triage, "search", "zzqqxx-nothing", "--snapshot", SNAP)
    assert p.returncode == 1, p.stderr
    answer = workdir / "fp.json"
    answer.write_text(json.dumps(["otel-demo/Service/frontend"]))
    p = run(triage, "score", "--snapshot", SNAP, str(answer), "--fail-under", "0.5")
    assert p.returncode == 1 and "below --fail-under" in p.stderr and p.stdout.startswith("score 0.00")
    assert run(triage, "score", "--snapshot", SNAP, str(answer), "--fail-under", "0").returncode == 0
    # 0 with info --snapshot, which used to be refused.
    p = run(triage, "info", "--snapshot", SNAP, "--json")
    assert p.returncode == 0 and result(p.stdout)["name"] == "incident-02"
    # --version is the version in every envelope.
    v = run(triage, "--version").stdout.strip()
    assert json.loads(p.stdout)["version"] == v


def test_inputs_can_be_streams(triage, workdir):
    truth = open(os.path.join(SNAP, "ground_truth.yaml")).read()
    sub = json.dumps(["otel-demo/NetworkPolicy/frontend-block-all-ports"])
    p = run(triage, "score", "--truth", "/dev/stdin", str(workdir / "x.json"), "--json", input=truth)
    assert p.returncode == 3 and "x.json" in p.stderr   # the submission is missing: named, with the reason
    (workdir / "x.json").write_text(sub)
    p = run(triage, "score", "--truth", "-", str(workdir / "x.json"), "--json", input=truth)
    assert p.returncode == 0 and result(p.stdout)["score"] == 1.0, p.stderr
    p = run(triage, "score", "--truth", os.path.join(SNAP, "ground_truth.yaml"), "-", "--json", input=sub)
    assert p.returncode == 0 and result(p.stdout)["score"] == 1.0, p.stderr
    p = run(triage, "label", "--check", "-", input=truth)
    assert p.returncode == 0 and "valid" in p.stdout, p.stderr
    rec = workdir / "rec.json"
    run(triage, "submit", "otel-demo/NetworkPolicy/frontend-block-all-ports", "--snapshot", SNAP, "--out", str(workdir / "a.json"), "--record", str(rec))
    p = run(triage, "replay", "-", "--snapshot", SNAP, "--summary", "--json", input=rec.read_text())
    assert p.returncode == 0 and result(p.stdout)["score"] == 1.0, p.stderr


def test_streams_jsonl_and_csv(triage, workdir):
    env = result(run(triage, "events", "--snapshot", SNAP, "--json", "--limit", "5").stdout)
    p = run(triage, "events", "--snapshot", SNAP, "--format", "jsonl", "--limit", "5")
    lines = [json.loads(l) for l in p.stdout.splitlines()]
    assert p.returncode == 0 and lines == env["rows"]
    p = run(triage, "events", "--snapshot", SNAP, "--format", "csv", "--limit", "5")
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    assert len(rows) == 5 and rows[0]["reason"] == env["rows"][0]["reason"] and rows[0]["last_time_ns"] == env["rows"][0]["last_time_ns"]
    assert run(triage, "events", "--snapshot", SNAP, "--format", "json").stdout == run(triage, "events", "--snapshot", SNAP, "--json").stdout


def test_cli_options_are_the_mcp_parameters(triage, workdir):
    import asyncio
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    async def tools():
        async with stdio_client(StdioServerParameters(command=triage, args=["mcp", "--snapshot", SNAP])) as (r, w):
            async with ClientSession(r, w) as s:
                await s.initialize()
                return (await s.list_tools()).tools
    # Options of the command line alone: the common ones (with --task, a dataset's task), submit's answer file and practice
    # flag, info's --list and --reindex (a command-line process's saved index; an MCP server holds its snapshot open).
    common = {"snapshot", "task", "json", "max-output", "timeout", "record", "format", "help", "version", "out", "feedback", "list",
              "reindex"}
    for t in asyncio.run(tools()):
        if t.name == "tui":
            continue   # the TUI for a model (keys in, screen out); `triage tui` on the command line is the TUI itself
        name = "submit" if t.name == "submit_root_causes" else t.name.replace("_", "-")
        dump = json.loads(run(triage, name, "--experimental-dump-help").stdout)
        opts = {n["name"] for a in dump["command"]["arguments"] if a["kind"] != "positional" for n in a["names"] if n["kind"] == "long"}
        assert opts - common == {p.replace("_", "-") for p in t.input_schema["properties"]}, t.name


def test_values_that_start_with_a_dash_are_values(triage, workdir):
    # Relative times (--since -10m) are the documented form; ArgumentParser would take them for options.
    p = run(triage, "logs", "--since", "-10m", "--until", "-9m", "--limit", "1", "--json", "--snapshot", SNAP)
    assert p.returncode == 0, p.stderr
    assert result(p.stdout)["total"] >= 1
    p = run(triage, "logs", "--since", "-99999999999999m", "--snapshot", SNAP)
    assert p.returncode == 2 and "is not a time" in p.stderr, p.stderr


def test_every_snapshot_command_takes_snapshot_json_and_record(triage, workdir):
    rec = workdir / "rec.json"
    for args in (["info", "--snapshot", SNAP, "--json"], ["alerts", "--snapshot", SNAP, "--json"]):
        p = run(triage, *args, "--record", str(rec))
        assert p.returncode == 0 and result(p.stdout), (args, p.stderr)
    steps = json.load(open(rec))["steps"]
    assert [s["tool_calls"][0]["function_name"] for s in steps] == ["info", "alerts"]
