#!/usr/bin/env bash
# Builds release products as they are installed (the Swift runtime and Foundation linked in statically), with its
# output on stderr:   bash scripts/build-release.sh [more `swift build` arguments, e.g. --product triage]
# The one line dropped is the toolchain's own: glibc's link-time notice that the static FoundationEssentials archive
# refers to mktemp (Data+Writing.swift.o). Warnings in triage's code fail the build (Package.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib "$@" 2>&1 \
  | { grep -v "libFoundationEssentials\.a(Data+Writing\.swift\.o).*warning: the use of \`mktemp' is dangerous" || true; } >&2
