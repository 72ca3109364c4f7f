#!/usr/bin/env bash
# Benchmarks triage against the tools a user would otherwise reach for, in one run, on the same bytes:
# cat (the floor), ripgrep and lnav. Prints a Markdown report (paste it into docs/PERFORMANCE.md).
#
#   Benchmarks/run.sh                 # 1 GB generated snapshot in bench-data/1g (made if missing)
#   SNAP=path/to/snapshot Benchmarks/run.sh
#   PATTERN="regex" Benchmarks/run.sh
#
# Needs: hyperfine, ripgrep, GNU time; lnav optional (apt-get install hyperfine ripgrep time lnav).
set -euo pipefail
cd "$(dirname "$0")/.."
SNAP=${SNAP:-bench-data/1g}
PATTERN=${PATTERN:-"access cart storage"}
RUNS=${RUNS:-5}
for tool in hyperfine rg /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install hyperfine ripgrep time)" >&2; exit 1; }
done
bash scripts/build-release.sh
BIN=.build/release
if [ ! -d "$SNAP" ]; then
  echo "generating $SNAP ..." >&2
  /usr/bin/time -f "%e" -o /tmp/triage-gen-time "$BIN/triage" generate "$SNAP" --minutes 40 --rps 27 --metric-interval 15 --seed 42 --flag cartFailure >&2
  GEN_SECONDS=$(cat /tmp/triage-gen-time)
else
  GEN_SECONDS=""
fi
mapfile -t FILES < <(find "$SNAP" -type f \( -name '*.tsv' -o -name '*.json' \) | sort)
LOGS="$SNAP/otel_logs_raw.tsv"
BYTES=$(cat "${FILES[@]}" | wc -c)
cat "${FILES[@]}" > /dev/null   # warm page cache
OUT=$(mktemp -d)
export HOME_LNAV=$(mktemp -d)

hyperfine -N --warmup 1 -r "$RUNS" --export-json "$OUT/index.json" \
  -n "cat > /dev/null (all files)" "sh -c 'cat ${FILES[*]} > /dev/null'" \
  -n "rg -c PATTERN (all files)" "rg -c \"$PATTERN\" ${FILES[*]}" \
  -n "triage info, no saved index (index everything)" "env TRIAGE_NO_CACHE=1 $BIN/triage info $SNAP" \
  -n "triage info --reindex (index everything)" "$BIN/triage info --reindex $SNAP" \
  -n "triage info (saved index)" "$BIN/triage info $SNAP" >&2
hyperfine -N --warmup 1 -r "$RUNS" --export-json "$OUT/search.json" \
  -n "rg -c PATTERN otel_logs_raw.tsv" "rg -c \"$PATTERN\" $LOGS" \
  -n "rg -i -c PATTERN otel_logs_raw.tsv" "rg -i -c \"$PATTERN\" $LOGS" >&2
if command -v lnav >/dev/null; then
  # A wrapper avoids shell quoting of the pattern inside hyperfine's command line.
  printf '#!/bin/sh\nexec env HOME=%s lnav -n -c ":filter-in %s" "$@" > /dev/null 2>&1\n' "$HOME_LNAV" "$PATTERN" > "$OUT/lnav.sh"
  chmod +x "$OUT/lnav.sh"
  hyperfine -N --warmup 0 -r 2 --export-json "$OUT/lnav.json" \
    -n "lnav -n :filter-in (all files)" "$OUT/lnav.sh ${FILES[*]}" >&2 || true
  /usr/bin/time -f "%M" -o "$OUT/lnav.rss" env HOME=$HOME_LNAV lnav -n -c ":filter-in $PATTERN" "${FILES[@]}" > /dev/null 2>&1 || true
fi
/usr/bin/time -f "%M" -o "$OUT/triage.rss" "$BIN/triage" info --reindex "$SNAP" > /dev/null
# Agent tool calls from the saved index (just written), each against a cached `alerts` call, round-robin.
python3 Benchmarks/calls-bench.py "$SNAP" "${CALL_RUNS:-15}" > "$OUT/calls.json" || true
/usr/bin/time -f "%M" -o "$OUT/rg.rss" rg -c "$PATTERN" "${FILES[@]}" > /dev/null || true
"$BIN/triage-bench" "$SNAP" "$PATTERN" "$RUNS" > "$OUT/bench.json"
RG_MATCHES=$(rg -c "$PATTERN" "$LOGS" || echo 0)

