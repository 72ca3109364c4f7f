#!/usr/bin/env bash
# Sets up and runs every test: unit, conformance on the real ITBench bytes in ../shared (skipped with a
# message when absent), bad input, query layer, generator round trip.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build
