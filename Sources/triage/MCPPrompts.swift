import AgentTools
import Foundation
import MCP

/// The `investigate` prompt: the benchmark's task statement for the served snapshot.
enum MCPPrompts {
    static let investigate = Prompt(name: "investigate", title: "Investigate the incident",
                                    description: "The ITBench SRE task: find the minimal set of independent root-cause entities of this snapshot's incident and submit them.")

    static func task(_ ctx: ToolContext) -> String {
        """
        You are an SRE investigating a Kubernetes incident from a snapshot captured while it happened: alerts, \
        Kubernetes events and objects, OpenTelemetry logs and traces, and metrics. The snapshot is \
        '\((ctx.snapshotPath as NSString).lastPathComponent)'; the tools query it (start with info and alerts).

        Find the root cause: the minimal set of independent root-cause entities, each as namespace/Kind/name \
        (e.g. shop/ConfigMap/payments-config; never a UID). Leave out symptoms: services and pods that only suffer \
        from a cause. When a fault was injected with Chaos Mesh, the experiment object is the root cause; the Chaos Mesh \
        controller and daemon are infrastructure, not causes.

        Scoring: 0 if any true root cause is missing; otherwise the share of your entities that are root causes. \
        Submit once, with submit_root_causes.
        """
    }
}

/// The snapshot's files as MCP resources (`triage://snapshot/<path>`): exactly what the `files` tool lists, read
/// through `read_file`'s sandbox, so the ground truth, hidden files and anything outside the snapshot never appear.
enum MCPResources {
    static let scheme = "triage://snapshot/"

    static func list(_ ctx: ToolContext) -> [Resource] {
        let rows = RowStream.resultRows(ofEnvelope: Toolbox.run("files", ToolArgs(), context: ctx).json) ?? []
        return rows.compactMap { $0 as? [String: Any] }.compactMap { row in
            guard let path = row["path"] as? String else { return nil }
            let mime = path.hasSuffix(".json") ? "application/json" : path.hasSuffix(".tsv") ? "text/tab-separated-values" : "text/plain"
            return Resource(name: path, uri: scheme + path, description: "\(row["kind"] as? String ?? "file") of the snapshot",
                            mimeType: mime, size: row["bytes"] as? Int)
        }
    }

    /// The first 400 lines of a file, as `read_file` returns them (page further with read_file's `line`).
    static func read(_ uri: String, _ ctx: ToolContext) throws -> Resource.Content {
        guard uri.hasPrefix(scheme) else { throw ToolError("bad_path", "resources are \(scheme)<path>; got '\(uri.prefix(80))'") }
        let path = String(uri.dropFirst(scheme.count))
        let r = Toolbox.run("read_file", ToolArgs(["path": .string(path), "lines": .int(400)]), context: ctx)
        if r.isError { throw ToolError(r.code ?? "error", r.text) }
        return .text(r.text, uri: uri, mimeType: "text/plain")
    }
}
