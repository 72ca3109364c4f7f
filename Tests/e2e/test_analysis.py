"""compare, log patterns and grouping through the real binary and the MCP server, on a generated incident whose
answer is known: a feature flag makes every EmptyCart call of the cart service fail from the fault time on."""
import asyncio
import json
import os
import subprocess

import pytest

from conftest import result


@pytest.fixture(scope="module")
def incident(tmp_path_factory, triage):
    d = str(tmp_path_factory.mktemp("analysis") / "inc")
    p = subprocess.run([triage, "generate", d, "--fault", "feature-flag:cartFailure", "--minutes", "12", "--rps", "0.6", "--seed", "5"],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    return d


def run(triage, *args):
    p = subprocess.run([triage, *args], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return p


def test_compare_puts_the_cart_error_rate_rise_among_the_top_changes(triage, incident, workdir):
    r = result(run(triage, "compare", "--snapshot", incident, "--json", "--limit", "1000").stdout)
    assert r["pivot"].endswith("Z") and r["pivot_ns"].isdigit() and r["before"]["end"] < r["after"]["start"]
    errors = [x for x in r["rows"] if x["measure"] == "error_rate"]
    assert any(x["entity"].endswith("/cart") and x["after"] > x["before"] for x in errors[:3]), errors[:3]
    text = run(triage, "compare", "--snapshot", incident, "--entity", "svc/cart").stdout
    assert "pivot" in text and "error_rate" in text and all("cart" in l for l in text.splitlines()[4:] if l.strip() and not l.startswith("…"))


def test_log_patterns_show_the_fault_message_only_after_the_pivot(triage, incident, workdir):
    r = result(run(triage, "logs", "--patterns", "--level", "error", "--snapshot", incident, "--json").stdout)
    fault = [p for p in r["rows"] if "redis" in p["template"]]
    assert fault and all(p["before"] == 0 and p["after"] == p["count"] == p["errors"] for p in fault), fault
    assert r["records"] == sum(p["count"] for p in r["rows"]) and r["pivot_ns"].isdigit()
    assert all(len(p["histogram"]) == 24 for p in r["rows"])
    csv = run(triage, "logs", "--patterns", "--snapshot", incident, "--format", "csv").stdout
    assert csv.splitlines()[0].startswith("template,count,errors") or "template" in csv.splitlines()[0]


def test_group_by_counts_events_and_alerts(triage, incident, workdir):
    ev = result(run(triage, "events", "--group-by", "reason", "--snapshot", incident, "--json").stdout)
    listed = result(run(triage, "events", "--snapshot", incident, "--json", "--limit", "1000").stdout)
    assert ev["group_by"] == "reason" and sum(g["count"] for g in ev["rows"]) == listed["total"]
    al = result(run(triage, "alerts", "--group-by", "state", "--snapshot", incident, "--json").stdout)
    assert {g["key"] for g in al["rows"]} <= {"firing", "pending"}
    bad = subprocess.run([triage, "events", "--group-by", "severity", "--snapshot", incident], capture_output=True, text=True)
    assert bad.returncode == 2 and "must be one of reason, entity" in bad.stderr


def test_mcp_offers_compare_patterns_and_grouping(triage, incident, workdir):
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    async def go():
        params = StdioServerParameters(command=triage, args=["mcp", "--snapshot", incident],
                                       env={**os.environ, "TRIAGE_CACHE_DIR": str(workdir / "cache")})
        async with stdio_client(params) as (r, w):
            async with ClientSession(r, w) as s:
                await s.initialize()
                tools = {t.name: t for t in (await s.list_tools()).tools}
                calls = [await s.call_tool("compare", {"entity": "svc/cart", "limit": 5}),
                         await s.call_tool("logs", {"patterns": True, "limit": 3}),
                         await s.call_tool("events", {"group_by": "kind"})]
                return tools, calls
    tools, (cmp, pat, grp) = asyncio.run(go())
    assert "compare" in tools and tools["compare"].output_schema and tools["events"].input_schema["properties"]["group_by"]["enum"]
    # The structured result is the JSON envelope, validated against the tool's output schema by the client.
    c = cmp.structured_content["result"]
    assert not cmp.is_error and c["rows"] and all("cart" in r["entity"] for r in c["rows"])
    assert "template" in pat.structured_content["result"]["rows"][0]
    assert grp.structured_content["result"]["group_by"] == "kind"


def test_suspects_rank_the_known_root_cause_first_and_no_hints_turns_them_off(triage, incident, workdir):
    r = result(run(triage, "suspects", "--snapshot", incident, "--json").stdout)
    assert r["rows"][0]["entity"] == "otel-demo/ConfigMap/flagd-config" and r["rows"][0]["evidence"]
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    async def go(extra):
        params = StdioServerParameters(command=triage, args=["mcp", "--snapshot", incident, *extra],
                                       env={**os.environ, "TRIAGE_CACHE_DIR": str(workdir / "cache")})
        async with stdio_client(params) as (rd, w):
            async with ClientSession(rd, w) as s:
                await s.initialize()
                names = {t.name for t in (await s.list_tools()).tools}
                return names, await s.call_tool("suspects", {})
    names, res = asyncio.run(go([]))
    assert "suspects" in names and not res.is_error
    names, res = asyncio.run(go(["--no-hints"]))
    assert "suspects" not in names and res.is_error and "switched off" in res.content[0].text
