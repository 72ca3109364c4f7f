#!/usr/bin/env bash
# Installs triage like any packaged command-line tool:
#   PREFIX/bin/triage                                  release build, Swift runtime linked statically, stripped
#   PREFIX/share/triage/Snapshots/                     the shipped incidents (found by the binary from PREFIX)
#   PREFIX/share/triage/curriculum/                    the curriculum's scenario files (practice --curriculum)
#   PREFIX/share/man/man1/triage.1                     man page, generated from the argument parser
#   PREFIX/share/bash-completion/completions/triage    shell completions, generated from the argument parser
#   PREFIX/share/zsh/site-functions/_triage
#   PREFIX/share/fish/vendor_completions.d/triage.fish
#
#   bash scripts/install.sh [PREFIX]        (default PREFIX: /usr/local; also `make install PREFIX=...`)
#
# TRIAGE_BUILD_DIR sets the build directory (default .build). DESTDIR is honoured for staged installs.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${1:-${PREFIX:-/usr/local}}
BUILD=${TRIAGE_BUILD_DIR:-.build}
DEST="${DESTDIR:-}$PREFIX"
bash scripts/setup.sh --install

flags=(-c release --scratch-path "$BUILD" --static-swift-stdlib)
echo "install: building triage (release, static Swift runtime) in $BUILD ..." >&2
bash scripts/build-release.sh --scratch-path "$BUILD" --product triage
bash scripts/build-release.sh --scratch-path "$BUILD" --product generate-manual
bin=$(swift build "${flags[@]}" --show-bin-path)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$bin/triage" "$stage/triage"
strip "$stage/triage"
mkdir -p "$stage/man"
"$bin/generate-manual" "$stage/triage" --date "$(date -u +%Y-%m-%d)" -o "$stage/man" >&2
"$stage/triage" --generate-completion-script bash > "$stage/triage.bash"
"$stage/triage" --generate-completion-script zsh > "$stage/_triage"
"$stage/triage" --generate-completion-script fish > "$stage/triage.fish"

install -d "$DEST/bin" "$DEST/share/man/man1" "$DEST/share/bash-completion/completions" \
  "$DEST/share/zsh/site-functions" "$DEST/share/fish/vendor_completions.d" "$DEST/share/triage"
# Each file is put in place atomically (install writes a temporary file and renames it).
install -m 0755 "$stage/triage" "$DEST/bin/triage"
install -m 0644 "$stage/man/triage.1" "$DEST/share/man/man1/triage.1"
install -m 0644 "$stage/triage.bash" "$DEST/share/bash-completion/completions/triage"
install -m 0644 "$stage/_triage" "$DEST/share/zsh/site-functions/_triage"
install -m 0644 "$stage/triage.fish" "$DEST/share/fish/vendor_completions.d/triage.fish"

# The shipped snapshots: the files git tracks (never a stray backup or temporary file), replaced as a whole.
snaps="$DEST/share/triage/Snapshots"
new="$DEST/share/triage/.Snapshots.new-$$"
rm -rf "$new"; mkdir -p "$new"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && [ -n "$(git ls-files Snapshots | head -1)" ]; then
  git ls-files -z Snapshots | (cd Snapshots/.. && xargs -0 tar -cf - ) | tar -xf - -C "$new"
else
  tar -cf - --exclude='.*' --exclude='*.bak' --exclude='*.tmp*' Snapshots | tar -xf - -C "$new"
fi
rm -rf "$snaps.old"
[ -d "$snaps" ] && mv "$snaps" "$snaps.old"
mv "$new/Snapshots" "$snaps"
rm -rf "$new" "$snaps.old"
# The curriculum (scenario files `triage practice --curriculum` generates on first use).
install -d "$DEST/share/triage/curriculum"
install -m 0644 scripts/curriculum/*.yaml "$DEST/share/triage/curriculum/"

echo "install: triage $("$DEST/bin/triage" --version) installed to $PREFIX" >&2
echo "  $DEST/bin/triage ($(du -h "$DEST/bin/triage" | cut -f1)), $(find "$snaps" -mindepth 1 -maxdepth 1 -type d | wc -l) snapshots, man page, bash/zsh/fish completions" >&2
