#!/usr/bin/env bash
# Sets up and runs every test suite, and reports every failure (one failing suite does not stop the others):
#   1. the build, warning-free (Package.swift treats warnings in project code as errors);
#   2. the Swift tests: unit, conformance on the real ITBench bytes in ../shared (skipped with a message when
#      absent), bad input, query layer, generator, scoring, trajectories, agent tools, TUI state machine;
#   3. the end-to-end tests of the real binary (pytest, in a virtual environment this script creates): the official
#      Python MCP client, a scripted shell investigation, the Stirrup harness, headless and tmux TUI sessions;
#   4. the install test: a release install into a temporary prefix, run with the build directory gone;
#   5. a short fuzz run: every libFuzzer target for a few seconds under AddressSanitizer, replaying the inputs of
#      past findings (Fuzz/Regressions) first (scripts/fuzz.sh; the long run is documented in docs/HOSTILE-INPUT.md).
# TRIAGE_SKIP_INSTALL_TEST=1 skips step 4 (it does a release build of its own); TRIAGE_SKIP_FUZZ=1 skips step 5
# (its sanitizer build takes about four minutes); FUZZ_SECONDS sets its time per target (default 8).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests || { echo "test: setup failed" >&2; exit 1; }
PY=.build/test-venv/bin/python

passed=(); failed=()
step() {  # step NAME COMMAND...
  local name=$1; shift
  echo "==> $name: $*" >&2
  if "$@"; then passed+=("$name"); else failed+=("$name"); echo "==> $name FAILED" >&2; fi
}

if step build swift build --build-tests; then
  step swift-tests swift test --skip-build
  step e2e "$PY" -m pytest -q Tests/e2e
else
  echo "test: the build failed, so the Swift and end-to-end tests cannot run" >&2
fi
if [ "${TRIAGE_SKIP_INSTALL_TEST:-}" != 1 ]; then
  step install "$PY" -m pytest -q Tests/install
fi
if [ "${TRIAGE_SKIP_FUZZ:-}" != 1 ]; then
  step fuzz env FUZZ_SECONDS="${FUZZ_SECONDS:-8}" bash scripts/fuzz.sh 0
fi

echo
echo "suites passed: ${passed[*]:-none}"
[ ${#failed[@]} -eq 0 ] || echo "suites FAILED: ${failed[*]}"
echo "suites: ${#passed[@]} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
