#!/usr/bin/env bash
# Sets up and runs every test: unit, conformance on the real ITBench bytes in ../shared (skipped with a
# message when absent), bad input, query layer, generator, scoring, agent tools; then the end-to-end tests of the
# real binary with the official Python MCP client and a scripted shell investigation.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
python3 -c "import mcp, pytest" 2>/dev/null || python3 -m pip install -q "mcp==2.3.0" pytest >&2
swift build --build-tests
python3 -m pytest -q Tests/e2e
swift test --skip-build
