import Foundation
import Scoring
import Snapshot
import Testing
import TestSupport
@testable import Generator

/// ITBench scenarios written here, not taken from shared/: other targets and combinations of the library's
/// mechanisms render as faithfully (nothing is keyed by scenario number), and bad scenarios fail clearly.
@Suite struct ITBenchSyntheticTests {
    static func scenario(_ name: String, app: String = "opentelemetryDemo", faults: String, truth: String) -> String {
        let dir = TestPaths.tempDir("itbs") + "/\(name)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        TestPaths.write("""
        apiVersion: itbench.io/v2
        kind: Scenario
        metadata:
          name: \(name)
        spec:
          applications:
            \(app):
              enabled: true
          faults:
        \(faults)
        """, to: dir + "/scenario.yaml")
        TestPaths.write(truth, to: dir + "/groundtruth_v1.yaml")
        return dir
    }

    static func injection(_ id: String, kind: String, name: String, ns: String = "otel-demo", api: String = "apps/v1", args: String = "") -> String {
        """
              - id: \(id)
                args:
                  kubernetesObject:
                    apiVersion: \(api)
                    kind: \(kind)
                    metadata:
                      name: \(name)
                      namespace: \(ns)
        \(args)
        """
    }

    static let bookInfoTruth = """
    groups:
      - id: reviews-service-1
        kind: Service
        namespace: book-info
        filter: ['reviews\\b']
        root_cause: true
      - id: productpage-service-1
        kind: Service
        namespace: book-info
        filter: ['productpage\\b']
    propagations:
      - source: reviews-service-1
        target: productpage-service-1
        condition: reviews is gone
        effect: productpage cannot show reviews
    alerts:
      - id: HighRequestErrorRate
        group_id: productpage-service-1
    aliases: [[reviews-service-1]]
    """

    static let twoFaultTruth = """
    groups:
      - id: email-stress-1
        kind: StressChaos
        namespace: chaos-mesh
        name: email-memory-stress
        root_cause: true
      - id: shipping-policy-1
        kind: NetworkPolicy
        namespace: otel-demo
        name: shipping-deny-all
        root_cause: true
      - id: email-service-1
        kind: Service
        namespace: otel-demo
        filter: ['email\\b']
      - id: checkout-service-1
        kind: Service
        namespace: otel-demo
        filter: ['checkout\\b']
    propagations:
      - {source: email-stress-1, target: email-service-1, condition: memory stress, effect: email slows}
      - {source: shipping-policy-1, target: checkout-service-1, condition: shipping blocked, effect: checkout fails}
    alerts:
      - {id: HighRequestLatency, group_id: email-service-1}
      - {id: HighRequestErrorRate, group_id: checkout-service-1}
      - {id: NoRequestsReceived, group_id: shipping-service-1}
    """

    static func check(_ dir: String, noise: IncidentNoise = .real) throws -> (ITBenchIncident, ITBenchConformance, String) {
        let incident = try ITBenchIncident.compile(dir: dir, noise: noise, minutes: 12, rps: 0.3)
        let out = dir + "-out"
        _ = try incident.generate(to: out, overwrite: true)
        return (incident, try ITBenchConformance.check(path: out, truth: incident.truth), out)
    }

    @Test func aDeletedServiceInBookInfoRendersAndPasses() throws {
        let dir = Self.scenario("deleted-reviews", app: "bookInfo",
                                faults: "    - injections:\n" + Self.injection("deleted-kubernetes-service", kind: "Service", name: "reviews", ns: "book-info", api: "v1"),
                                truth: Self.bookInfoTruth)
        let (_, c, out) = try Self.check(dir)
        #expect(c.passes, "\(c)")
        let s = try Snapshot.load(out)
        // The Service is observed before the deletion and not after; productpage's calls to it fail.
        let svc = try s.entity("book-info/Service/reviews")
        #expect(!s.observations(of: svc).isEmpty)
        let errors = s.errorSpans(entity: try s.entity("book-info/Service/productpage-v1"), limit: 10)
        #expect(errors.total > 0)
    }

    @Test func twoIndependentFaultsWithTheirTruthNamedObjects() throws {
        let chaos = """
                  scheduleSpec:
                    type: StressChaos
                    stressChaos:
                      duration: 55s
                      mode: all
                      selector:
                        labelSelectors: {app.kubernetes.io/component: email}
                        namespaces: [otel-demo]
                      stressors:
                        memory: {size: 90%, workers: 2}
        """
        let faults = "    - injections:\n" + Self.injection("scheduled-chaos-mesh-experiment", kind: "Schedule", name: "email-memory-stress", ns: "chaos-mesh", api: "chaos-mesh.org/v1alpha1", args: chaos)
            + "\n    - injections:\n" + Self.injection("ingress-port-blocking-network-policy", kind: "Deployment", name: "shipping")
        let dir = Self.scenario("two-faults", faults: faults, truth: Self.twoFaultTruth)
        let (incident, c, out) = try Self.check(dir)
        #expect(c.passes, "\(c)")
        #expect(incident.scenario.mechanisms == [.scheduledChaosMeshExperiment, .ingressPortBlockingNetworkPolicy])
        let s = try Snapshot.load(out)
        // The NetworkPolicy takes the truth's name; the Schedule and its experiment are in chaos-mesh with events.
        #expect((try? s.entity("otel-demo/NetworkPolicy/shipping-deny-all")) != nil)
        #expect((try? s.entity("chaos-mesh/Schedule/email-memory-stress")) != nil)
        #expect(s.events(EventFilter(reason: "Spawned")).count > 0)
    }

    @Test func sameScenarioSameBytesAndNoiseLevelsDiffer() throws {
        let faults = "    - injections:\n" + Self.injection("ingress-port-blocking-network-policy", kind: "Deployment", name: "shipping")
        let dir = Self.scenario("noise", faults: faults, truth: Self.twoFaultTruth.replacingOccurrences(of: "root_cause: true\n  - id: shipping", with: "\n  - id: shipping"))
        let a = try ITBenchIncident.compile(dir: dir, minutes: 6, rps: 0.3), b = try ITBenchIncident.compile(dir: dir, minutes: 6, rps: 0.3)
        _ = try a.generate(to: dir + "-a"); _ = try b.generate(to: dir + "-b")
        #expect(try GeneratorTests.digest(dir + "-a") == GeneratorTests.digest(dir + "-b"))
        let herrings = try IncidentNoise.allCases.map { n in let i = try ITBenchIncident.compile(dir: dir, noise: n); return AppModel.$current.withValue(i.app) { NoiseModel(spec: i.spec).herrings.count } }
        #expect(herrings == [0, 1, 2])
        let quiet = try ITBenchIncident.compile(dir: dir, noise: .none, minutes: 6, rps: 0.3)
        _ = try quiet.generate(to: dir + "-none")
        #expect(try Snapshot.load(dir + "-none").alerts().contains { $0.name == "Watchdog" } == false)
        #expect(try Snapshot.load(dir + "-a").alerts().contains { $0.name == "Watchdog" })
    }

    /// An injection that changes the application (a target port equal to the port the workload serves moves the
    /// workload) reaches the generated manifests: the Service then points at a port no container listens on.
    @Test func aModifiedTargetPortPointsAtAPortNothingServes() throws {
        let faults = "    - injections:\n" + Self.injection("modified-target-port-kubernetes-service", kind: "Service", name: "ad", api: "v1", args: "          targetPort: 8080")
        let dir = Self.scenario("target-port", faults: faults, truth: "groups:\n  - {id: ad-service-1, kind: Service, namespace: otel-demo, filter: ['ad\\b'], root_cause: true}\n")
        let incident = try ITBenchIncident.compile(dir: dir, minutes: 6, rps: 0.3)
        _ = try incident.generate(to: dir + "-out")
        let objects = try String(contentsOfFile: dir + "-out/k8s_objects_raw.tsv", encoding: .utf8)
        let ad = objects.split(separator: "\n").filter { $0.contains("\"\"name\"\":\"\"ad\"\"") }
        #expect(ad.contains { $0.contains("\"\"kind\"\":\"\"Deployment\"\"") && $0.contains("\"\"containerPort\"\":9555") })
        #expect(ad.contains { $0.contains("\"\"kind\"\":\"\"Service\"\"") && $0.contains("\"\"targetPort\"\":8080") })
        #expect(!ad.contains { $0.contains("\"\"containerPort\"\":8080") })
    }

    @Test func badScenariosNameTheScenarioTheInjectionAndWhatIsWrong() throws {
        func error(_ faults: String, truth: String = Self.bookInfoTruth.replacingOccurrences(of: "book-info", with: "otel-demo")) -> String {
            let dir = Self.scenario("bad", faults: faults, truth: truth)
            do { _ = try ITBenchIncident.compile(dir: dir); return "" } catch { return "\(error)" }
        }
        let unknown = error("    - injections:\n" + Self.injection("melt-the-cluster", kind: "Deployment", name: "cart"))
        #expect(unknown.contains("bad") && unknown.contains("spec.faults[0].injections[0]") && unknown.contains("unknown injection 'melt-the-cluster'"), "\(unknown)")
        let unsupported = error("    - injections:\n" + Self.injection("scaled-to-zero-kubernetes-workload", kind: "Deployment", name: "cart", args: "          colour: blue"))
        #expect(unsupported.contains("unsupported argument args.colour"), "\(unsupported)")
        let missing = error("    - injections:\n" + Self.injection("opentelemetry-demo-feature-flag", kind: "ConfigMap", name: "flagd-config", api: "v1"))
        #expect(missing.contains("needs args.flag"), "\(missing)")
        let flag = error("    - injections:\n" + Self.injection("opentelemetry-demo-feature-flag", kind: "ConfigMap", name: "flagd-config", api: "v1",
                                                                  args: "          flag: {name: everythingFails, state: 'on'}"))
        #expect(flag.contains("unknown otel-demo flag 'everythingFails'"), "\(flag)")
        let unsatisfiable = error("    - injections:\n" + Self.injection("scaled-to-zero-kubernetes-workload", kind: "Deployment", name: "cart"),
                                  truth: "groups:\n  - {id: cfg-1, kind: ConfigMap, namespace: otel-demo, filter: ['cfg-[0-9]{3}'], root_cause: true}\n")
        #expect(unsatisfiable.contains("root-cause group cfg-1") && unsatisfiable.contains("no generated name satisfies it"), "\(unsatisfiable)")
        let notWorkload = error("    - injections:\n" + Self.injection("scaled-to-zero-kubernetes-workload", kind: "ConfigMap", name: "cart", api: "v1"))
        #expect(notWorkload.contains("must be a workload"), "\(notWorkload)")
    }
}
