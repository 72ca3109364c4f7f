#!/usr/bin/env bash
# Times `triage score` in batch mode on 59 tasks × 3 repeats (the ITBench-AA leaderboard size), end to end:
# parse every ground truth and submission, score, and write the report. Tasks are built in a temp folder from the
# real ground truths in ../shared (when present) and the shipped ones, cycled to 59; answers mix perfect,
# over-submitting, incomplete and missing runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-release.sh --product triage
T=$(mktemp -d)
mkdir -p "$T/tasks" "$T/runs/model-a"
gts=()
[ -d ../shared/itbench/groundtruth ] && for d in ../shared/itbench/groundtruth/*/; do gts+=("$d/groundtruth_v1.yaml"); done
for d in Snapshots/*/; do [ -f "$d/ground_truth.yaml" ] && gts+=("$d/ground_truth.yaml"); done
for i in $(seq 1 59); do
  src=${gts[$(( (i - 1) % ${#gts[@]} ))]}
  mkdir -p "$T/tasks/task-$i"; cp "$src" "$T/tasks/task-$i/ground_truth.yaml"
  for r in 1 2 3; do
    mkdir -p "$T/runs/model-a/task-$i/$r"
    case $(( (i + r) % 4 )) in
      0) echo '["otel-demo/ConfigMap/flagd-config"]' ;;
      1) echo '{"root_causes": ["otel-demo/Deployment/checkout", "otel-demo/Service/frontend", "chaos-mesh/NetworkChaos/x"]}' ;;
      2) printf 'otel-demo/deploy/ad\notel-demo/svc/cart\n' ;;
      3) echo '{"entities": [{"name": "otel-demo/NetworkPolicy/frontend-block-all-ports", "contributing_factor": true}]}' ;;
    esac > "$T/runs/model-a/task-$i/$r/answer.json"
  done
done
rm -rf "$T/runs/model-a/task-7/2"   # one missing run
hyperfine -N --warmup 3 -r 20 ".build/release/triage score --tasks $T/tasks --runs $T/runs/model-a --format json" --export-markdown /dev/stdout 2>/dev/null | tail -3
.build/release/triage score --tasks "$T/tasks" --runs "$T/runs/model-a" | head -4
rm -rf "$T"
