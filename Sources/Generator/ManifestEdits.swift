import Snapshot

/// Edits of generated manifests that faults and noise share: the pod spec a manifest carries (a workload's template,
/// or a Pod's own spec), its first container, and whether a manifest carries a workload's template from a given time.
extension ClusterObjects {
    /// Edits the pod spec of a workload (its `spec.template.spec`) or of a pod (its `spec`).
    static func editPodSpec(_ m: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        guard var spec = m["spec"] as? [String: Any] else { return }
        if var tmpl = spec["template"] as? [String: Any], var ts = tmpl["spec"] as? [String: Any] {
            edit(&ts); tmpl["spec"] = ts; spec["template"] = tmpl
        } else {
            edit(&spec)
        }
        m["spec"] = spec
    }

    /// Edits the first container of a pod spec.
    static func editContainer(_ spec: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        guard var cs = spec["containers"] as? [[String: Any]], !cs.isEmpty else { return }
        edit(&cs[0])
        spec["containers"] = cs
    }

    /// Whether manifest `m` (of `kind`, named `name`) carries `workload`'s pod template as changed at `since`: its
    /// Deployment (from then on), or one of its pods created at or after it (older pods keep the old template).
    static func carriesTemplate(_ m: [String: Any], kind: String, name: String, of workload: String, since: Nanos) -> Bool {
        let meta = m["metadata"] as? [String: Any] ?? [:]
        switch kind {
        case "Deployment": return name == workload
        case "Pod":
            return (meta["labels"] as? [String: String])?["opentelemetry.io/name"] == workload
                && (meta["creationTimestamp"] as? String ?? "") >= iso(since)
        default: return false
        }
    }
}
