"""The blast-radius tree and the path between two entities through the real binary (headless)."""
import subprocess

from conftest import SNAP


def test_tree_and_path(triage, workdir):
    keys = [":", "type tree svc/frontend", "enter", "print", ":", "type path netpol/frontend-block-all-ports svc/frontend-proxy",
            "enter", "print"]
    p = subprocess.run([triage, "tui", SNAP, "--headless", "--on-request", "--size", "120x40"], input="\n".join(keys) + "\n",
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    tree, path = [s for s in p.stdout.split("─── print") if s.strip()]
    assert "Blast radius otel-demo/Service/frontend" in tree
    lines = tree.splitlines()
    centre = next(i for i, l in enumerate(lines) if "● otel-demo/Service/frontend" in l)
    assert any("← otel-demo/Service/frontend-proxy" in l and "calls" in l for l in lines[:centre])
    assert any("→ otel-demo/Service/product-catalog" in l for l in lines[centre:])
    assert any("✘" in l for l in lines), tree          # the load generator's calls into the proxy fail
    assert "Path" in path and "NetworkPolicy/frontend-block-all-ports" in path and "step(s)" in path
