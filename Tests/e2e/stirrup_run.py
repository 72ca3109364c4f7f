"""Runs one task through the Stirrup harness (PyPI `stirrup`, the harness ITBench-AA uses) with a scripted, offline
model client: the "model" issues the same shell commands an agent would, using triage's CLI tools inside Stirrup's
code_exec sandbox, then writes its answer and calls finish. Prints a JSON summary.

usage: python3.12 stirrup_run.py SNAPSHOT_DIR OUT_DIR   (with `triage` on PATH)

The commands call `triage` by name, as a real harness does with a tool on its PATH: Stirrup's local code-exec
sandbox refuses any command that names an absolute path under /tmp/, /home/, /var/, /etc/ or /Users/.
"""
import asyncio
import json
import os
import sys
from pathlib import Path

from stirrup import Agent, AssistantMessage, TextBlock, ToolCall, TokenUsage
from stirrup.tools.code_backends.local import LocalCodeExecToolProvider

SNAP, OUT = sys.argv[1], Path(sys.argv[2])
NAME = os.path.basename(SNAP.rstrip("/"))
T = "triage"
COMMANDS = [
    "ls",
    f"{T} info --snapshot {NAME}",
    f"{T} alerts --snapshot {NAME} --hide-noise",
    f"{T} object --snapshot {NAME} --changed",
    f"{T} logs --snapshot {NAME} --entity svc/frontend-proxy --level error --limit 3",
    f"{T} submit --snapshot {NAME} otel-demo/NetworkPolicy/frontend-block-all-ports --out answer.json",
]


class ScriptedClient:
    """An LLMClient that plays a fixed investigation instead of calling a model."""

    def __init__(self):
        self.turn = 0
        self.seen = []

    @property
    def model_slug(self):
        return "scripted-offline"

    @property
    def context_window_tokens(self):
        return 1_000_000

    async def generate(self, messages, tools):
        self.seen.append(len(messages))
        i = self.turn
        self.turn += 1
        if i < len(COMMANDS):
            call = ToolCall(name="code_exec", arguments=json.dumps({"cmd": COMMANDS[i]}), tool_call_id=f"call_{i}")
            return AssistantMessage(blocks=[TextBlock(text=f"step {i}"), call], token_usage=TokenUsage(input=100, answer=10))
        call = ToolCall(name="finish", arguments=json.dumps({"reason": "NetworkPolicy frontend-block-all-ports blocks all ingress to frontend",
                                                             "paths": ["answer.json"]}), tool_call_id="call_finish")
        return AssistantMessage(blocks=[call], token_usage=TokenUsage(input=100, answer=10))


async def main():
    client = ScriptedClient()
    agent = Agent(client=client, name="triage-scripted", max_turns=20, tools=[LocalCodeExecToolProvider()])
    OUT.mkdir(parents=True, exist_ok=True)
    async with agent.session(output_dir=OUT, input_files=SNAP) as s:
        finish, history, meta = await s.run("Find the root cause of the incident in the snapshot and submit it.")
    tool_outputs = []
    for group in history:
        for m in group:
            if getattr(m, "role", "") == "tool":
                tool_outputs.append(m.content if isinstance(m.content, str) else str(m.content))
    print(json.dumps({"finish_reason": getattr(finish, "reason", None), "turns": client.turn,
                      "tool_outputs": tool_outputs, "files": sorted(p.name for p in OUT.iterdir())}))


asyncio.run(main())
