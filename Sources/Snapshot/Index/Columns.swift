/// Column layouts of the snapshot TSV files, and lookup of a column's position by header name.
public enum Columns {
    /// ClickHouse OTel logs schema: k8s_events_raw.tsv, k8s_objects_raw.tsv, otel_logs_raw.tsv.
    public static let logs = ["Timestamp", "TimestampTime", "TraceId", "SpanId", "TraceFlags", "SeverityText", "SeverityNumber",
                              "ServiceName", "Body", "ResourceSchemaUrl", "ResourceAttributes", "ScopeSchemaUrl", "ScopeName",
                              "ScopeVersion", "ScopeAttributes", "LogAttributes", "EventName"]
    /// ClickHouse OTel traces schema: otel_traces_raw.tsv.
    public static let traces = ["Timestamp", "TraceId", "SpanId", "ParentSpanId", "TraceState", "SpanName", "SpanKind", "ServiceName",
                                "ResourceAttributes", "ScopeName", "ScopeVersion", "SpanAttributes", "Duration", "StatusCode",
                                "StatusMessage", "Events.Timestamp", "Events.Name", "Events.Attributes", "Links.TraceId",
                                "Links.SpanId", "Links.TraceState", "Links.Attributes"]
    /// Service metric files.
    public static let serviceMetrics = ["metric_name", "timestamp", "value", "service_name", "namespace", "bucket_le", "tags",
                                        "metric_type", "status_code"]
    /// Pod metric files.
    public static let podMetrics = ["metric_name", "timestamp", "value", "pod_name", "namespace", "tags"]

    /// Position of `name` in `header`, else its position in `standard`, else -1.
    public static func index(_ name: String, in header: [String], standard: [String]) -> Int {
        if let i = header.firstIndex(of: name) { return i }
        return standard.firstIndex(of: name) ?? -1
    }
}
