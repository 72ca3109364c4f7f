import os
import shutil
import subprocess
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRIAGE = os.environ.get("TRIAGE_BIN", os.path.join(ROOT, ".build", "debug", "triage"))
SNAP = os.path.join(ROOT, "Snapshots", "incident-02")   # network policy blocking the frontend


@pytest.fixture(scope="session")
def triage():
    if not os.path.exists(TRIAGE):
        subprocess.run(["swift", "build", "--product", "triage"], cwd=ROOT, check=True)
    return TRIAGE


@pytest.fixture()
def workdir(tmp_path):
    # Each test gets its own index cache, so the cache is exercised cold and warm.
    os.environ["TRIAGE_CACHE_DIR"] = str(tmp_path / "cache")
    return tmp_path


def result(text):
    """The result of a `--json` envelope (docs/INTERFACE.md), checking the envelope itself."""
    import json
    d = json.loads(text)
    assert d.get("ok") is True and "command" in d and "version" in d and "schema_version" in d, text[:300]
    return d["result"]
