/// Terminal colours for each role. `monochrome` (NO_COLOR, or a terminal without colours) uses only bold/reverse/dim,
/// and every coloured status also carries a glyph, so nothing depends on colour alone.
public struct Theme: Sendable {
    public enum Color: Int16, Sendable { case `default` = -1, black = 0, red, green, yellow, blue, magenta, cyan, white }
    public struct Look: Sendable { public var fg: Color; public var bg: Color; public var bold: Bool; public var reverse: Bool; public var dim: Bool }
    public let name: String
    public let looks: [Role: Look]

    public func look(_ r: Role) -> Look { looks[r] ?? Look(fg: .default, bg: .default, bold: false, reverse: false, dim: false) }

    static func l(_ fg: Color, _ bg: Color = .default, bold: Bool = false, reverse: Bool = false, dim: Bool = false) -> Look {
        Look(fg: fg, bg: bg, bold: bold, reverse: reverse, dim: dim)
    }

    public static let color = Theme(name: "color", looks: [
        .normal: l(.default), .dim: l(.default, dim: true), .header: l(.cyan, bold: true), .title: l(.white, .blue, bold: true),
        .selected: l(.black, .cyan), .accent: l(.cyan), .good: l(.green), .warn: l(.yellow), .bad: l(.red, bold: true), .info: l(.blue),
        .status: l(.black, .white), .key: l(.yellow, bold: true), .match: l(.black, .yellow), .border: l(.blue),
    ])

    public static let monochrome = Theme(name: "monochrome", looks: [
        .normal: l(.default), .dim: l(.default, dim: true), .header: l(.default, bold: true), .title: l(.default, reverse: true),
        .selected: l(.default, reverse: true), .accent: l(.default, bold: true), .good: l(.default), .warn: l(.default, bold: true),
        .bad: l(.default, bold: true), .info: l(.default), .status: l(.default, reverse: true), .key: l(.default, bold: true),
        .match: l(.default, reverse: true), .border: l(.default, dim: true),
    ])

    /// NO_COLOR (any value) selects the monochrome theme.
    public static func fromEnvironment(_ env: [String: String]) -> Theme {
        if let v = env["NO_COLOR"], !v.isEmpty { return .monochrome }
        if env["TERM"] == "dumb" { return .monochrome }
        return .color
    }
}
