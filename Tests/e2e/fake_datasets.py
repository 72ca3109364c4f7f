"""Fakes of the real dataset layouts, built from the shipped snapshots (docs/DATASETS.md):

- ITBench-Lite: snapshots/sre/v0.2-B96DF826-4BB2-4B62-97AB-6D84254C53D7/Scenario-N/ with ground_truth.yaml
  (plus a finops folder that must be ignored);
- ITBench-AA: sre/Scenario-N/ without ground truth, and sre/data.jsonl whose rows embed it;
- the ITBench ground-truth repository: scenario_N/groundtruth_v1.yaml, no snapshots.

Scenario 2 is the shipped incident-02, scenario 5 incident-03.
"""
import json
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHIPPED = {2: "incident-02", 5: "incident-03"}
LITE_VERSION = "v0.2-B96DF826-4BB2-4B62-97AB-6D84254C53D7"


def _copy_snapshot(src, dst, with_truth):
    shutil.copytree(src, dst, ignore=None if with_truth else shutil.ignore_patterns("ground_truth.yaml"))


def build(kind, root):
    """Writes the fake dataset of `kind` ('lite', 'aa' or 'gt') under `root`; returns root."""
    os.makedirs(root, exist_ok=True)
    for n, name in SHIPPED.items():
        src = os.path.join(ROOT, "Snapshots", name)
        truth = open(os.path.join(src, "ground_truth.yaml")).read()
        if kind == "lite":
            _copy_snapshot(src, os.path.join(root, "snapshots", "sre", LITE_VERSION, f"Scenario-{n}"), True)
        elif kind == "aa":
            _copy_snapshot(src, os.path.join(root, "sre", f"Scenario-{n}"), False)
            with open(os.path.join(root, "sre", "data.jsonl"), "a") as f:
                f.write(json.dumps({"id_aa": f"it-bench-sre-public-scenario-{n}", "scenario_id": f"Scenario-{n}", "category": "sre",
                                    "source_split": "public", "scenario_root": "/home/user", "ground_truth_yaml": truth}) + "\n")
        elif kind == "gt":
            os.makedirs(os.path.join(root, f"scenario_{n}"))
            with open(os.path.join(root, f"scenario_{n}", "groundtruth_v1.yaml"), "w") as f:
                f.write(truth)
        else:
            raise ValueError(kind)
    if kind == "lite":
        os.makedirs(os.path.join(root, "snapshots", "finops", "Scenario-1"), exist_ok=True)
        open(os.path.join(root, "snapshots", "finops", "Scenario-1", "cost.csv"), "w").write("a,b\n")
    return root


def natural_answer(n):
    """The root cause of fake scenario n (for scoring runs)."""
    return {2: "otel-demo/NetworkPolicy/frontend-block-all-ports"}.get(n)
