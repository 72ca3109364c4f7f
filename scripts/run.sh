#!/usr/bin/env bash
# Sets up, builds (release) and runs triage; with no arguments it opens the default shipped snapshot.
# The build is skipped when the binary is newer than every source file and the manifest (a no-op `swift build`
# still costs seconds of planning on every call).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/triage
if [ ! -x "$bin" ] || [ -n "$(find Package.swift Sources -newer "$bin" -print -quit)" ]; then
  bash scripts/setup.sh
  bash scripts/build-release.sh --product triage
  touch "$bin"   # a build that found nothing to do leaves the old mtime
fi
exec "$bin" "$@"
