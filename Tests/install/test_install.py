"""Installs triage into a temporary prefix with scripts/install.sh, deletes the build directory, and runs the
installed binary as a user would: from another directory, without the Swift toolchain on PATH."""
import asyncio
import os
import re
import shutil
import subprocess

import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHIPPED = sorted(d for d in os.listdir(os.path.join(ROOT, "Snapshots")) if d.startswith("incident-"))


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    base = tmp_path_factory.mktemp("install")
    build, prefix = base / "build", base / "prefix"
    p = subprocess.run(["bash", os.path.join(ROOT, "scripts", "install.sh"), str(prefix)],
                       env={**os.environ, "TRIAGE_BUILD_DIR": str(build)}, capture_output=True, text=True, timeout=1800)
    assert p.returncode == 0, p.stderr[-3000:]
    shutil.rmtree(build)  # the installed tool must not need its build directory
    return prefix


def user_env(home):
    """A user's environment: no Swift toolchain on PATH, no library path, no snapshot hints."""
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
            "TRIAGE_CACHE_DIR": str(home / "cache")}


def run(prefix, tmp_path, *args):
    return subprocess.run([str(prefix / "bin" / "triage"), *args], cwd=str(tmp_path), env=user_env(tmp_path),
                          capture_output=True, text=True, timeout=120)


def test_layout_man_page_and_completions(prefix):
    for rel in ["bin/triage", "share/man/man1/triage.1", "share/bash-completion/completions/triage",
                "share/zsh/site-functions/_triage", "share/fish/vendor_completions.d/triage.fish"]:
        assert (prefix / rel).is_file(), rel
    assert sorted(os.listdir(prefix / "share/triage/Snapshots")) == sorted(os.listdir(os.path.join(ROOT, "Snapshots")))
    man = (prefix / "share/man/man1/triage.1").read_text()
    assert ".Dt TRIAGE 1" in man and "score" in man and "replay" in man
    comp = subprocess.run(["bash", "-c", f"source {prefix}/share/bash-completion/completions/triage && complete -p triage"],
                          capture_output=True, text=True)
    assert comp.returncode == 0 and "triage" in comp.stdout


def test_binary_is_static_stripped_and_self_contained(prefix):
    exe = str(prefix / "bin" / "triage")
    ldd = subprocess.run(["ldd", exe], capture_output=True, text=True).stdout
    assert "swift" not in ldd.lower() and "not found" not in ldd, ldd
    dyn = subprocess.run(["readelf", "-d", exe], capture_output=True, text=True).stdout
    assert "swift" not in dyn.lower(), dyn  # no RUNPATH into a toolchain, no Swift runtime library needed
    sections = subprocess.run(["readelf", "-S", "-W", exe], capture_output=True, text=True).stdout
    assert ".symtab" not in sections, "the installed binary is not stripped"


def test_version_matches_the_changelog(prefix, tmp_path):
    p = run(prefix, tmp_path, "--version")
    assert p.returncode == 0, p.stderr
    top = re.search(r"^## \[?(\d+\.\d+\.\d+)", open(os.path.join(ROOT, "CHANGELOG.md")).read(), re.M).group(1)
    assert p.stdout.strip() == top


def test_shipped_snapshots_found_from_the_prefix(prefix, tmp_path):
    p = run(prefix, tmp_path, "info", "--list")
    assert p.returncode == 0, p.stderr
    for name in SHIPPED:
        assert name in p.stdout
    assert str(prefix / "share/triage/Snapshots") in p.stdout or "incident-01" in p.stdout
    # The default snapshot (no argument, cwd not a snapshot) is the first shipped one, from the prefix.
    p = run(prefix, tmp_path, "info", "--json")
    assert p.returncode == 0, p.stderr
    assert "incident-01" in p.stdout
    p = run(prefix, tmp_path, "alerts", "--snapshot", str(prefix / "share/triage/Snapshots/incident-02"), "--hide-noise")
    assert p.returncode == 0 and "RequestLatency" in p.stdout, p.stdout + p.stderr


def test_copied_binary_starts_anywhere(prefix, tmp_path):
    # Before the static runtime, a copied binary needed the toolchain at its build path to start at all.
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(prefix / "bin" / "triage", tmp_path / "elsewhere" / "triage")
    p = subprocess.run([str(tmp_path / "elsewhere" / "triage"), "--version"], env=user_env(tmp_path),
                       cwd=str(tmp_path), capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and p.stdout.strip(), p.stderr


def test_one_mcp_session_with_the_official_client(prefix, tmp_path):
    snap = str(prefix / "share/triage/Snapshots/incident-02")

    async def session():
        params = StdioServerParameters(command=str(prefix / "bin" / "triage"), args=["mcp", "--snapshot", snap],
                                       env=user_env(tmp_path), cwd=str(tmp_path))
        async with stdio_client(params) as (r, w):
            async with ClientSession(r, w) as s:
                init = await s.initialize()
                tools = await s.list_tools()
                res = await s.call_tool("alerts", {"hide_noise": True})
                return init, tools, res

    init, tools, res = asyncio.run(session())
    assert init.server_info.name == "triage" and init.server_info.version == run(prefix, tmp_path, "--version").stdout.strip()
    assert {"alerts", "logs", "submit_root_causes"} <= {t.name for t in tools.tools}
    assert not res.is_error and "RequestLatency" in "\n".join(c.text for c in res.content if getattr(c, "text", None))
