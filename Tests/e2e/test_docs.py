"""Issue 26, item 6: the README describes the triage that is here. Its layout table names every module under Sources/,
its dependency list is the one Package.swift declares, and its performance figures are the current ones of
docs/PERFORMANCE.md, from the same dated run."""
import os
import re

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


def read(*p):
    return open(os.path.join(ROOT, *p), encoding="utf-8").read()


def declared_dependencies():
    """Our own targets under Sources/ and the targets of ours each one depends on, from Package.swift."""
    pkg = read("Package.swift")
    modules = set(os.listdir(os.path.join(ROOT, "Sources")))
    deps = {}
    for m in re.finditer(r'\.(?:target|executableTarget|systemLibrary)\(\s*name:\s*"([^"]+)"(.*?)\)\s*,\s*(?=\.|//|\])', pkg, re.S):
        name, body = m.group(1), m.group(2)
        if name not in modules:
            continue
        d = re.search(r"dependencies:\s*\[(.*?)(?:\]|$)", body, re.S)
        deps[name] = {x for x in re.findall(r'"([^"]+)"', d.group(1)) if x in modules} if d else set()
    return modules, deps


def test_the_layout_names_every_module_and_the_real_dependency_direction():
    readme = read("README.md")
    modules, deps = declared_dependencies()
    assert modules == set(deps), f"Package.swift targets not found for {modules - set(deps)}"
    layout = readme[readme.index("## Layout"):readme.index("## Performance")]
    for m in sorted(modules):
        assert f"| `Sources/{m}` |" in layout, f"the layout table does not name Sources/{m}"
    drawn = {}
    for line in layout.splitlines():
        m = re.match(r"\s{4}(\w+)\s+→\s+(.*)$", line)
        if m:
            drawn[m.group(1)] = {x.strip() for x in m.group(2).split(",")}
    with_deps = {m: d for m, d in deps.items() if d}
    assert drawn == with_deps, f"README draws {drawn}, Package.swift declares {with_deps}"


def test_the_readme_quotes_the_current_performance_figures():
    readme, perf = read("README.md"), read("docs", "PERFORMANCE.md")
    section = readme[readme.index("## Performance"):readme.index("## License")]
    date = re.search(r"measured on (\d{4}-\d{2}-\d{2})", section, re.I)
    assert date, "the README's performance figures give the date of their run"
    current = perf[perf.index("## Current figures"):]
    current = current[:current.index("\n## ", 5)]
    assert date.group(1) in current.splitlines()[0], "the README and docs/PERFORMANCE.md quote different runs"
    figures = re.findall(r"\d[\d,.]*\s?(?:×|ms|s\b|MB|GB)", section)
    assert len(figures) >= 4
    for f in figures:
        assert f in current, f"README figure {f!r} is not in docs/PERFORMANCE.md's current figures"
    # One current table per target: older runs sit in a dated history section, never beside the current figure.
    assert "## History" in perf and perf.index("## Current figures") < perf.index("## History")
