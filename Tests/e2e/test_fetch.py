"""`triage fetch` against a loopback Hugging Face Hub (hub_server.py) serving fakes of the real datasets: redirects
to a CDN host, a connection cut mid-file (resumed with Range, not restarted), a wrong checksum (rejected, nothing
half-written), 429 with Retry-After, a missing revision, the token kept from the CDN, and reuse of the Hugging Face
cache."""
import filecmp
import json
import os
import shutil
import subprocess
import time

import pytest

import fake_datasets
from conftest import result
from hub_server import COMMIT, FakeHub

REPOS = {"aa": "ArtificialAnalysis/ITBench-AA", "lite": "ibm-research/ITBench-Lite"}


@pytest.fixture()
def hub(tmp_path):
    servers = []

    def start(kind):
        src = fake_datasets.build(kind, str(tmp_path / ("repo-" + kind)))
        h = FakeHub(REPOS[kind], src).start()
        servers.append(h)
        return h
    yield start
    for s in servers:
        s.shutdown()


def fetch(triage, h, tmp_path, *args, timeout=180):
    env = dict(os.environ, HF_ENDPOINT=h.url, HF_HOME=str(tmp_path / "hf"), HF_TOKEN="hf_secret")
    env.pop("HF_HUB_CACHE", None)
    env["TRIAGE_CACHE_DIR"] = str(tmp_path / "cache")
    return subprocess.run([triage, "fetch", *args], capture_output=True, text=True, timeout=timeout, env=env)


def leftovers(d):
    return [os.path.join(r, n) for r, _, ns in os.walk(d) for n in ns if n.endswith(".triage-part")]


def same_tree(a, b):
    for r, _, ns in os.walk(a):
        for n in ns:
            src = os.path.join(r, n)
            dst = os.path.join(b, os.path.relpath(src, a))
            assert os.path.exists(dst), dst
            assert filecmp.cmp(src, dst, shallow=False), dst


def test_fetch_aa_resumes_a_cut_file_retries_429_and_opens_as_a_dataset(triage, hub, tmp_path):
    h = hub("aa")
    big = "sre/Scenario-2/otel_traces_raw.tsv"
    h.cut_once, h.throttle = {big}, 1
    dest = tmp_path / "AA"
    started = time.time()
    p = fetch(triage, h, tmp_path, "aa", "--dest", str(dest))
    assert p.returncode == 0, p.stderr
    assert time.time() - started >= 1.0                        # Retry-After: 1 honoured
    assert "retrying in 1 s" in p.stderr and "HTTP 429" in p.stderr
    same_tree(h.root, str(dest))
    assert not leftovers(dest)
    # The cut file was resumed from where it stopped (a Range request to the CDN), not restarted.
    cdn = [r for r in h.requests("/cdn/") if r[2]]
    assert cdn and cdn[0][2].startswith("bytes=") and int(cdn[0][2][6:-1]) > 0
    # The token goes to the Hub's API and resolve endpoint, never to the CDN host the download is redirected to.
    assert all(r[3] == "Bearer hf_secret" for r in h.requests("/api/") + h.requests("/datasets/"))
    assert all(r[3] is None for r in h.requests("/cdn/"))
    assert json.load(open(dest / ".triage-fetch.json"))["commit"] == COMMIT
    # What was fetched opens as an ITBench-AA dataset, the ground truth read from data.jsonl.
    env = dict(os.environ, TRIAGE_CACHE_DIR=str(tmp_path / "cache"))
    listed = subprocess.run([triage, "info", "--list", str(dest), "--json"], capture_output=True, text=True, env=env)
    r = result(listed.stdout)
    assert r["layout"] == "itbench-aa" and [t["task"] for t in r["rows"]] == ["2", "5"]
    assert all(t["labelled"] and t["truth"].startswith("sre/data.jsonl:") for t in r["rows"])
    # Running it again downloads nothing.
    again = fetch(triage, h, tmp_path, "aa", "--dest", str(dest))
    assert again.returncode == 0 and "0 downloaded" in again.stdout and "already in place" in again.stdout