python3 - "$OUT" "$BYTES" "$PATTERN" "$RG_MATCHES" "$GEN_SECONDS" <<'PY'
import json, sys, os
out, size, pattern, rg_matches, gen = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
def load(n):
    p = os.path.join(out, n)
    try: return json.load(open(p))
    except Exception: return None
def rss(n):
    p = os.path.join(out, n)
    try: return int(open(p).read().split()[-1]) / 1024
    except Exception: return None
idx, search, lnav, bench, calls = load("index.json"), load("search.json"), load("lnav.json"), load("bench.json"), load("calls.json")
res = {r["command"]: r for d in [idx, search, lnav] if d for r in d["results"]}
cat = res["cat > /dev/null (all files)"]["mean"]
print(f"Snapshot: `{bench['snapshot']}`, {size/1e9:.2f} GB; "
      f"{bench['spans']:,} spans, {bench['log_records']:,} log records. Warm page cache, 2 cores.\n")
if gen: print(f"Generation of the snapshot: {float(gen):.1f} s ({size/1e6/float(gen):.0f} MB/s).\n")
print("| what | time | × cat | peak RSS |")
print("|---|---:|---:|---:|")
def row(name, t, mem=None):
    print(f"| {name} | {t*1000:.0f} ms | {t/cat:.1f}× | {'' if mem is None else f'{mem:.0f} MB'} |")
row("`cat` all files > /dev/null (floor)", cat)
row(f"`rg -c` pattern over all files", res["rg -c PATTERN (all files)"]["mean"], rss("rg.rss"))
row("`TRIAGE_NO_CACHE=1 triage info`: open + index everything + print (whole process)", res["triage info, no saved index (index everything)"]["mean"])
row("`triage info --reindex`: open + index everything + save the index + print (whole process)", res["triage info --reindex (index everything)"]["mean"], rss("triage.rss"))
row("`triage info`: the saved index read + print (whole process)", res["triage info (saved index)"]["mean"])
row("triage index, in process", bench["index_seconds"], bench["peak_rss_kib_after_index"] / 1024)
row("triage time to first answer (index + alerts + first log page)", bench["first_answer_seconds"])
if lnav:
    row("`lnav -n` open + `:filter-in` (all files)", res["lnav -n :filter-in (all files)"]["mean"], rss("lnav.rss"))
print()
rgs = res["rg -c PATTERN otel_logs_raw.tsv"]["mean"]
print(f"Regex search over `otel_logs_raw.tsv` for `{pattern}`:\n")
print("| what | time | × rg | matches |")
print("|---|---:|---:|---:|")
print(f"| `rg -c` (whole process) | {rgs*1000:.1f} ms | 1.0× | {rg_matches} lines |")
print(f"| triage `logMatches` (in process, indexed snapshot) | {bench['log_search_seconds_median']*1000:.1f} ms | {bench['log_search_seconds_median']/rgs:.2f}× | {bench['log_search_matches']} records |")
rgi = res["rg -i -c PATTERN otel_logs_raw.tsv"]["mean"]
print(f"| `rg -i -c` (whole process) | {rgi*1000:.1f} ms | {rgi/rgs:.2f}× | |")
print(f"| triage, case-insensitive | {bench['log_search_ci_seconds_median']*1000:.1f} ms | {bench['log_search_ci_seconds_median']/rgs:.2f}× ({bench['log_search_ci_seconds_median']/rgi:.2f}× rg -i) | {bench['log_search_ci_matches']} records |")
print(f"| triage entity + level filter (index columns only) | {bench['log_filter_seconds_median']*1000:.1f} ms | {bench['log_filter_seconds_median']/rgs:.2f}× | |")
if calls:
    c = {r["name"]: r for r in calls["calls"]}
    base = c["triage alerts"]["median"]
    print(f"\nAgent tool calls from the saved index (`Benchmarks/calls-bench.py`: {calls['rounds']} rounds, every call once per round; "
          f"median), against a cached `alerts` call:\n")
    print("| call | time | × cached `alerts` | target |")
    print("|---|---:|---:|---:|")
    for name, r in c.items():
        t = r["median"]
        if name == "triage logs --patterns":
            target = "≤ 0.5 s" + ("" if t <= 0.5 else " (not met)")
        elif name == "triage alerts":
            target = ""
        else:
            target = "≤ 1.5×" + ("" if t / base <= 1.5 else " (not met)")
        print(f"| `{name}` | {t*1000:.1f} ms | {t/base:.2f}× | {target} |")
PY
rm -rf "$OUT" "$HOME_LNAV"
