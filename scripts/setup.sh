#!/usr/bin/env bash
# Installs what triage needs beyond the Swift toolchain (Debian/Ubuntu): ncursesw headers, python3 for the tests.
set -euo pipefail
need=()
dpkg -s libncurses-dev >/dev/null 2>&1 || need+=(libncurses-dev)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing ${need[*]} ..." >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >&2
fi
command -v swift >/dev/null 2>&1 || { echo "swift not found: install the Swift 6.3 toolchain (swift.org) and put it on PATH" >&2; exit 1; }
