"""Drives `triage mcp` with the official Python MCP client (PyPI `mcp`): every tool, a submission, hostile inputs."""
import asyncio
import json
import os
import subprocess
import time

import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from conftest import ROOT, SNAP, result

CALLS = {
    "info": {},
    "alerts": {"hide_noise": True},
    "events": {"type": "Warning", "limit": 5},
    "traces": {"errors_only": True, "sort": "errors", "limit": 3},
    "trace": {"entity": "svc/frontend-proxy", "limit": 3},
    "metrics": {"top": True, "limit": 5},
    "logs": {"pattern": "upstream", "limit": 5},
    "topology": {"entity": "svc/frontend-proxy", "direction": "downstream"},
    "object": {"changed": True},
    "entity": {"entity": "otel-demo/Deployment/frontend"},
    "search": {"query": "block"},
    "files": {},
    "read_file": {"path": "k8s_events_raw.tsv", "lines": 3},
}


def run(coro):
    return asyncio.run(coro)


async def session_calls(triage, workdir, extra_args, calls):
    params = StdioServerParameters(command=triage, args=["mcp", "--snapshot", SNAP] + extra_args,
                                   env={**os.environ, "TRIAGE_CACHE_DIR": str(workdir / "cache")})
    results = []
    async with stdio_client(params) as (r, w):
        async with ClientSession(r, w) as s:
            init = await s.initialize()
            tools = await s.list_tools()
            for name, args in calls:
                res = await s.call_tool(name, args)
                results.append((name, res))
            return init, tools, results


def text(res):
    return "\n".join(c.text for c in res.content if getattr(c, "text", None))


def test_every_tool_and_an_evaluation_submission(triage, workdir):
    answer = workdir / "answer.json"
    record = workdir / "trajectory.json"
    calls = list(CALLS.items()) + [("submit_root_causes", {"root_causes": ["otel-demo/NetworkPolicy/frontend-block-all-ports"]})]
    init, tools, results = run(session_calls(triage, workdir, ["--out", str(answer), "--record", str(record)], calls))
    names = {t.name for t in tools.tools}
    assert set(CALLS) | {"submit_root_causes"} <= names
    for t in tools.tools:
        assert t.description and t.input_schema["type"] == "object"
    for name, res in results:
        assert not res.is_error, f"{name}: {text(res)}"
        assert text(res).strip(), name
    by = dict(results)
    assert "frontend-block-all-ports" in text(by["object"])
    assert "RequestLatency" in text(by["alerts"])
    submit = text(by["submit_root_causes"])
    assert "evaluation mode: no score" in submit and "score" not in submit.replace("no score", "")
    assert json.loads(answer.read_text())["root_causes"] == ["otel-demo/NetworkPolicy/frontend-block-all-ports"]
    traj = json.loads(record.read_text())
    assert traj["schema_version"] == "ATIF-v1.7"
    assert [s["tool_calls"][0]["function_name"] for s in traj["steps"]] == [c[0] for c in calls]
    # The recorded answer scores 1.0 with the scorer.
    out = subprocess.run([triage, "score", "--snapshot", SNAP, str(record), "--json"], capture_output=True, text=True, check=True)
    assert result(out.stdout)["score"] == 1.0


def test_practice_mode_returns_the_verdict(triage, workdir):
    calls = [("submit_root_causes", {"root_causes": ["otel-demo/NetworkPolicy/frontend-block-all-ports", "otel-demo/Service/frontend"]})]
    _, _, results = run(session_calls(triage, workdir, ["--feedback"], calls))
    t = text(results[0][1])
    assert "score 0.50" in t and "TP otel-demo/NetworkPolicy/frontend-block-all-ports" in t and "FP otel-demo/Service/frontend" in t


