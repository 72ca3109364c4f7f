"""Issue 16: a model drives the same TUI a person uses, through the `tui` MCP tool, with the official Python client:
keys in, the screen out, state kept across calls, to a perfect score on a shipped incident; and nothing outside the
snapshot is opened or written."""
import asyncio
import json
import os
import subprocess

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from conftest import SNAP, result

ROOT_CAUSE = "otel-demo/NetworkPolicy/frontend-block-all-ports"


def text(res):
    return "\n".join(c.text for c in res.content if getattr(c, "text", None))


async def drive(triage, workdir, extra, calls):
    params = StdioServerParameters(command=triage, args=["mcp", "--snapshot", SNAP] + extra,
                                   env={**os.environ, "TRIAGE_CACHE_DIR": str(workdir / "cache")})
    async with stdio_client(params) as (r, w):
        async with ClientSession(r, w) as s:
            await s.initialize()
            tools = {t.name: t for t in (await s.list_tools()).tools}
            return tools, [await s.call_tool("tui", a) for a in calls]


def test_an_agent_investigates_through_the_tui_to_a_perfect_score(triage, workdir):
    answer, record = workdir / "answer.json", workdir / "trajectory.json"
    calls = [
        {"keys": ["print"]},
        {"keys": ["8", "/", "type block", "enter"]},                                  # Objects, filtered
        {"keys": [":", f"type tree {ROOT_CAUSE}", "enter"], "size": "100x30"},        # its blast radius
        {"keys": [":", f"type entity {ROOT_CAUSE}", "enter", "b"]},                   # into the basket
        {"keys": ["S"]},                                                              # submit
    ]
    tools, results = asyncio.run(drive(triage, workdir, ["--out", str(answer), "--record", str(record)], calls))
    assert "tui" in tools and tools["tui"].input_schema["properties"]["keys"]["maxItems"] == 200
    for res in results:
        assert not res.is_error, text(res)
    first, objects, tree, entity, submitted = map(text, results)
    assert "Overview" in first and "triage │ incident-02" in first
    assert "frontend-block-all-ports" in objects and "Objects" in objects
    # The state carries over: the size set in one call stays, and the tree is drawn at 100 columns.
    assert "Blast radius" in tree and all(len(l) <= 100 for l in tree.split("─── screen ───")[-1].splitlines()[1:])
    assert f"Entity {ROOT_CAUSE}" in entity and "★1" in entity
    assert "recorded 1 root cause" in submitted and "evaluation mode: no score" in submitted
    assert json.loads(answer.read_text())["root_causes"] == [ROOT_CAUSE]
    out = subprocess.run([triage, "score", "--snapshot", SNAP, str(answer), "--json"], capture_output=True, text=True, check=True)
    assert result(out.stdout)["score"] == 1.0
    steps = json.loads(record.read_text())["steps"]
    assert [s["tool_calls"][0]["function_name"] for s in steps] == ["tui"] * len(calls)


def test_the_tui_tool_stays_inside_the_snapshot_and_refuses_bad_calls(triage, workdir, tmp_path):
    target = tmp_path / "export.csv"
    calls = [
        {"keys": [":", "type open /", "enter"]},
        {"keys": [":", f"type w {target}", "enter"]},
        {"keys": [":", "type suspects", "enter"]},
        {"keys": ["no-such-key"]},
        {"keys": ["j"] * 201},
        {"keys": ["j"], "size": "5000x3"},
        {"keys": ["q", "2"]},
    ]
    _, results = asyncio.run(drive(triage, workdir, ["--no-hints"], calls))
    opened, written, suspects, unknown, many, size, quit_ = results
    assert not opened.is_error and "not available to an agent" in text(opened)
    assert "not available to an agent" in text(written) and not target.exists()
    assert "switched off" in text(suspects)
    assert unknown.is_error and "unknown key" in text(unknown)
    assert many.is_error and "at most 200" in text(many)
    assert size.is_error and "COLSxROWS" in text(size)
    assert not quit_.is_error and "Alerts" in text(quit_)          # q does not end the session


def test_the_tui_tool_has_an_output_schema_and_returns_its_state_structured(triage, workdir):
    """Issue 26, item 2: like every other tool, `tui` states an outputSchema and returns structuredContent that
    validates against it: the screen, the status line, the page, mode, cursor, selection and basket."""
    import jsonschema
    schema = json.load(open(os.path.join(os.path.dirname(__file__), "..", "..", "schemas", "tui.schema.json")))
    calls = [
        {"keys": ["6", "/", "type error"]},                       # Logs, typing a filter (still in filter mode)
        {"keys": ["enter", "j", "print", "j"]},                   # filtered, second then third row
        {"keys": [":", f"type entity {ROOT_CAUSE}", "enter", "b"]},
        {"keys": ["no-such-key"]},
    ]
    tools, results = asyncio.run(drive(triage, workdir, [], calls))
    assert tools["tui"].output_schema == schema
    for res in results:
        jsonschema.validate(res.structured_content, schema)
    typing, logs, entity, bad = [r.structured_content for r in results]
    assert typing["ok"] and typing["result"]["mode"] == "filter" and typing["result"]["input"] == "error"
    r = logs["result"]
    assert r["page"] == "Logs" and r["view"] == "Logs" and r["mode"] == "normal" and r["filter"] == "error"
    assert r["cursor"]["row"] == 2 and r["cursor"]["rows"] > 2 and len(r["screens"]) == 1
    assert r["selected"]["text"] and r["status"] in r["screen"] and r["keys_sent"] == 3
    assert r["screen"] == text(results[1]).split("─── screen ───\n")[-1].split("\n─── message ───")[0]
    e = entity["result"]
    assert e["page"] == f"Entity {ROOT_CAUSE}" and e["basket"] == [ROOT_CAUSE] and e["depth"] >= 1 and e["focused_entity"] == ROOT_CAUSE
    assert results[3].is_error and not bad["ok"] and bad["error"]["code"] == "bad_argument" and "unknown key" in bad["error"]["message"]