def test_a_wrong_checksum_is_rejected_and_nothing_half_written_remains(triage, hub, tmp_path):
    h = hub("aa")
    bad = "sre/Scenario-5/otel_logs_raw.tsv"
    h.corrupt = {bad}
    dest = tmp_path / "AA"
    p = fetch(triage, h, tmp_path, "aa", "--dest", str(dest))
    assert p.returncode == 3, p.stderr
    assert bad in p.stderr and "checksum mismatch" in p.stderr and "run the same command again" in p.stderr
    assert not (dest / bad).exists() and not leftovers(dest)
    assert (dest / "sre/Scenario-2/otel_logs_raw.tsv").exists()
    # Fixed at the source, a second run fetches only the missing file.
    h.corrupt = set()
    before = len(h.requests("/datasets/"))
    p = fetch(triage, h, tmp_path, "aa", "--dest", str(dest))
    assert p.returncode == 0, p.stderr
    assert "1 downloaded" in p.stdout and len(h.requests("/datasets/")) - before == 1
    same_tree(h.root, str(dest))


def test_a_missing_revision_and_an_unknown_scenario_are_clear_errors(triage, hub, tmp_path):
    h = hub("aa")
    p = fetch(triage, h, tmp_path, "aa", "--revision", "v9.9", "--dest", str(tmp_path / "x"))
    assert p.returncode == 3 and "no revision 'v9.9'" in p.stderr
    p = fetch(triage, h, tmp_path, "aa", "--scenario", "77", "--dest", str(tmp_path / "x"))
    assert p.returncode == 3 and "no scenario 77" in p.stderr
    assert not (tmp_path / "x").exists()


def test_files_in_the_hugging_face_cache_are_not_downloaded_again(triage, hub, tmp_path):
    h = hub("aa")
    cache = tmp_path / "hf" / "hub" / "datasets--ArtificialAnalysis--ITBench-AA" / "snapshots" / COMMIT
    shutil.copytree(os.path.join(h.root, "sre", "Scenario-2"), cache / "sre" / "Scenario-2")
    dest = tmp_path / "AA"
    p = fetch(triage, h, tmp_path, "aa", "--scenario", "Scenario-2", "--dest", str(dest))
    assert p.returncode == 0, p.stderr
    resolved = [r[1] for r in h.requests("/datasets/")]
    assert resolved and all("Scenario-2" not in r for r in resolved), resolved   # only data.jsonl
    assert "from the Hugging Face cache" in p.stderr
    same_tree(os.path.join(h.root, "sre", "Scenario-2"), str(dest / "sre" / "Scenario-2"))
    assert not (dest / "sre" / "Scenario-5").exists()


def test_list_shows_scenarios_and_sizes_and_downloads_nothing(triage, hub, tmp_path):
    h = hub("lite")
    p = fetch(triage, h, tmp_path, "lite", "--list")
    assert p.returncode == 0, p.stderr
    assert "Scenario-2" in p.stdout and "Scenario-5" in p.stdout and "MiB" in p.stdout and COMMIT[:12] in p.stdout
    assert not h.requests("/datasets/") and not h.requests("/cdn/")
    j = result(fetch(triage, h, tmp_path, "lite", "--list", "--json").stdout)
    assert [r["task"] for r in j["rows"]] == ["2", "5"] and j["commit"] == COMMIT


def test_fetch_lite_one_scenario_opens_as_itbench_lite(triage, hub, tmp_path):
    h = hub("lite")
    dest = tmp_path / "Lite"
    p = fetch(triage, h, tmp_path, "lite", "--scenario", "5", "--dest", str(dest))
    assert p.returncode == 0, p.stderr
    got = dest / "snapshots" / "sre" / fake_datasets.LITE_VERSION
    assert sorted(os.listdir(got)) == ["Scenario-5"] and not (dest / "snapshots" / "finops").exists()
    env = dict(os.environ, TRIAGE_CACHE_DIR=str(tmp_path / "cache"))
    r = result(subprocess.run([triage, "info", "--list", str(dest), "--json"], capture_output=True, text=True, env=env).stdout)
    assert r["layout"] == "itbench-lite" and r["rows"][0]["name"] == "Scenario-5" and r["rows"][0]["labelled"]