HOSTILE = [
    ("read_file", {"path": "../../etc/passwd"}),
    ("read_file", {"path": "/etc/passwd"}),
    ("read_file", {"path": "~/.bashrc"}),
    ("read_file", {"path": "ground_truth.yaml"}),
    ("read_file", {"path": "./ground_truth.yaml"}),
    ("read_file", {"path": "alerts/../ground_truth.yaml"}),
    ("read_file", {"path": "GROUND_TRUTH.YAML"}),
    ("read_file", {"path": "escape-link"}),
    ("read_file", {"path": "alerts"}),
    ("read_file", {"path": ""}),
    ("read_file", {"path": "nope.tsv"}),
    ("nonexistent_tool", {}),
    ("alerts", {"entity": "svc/doesnotexist"}),
    ("alerts", {"bogus": 1}),
    ("alerts", {"limit": -5}),
    ("alerts", {"limit": "lots"}),
    ("alerts", {"state": "exploded"}),
    ("logs", {"pattern": "(unclosed"}),
    ("logs", {"pattern": "*oops"}),
    ("logs", {"since": "yesterday-ish"}),
    ("search", {"query": "x" * 5000}),
    ("search", {}),
    ("trace", {"id": "../../../etc/passwd"}),
    ("trace", {"id": "ffffffffffffffffffffffffffffffff"}),
    ("metrics", {"series": "m9999.1"}),
    ("metrics", {"quantile": 7, "entity": "svc/frontend", "metric": "x"}),
    ("object", {"entity": "otel-demo/ConfigMap/ground_truth"}),
    ("entity", {"entity": "a\u0000b"}),
    ("topology", {"entity": "svc/frontend", "to": "svc/nowhere"}),
    ("submit_root_causes", {"root_causes": []}),
    ("submit_root_causes", {"root_causes": ["not an entity at all"]}),
    ("submit_root_causes", {"root_causes": ["x"] * 500}),
]


def test_hostile_inputs_are_refused_and_the_server_keeps_serving(triage, workdir, tmp_path):
    # A symlink inside a copy of the snapshot that points outside it.
    import shutil
    snap = tmp_path / "snap"
    shutil.copytree(SNAP, snap)
    os.symlink("/etc/passwd", snap / "escape-link")

    async def go():
        params = StdioServerParameters(command=triage, args=["mcp", "--snapshot", str(snap)],
                                       env={**os.environ, "TRIAGE_CACHE_DIR": str(workdir / "cache")})
        async with stdio_client(params) as (r, w):
            async with ClientSession(r, w) as s:
                await s.initialize()
                out = []
                for name, args in HOSTILE:
                    res = await s.call_tool(name, args)
                    out.append((name, args, res))
                    alive = await s.call_tool("info", {})
                    assert not alive.is_error
                return out

    results = run(go())
    assert len(results) >= 30
    for name, args, res in results:
        t = text(res)
        assert res.is_error, f"{name} {str(args)[:80]} was not refused: {t[:200]}"
        assert "root:" not in t and "flagd-config" not in t.lower() or name != "read_file"
    # Nothing from the ground truth ever leaks: its distinctive text is absent from every answer.
    gt = (snap / "ground_truth.yaml").read_text()
    assert "root_cause: true" in gt
    for _, _, res in results:
        for marker in ("root_cause: true", "fault_mechanism", "propagations:", "recommended_actions"):
            assert marker not in text(res)


