#!/usr/bin/env bash
# Regenerates the shipped practice set in Snapshots/ from scripts/shipped-scenarios/*.yaml (byte-identical each time).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product triage >&2
for f in scripts/shipped-scenarios/*.yaml; do
  name=$(basename "$f" .yaml)
  .build/debug/triage generate "Snapshots/$name" --scenario "$f" --force
done
