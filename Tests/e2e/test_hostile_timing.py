"""Issue 14 through the real binary: a call's time limit really stops the work, on the CLI and in the MCP server."""
import asyncio
import os
import subprocess
import time

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from conftest import ROOT

SNAP1 = os.path.join(ROOT, "Snapshots", "incident-01")
SLOW = r"(.|\s)*(.|\s)*[@]{3}"      # overlapping alternation: no nested repetition, still backtracks heavily


def test_a_runaway_regex_stops_at_its_step_budget(triage, workdir):
    t0 = time.time()
    p = subprocess.run([triage, "logs", "--snapshot", SNAP1, "--pattern", SLOW], capture_output=True, text=True, timeout=60)
    took = time.time() - t0
    assert p.returncode == 2 and "backtracks too much" in p.stderr + p.stdout, p.stderr + p.stdout
    assert took < 5, took   # before: still running after 30 s, whatever --timeout said
    p = subprocess.run([triage, "search", "--snapshot", SNAP1, SLOW], capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and "backtracks too much" in p.stderr + p.stdout


def test_cli_timeout_ends_the_call(triage, workdir):
    # A cold index cache makes the call take far longer than 10 ms: the process must end at the limit.
    env = {**os.environ, "TRIAGE_CACHE_DIR": str(workdir / "cold-cache")}
    t0 = time.time()
    p = subprocess.run([triage, "traces", "--rollup", "--snapshot", SNAP1, "--timeout", "0.01"], capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 4 and "timeout" in p.stderr, p.stderr   # exit 4: failure or time limit
    assert time.time() - t0 < 5


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_mcp_timeout_answers_and_stops_burning_cpu(triage, workdir):
    async def session():
        params = StdioServerParameters(command=triage, args=["mcp", "--snapshot", SNAP1, "--timeout", "2"],
                                       env={**os.environ, "TRIAGE_CACHE_DIR": str(workdir / "cache")})
        async with stdio_client(params) as (r, w):
            async with ClientSession(r, w) as s:
                await s.initialize()
                await s.call_tool("info", {})
                pid = int(subprocess.run(["pgrep", "-n", "-f", f"mcp --snapshot {SNAP1} --timeout 2"], capture_output=True, text=True).stdout.split()[0])
                t0 = time.time()
                res = await s.call_tool("logs", {"pattern": SLOW})
                took = time.time() - t0
                await asyncio.sleep(1.5)
                c1 = cpu_seconds(pid)
                await asyncio.sleep(2)
                c2 = cpu_seconds(pid)
                alive = await s.call_tool("alerts", {"hide_noise": True})
                return res, took, c2 - c1, alive
    res, took, burned, alive = asyncio.run(session())
    assert res.is_error and "backtracks too much" in res.content[0].text, res.content[0].text
    assert took < 6, took
    assert burned < 0.5, f"the timed-out call kept burning CPU: {burned:.2f} s in 2 s"
    assert not alive.is_error


def test_mcp_refuses_huge_messages_and_batches_and_keeps_serving(triage, workdir):
    env = {**os.environ, "TRIAGE_CACHE_DIR": str(workdir / "cache")}
    p = subprocess.Popen([triage, "mcp", "--snapshot", SNAP1], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, env=env)
    import json as _json

    def send(obj_or_bytes):
        data = obj_or_bytes if isinstance(obj_or_bytes, bytes) else _json.dumps(obj_or_bytes).encode()
        p.stdin.write(data + b"\n")
        p.stdin.flush()

    def recv():
        return _json.loads(p.stdout.readline())

    t0 = time.time()
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}})
    assert recv()["id"] == 1
    send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    # A 5 MB message: refused with an error, not buffered for minutes.
    send(b'{"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "search", "arguments": {"query": "' + b"a" * (5 << 20) + b'"}}}')
    r = recv()
    assert r["error"]["code"] == -32600 and "over" in r["error"]["message"], r
    # A batch of 1,000 requests: refused.
    send([{"jsonrpc": "2.0", "id": 100 + i, "method": "tools/list"} for i in range(1000)])
    r = recv()
    assert r["error"]["code"] == -32600 and "batch" in r["error"]["message"], r
    # Still serving.
    send({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "alerts", "arguments": {"hide_noise": True}}})
    r = recv()
    assert r["id"] == 3 and "RequestErrorRate" in r["result"]["content"][0]["text"], r
    assert time.time() - t0 < 20
    p.stdin.close()
    p.wait(timeout=10)
