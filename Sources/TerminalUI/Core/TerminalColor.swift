/// A terminal colour, as a theme names it or as a backend must draw it.
///
/// `.ansi` is one of the 16 standard colours (0–7 normal, 8–15 bright), `.indexed` one of the
/// xterm-256 palette entries, `.rgb` a 24-bit colour. Use `degraded(to:)` to fit a `ColorDepth`.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default foreground or background.
    case `default`
    /// One of the 16 standard colours, 0–15 (values above 15 are clamped when drawn).
    case ansi(UInt8)
    /// An entry of the xterm-256 palette.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// Standard colour 0.
    public static let black = TerminalColor.ansi(0)
    /// Standard colour 1.
    public static let red = TerminalColor.ansi(1)
    /// Standard colour 2.
    public static let green = TerminalColor.ansi(2)
    /// Standard colour 3.
    public static let yellow = TerminalColor.ansi(3)
    /// Standard colour 4.
    public static let blue = TerminalColor.ansi(4)
    /// Standard colour 5.
    public static let magenta = TerminalColor.ansi(5)
    /// Standard colour 6.
    public static let cyan = TerminalColor.ansi(6)
    /// Standard colour 7.
    public static let white = TerminalColor.ansi(7)

    /// The names accepted by `init?(name:)`, in ANSI order (index = ANSI number).
    public static let ansiNames: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses a colour name (`red`, `bright-blue`, `grey`/`gray`, `default`), `#rrggbb` or a 0–255 index.
    public init?(name raw: String) {
        let name = raw.trimmingASCIIWhitespace().lowercased()
        if name == "default" || name == "none" || name == "reset" {
            self = .default
            return
        }
        let normalized = name.replacingUnderscoresAndSpaces()
        if let index = TerminalColor.ansiNames.firstIndex(of: normalized) {
            self = .ansi(UInt8(index))
            return
        }
        switch normalized {
        case "grey", "gray", "bright-black-grey": self = .ansi(8)
        case "orange": self = .indexed(208)
        case "purple": self = .ansi(5)
        case "pink": self = .indexed(213)
        default:
            if normalized.hasPrefix("#") {
                let hex = Array(normalized.utf8.dropFirst())
                guard hex.count == 6, let value = UInt32(String(decoding: hex, as: UTF8.self), radix: 16) else {
                    return nil
                }
                self = .rgb(UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
                return
            }
            if let index = Int(normalized), (0...255).contains(index) {
                self = .indexed(UInt8(index))
                return
            }
            return nil
        }
    }

    /// An approximate RGB value of this colour using the xterm default palette (nil for `.default`).
    public var rgbValue: (r: UInt8, g: UInt8, b: UInt8)? {
        switch self {
        case .default: return nil
        case .ansi(let n): return XtermPalette.rgb(ofIndex: Int(min(n, 15)))
        case .indexed(let n): return XtermPalette.rgb(ofIndex: Int(n))
        case .rgb(let r, let g, let b): return (r, g, b)
        }
    }
}

extension String {
    fileprivate func trimmingASCIIWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }

    fileprivate func replacingUnderscoresAndSpaces() -> String {
        String(self.map { $0 == "_" || $0 == " " ? "-" : $0 })
    }
}
