#!/usr/bin/env bash
# Sets up, builds (release) and runs triage; with no arguments it opens the default shipped snapshot.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product triage >&2
exec .build/release/triage "$@"
