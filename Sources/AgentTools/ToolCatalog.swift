import Snapshot
/// Every tool of the agent backend. The CLI subcommands, the MCP server and replay all use these definitions.
public enum ToolCatalog {
    public static let entity = ToolParam("entity", .string, "An entity: namespace/Kind/name, Kind/name, namespace/name or a bare name; kubectl kinds (deploy, svc, po, cm, netpol) accepted.")
    public static let limit = ToolParam("limit", .integer, "Rows to return (default 50).", minimum: 0, maximum: 1000, defaultValue: .int(50))
    public static let offset = ToolParam("offset", .integer, "Rows to skip, for paging.", minimum: 0, defaultValue: .int(0))
    public static let since = ToolParam("since", .string, "Start of a time window: '2025-12-15 17:40', '17:40', or relative to the recording end like '-10m'.")
    public static let until = ToolParam("until", .string, "End of a time window (same forms as since).")
    static let hideNoise = ToolParam("hide_noise", .boolean, "Hide always-firing alerts and benchmark-infrastructure namespaces.")

    public static let all: [ToolSpec] = [
        ToolSpec(name: "info", description: "Overview of the incident snapshot: signals and record counts, recording and incident time windows, namespaces, entity counts. Start here.",
                 parameters: [], examples: ["triage info", "triage info --json"]),
        ToolSpec(name: "alerts", description: "Prometheus alerts recorded during the incident (one row per distinct alert): name, state, severity, the entity it points at, when it became active and how long it was present. Filter by entity, name, state or time.",
                 parameters: [entity, ToolParam("name", .string, "Alert name substring (e.g. RequestErrorRate)."), ToolParam("state", .string, "firing or pending.", allowed: ["firing", "pending"]),
                              ToolParam("severity", .string, "Severity label (warning, critical, info, none)."), hideNoise,
                              ToolParam("group_by", .string, "Count alerts per name, entity, namespace, kind, severity or state instead of listing them.",
                                        allowed: GroupField.forAlerts.map(\.rawValue)), since, until, limit, offset],
                 examples: ["triage alerts --hide-noise", "triage alerts --entity svc/checkout --json", "triage alerts --group-by entity"]),
        ToolSpec(name: "events", description: "Kubernetes events (each event once, duplicates folded): time, type (Normal/Warning), reason, the object involved, count and message. Warnings such as BackOff, FailedCreate, FailedScheduling, Unhealthy point at broken objects.",
                 parameters: [entity, ToolParam("reason", .string, "Reason substring (BackOff, Killing, FailedCreate…)."), ToolParam("type", .string, "Normal or Warning.", allowed: ["Normal", "Warning"]),
                              hideNoise, ToolParam("recording_only", .boolean, "Drop events replayed from before the recording."),
                              ToolParam("group_by", .string, "Count events per reason, entity, namespace, kind or type instead of listing them.",
                                        allowed: GroupField.forEvents.map(\.rawValue)), since, until, limit, offset],
                 examples: ["triage events --type Warning --hide-noise", "triage events --entity deploy/cart", "triage events --group-by reason --type Warning"]),
        ToolSpec(name: "traces", description: "Distributed traces: list traces (by time, duration or error count) touching an entity or service, or with ‹rollup› the per-service span count, error rate and p50/p95/p99 latency.",
                 parameters: [entity, ToolParam("service", .string, "OpenTelemetry service name."), ToolParam("errors_only", .boolean, "Only traces with an error span."),
                              ToolParam("min_duration_ms", .number, "Only traces at least this long.", minimum: 0, maximum: 1e15), ToolParam("sort", .string, "time, duration or errors.", allowed: ["time", "duration", "errors"]),
                              ToolParam("rollup", .boolean, "Per-service error/latency rollup instead of a trace list."), since, until, limit, offset],
                 examples: ["triage traces --errors-only --sort errors", "triage traces --rollup", "triage traces --entity svc/frontend --sort duration"]),
        ToolSpec(name: "trace", description: "One trace as a span tree: service, operation, duration, and error spans marked with their status message. Also lists the latest error spans of an entity when given ‹entity› instead of ‹id›.",
                 parameters: [ToolParam("id", .string, "Trace id (32 hex digits, or its last 16)."), entity, limit],
                 examples: ["triage trace 4bf92f3577b34da6a3ce929d0e0e4736", "triage trace --entity svc/product-catalog"], oneOfRequired: [["id"], ["entity"]]),
        ToolSpec(name: "metrics", description: "Metrics: list an entity's series with min/max/last and an anomaly score; ‹top› ranks the most anomalous series; ‹series› ID returns one series' points (rates for counters); ‹quantile› with ‹metric› gives histogram quantiles (e.g. p95 latency).",
                 parameters: [entity, ToolParam("name", .string, "Metric name substring."), ToolParam("series", .string, "A series id from a listing (m3.12) to get its points."),
                              ToolParam("raw", .boolean, "Raw cumulative values instead of rates."), ToolParam("top", .boolean, "Rank series by anomaly score."),
                              ToolParam("quantile", .number, "0-1, with ‹metric›: histogram_quantile over <metric>_bucket series of the entity.", minimum: 0, maximum: 1, exclusiveBounds: true),
                              ToolParam("metric", .string, "Histogram base name for ‹quantile› (e.g. traces_span_metrics_duration_milliseconds)."), limit, offset],
                 examples: ["triage metrics --top", "triage metrics --entity po/cart-7d9c-x2 --name memory", "triage metrics --series m3.12",
                            "triage metrics --entity svc/frontend --quantile 0.95 --metric traces_span_metrics_duration_milliseconds"]),
        ToolSpec(name: "logs", description: "Application logs: filter by entity or service, regex over the message (RE2-like ICU syntax), minimum level and time window; time-ordered, paged.",
                 parameters: [entity, ToolParam("service", .string, "OpenTelemetry service name."), ToolParam("pattern", .string, "Regular expression over the log body."),
                              ToolParam("ignore_case", .boolean, "Case-insensitive pattern."), ToolParam("level", .string, "Minimum level, by OpenTelemetry severity name (trace counts as debug; warning is warn).", allowed: ["trace", "debug", "info", "warn", "warning", "error", "fatal"]),
                              ToolParam("patterns", .boolean, "Mine message templates instead of listing records (variable parts such as ids and numbers masked as <*>), with counts, errors, before/after the incident start and a histogram over the recording."),
                              since, until, limit, offset],
                 examples: ["triage logs --entity deploy/cart --level error", "triage logs --pattern 'timeout|refused' --limit 20", "triage logs --patterns --level warn"]),
        ToolSpec(name: "suspects", description: "A baseline, not an answer: candidate root causes ranked deterministically from the evidence (objects that changed or appeared, Chaos Mesh experiments, how close to the incident start, links to entities that went bad, the upstream-most erroring services, metric anomalies), each with its evidence. Check each before submitting it; symptoms and fault-injection machinery are not root causes.",
                 parameters: [limit], examples: ["triage suspects", "triage suspects --limit 3 --json"]),
        ToolSpec(name: "compare", description: "What changed at the incident: the window before a pivot time (default: the incident start) against the window after it. Per service: error rate, p50/p95 latency and span rate from traces, log volume by level; per metric series: mean level. Ranked by the size of the change; ‹entity› keeps one entity and what it runs.",
                 parameters: [entity, ToolParam("pivot", .string, "Pivot time: '17:40', '2025-12-15 17:40' or relative to the recording end like '-10m' (default: the incident start)."),
                              ToolParam("window", .string, "Length of each side, e.g. '10m' (default: what the recording allows, at most 30m)."), limit, offset],
                 examples: ["triage compare", "triage compare --entity svc/checkout", "triage compare --pivot 09:07 --window 5m"]),
        ToolSpec(name: "topology", description: "How entities connect: the service call graph from traces (call and error counts) plus Kubernetes relations (owns, selects, uses ConfigMap/Secret, scales, applies-to, targets from Chaos Mesh). Neighbours of an entity, its upstream (what depends on it: callers, users of a ConfigMap; for a NetworkPolicy, Chaos experiment or HPA, the workloads it acts on and their callers: the blast radius) or downstream (what it depends on: callees, config, policies acting on it) as a tree, or the path to another entity.",
                 parameters: [entity, ToolParam("direction", .string, "neighbours (default), upstream or downstream.", allowed: ["neighbours", "upstream", "downstream"]),
                              ToolParam("to", .string, "Another entity: show the path between them."), ToolParam("depth", .integer, "Levels for upstream/downstream (default 4).", minimum: 1, maximum: 10, defaultValue: .int(4)), limit],
                 examples: ["triage topology --entity svc/checkout", "triage topology --entity cm/payments-config --direction upstream", "triage topology --entity svc/frontend --to svc/cart"]),
        ToolSpec(name: "object", description: "A Kubernetes object's manifest (YAML) as recorded, at a time or the latest; ‹changes› shows the spec/data diffs between its observations (a changed ConfigMap value or image is often the root cause); ‹changed› lists every object that changed during the recording.",
                 parameters: [entity, ToolParam("at", .string, "Time of the observation (default: latest)."), ToolParam("changes", .boolean, "Diffs between consecutive observations."),
                              ToolParam("changed", .boolean, "List every object whose spec or data changed, or that appeared, during the recording."),
                              ToolParam("kind", .string, "List objects of a kind (with namespace)."), ToolParam("namespace", .string, "Namespace for kind listings."), limit, offset],
                 examples: ["triage object --entity cm/payments-config --changes", "triage object --changed", "triage object --kind NetworkPolicy"],
                 oneOfRequired: [["entity"], ["kind"], ["changed"]]),
        ToolSpec(name: "entity", description: "Everything about one entity: where it appears, related entities (Service/Deployment/pods), its alerts, warning events, span and error counts, log and error-log counts, most anomalous metrics, neighbours and manifest history.",
                 parameters: [ToolParam("entity", .string, entity.description, required: true)],
                 examples: ["triage entity deploy/checkout", "triage entity shop/ConfigMap/payments-config --json"]),
        ToolSpec(name: "search", description: "Search every signal at once (entity names, alerts, events, manifests, log bodies, span names and error messages) for a regex; hits per signal with totals.",
                 parameters: [ToolParam("query", .string, "Regular expression.", required: true), ToolParam("case_sensitive", .boolean, "Match case (default: ignore case)."),
                              ToolParam("limit", .integer, "Hits to return per signal (default 10).", minimum: 0, maximum: 1000, defaultValue: .int(10))],
                 examples: ["triage search OOMKilled", "triage search 'connection (refused|reset)'"]),
        ToolSpec(name: "files", description: "The files of the snapshot (relative paths and sizes), for reading raw records with ‹tool:read_file›.",
                 parameters: [], examples: ["triage files"]),
        ToolSpec(name: "read_file", description: "Raw lines of a snapshot file (relative path inside the snapshot only), from a line number; for checking what a record really says.",
                 parameters: [ToolParam("path", .string, "Relative path, e.g. alerts/alerts_at_....json or k8s_events_raw.tsv.", required: true),
                              ToolParam("line", .integer, "First line (1-based, default 1).", minimum: 1, defaultValue: .int(1)), ToolParam("lines", .integer, "Number of lines (default 40, at most 400).", minimum: 1, maximum: 400, defaultValue: .int(40))],
                 examples: ["triage read-file k8s_events_raw.tsv --line 1 --lines 5"]),
        ToolSpec(name: "submit_root_causes", description: "Record the final answer: the minimal set of independent root-cause entities as namespace/Kind/name (e.g. shop/ConfigMap/payments-config). Leave out symptoms (services and pods that only suffer from a cause). When the fault was injected with Chaos Mesh, the experiment object is the root cause (e.g. chaos-mesh/NetworkChaos/NAME, or the Schedule that creates it); the Chaos Mesh controller and daemon are infrastructure, not causes. In evaluation mode no score is returned.",
                 parameters: [ToolParam("root_causes", .stringList, "Root-cause entities, namespace/Kind/name.", required: true), ToolParam("reason", .string, "Short justification.")],
                 examples: ["triage submit shop/ConfigMap/payments-config", "triage submit shop/Deployment/payments-api --reason 'bad image'"],
                 readOnly: false),
    ]

    public static func spec(_ name: String) -> ToolSpec? {
        let n = name == "submit" ? "submit_root_causes" : name
        return all.first { $0.name == n }
    }
}
