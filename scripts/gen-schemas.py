#!/usr/bin/env python3
"""The JSON Schemas of every command's `--json` output (docs/INTERFACE.md), written from one definition:

    python3 scripts/gen-schemas.py          # writes schemas/*.schema.json and Sources/AgentTools/OutputSchemas.swift
    python3 scripts/gen-schemas.py --check  # exits 1 when either is out of date (a test runs this)

Each schema describes the envelope {command, version, schema_version, ok, result | error}; `result` is the command's
own shape. The Swift file carries the same schemas into the binary for the MCP server's outputSchema.
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA_VERSION = 1


# --- a small vocabulary --------------------------------------------------------------------------------------------
def s(desc=None, **kw):
    d = {"type": "string", **kw}
    if desc: d["description"] = desc
    return d


INT = {"type": "integer"}
NUM = {"type": "number"}
BOOL = {"type": "boolean"}
STR = {"type": "string"}
NS = {"type": "string", "pattern": "^-?[0-9]+$", "description": "nanoseconds since the Unix epoch, as a string (exact beyond 2^53)"}
MAP_STR = {"type": "object", "additionalProperties": {"type": "string"}}
MAP_INT = {"type": "object", "additionalProperties": {"type": "integer"}}
ANY_OBJ = {"type": "object"}


def arr(items):
    return {"type": "array", "items": items}


def time(name, required=True):
    """A time field: RFC 3339 text and the nanoseconds beside it."""
    return {name: {"type": "string", "format": "date-time", "description": "RFC 3339, UTC"}, name + "_ns": NS}, ([name, name + "_ns"] if required else [])


def obj(fields, optional=(), times=(), optional_times=(), open=False, desc=None):
    props = dict(fields)
    required = [k for k in fields if k not in optional]
    for t in times:
        p, r = time(t)
        props.update(p)
        required += r
    for t in optional_times:
        p, _ = time(t)
        props.update(p)
    d = {"type": "object", "properties": props, "required": sorted(required), "additionalProperties": bool(open)}
    if desc: d["description"] = desc
    return d


def page(row, extra=None, optional=()):
    """A page of rows: total matching, the limit and offset used, and truncated/note when the output cap cut rows."""
    f = {"rows": arr(row), "total": INT, "limit": INT, "offset": INT, "truncated": BOOL, "note": STR}
    f.update(extra or {})
    return obj(f, optional=("truncated", "note", *optional))


def listing(row, extra=None, optional=()):
    """Rows without paging."""
    f = {"rows": arr(row), "total": INT, "truncated": BOOL, "note": STR}
    f.update(extra or {})
    return obj(f, optional=("truncated", "note", *optional))


def one_of(*variants):
    return {"anyOf": list(variants)}


# --- rows ----------------------------------------------------------------------------------------------------------
INTERVAL = obj({}, times=("start", "end"))
ALERT = obj({"name": STR, "state": STR, "severity": STR, "value": STR, "snapshots": INT, "labels": MAP_STR, "annotations": MAP_STR,
             "intervals": arr(INTERVAL), "entity": s("namespace/Kind/name the alert points at")},
            optional=("entity",), times=("first_seen", "last_seen"), optional_times=("active_at",))
EVENT = obj({"name": STR, "namespace": STR, "reason": STR, "type": s(enum=["Normal", "Warning"]), "message": STR, "entity": STR,
             "count": INT, "source": STR, "rows": s("rows of the file that carried this event", type="integer"),
             "offset": s("byte offset of its first row in the file", type="integer"), "record": s("record number of its first row", type="integer")},
            times=("first_time", "last_time"))
EVENT["properties"]["rows"] = {"type": "integer", "description": "rows of the file that carried this event"}
EVENT["properties"]["offset"] = {"type": "integer", "description": "byte offset of its first row in the file"}
EVENT["properties"]["record"] = {"type": "integer", "description": "record number of its first row"}
TRACE_ROW = obj({"trace_id": STR, "root_service": STR, "root_name": STR, "services": arr(STR), "spans": INT, "errors": INT,
                 "duration_ms": NUM}, times=("start",))
ROLLUP_ROW = obj({"service": STR, "entity": STR, "spans": INT, "errors": INT, "error_rate": NUM, "p50_ms": NUM, "p95_ms": NUM, "p99_ms": NUM},
                 optional=("entity",))
SPAN = obj({"trace_id": STR, "span_id": STR, "parent_id": STR, "depth": INT, "service": STR, "pod": STR, "name": STR, "kind": STR, "duration_ms": NUM,
            "is_error": BOOL, "status_code": s(enum=["Unset", "Ok", "Error"]), "status_message": STR, "attributes": MAP_STR},
           times=("start",))
SERIES = obj({"id": STR, "entity": STR, "name": STR, "labels": MAP_STR, "samples": INT, "min": NUM, "max": NUM, "last": NUM,
              "anomaly": NUM, "cumulative": BOOL, "duplicates_dropped": INT, "file": STR})
POINT = obj({"value": NUM}, times=("time",))
QUANTILE_SERIES = obj({"id": STR, "name": STR, "labels": MAP_STR, "derived": STR, "values": arr(NUM),
                       "times": arr({"type": "string", "format": "date-time"}), "times_ns": arr(NS)}, optional=("times", "times_ns"))
LOG = obj({"index": INT, "level": STR, "service": STR, "pod": STR, "body": STR}, times=("time",))
EDGE = obj({"from": STR, "to": STR, "relation": STR, "calls": INT, "errors": INT}, optional=("calls", "errors"))
TREE_NODE = obj({"entity": STR, "depth": INT, "via": STR, "calls": INT, "errors": INT}, optional=("via", "calls", "errors"))
PATH_NODE = obj({"entity": STR, "depth": INT, "via": STR, "calls": INT, "errors": INT}, optional=("via", "calls", "errors"))
CHANGED = obj({"entity": STR, "how": s(enum=["changed", "appeared"]), "versions": INT}, times=("time",))
CHANGE = obj({"entity": STR, "diff": arr(STR)}, times=("from", "to"))
KIND_ROW = obj({"entity": STR, "observations": INT, "versions": INT}, times=("first_seen", "last_seen"))
SEARCH_HIT = obj({"signal": s(enum=["entity", "alert", "event", "object", "log", "span"]), "entity": STR, "text": STR, "ref": STR},
                 optional=("entity", "ref", "time", "time_ns"), optional_times=("time",))
FILE_ROW = obj({"path": STR, "bytes": INT, "kind": STR, "records": INT}, optional=("records",))
DIAGNOSTIC = obj({"severity": s(enum=["info", "warning", "error"]), "file": STR, "line": INT, "record": INT, "reason": STR},
                 optional=("line", "record"))
SUMMARY = obj({"entity": STR, "seen_in": arr(STR), "related": arr(STR), "alerts": arr(ALERT), "events": arr(EVENT), "warning_events": INT,
               "spans": INT, "error_spans": INT, "logs": INT, "error_logs": INT, "metric_series": INT, "top_anomalies": arr(SERIES),
               "observations": INT, "versions": INT, "incoming": arr(EDGE), "outgoing": arr(EDGE)},
              optional_times=("first_change",))

GROUP_ALERTS = obj({"key": STR, "count": INT, "firing": INT, "entities": INT}, times=("first_time", "last_time"))
GROUP_EVENTS = obj({"key": STR, "count": INT, "occurrences": INT, "warnings": INT, "entities": INT}, times=("first_time", "last_time"))
PATTERN = obj({"template": STR, "count": INT, "errors": INT, "before": INT, "after": INT, "services": arr(STR), "histogram": arr(INT),
               "example": STR}, times=("first_seen", "last_seen"))
SUSPECT = obj({"rank": INT, "entity": STR, "score": NUM, "evidence": arr(STR)})
CHANGE_ROW = obj({"entity": STR, "measure": STR, "before": NUM, "after": NUM, "score": NUM})

# --- results per command -------------------------------------------------------------------------------------------
RESULTS = {
    "info": obj({"name": STR, "bytes": INT, "load_seconds": NUM, "files": arr(FILE_ROW),
                 "counts": obj({k: INT for k in ["alerts", "alert_files", "events", "event_rows", "objects", "object_rows", "spans", "traces",
                                                  "metric_series", "metric_samples", "log_records"]}),
                 "window": obj({"incident_start_reason": STR}, optional=("incident_start_reason", "incident_start", "incident_start_ns", "start", "start_ns", "end", "end_ns"),
                               optional_times=("start", "end", "incident_start")),
                 "namespaces": arr(STR), "entities": MAP_INT, "diagnostics": arr(DIAGNOSTIC),
                 "rows": arr(obj({"task": STR, "name": STR, "path": STR, "bytes": INT, "labelled": BOOL, "truth": STR, "description": STR},
                                 optional=("path", "truth", "description"))), "total": INT,
                 "layout": s(enum=["snapshot", "itbench-lite", "itbench-aa", "ground-truth-repo", "folder"]), "root": STR, "problems": arr(STR)},
                optional=("name", "bytes", "load_seconds", "files", "counts", "window", "namespaces", "entities", "diagnostics", "rows", "total",
                          "layout", "root", "problems"),
                desc="A snapshot's summary; with --list, the tasks of a dataset instead"),
    "alerts": one_of(page(ALERT), page(GROUP_ALERTS, {"group_by": s(enum=["name", "entity", "namespace", "kind", "severity", "state"])})),
    "events": one_of(page(EVENT), page(GROUP_EVENTS, {"group_by": s(enum=["reason", "entity", "namespace", "kind", "type"])})),
    "traces": one_of(page(TRACE_ROW), page(ROLLUP_ROW)),
    "trace": one_of(listing(SPAN, {"trace_id": STR}), listing(SPAN, {"entity": STR})),
    "metrics": one_of(page(SERIES), page(POINT, {"series": STR, "name": STR, "labels": MAP_STR, "derived": STR}), listing(QUANTILE_SERIES)),
    "logs": one_of(page(LOG), page(PATTERN, {"records": INT, "pivot": {"type": "string", "format": "date-time"}, "pivot_ns": NS},
                                    optional=("pivot", "pivot_ns"))),
    "suspects": obj({"rows": arr(SUSPECT), "total": INT, "limit": INT, "truncated": BOOL, "note": STR}, optional=("truncated", "note")),
    "compare": page(CHANGE_ROW, {"pivot": {"type": "string", "format": "date-time"}, "pivot_ns": NS, "pivot_reason": STR,
                                 "before": INTERVAL, "after": INTERVAL}),
    "topology": one_of(obj({"entity": STR, "incoming": arr(EDGE), "outgoing": arr(EDGE)}),
                       listing(TREE_NODE, {"entity": STR, "direction": s(enum=["upstream", "downstream"])}),
                       listing(PATH_NODE), listing(EDGE)),
    "object": one_of(obj({"entity": STR, "observation": INT, "observations": INT, "manifest": ANY_OBJ}, times=("time",)),
                     listing(CHANGED), listing(CHANGE), page(KIND_ROW)),
    "entity": obj({"summary": SUMMARY}),
    "search": obj({"rows": arr(SEARCH_HIT), "totals": MAP_INT, "truncated": BOOL, "note": STR}, optional=("truncated", "note")),
    "files": listing(FILE_ROW),
    "read_file": listing(STR, {"path": STR, "line": INT}),
    "submit_root_causes": obj({"recorded": BOOL, "root_causes": arr(STR), "file": STR, "score": ANY_OBJ}, optional=("file", "score")),
}
VERDICT = obj({"entity": STR, "normalized": STR, "verdict": s(enum=["TP", "FP", "duplicate", "excluded"]), "root_cause": STR, "explanation": STR},
              optional=("normalized", "root_cause"))
SCORE = obj({"score": NUM, "precision": NUM, "recall": NUM, "f1": NUM, "true_positives": INT, "false_positives": INT,
             "matched_classes": INT, "root_cause_classes": INT, "profile": STR, "verdicts": arr(VERDICT),
             "missed": arr(obj({"root_cause": STR, "accepted_as": arr(STR)})), "notes": arr(STR),
             "truth": obj({"file": STR, "version": STR, "disagreement": STR}, optional=("file", "disagreement"))},
            optional=("truth",))
BATCH = obj({"profile": STR, "tasks": INT, "repeats": INT, "problems": arr(STR),
             "run_sets": arr(obj({"run_set": STR, "headline": NUM, "ibm_f1": NUM, "pairs": INT, "scored": INT, "missing": INT, "perfect": INT})),
             "per_task": arr(obj({"task": STR, "run_set": STR, "mean": NUM, "repeats": INT, "problems": INT})),
             "runs": arr(obj({"run_set": STR, "task": STR, "repeat": STR, "file": STR, "score": NUM, "precision": NUM, "recall": NUM,
                              "ibm_f1": NUM, "problem": STR}, optional=("file", "precision", "recall", "problem"))),
             "truths": arr(obj({"task": STR, "file": STR, "version": STR, "disagreement": STR}, optional=("disagreement",)))},
            open=True)
RESULTS["score"] = one_of(SCORE, BATCH)
RESULTS["replay"] = obj({"format": STR, "source": STR, "steps": INT, "turns": INT, "seconds": NUM, "ending": STR,
                         "tool_calls": arr(obj({"step": INT, "name": STR, "arguments": STR})), "tool_calls_by_kind": MAP_INT,
                         "final_answer": arr(STR), "answer_from": STR, "problems": arr(STR), "input_tokens": INT, "output_tokens": INT,
                         "first_touch": MAP_INT, "first_evidence": MAP_INT,
                         "reruns": obj({"same": INT, "differs_at_steps": arr(INT), "not_checked": INT}),
                         "score": NUM, "precision": NUM, "recall": NUM, "verdicts": arr(obj({"entity": STR, "verdict": STR, "explanation": STR})),
                         "snapshot_problem": STR},
                        open=True,
                        optional=("score", "precision", "recall", "verdicts", "snapshot_problem", "answer_from", "final_answer", "seconds",
                                  "ending", "input_tokens", "output_tokens", "first_touch", "first_evidence", "reruns", "turns", "source"))
RESULTS["history"] = obj({"directory": STR, "headline": NUM, "mean_seconds": NUM, "tasks": INT,
                          "per_task": arr(obj({"task": STR, "sessions": INT, "mean_score": NUM, "best": NUM, "mean_seconds": NUM})),
                          "sessions": arr({"type": "object"})})

RESULTS["label"] = obj({"file": STR, "version": STR, "valid": BOOL, "groups": INT, "root_causes": INT, "propagations": INT,
                        "problems": arr(STR), "warnings": arr(STR)})
RESULTS["generate"] = obj({"path": STR, "bytes": INT, "spans": INT, "logs": INT, "seconds": NUM, "scenario": STR, "faults": arr(STR)},
                          optional=("scenario",))
RESULTS["tui"] = obj({
    "screen": s("the screen as text, one line per terminal row"),
    "screens": arr(STR),
    "status": s("the status line: where you are and what keys do"),
    "message": s("the last message in full (the status line may cut it)"),
    "page": s("the page's title (Logs, Trace 5f3a…, Entity otel-demo/Service/cart, …)"),
    "view": s("the view in the left navigation the page belongs to, when it is one", enum=["Overview", "Alerts", "Events", "Traces", "Metrics", "Logs", "Topology", "Objects", "Entities"]),
    "mode": s("how keys are read now", enum=["normal", "filter", "command", "find", "help"]),
    "input": s("the text typed so far in filter, command or find mode"),
    "filter": s("the page's / filter"),
    "cursor": obj({"row": INT, "rows": INT, "top": INT}, desc="the selected row (0-based), the number of rows, the first row shown"),
    "selected": obj({"text": STR, "entity": STR}, optional=("entity",), desc="the selected row as text, and the entity it is about"),
    "focused_entity": STR,
    "basket": arr(STR),
    "depth": {"type": "integer", "description": "pages open behind this one (Esc goes back)"},
    "size": obj({"width": INT, "height": INT}),
    "keys_sent": INT,
    "notes": arr(STR),
}, optional=("message", "view", "input", "filter", "selected", "focused_entity"))

ERROR = obj({"code": s("stable error code: bad_argument, bad_regex, bad_path, unknown_entity, unknown_tool, not_found, forbidden, io, bad_snapshot, timeout, error"),
             "message": STR})


def envelope(command, result):
    base = {"command": {"const": command}, "version": STR, "schema_version": {"const": SCHEMA_VERSION}}
    ok = {"type": "object", "properties": {**base, "ok": {"const": True}, "result": result},
          "required": ["command", "version", "schema_version", "ok", "result"], "additionalProperties": False}
    bad = {"type": "object", "properties": {**base, "ok": {"const": False}, "error": ERROR},
           "required": ["command", "version", "schema_version", "ok", "error"], "additionalProperties": False}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"https://triage.dev/schemas/{command}.schema.json",
            "title": f"triage {command} --json", "type": "object", "oneOf": [ok, bad]}


def render():
    files = {f"schemas/{c}.schema.json": json.dumps(envelope(c, r), indent=2, sort_keys=True) + "\n" for c, r in sorted(RESULTS.items())}
    lines = ["// Generated by scripts/gen-schemas.py from the same definitions as schemas/*.schema.json; do not edit.",
             "",
             "/// The JSON Schema of every command's `--json` envelope, by command (tool) name: the MCP server's outputSchema.",
             "public enum OutputSchemas {",
             f"    public static let schemaVersion = {SCHEMA_VERSION}",
             "    public static let json: [String: String] = ["]
    for c, r in sorted(RESULTS.items()):
        text = json.dumps(envelope(c, r), sort_keys=True, separators=(",", ":"))
        lines.append(f'        "{c}": #"{text}"#,')
    lines += ["    ]", "}", ""]
    files["Sources/AgentTools/OutputSchemas.swift"] = "\n".join(lines)
    return files


def main():
    check = "--check" in sys.argv
    stale = []
    for rel, text in render().items():
        path = os.path.join(ROOT, rel)
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            stale.append(rel)
            if not check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as f:
                    f.write(text)
    if check and stale:
        print("out of date (run python3 scripts/gen-schemas.py): " + ", ".join(stale))
        sys.exit(1)
    print(("up to date" if not stale else "wrote " + ", ".join(stale)) if not check else "schemas up to date")


if __name__ == "__main__":
    main()
