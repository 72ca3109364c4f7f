import Foundation
import Testing
@testable import Generator
import Snapshot
import Yams

/// For every fault kind: the ground truth's root cause exists in the recorded objects, the alerts it explains fire
/// after the fault starts, and errors appear only on the faulted service and its callers, only after the fault.
@Suite struct FaultConsistencyTests {
    static let cases = ["feature-flag:cartFailure", "network-policy:frontend", "bad-rollout:checkout", "resource-quota:product-catalog",
                        "network-delay:product-catalog", "network-partition:payment", "memory-stress:valkey-cart", "cpu-stress:ad", "hpa:recommendation"]

    static func generate(_ faults: [FaultSpec], seed: UInt64 = 3) throws -> (String, ScenarioSpec) {
        let dir = NSTemporaryDirectory() + "triage-fault-\(UUID().uuidString.prefix(8))"
        let spec = ScenarioSpec(name: "f", description: "d", seed: seed, minutes: 12, rps: 0.5, faultAt: 0.4, faults: faults, metricInterval: 60)
        _ = try SnapshotGenerator(spec: spec).generate(to: dir)
        return (dir, spec)
    }

    static func groundTruth(_ dir: String) throws -> [String: Any] {
        try Yams.load(yaml: String(contentsOfFile: dir + "/ground_truth.yaml", encoding: .utf8)) as! [String: Any]
    }

    static func matches(_ group: [String: Any], _ id: EntityID) -> Bool {
        guard (group["kind"] as? String) == id.kind, (group["namespace"] as? String) == id.namespace else { return false }
        if let n = group["name"] as? String { return n == id.name }
        // Owned-object suffix relaxation (as the scorer applies it): `checkout-.*` also names the Deployment `checkout`.
        return ((group["filter"] as? [String]) ?? []).contains { f in
            let relaxed = f.hasSuffix("-.*") ? String(f.dropLast(3)) : f
            return [f, relaxed].contains { p in (try? Regex("^(?:\(p))$")).map { id.name.wholeMatch(of: $0) != nil } ?? false }
        }
    }

    @Test(arguments: cases)
    func faultShowsConsistently(_ fault: String) throws {
        let parts = fault.split(separator: ":").map(String.init)
        let (dir, spec) = try Self.generate([try FaultSpec.make(kind: parts[0], service: parts[1], flag: parts[1])])
        let s = try Snapshot.load(dir)
        #expect(s.diagnostics.filter { $0.severity != .info }.isEmpty, "\(s.diagnostics)")
        let gt = try Self.groundTruth(dir)
        let groups = gt["groups"] as! [[String: Any]]
        let roots = groups.filter { ($0["root_cause"] as? Bool) == true }
        #expect(roots.count == 1)
        // 1. The root cause is a recorded object.
        let objects = s.objects().map(\.entity)
        for r in roots { #expect(objects.contains { Self.matches(r, $0) }, "\(fault): root \(r) not among the objects") }
        // 2. Explained alerts fire after the fault.
        for a in (gt["alerts"] as? [[String: Any]]) ?? [] {
            let name = a["id"] as! String
            let fired = s.alerts().filter { $0.name == name && !s.wasPreexisting($0) }
            #expect(!fired.isEmpty, "\(fault): GT alert \(name) never fired")
            #expect(fired.allSatisfy { ($0.activeAt ?? $0.firstSeen) >= spec.faultTime - 60_000_000_000 }, "\(fault): \(name) before the fault")
        }
        // 3. Errors only on the faulted service and its callers (plus the proxy's background timeouts), only after the fault.
        let target = parts[0] == "feature-flag" ? (FaultSpec.flag(parts[1]).map { f -> String in
            if case .featureFlag(_, let svc, _, _, _) = f { return svc }; return "" } ?? "") : parts[1]
        let targetEntity = try s.entity(target)
        let allowed = Set([target, "frontend-proxy", "load-generator"] + s.upstream(targetEntity).map(\.entity.name))
        let errors = s.errorSpans(limit: 100_000).rows
        for e in errors where e.service != "frontend-proxy" && e.service != "load-generator" {
            #expect(allowed.contains(e.service), "\(fault): error span on \(e.service), not upstream of \(target)")
            #expect(e.start >= spec.faultTime, "\(fault): error on \(e.service) before the fault")
        }
        // The propagations follow the call path in the derived topology.
        for p in (gt["propagations"] as? [[String: Any]]) ?? [] {
            let src = p["source"] as! String, dst = p["target"] as! String
            #expect(groups.contains { ($0["id"] as? String) == src } && groups.contains { ($0["id"] as? String) == dst })
        }
    }

    @Test func twoIndependentRootCauses() throws {
        let (dir, _) = try Self.generate([FaultSpec.flag("cartFailure")!, .networkPolicy(service: "ad")], seed: 9)
        let gt = try Self.groundTruth(dir)
        let roots = (gt["groups"] as! [[String: Any]]).filter { ($0["root_cause"] as? Bool) == true }
        #expect(Set(roots.map { $0["kind"] as! String }) == ["ConfigMap", "NetworkPolicy"])
        let s = try Snapshot.load(dir)
        #expect(s.objects(kind: "NetworkPolicy").map(\.entity.name) == ["ad-block-all-ports"])
        #expect(!s.changes(of: try s.entity("cm/flagd-config")).isEmpty)
    }

    @Test func scenarioFiles() throws {
        let spec = try ScenarioFile.parse("""
        name: x
        description: something broke
        seed: 5
        minutes: 10
        rps: 0.5
        faults:
          - kind: network-policy
            service: frontend
          - kind: feature-flag
            flag: cartFailure
        """)
        #expect(spec.seed == 5 && spec.minutes == 10 && spec.faults.count == 2)
        #expect(spec.faults[0] == .networkPolicy(service: "frontend"))
        #expect(throws: GeneratorError.self) { try ScenarioFile.parse("faults: []") }
        let e = #expect(throws: GeneratorError.self) { try ScenarioFile.parse("faults:\n  - kind: network-policy\n    service: nope\n", file: "s.yaml") }
        #expect(e?.description.contains("s.yaml: faults[0]: unknown service 'nope'") == true)
        #expect(throws: GeneratorError.self) { try ScenarioFile.parse("faults:\n  - kind: meteor\n    service: ad\n") }
        #expect(throws: GeneratorError.self) { try ScenarioFile.parse("colour: blue\nfaults:\n  - kind: hpa\n    service: ad\n") }
    }
}
