"""`triage generate --itbench`: a real ITBench scenario folder becomes an offline incident; bad scenarios exit 3
and leave nothing behind."""
import json
import os
import subprocess

import pytest

from conftest import ROOT, result

SHARED = os.path.join(os.path.dirname(ROOT), "shared", "itbench", "groundtruth")


def run(triage, *args):
    return subprocess.run([triage, *args], capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(not os.path.isdir(SHARED), reason="../shared/itbench is absent")
def test_a_real_scenario_generates_checks_and_opens(triage, workdir):
    out = str(workdir / "s2")
    p = run(triage, "generate", out, "--itbench", os.path.join(SHARED, "scenario_2"), "--check", "--json", "--minutes", "12")
    assert p.returncode == 0, p.stderr
    r = result(p.stdout)
    assert r["scenario"] == "scenario-2" and r["truth"] == "groundtruth_v1.yaml" and r["noise"] == "real"
    c = r["conformance"]
    assert c["diagnostics"] == [] and c["natural_score"] == 1 and c["truth_alerts_missing"] == []
    assert len(c["other_alerts"]) >= 2 and c["changed_non_root"]
    # The real ground truths sit beside the incident (hidden from agent tools), and the tools answer on it.
    for f in ["ground_truth.yaml", "groundtruth_v1.yaml", "groundtruth.yaml"]:
        assert os.path.exists(os.path.join(out, f))
    p = run(triage, "alerts", "--snapshot", out, "--json")
    assert p.returncode == 0
    names = {a["name"] for a in result(p.stdout)["rows"]}
    assert {"HighRequestErrorRate", "Watchdog"} <= names


def write_scenario(d, injection, truth="groups:\n  - {id: cart-1, kind: Service, namespace: otel-demo, filter: ['cart\\\\b'], root_cause: true}\n"):
    d.mkdir()
    (d / "scenario.yaml").write_text(
        "apiVersion: itbench.io/v2\nkind: Scenario\nmetadata:\n  name: broken\nspec:\n  applications:\n    opentelemetryDemo:\n      enabled: true\n"
        "  faults:\n    - injections:\n" + injection)
    (d / "groundtruth_v1.yaml").write_text(truth)


@pytest.mark.parametrize("injection,says", [
    ("        - id: melt-the-cluster\n          args: {kubernetesObject: {kind: Deployment, metadata: {name: cart, namespace: otel-demo}}}\n",
     "unknown injection 'melt-the-cluster'"),
    ("        - id: scaled-to-zero-kubernetes-workload\n          args: {colour: blue, kubernetesObject: {kind: Deployment, metadata: {name: cart, namespace: otel-demo}}}\n",
     "unsupported argument args.colour"),
    ("        - id: scheduled-chaos-mesh-experiment\n          args: {kubernetesObject: {kind: Schedule, metadata: {name: x, namespace: chaos-mesh}}}\n",
     "needs args.scheduleSpec"),
])
def test_bad_scenarios_exit_3_naming_the_injection_and_write_nothing(triage, workdir, injection, says):
    d = workdir / "scn"
    write_scenario(d, injection)
    out = workdir / "out"
    p = run(triage, "generate", str(out), "--itbench", str(d))
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "broken" in p.stderr and "spec.faults[0].injections[0]" in p.stderr and says in p.stderr, p.stderr
    assert not out.exists() and not os.path.exists(str(out) + ".generating")


def test_an_unsatisfiable_truth_exits_3(triage, workdir):
    d = workdir / "scn"
    write_scenario(d, "        - id: scaled-to-zero-kubernetes-workload\n          args: {kubernetesObject: {kind: Deployment, metadata: {name: cart, namespace: otel-demo}}}\n",
                   truth="groups:\n  - {id: cfg-1, kind: ConfigMap, namespace: otel-demo, filter: ['cfg-[0-9]{3}'], root_cause: true}\n")
    p = run(triage, "generate", str(workdir / "out"), "--itbench", str(d))
    assert p.returncode == 3 and "cfg-1" in p.stderr and "no generated name satisfies it" in p.stderr, p.stderr
    assert not (workdir / "out").exists()


def test_itbench_options_are_checked(triage, workdir):
    p = run(triage, "generate", str(workdir / "o"), "--itbench", str(workdir), "--fault", "hpa:cart")
    assert p.returncode == 2 and "--itbench takes no" in p.stderr
    p = run(triage, "generate", str(workdir / "o"), "--itbench", str(workdir), "--noise", "loud")
    assert p.returncode == 2 and "--noise must be none, real or hard" in p.stderr
    p = run(triage, "generate", str(workdir / "o"), "--itbench", str(workdir / "nowhere"))
    assert p.returncode == 3 and "no ITBench scenario file" in p.stderr


@pytest.mark.skipif(not os.path.isdir(SHARED), reason="../shared/itbench is absent")
def test_practice_on_real_scenarios_generates_once_and_skips_practised_ones(triage, workdir):
    env = dict(os.environ, TRIAGE_DATA_DIR=str(workdir / "data"), TRIAGE_CACHE_DIR=str(workdir / "cache"))
    tasks = workdir / "scenarios"
    tasks.mkdir()
    for n in ("scenario_2", "scenario_31"):
        os.symlink(os.path.join(SHARED, n), tasks / n)

    def session(script, *args):
        p = subprocess.run([triage, "practice", "--itbench", str(tasks), *args, "--headless", "--on-request"],
                           input="\n".join(script) + "\n", capture_output=True, text=True, timeout=300, env=env)
        assert p.returncode == 0, p.stderr
        return p

    done = set()
    for _ in range(2):
        p = session(["print", ":", "type add otel-demo/Service/frontend", "enter", "S", "print"])
        last = p.stdout.strip().splitlines()[-1]
        assert last.startswith("itbench/scenario_") and "score" in last, last
        assert "Practice itbench/scenario_" in p.stdout and "THE ANSWER" in p.stdout
        done.add(last.split(":")[0])
    assert done == {"itbench/scenario_2", "itbench/scenario_31"}
    cached = os.listdir(workdir / "cache" / "itbench")
    assert len(cached) == 2
    again = subprocess.run([triage, "practice", "--itbench", str(tasks), "--headless"], input="", capture_output=True, text=True, env=env)
    assert again.returncode != 0 and "practised all 2 scenarios" in again.stderr
    # --task picks one (any spelling) and reuses the cached incident.
    p = session([":", "type add otel-demo/ConfigMap/flagd-config", "enter", "S"], "--task", "2")
    assert "itbench/scenario_2: score 1.00" in p.stdout
    assert sorted(os.listdir(workdir / "cache" / "itbench")) == sorted(cached)
    h = subprocess.run([triage, "history", "--json"], capture_output=True, text=True, env=env)
    assert {t["task"] for t in result(h.stdout)["per_task"]} == {"itbench/scenario_2", "itbench/scenario_31"}


def test_practice_the_curriculum_lesson_by_lesson(triage, workdir):
    env = dict(os.environ, TRIAGE_DATA_DIR=str(workdir / "data"), TRIAGE_CACHE_DIR=str(workdir / "cache"))
    p = subprocess.run([triage, "practice", "--curriculum", "--task", "07", "--headless", "--on-request"],
                       input="\n".join([":", "type add otel-demo/Secret/email-service-secret", "enter", "S"]) + "\n",
                       capture_output=True, text=True, timeout=300, env=env)
    assert p.returncode == 0, p.stderr
    assert "curriculum/lesson-07-authentication-secret: score 1.00" in p.stdout
    # A random lesson next time is one not practised yet; the generated incidents stay in the cache.
    p = subprocess.run([triage, "practice", "--curriculum", "--seed", "1", "--headless", "--on-request"], input=":\ntype add otel-demo/Service/frontend\nenter\nS\n",
                       capture_output=True, text=True, timeout=300, env=env)
    assert p.returncode == 0 and "curriculum/lesson-" in p.stdout and "lesson-07" not in p.stdout.strip().splitlines()[-1]
    assert len(os.listdir(workdir / "cache" / "scenarios")) == 2
    bad = subprocess.run([triage, "practice", "--curriculum", "--task", "99", "--headless"], input="", capture_output=True, text=True, env=env)
    assert bad.returncode != 0 and "no lesson '99'" in bad.stderr
