import Testing
@testable import TUI

@Suite struct TextWidthTests {
    @Test func widthsOfCommonScripts() {
        #expect(TextWidth.of("abc") == 3)
        #expect(TextWidth.of("日本語") == 6)
        #expect(TextWidth.of("🔥") == 2)
        #expect(TextWidth.of("e\u{301}") == 1)      // combining accent
        #expect(TextWidth.of("─│╭") == 3)            // box drawing
        #expect(TextWidth.of("\u{1B}") == 0)
    }

    @Test func wrappingKeepsEveryCharacterWithinTheWidth() {
        let text = "frontend-service-1 → frontend-proxy-service-1: frontend-proxy receives errors from frontend 服务"
        let lines = TextWidth.wrap(text, width: 30, prefix: "  ")
        #expect(lines.count > 1 && lines.allSatisfy { TextWidth.of($0) <= 30 && $0.hasPrefix("  ") })
        #expect(lines.map { $0.dropFirst(2) }.joined() == text)
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix(" ") })    // words are not split
        #expect(TextWidth.wrap("a\nb", width: 10) == ["a", "b"])
    }

    @Test func truncationRespectsWideCharacters() {
        #expect(TextWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(TextWidth.truncate("日本語", to: 4) == "日…")
        #expect(TextWidth.of(TextWidth.truncate("日本語テキスト", to: 7)) <= 7)
        #expect(TextWidth.truncate("ok", to: 4) == "ok")
        #expect(TextWidth.truncate("anything", to: 0) == "")
    }

    /// A list of names is prose for the layout (cut at its end, after the columns that name one thing); a metric with
    /// labels stays an identifier, so rows that differ only by labels keep them.
    @Test func identifiersListsAndMetricsWithLabels() {
        #expect(TextWidth.isIdentifier("otel-demo/Pod/frontend-abc12-x2k4p"))
        #expect(TextWidth.isIdentifier("traces_span_metrics_calls_total{span_name=GET,status=ERROR}"))
        #expect(!TextWidth.isIdentifier("accounting,cart,checkout,frontend-proxy"))
        #expect(!TextWidth.isIdentifier("load-generator GET"))
        #expect(!TextWidth.isIdentifier("plain"))
    }
}