def test_malformed_json_rpc_does_not_kill_the_server(triage, workdir):
    env = {**os.environ, "TRIAGE_CACHE_DIR": str(workdir / "cache")}
    p = subprocess.Popen([triage, "mcp", "--snapshot", SNAP], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    lines = [
        "this is not json",
        '{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "info"}}',   # before initialize
        '{"jsonrpc": "2.0", "method": 42}',
        '{"jsonrpc": "2.0", "id": 2, "method": "no/such/method"}',
        '{"jsonrpc": "2.0", "id": 3, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}',
        '{"jsonrpc": "2.0", "method": "notifications/initialized"}',
        '{"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "info", "arguments": {"extra": {"nested": [1]}}}}',
        '{"jsonrpc": "2.0", "id": 5, "method": "tools/call", "params": {"name": "info", "arguments": {}}}',
    ]
    import threading, queue
    q = queue.Queue()
    threading.Thread(target=lambda: [q.put(l) for l in p.stdout], daemon=True).start()
    for l in lines:
        p.stdin.write(l + "\n")
        p.stdin.flush()
    responses = []
    deadline = time.time() + 60
    while time.time() < deadline and not any(r.get("id") == 5 for r in responses):
        try:
            line = q.get(timeout=1)
        except queue.Empty:
            continue
        if line.strip().startswith("{"):
            responses.append(json.loads(line))
    p.stdin.close()
    p.wait(timeout=30)
    by_id = {r.get("id"): r for r in responses}
    assert 3 in by_id and "result" in by_id[3]                     # initialize still worked
    assert 5 in by_id and not by_id[5]["result"].get("isError")    # and a real call after the garbage
    assert "snapshot" in by_id[5]["result"]["content"][0]["text"]
    assert 2 in by_id and "error" in by_id[2]


def test_structured_results_schemas_annotations_prompt_and_resources(triage, workdir):
    """Issue 15: every result carries structuredContent valid against the tool's outputSchema and the shipped schema;
    input schemas state bounds, defaults and anyOf and are enforced; annotations; the investigate prompt; the
    snapshot's files as resources, never the ground truth."""
    import jsonschema

    async def session():
        params = StdioServerParameters(command=triage, args=["mcp", "--snapshot", SNAP],
                                       env={**os.environ, "TRIAGE_CACHE_DIR": str(workdir / "cache")})
        async with stdio_client(params) as (r, w):
            async with ClientSession(r, w) as s:
                await s.initialize()
                tools = {t.name: t for t in (await s.list_tools()).tools}
                results = [(n, a, await s.call_tool(n, a)) for n, a in CALLS.items()]
                bad = [(n, a, await s.call_tool(n, a)) for n, a in [("logs", {"limit": 5000}), ("metrics", {"quantile": 1.0}),
                                                                   ("trace", {}), ("read_file", {"path": "k8s_events_raw.tsv", "lines": 0})]]
                prompts = await s.list_prompts()
                prompt = await s.get_prompt("investigate")
                resources = (await s.list_resources()).resources
                first = await s.read_resource(resources[0].uri)
                try:
                    await s.read_resource("triage://snapshot/ground_truth.yaml")
                    leaked = True
                except Exception:
                    leaked = False
                return tools, results, bad, prompts, prompt, resources, first, leaked

    tools, results, bad, prompts, prompt, resources, first, leaked = run(session())
    for name, args, res in results:
        t = tools[name]
        assert not res.is_error, (name, text(res))
        sc = res.structured_content
        assert sc["ok"] is True and sc["command"] == name, name
        jsonschema.validate(sc, t.output_schema)
        jsonschema.validate(sc, json.load(open(os.path.join(ROOT, "schemas", f"{name}.schema.json"))))
        assert t.annotations.read_only_hint is True and t.annotations.open_world_hint is False and t.annotations.title
    assert tools["submit_root_causes"].annotations.read_only_hint is False
    props = tools["logs"].input_schema["properties"]
    assert props["limit"]["maximum"] == 1000 and props["limit"]["default"] == 50 and props["offset"]["minimum"] == 0
    assert tools["metrics"].input_schema["properties"]["quantile"]["exclusiveMaximum"] == 1
    assert tools["trace"].input_schema["anyOf"] == [{"required": ["id"]}, {"required": ["entity"]}]
    assert "changes=true" in tools["object"].description and "--changes" not in tools["object"].description
    for name, args, res in bad:
        assert res.is_error and res.structured_content["ok"] is False and res.structured_content["error"]["code"] == "bad_argument", (name, text(res))
    assert [p.name for p in prompts.prompts] == ["investigate"]
    statement = prompt.messages[0].content.text
    assert "namespace/Kind/name" in statement and "incident-02" in statement
    # No example in what an agent reads names a shipped answer (the submit tool's example used to be incident-02's).
    for answer in ("frontend-block-all-ports", "flagd-config"):
        assert answer not in statement and not any(answer in t.description for t in tools.values()), answer
    uris = [r.uri for r in resources]
    assert "triage://snapshot/k8s_events_raw.tsv" in uris and not any("ground_truth" in u for u in uris)
    assert first.contents[0].text and not leaked
