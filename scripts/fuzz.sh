#!/usr/bin/env bash
# Fuzzes every parser of outside input with libFuzzer and AddressSanitizer:
#   bash scripts/fuzz.sh [RUNS_PER_TARGET] [TARGET...]      (default: 1000000 runs each, every target)
#   FUZZ_SECONDS=120 bash scripts/fuzz.sh 0                 (a time budget per target instead of a run count)
# Targets: tsv pyliteral timestamp alerts groundtruth trajectory toolargs tui-keys (Fuzz/TriageFuzz/FuzzTargets.swift).
# Seed corpora come from the shipped snapshots and, when present, ../shared (real ITBench bytes and ground truths).
# A crash is saved under .build-fuzz/crashes/TARGET/ and makes the script exit 1; replay it without the fuzzer with
#   swift build --product triage-fuzz && .build/debug/triage-fuzz TARGET .build-fuzz/crashes/TARGET/crash-*
# Once fixed, the input goes to Fuzz/Regressions/TARGET/: every run (the CI one too) replays those first, under ASan.
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-1000000}; shift || true
TARGETS=("$@"); [ ${#TARGETS[@]} -gt 0 ] || TARGETS=(tsv pyliteral timestamp alerts groundtruth trajectory toolargs tui-keys)
bash scripts/setup.sh >&2
B=.build-fuzz
swift build -c release --product triage-fuzz --scratch-path "$B" -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >&2 || exit 1
BIN=$(swift build -c release --scratch-path "$B" --show-bin-path -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING)/triage-fuzz

seed() {  # seed TARGET DIR: a small corpus of real inputs
  local t=$1 d=$2; mkdir -p "$d"
  local s=Snapshots/incident-02 x=../shared/itbench
  case $t in
    tsv) head -c 3000 $s/otel_logs_raw.tsv > "$d/logs"; head -c 3000 $s/k8s_events_raw.tsv > "$d/events"
         for f in $x/excerpts/Scenario-2/*.tsv.excerpt; do [ -f "$f" ] && head -c 3000 "$f" > "$d/$(basename "$f")"; done ;;
    pyliteral) printf "{'k8s.pod.name': 'cart-1', 'n': 3, 'l': [1, (2, 'x')], 'b': b'\\\\x00'}" > "$d/dict" ;;
    timestamp) printf '2026-03-10 09:00:04.402' > "$d/a"; printf '2026-03-10T09:00:04Z' > "$d/b"; printf -- '-5m' > "$d/c" ;;
    alerts) cp "$(ls $s/alerts/*.json | head -1)" "$d/alerts.json" ;;
    groundtruth) cp $s/ground_truth.yaml "$d/gt"; for f in $x/groundtruth/scenario_{1,29,38,105}/*.yaml; do [ -f "$f" ] && cp "$f" "$d/$(basename "$(dirname "$f")")-$(basename "$f")"; done ;;
    trajectory) printf '%s' '{"schema_version":"ATIF-v1.7","agent":{"name":"a","version":"1"},"steps":[{"step_id":1,"source":"agent","message":"m","tool_calls":[{"tool_call_id":"c","function_name":"submit_root_causes","arguments":{"root_causes":["otel-demo/ConfigMap/flagd-config"]}}]}]}' > "$d/atif"
                printf '%s\n' '{"type":"item.completed","item":{"id":"i","type":"command_execution","command":"cat > agent_output.json <<EOF\n{}\nEOF","aggregated_output":"","exit_code":0}}' '{"type":"turn.completed"}' > "$d/codex" ;;
    toolargs) printf '\005--entity svc/cart --level error --since -5m --limit 3' > "$d/logs" ;;
    tui-keys) printf '\001\002\003\004/type\n\033:entity x\n' > "$d/keys" ;;
  esac
}

# Targets that read files write each input there: a RAM disk when there is one (a disk write per input is the limit).
scratch=${TMPDIR:-/tmp}; [ -d /dev/shm ] && [ -w /dev/shm ] && scratch=/dev/shm
failed=0
for t in "${TARGETS[@]}"; do
  corpus=$B/corpus/$t crashes=$B/crashes/$t
  seed "$t" "$corpus"; mkdir -p "$crashes"
  [ "$RUNS" = 0 ] && RUNS=-1
  if [ -n "${FUZZ_SECONDS:-}" ]; then echo "==> fuzz $t: $FUZZ_SECONDS s" >&2; else echo "==> fuzz $t: $RUNS runs" >&2; fi
  start=$(date +%s)
  TMPDIR=$scratch TRIAGE_FUZZ_TARGET=$t TRIAGE_FUZZ_SNAPSHOT=Snapshots/incident-02 "$BIN" -runs="$RUNS" ${FUZZ_SECONDS:+-max_total_time=$FUZZ_SECONDS} -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$crashes/" -print_final_stats=1 "$corpus" $( [ -d Fuzz/Regressions/$t ] && echo Fuzz/Regressions/$t ) > "$B/$t.log" 2>&1
  rc=$?
  execs=$(grep -m1 "stat::number_of_executed_units" "$B/$t.log" | awk '{print $2}')
  echo "fuzz $t: ${execs:-?} executions in $(( $(date +%s) - start )) s, exit $rc, crashes $(ls "$crashes" | wc -l)"
  [ $rc -eq 0 ] || { failed=$((failed + 1)); tail -30 "$B/$t.log" >&2; }
done
echo "fuzz: $(( ${#TARGETS[@]} - failed )) passed, $failed failed"
[ $failed -eq 0 ]
