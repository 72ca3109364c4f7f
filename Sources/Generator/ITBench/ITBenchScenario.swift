import Foundation
import Yams

/// An ITBench scenario file (`scenario.yaml`, `apiVersion: itbench.io/v2`, `kind: Scenario`): the applications it runs
/// and its faults, each a sequence of injections (`spec.faults[].injections[]`) with helper steps before and after
/// them (`waitFor.preInjection` / `postInjection`). Every error names the file, the field and what is wrong.
public struct ITBenchScenario {
    /// The application a scenario deploys.
    public enum Application: String, Sendable { case opentelemetryDemo, bookInfo }

    /// The Kubernetes object an injection acts on (`args.kubernetesObject`).
    public struct ObjectRef: Sendable, Equatable {
        public var apiVersion: String
        public var kind: String
        public var name: String
        public var namespace: String?
        /// `namespace/Kind/name` (`Kind/name` when cluster-scoped).
        public var entity: String { [namespace, kind, name].compactMap { $0 }.joined(separator: "/") }
    }

    /// One injection or helper step.
    /// (Not Sendable: the Chaos Mesh spec and load generator are kept as the YAML mappings they were read as.)
    public struct Injection {
        public enum Phase: String, Sendable { case preInjection, injection, postInjection }
        public var mechanism: ITBenchMechanism
        public var phase: Phase
        public var object: ObjectRef
        /// The field it was read from (`spec.faults[0].injections[0]`), for errors later on.
        public var field: String
        public var container: String?
        /// `args.container.env`: the variable the injection sets and its new value.
        public var environment: (name: String, value: String)?
        /// `args.flag`: the feature flag and the variant it is set to.
        public var flag: (name: String, state: String)?
        /// `args.scheduleSpec`: the Chaos Mesh experiment type (`NetworkChaos`, `StressChaos`, …) and its spec.
        public var chaosType: String?
        public var chaosSpec: [String: Any]?
        public var targetPort: Int?
        public var replicas: Int?
        public var configMapName: String?
        public var httpMethods: [String] = []
        public var loadGenerator: [String: Any]?
    }

    /// One fault: its injections in order, with the helper steps around them.
    public struct Fault {
        public var before: [Injection]
        public var injections: [Injection]
        public var after: [Injection]
        /// Every step in the order ITBench runs them.
        public var sequence: [Injection] { before + injections + after }
    }

    public var name: String
    public var file: String
    public var applications: [Application]
    public var faults: [Fault]

    /// The mechanisms of every step, in order.
    public var mechanisms: [ITBenchMechanism] { faults.flatMap { $0.sequence.map(\.mechanism) } }

    /// Reads `path` (a `scenario.yaml`, or a scenario folder holding one).
    public static func load(path: String) throws -> ITBenchScenario {
        var isDir: ObjCBool = false
        let file = FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
            ? (path as NSString).appendingPathComponent("scenario.yaml") : path
        guard FileManager.default.fileExists(atPath: file) else { throw GeneratorError("\(file): no ITBench scenario file here") }
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw GeneratorError("\(file): cannot read it as UTF-8 text")
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String = "<scenario.yaml>") throws -> ITBenchScenario {
        let any: Any?
        do { any = try Yams.load(yaml: text) } catch { throw GeneratorError("\(file): YAML syntax: \(error)") }
        guard let d = any as? [String: Any] else { throw GeneratorError("\(file): expected a mapping") }
        guard (d["apiVersion"] as? String)?.hasPrefix("itbench.io/") == true, d["kind"] as? String == "Scenario" else {
            throw GeneratorError("\(file): not an ITBench scenario (needs apiVersion: itbench.io/v2, kind: Scenario)")
        }
        let name = ((d["metadata"] as? [String: Any])?["name"] as? String) ?? ((file as NSString).deletingLastPathComponent as NSString).lastPathComponent
        guard let spec = d["spec"] as? [String: Any] else { throw GeneratorError("\(file) (\(name)): spec: missing") }
        var apps: [Application] = []
        for (k, v) in ((spec["applications"] as? [String: Any]) ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard ((v as? [String: Any])?["enabled"] as? Bool) ?? true else { continue }
            guard let app = Application(rawValue: k) else {
                throw GeneratorError("\(file) (\(name)): spec.applications.\(k): unsupported application (supported: opentelemetryDemo, bookInfo)")
            }
            apps.append(app)
        }
        guard !apps.isEmpty else { throw GeneratorError("\(file) (\(name)): spec.applications: no application is enabled") }
        // `faults: []` is a scenario without an injection (scenario 37, FinOps: the incident is the alerts themselves).
        guard let rawFaults = (spec["faults"] ?? [Any]()) as? [Any] else { throw GeneratorError("\(file) (\(name)): spec.faults: expected a list") }
        var faults: [Fault] = []
        for (i, f) in rawFaults.enumerated() {
            let at = "spec.faults[\(i)]"
            guard let fd = f as? [String: Any] else { throw GeneratorError("\(file) (\(name)): \(at): expected a mapping") }
            guard let injections = fd["injections"] as? [Any], !injections.isEmpty else { throw GeneratorError("\(file) (\(name)): \(at).injections: none") }
            func steps(_ list: Any?, _ field: String, _ phase: Injection.Phase) throws -> [Injection] {
                guard let list else { return [] }
                guard let items = list as? [Any] else { throw GeneratorError("\(file) (\(name)): \(field): expected a list") }
                return try items.enumerated().map { j, x in try injection(x, field: "\(field)[\(j)]", phase: phase, file: file, scenario: name) }
            }
            let wait = fd["waitFor"] as? [String: Any] ?? [:]
            faults.append(Fault(before: try steps(wait["preInjection"], "\(at).waitFor.preInjection", .preInjection),
                                injections: try steps(injections, "\(at).injections", .injection),
                                after: try steps(wait["postInjection"], "\(at).waitFor.postInjection", .postInjection)))
        }
        return ITBenchScenario(name: name, file: file, applications: apps, faults: faults)
    }

