import Foundation
import Testing
import TestSupport
@testable import AgentTools
import Snapshot

/// Out-of-range arguments are clear errors, never a trap that would take the MCP server down (issue 14).
@Suite struct HostileArgumentTests {
    static let snap = TestPaths.snapshot("incident-02")
    static let ctx = ToolContext(snapshotPath: snap, opener: { try Snapshot.load(snap) })

    func run(_ tool: String, _ args: [String: ToolValue]) -> ToolResult { Toolbox.run(tool, ToolArgs(args), context: Self.ctx) }

    @Test func hugeFractionalAndNonFiniteNumbersAreRefused() {
        for v in [1e30, 2.5, -1, Double.nan, Double.infinity, 9.3e18] {
            let r = run("logs", ["limit": .double(v)])
            #expect(r.isError && r.text.contains("limit"), "limit \(v): \(r.text.prefix(80))")
        }
        for v in [Double.nan, -Double.infinity, 1e308, -5] {
            let r = run("traces", ["min_duration_ms": .double(v)])
            #expect(r.isError && r.text.contains("min_duration_ms"), "min_duration_ms \(v): \(r.text.prefix(80))")
        }
        #expect(run("read_file", ["path": .string("k8s_events_raw.tsv"), "line": .string("99999999999999999999")]).isError)
        #expect(run("traces", ["min_duration_ms": .string("nan")]).isError)
        // Sane values still work.
        #expect(!run("logs", ["limit": .double(3)]).isError)
        #expect(!run("traces", ["min_duration_ms": .double(1.5)]).isError)
    }

    @Test func outOfRangeTimesAreRefused() {
        for t in ["9999-12-31T00:00:00", "0001-01-01 00:00", "-99999999999999m", "1e308s", "nanm"] {
            let r = run("logs", ["since": .string(t)])
            #expect(r.isError && r.text.contains("not a time"), "\(t): \(r.text.prefix(100))")
        }
    }

    /// Issue 26: every numeric parameter of every tool, given 0, -1, Int64.max and a 30-digit number in every JSON
    /// shape (integer, number, string), answers or refuses with a usage error naming the parameter and its range.
    @Test func everyNumericParameterOfTheCatalogIsRangeChecked() {
        let huge = "123456789012345678901234567890"
        var checked = 0
        for spec in ToolCatalog.all where spec.name != "submit_root_causes" {
            for p in spec.parameters where p.kind == .integer || p.kind == .number {
                #expect(p.minimum != nil && p.maximum != nil, "\(spec.name).\(p.name) has no range")
                // What the other required parameters need, so the numeric one is what is judged.
                var base: [String: ToolValue] = [:]
                for r in spec.parameters where r.required && r.name != p.name { base[r.name] = .string(r.name == "path" ? "alerts" : "x") }
                if let set = spec.oneOfRequired.first { for k in set where base[k] == nil && k != p.name { base[k] = .string("svc/frontend") } }
                let values: [(ToolValue, Double)] = [(.int(0), 0), (.int(-1), -1), (.int(Int.max), Double(Int.max)), (.string(huge), 1e29),
                                                     (.double(1e29), 1e29), (.string("-1"), -1), (.double(Double(Int64.max)), Double(Int64.max))]
                for (v, d) in values {
                    var a = base; a[p.name] = v
                    let r = run(spec.name, a)
                    let lo = p.minimum!, hi = p.maximum!
                    let inside = p.exclusiveBounds ? d > lo && d < hi : d >= lo && d <= hi
                    if !inside {
                        #expect(r.isError && r.code == "bad_argument", "\(spec.name) \(p.name)=\(v): \(r.text.prefix(120))")
                        #expect(r.text.contains(p.name) && r.text.contains(p.rangeText), "\(spec.name) \(p.name)=\(v): \(r.text.prefix(160))")
                    } else if r.isError {
                        // In range: any refusal is about something else than the number's range.
                        #expect(r.code != "bad_argument" || !r.text.contains(p.rangeText), "\(spec.name) \(p.name)=\(v): \(r.text.prefix(160))")
                    }
                    checked += 1
                }
                // The command-line reading of the same values: a usage error naming the option and the range.
                for bad in ["-1", huge, "9223372036854775807"] where !(Double(bad).map { $0 >= p.minimum! && $0 <= p.maximum! } ?? false) {
                    let flag = "--" + p.name.replacingOccurrences(of: "_", with: "-")
                    do {
                        let parsed = try ToolArgv.parse(spec.name, [flag, bad])
                        var a = parsed.args.values; for (k, v) in base where a[k] == nil { a[k] = v }
                        let r = run(spec.name, a)
                        #expect(r.isError && r.text.contains(p.rangeText), "\(spec.name) \(flag) \(bad): \(r.text.prefix(120))")
                    } catch let e as ToolError {
                        #expect(e.code == "bad_argument" && e.message.contains(flag) && e.message.contains(p.rangeText), "\(e.message)")
                    } catch { Issue.record("\(error)") }
                }
            }
        }
        #expect(checked >= 70)
        // The output cap of a context is bounded too, so no size computed from it overflows.
        let big = ToolContext(snapshotPath: Self.snap, outputCap: ToolContext.maxOutputCap, opener: { try Snapshot.load(Self.snap) })
        #expect(!Toolbox.run("alerts", ToolArgs(), context: big).isError)
    }
}
