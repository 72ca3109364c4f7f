#!/usr/bin/env bash
# The suspects baseline's hit rate on an evaluation set of generated incidents (not the shipped ones): every fault
# kind on several services, pairs of independent faults, with the generator's benchmark noise (always-firing alerts,
# ingress reloads, recorder probe failures, background image timeouts) and varied traffic and length. Prints the
# benchmark's metric (recall-gated precision, mean over incidents) for submitting the top 1, 2 and 3 suspects, the
# per-incident table, and how many incidents of each shape there are.
#
#   bash Benchmarks/suspects-eval.sh [DIR]          # DIR keeps the generated set (default: bench-data/suspects-eval)
#   TRIAGE=.build/debug/triage bash Benchmarks/suspects-eval.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TRIAGE=${TRIAGE:-.build/release/triage}
[ -x "$TRIAGE" ] || bash scripts/build-release.sh --product triage
DIR=${1:-bench-data/suspects-eval}
mkdir -p "$DIR"

singles=(
  feature-flag:productCatalogFailure feature-flag:cartFailure feature-flag:paymentFailure feature-flag:adFailure
  network-policy:frontend network-policy:cart network-policy:checkout network-policy:currency
  bad-rollout:checkout bad-rollout:cart bad-rollout:frontend bad-rollout:currency
  resource-quota:checkout resource-quota:cart resource-quota:payment resource-quota:shipping
  network-delay:product-catalog network-delay:cart network-delay:currency network-delay:shipping
  network-partition:email network-partition:payment network-partition:shipping network-partition:quote
  memory-stress:valkey-cart memory-stress:recommendation memory-stress:ad memory-stress:checkout
  cpu-stress:ad cpu-stress:product-catalog cpu-stress:checkout cpu-stress:currency
  hpa:recommendation hpa:frontend hpa:cart hpa:checkout
)
pairs=(
  "feature-flag:paymentFailure network-partition:email" "feature-flag:cartFailure network-delay:product-catalog"
  "feature-flag:adFailure bad-rollout:checkout" "feature-flag:productCatalogFailure memory-stress:valkey-cart"
  "network-policy:frontend cpu-stress:ad" "network-policy:currency hpa:recommendation"
  "bad-rollout:cart network-partition:shipping" "bad-rollout:frontend resource-quota:payment"
  "resource-quota:checkout network-delay:currency" "resource-quota:cart cpu-stress:product-catalog"
  "network-delay:shipping memory-stress:recommendation" "network-partition:quote hpa:cart"
  "memory-stress:ad network-policy:checkout" "cpu-stress:currency bad-rollout:checkout"
  "hpa:frontend feature-flag:cartFailure" "network-partition:payment network-policy:cart"
  "memory-stress:checkout feature-flag:paymentFailure" "cpu-stress:checkout network-delay:cart"
)

n=0; made=0; failed=0
gen() {   # NAME SEED MINUTES RPS FAULT...
  local name=$1 seed=$2 minutes=$3 rps=$4; shift 4
  local args=()
  for f in "$@"; do args+=(--fault "$f"); done
  if [ -d "$DIR/$name" ]; then made=$((made + 1)); return; fi
  if "$TRIAGE" generate "$DIR/$name" "${args[@]}" --seed "$seed" --minutes "$minutes" --rps "$rps" >/dev/null 2>"$DIR/.$name.err"; then
    made=$((made + 1)); rm -f "$DIR/.$name.err"
  else
    failed=$((failed + 1)); echo "not generated: $name ($*): $(tail -1 "$DIR/.$name.err")" >&2
  fi
}
for f in "${singles[@]}"; do
  n=$((n + 1)); gen "$(printf 'one-%02d' $n)" $((1000 + n)) $((10 + n % 3 * 4)) "0.$((3 + n % 5))" "$f"
done
k=0
for p in "${pairs[@]}"; do
  k=$((k + 1)); n=$((n + 1)); read -r a b <<<"$p"; gen "$(printf 'two-%02d' $k)" $((2000 + k)) $((12 + k % 3 * 4)) "0.$((3 + k % 5))" "$a" "$b"
done
echo "evaluation set: $made incidents in $DIR (${#singles[@]} with one fault over 9 kinds, ${#pairs[@]} with two), $failed not generated" >&2
"$TRIAGE" score --tasks "$DIR" --baseline suspects --format markdown
