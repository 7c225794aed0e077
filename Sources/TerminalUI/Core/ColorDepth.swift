/// How many colours the terminal can show.
public enum ColorDepth: Int, Comparable, Hashable, Sendable, CaseIterable {
    /// No colour: attributes only (also `NO_COLOR`).
    case mono = 0
    /// The 8 basic colours.
    case c8 = 8
    /// The 16 standard colours.
    case c16 = 16
    /// The xterm-256 palette.
    case c256 = 256
    /// 24-bit colour.
    case truecolor = 16_777_216

    /// Orders depths from fewest to most colours.
    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Detects the depth from the environment and the terminfo colour count (pure).
    ///
    /// - `NO_COLOR` set to a non-empty value → `.mono` (see no-color.org);
    /// - `COLORTERM` = `truecolor` or `24bit` → `.truecolor`, unless the terminal has no colour at all;
    /// - otherwise from `terminfoColors` (the backend passes ncurses' `COLORS`, or `tigetnum("colors")`):
    ///   ≥256 → `.c256`, ≥16 → `.c16`, ≥8 → `.c8`, else `.mono`;
    /// - `TERM` of `dumb` or ending in `-mono`/`-m` → `.mono`.
    public static func detect(environment: [String: String], terminfoColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .mono }
        let term = (environment["TERM"] ?? "").lowercased()
        if term == "dumb" || term.hasSuffix("-mono") || term.hasSuffix("-m") { return .mono }
        if terminfoColors < 8 && terminfoColors != 0 { return .mono }
        let colorterm = (environment["COLORTERM"] ?? "").lowercased()
        if colorterm == "truecolor" || colorterm == "24bit" {
            return terminfoColors <= 0 && term.isEmpty ? .mono : .truecolor
        }
        switch terminfoColors {
        case 256...: return .c256
        case 16..<256: return .c16
        case 8..<16: return .c8
        default: return .mono
        }
    }

    /// Parses a name as used on command lines and in config: `mono`, `8`, `16`, `256`, `truecolor`/`24bit`.
    public init?(name: String) {
        switch name.lowercased() {
        case "mono", "none", "0", "2": self = .mono
        case "8", "c8": self = .c8
        case "16", "c16": self = .c16
        case "256", "c256": self = .c256
        case "truecolor", "24bit", "rgb": self = .truecolor
        default: return nil
        }
    }
}
