#!/usr/bin/env bash
# Installs what triage needs beyond the Swift toolchain on Debian/Ubuntu: the ncursesw headers and OpenSSL's libcrypto
# headers (SHA-256 and SHA-1 for `triage fetch`'s checksums) to build it.
# With --install, also libcurl's headers (a build with the Swift runtime linked statically links Foundation's
# networking part, which calls libcurl). With --tests, all of that, and also what the test suite needs (python3 with venv for the Python test clients, tmux for the
# real-terminal tests, git) and a virtual environment at .build/test-venv with the pinned Python test clients
# (Debian's system Python refuses `pip install` outside a virtual environment).
set -euo pipefail
cd "$(dirname "$0")/.."
tests=0; install=0
case "${1:-}" in --tests) tests=1; install=1 ;; --install) install=1 ;; esac

need=()
dpkg -s libncurses-dev >/dev/null 2>&1 || need+=(libncurses-dev)
dpkg -s libssl-dev >/dev/null 2>&1 || need+=(libssl-dev)
if [ $install -eq 1 ]; then
  dpkg -s libcurl4-openssl-dev >/dev/null 2>&1 || dpkg -s libcurl4-gnutls-dev >/dev/null 2>&1 || need+=(libcurl4-openssl-dev)
fi
if [ $tests -eq 1 ]; then
  command -v python3 >/dev/null 2>&1 || need+=(python3)
  command -v tmux >/dev/null 2>&1 || need+=(tmux)
  command -v git >/dev/null 2>&1 || need+=(git)
  # `python3 -m venv` needs ensurepip, which Debian ships in python3-venv.
  if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then need+=(python3-venv); fi
  command -v python3 >/dev/null 2>&1 || need+=(python3-venv)
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${need[*]} ..." >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >&2
fi
command -v swift >/dev/null 2>&1 || { echo "setup: swift not found: install the Swift 6.3 toolchain (swift.org) and put it on PATH" >&2; exit 1; }

if [ $tests -eq 1 ]; then
  VENV=.build/test-venv
  # Python test clients, pinned: the official MCP client, pytest, and a JSON Schema validator.
  REQS="mcp==2.3.0 pytest==9.0.3 jsonschema==4.26.0"
  stamp="$VENV/.installed"
  if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$REQS" ]; then
    echo "setup: creating $VENV ($REQS) ..." >&2
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    # shellcheck disable=SC2086
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check $REQS >&2
    echo "$REQS" > "$stamp"
  fi
fi
