import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI

/// The series page: time on the x axis, a y axis in the metric's unit, and marks for the incident start, alerts and
/// manifest changes (incident-02: a NetworkPolicy appears and the frontend-proxy alerts fire).
@Suite(.serialized) struct SeriesPlotTests {
    static let path = TestPaths.snapshot("incident-02")
    static let snapshot = try! Snapshot.load(path)

    @Test func unitsComeFromTheMetricName() {
        func unit(_ name: String, _ derived: String = "raw") -> String {
            SeriesPoints(id: "m0.0", name: name, labels: [:], derived: derived, times: [], values: []).unit
        }
        #expect(unit("http_server_duration_seconds") == "s" && unit("process_resident_memory_bytes") == "B")
        #expect(unit("traces_span_metrics_duration_milliseconds_bucket", "rate/s") == "ms/s")
        #expect(unit("traces_span_metrics_calls_total", "rate/s") == "/s" && unit("up") == "")
    }

    @Test func markersComeFromTheQueryLayer() throws {
        let s = Self.snapshot
        let inc = try #require(s.windows.incident?.start)
        let series = try #require(s.metricSeries().first { m in s.seriesMarkers(m.id).contains { $0.kind == .alert } })
        let marks = s.seriesMarkers(series.id)
        #expect(marks.first { $0.kind == .incidentStart }?.time == inc)
        #expect(marks.map(\.time) == marks.map(\.time).sorted())
        let alert = try #require(marks.first { $0.kind == .alert })
        #expect(s.alerts(AlertFilter()).contains { $0.name == alert.label })
    }

    @Test func thePlotHasAxesTimeLabelsAndMarks() throws {
        let s = Self.snapshot
        let series = try #require(s.metricSeries().first { m in s.seriesMarkers(m.id).contains { $0.kind == .alert } })
        let a = AppState(snapshot: s, truthPath: nil, width: 120, height: 40)
        a.go(.series(series.id))
        let text = a.render().text
        let lines = text.split(separator: "\n").map(String.init)
        let plotted = lines.filter { $0.contains("┤") }
        #expect(plotted.count >= 3, "\(text)")
        let p = try s.seriesPoints(series.id)
        let hi = SeriesPage.axisValue(p.values.filter(\.isFinite).max()!, p.unit)
        #expect(plotted.first!.contains(hi), "the top of the y axis reads the maximum: \(plotted.first!)")
        #expect(lines.contains { $0.contains("└─") })
        let first = AppState.clock(p.times.first!, seconds: true), last = AppState.clock(p.times.last!, seconds: true)
        #expect(lines.contains { $0.contains(first) && $0.contains(last) })
        // The marks line holds the incident start and the alert; the legend names them.
        #expect(lines.contains { $0.contains("┊") && $0.contains("!") })
        #expect(text.contains("! ") && text.contains("alert:") && text.contains("incident start"))
        // The plot is placed by time: the incident-start mark sits where the incident start falls.
        let inc = try #require(s.windows.incident?.start)
        let markLine = try #require(lines.first { $0.contains("┊") && !$0.contains("incident start") })
        let x = markLine.distance(from: markLine.startIndex, to: markLine.firstIndex(of: "┊")!)
        let axisStart = plotted.first!.distance(from: plotted.first!.startIndex, to: plotted.first!.firstIndex(of: "┤")!) + 1
        let w = plotted.first!.count - axisStart
        let expected = axisStart + Int(Double(inc - p.times.first!) / Double(p.times.last! - p.times.first!) * Double(w))
        #expect(abs(x - expected) <= 2, "mark at \(x), expected \(expected)")
        // 80×24 still fits the axes.
        let small = AppState(snapshot: s, truthPath: nil, width: 80, height: 24)
        small.go(.series(series.id))
        #expect(small.render().text.contains("┤") && small.render().text.contains("└─"))
    }

    @Test func theTimeResampleKeepsTheMaximumOfEachSlice() {
        let pts = Braille.resample([1, 5, 2, 9, 3], times: [0, 10, 20, 90, 100], window: (0, 100), 4)
        #expect(pts[0] == 5 && pts[1] == 5 && pts[2] == 5 && pts[3] == 9)      // empty slices hold the last value
        #expect(Braille.resample([4], times: [60], window: (0, 100), 4) == [nil, nil, 4, 4])
    }
}