    /// The `scheduleSpec` key of a Chaos Mesh experiment type (`HTTPChaos` → `httpChaos`).
    static func specKey(_ type: String) -> String {
        let base = type.hasSuffix("Chaos") ? String(type.dropLast(5)) : type
        let lower = base.count > 1 && base.dropFirst().first!.isUppercase ? base.lowercased() : base.prefix(1).lowercased() + base.dropFirst()
        return lower + (type.hasSuffix("Chaos") ? "Chaos" : "")
    }

    static func injection(_ x: Any, field: String, phase: Injection.Phase, file: String, scenario: String) throws -> Injection {
        func fail(_ why: String) -> GeneratorError { GeneratorError("\(file) (\(scenario)): \(field): \(why)") }
        guard let d = x as? [String: Any] else { throw fail("expected a mapping with id and args") }
        guard let id = d["id"] as? String else { throw fail("needs an id") }
        guard let m = ITBenchMechanism(rawValue: id) else {
            throw fail("unknown injection '\(id.prefix(80))' (known: \(ITBenchMechanism.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if phase == .injection, m.isHelper { throw fail("'\(id)' is a helper step (waitFor), not an injection") }
        let args = d["args"] as? [String: Any] ?? [:]
        for k in args.keys.sorted() where !m.knownArguments.contains(k) { throw fail("'\(id)': unsupported argument args.\(k) (it takes \(m.knownArguments.sorted().joined(separator: ", ")))") }
        for k in m.requiredArguments where args[k] == nil { throw fail("'\(id)' needs args.\(k)") }
        guard let ko = args["kubernetesObject"] as? [String: Any] else { throw fail("'\(id)' needs args.kubernetesObject (apiVersion, kind, metadata.name)") }
        let meta = ko["metadata"] as? [String: Any] ?? [:]
        guard let kind = ko["kind"] as? String, let objName = meta["name"] as? String, !objName.isEmpty else {
            throw fail("'\(id)': args.kubernetesObject needs kind and metadata.name")
        }
        var inj = Injection(mechanism: m, phase: phase,
                            object: ObjectRef(apiVersion: ko["apiVersion"] as? String ?? "v1", kind: kind, name: objName, namespace: meta["namespace"] as? String),
                            field: field)
        switch args["container"] {
        case nil: break
        case let c as String: inj.container = c
        case let c as [String: Any]:
            guard let n = c["name"] as? String, !n.isEmpty else { throw fail("'\(id)': args.container needs a name") }
            inj.container = n
            if let env = c["env"] {
                guard let e = env as? [String: Any], let en = e["name"] as? String else { throw fail("'\(id)': args.container.env needs name and value") }
                inj.environment = (en, e["value"].map { "\($0)" } ?? "")
            }
            if let extra = c.keys.sorted().first(where: { !["name", "env"].contains($0) }) { throw fail("'\(id)': unsupported argument args.container.\(extra)") }
        default: throw fail("'\(id)': args.container must be a name or a mapping with name")
        }
        if let f = args["flag"] {
            guard let fd = f as? [String: Any], let n = fd["name"] as? String else { throw fail("'\(id)': args.flag needs name (and state)") }
            inj.flag = (n, fd["state"].map { "\($0)" } ?? "on")
        }
        if let s = args["scheduleSpec"] {
            guard let sd = s as? [String: Any], let type = sd["type"] as? String else { throw fail("'\(id)': args.scheduleSpec needs type (NetworkChaos, StressChaos, …)") }
            inj.chaosType = type
            // Chaos Mesh spells the spec key in lower camel case: networkChaos, httpChaos, jvmChaos, ioChaos.
            guard let key = sd.keys.first(where: { $0 != "type" && $0.lowercased() == type.lowercased() }), let body = sd[key] as? [String: Any] else {
                throw fail("'\(id)': args.scheduleSpec has type \(type) but no spec for it (\(ITBenchScenario.specKey(type)))")
            }
            inj.chaosSpec = body
        }
        if let p = args["targetPort"] { guard let n = p as? Int, (1...65535).contains(n) else { throw fail("'\(id)': args.targetPort must be a port number") }; inj.targetPort = n }
        if let r = args["replicas"] { guard let n = r as? Int, (0...1000).contains(n) else { throw fail("'\(id)': args.replicas must be 0 to 1000") }; inj.replicas = n }
        inj.configMapName = args["configMapName"].map { "\($0)" }
        if let h = args["httpMethods"] { guard let l = h as? [Any], !l.isEmpty else { throw fail("'\(id)': args.httpMethods must be a list of methods") }; inj.httpMethods = l.map { "\($0)" } }
        if let g = args["loadGenerator"] { guard let gd = g as? [String: Any] else { throw fail("'\(id)': args.loadGenerator must be a mapping") }; inj.loadGenerator = gd }
        return inj
    }
}
