/// Every glyph the widgets draw, in a Unicode form and an ASCII fallback.
///
/// Chosen once at start-up with `GlyphSet.detect(environment:)`. Widgets never hard-code a
/// non-ASCII glyph: they take it from here.
public struct GlyphSet: Hashable, Sendable {
    /// Whether this is the Unicode set.
    public var isUnicode: Bool
    /// Box drawing: horizontal line.
    public var horizontal: String
    /// Box drawing: vertical line.
    public var vertical: String
    /// Box drawing: top-left corner.
    public var topLeft: String
    /// Box drawing: top-right corner.
    public var topRight: String
    /// Box drawing: bottom-left corner.
    public var bottomLeft: String
    /// Box drawing: bottom-right corner.
    public var bottomRight: String
    /// Heavy (focused) box: horizontal line.
    public var heavyHorizontal: String
    /// Heavy (focused) box: vertical line.
    public var heavyVertical: String
    /// Heavy (focused) box: corners, top-left, top-right, bottom-left, bottom-right.
    public var heavyCorners: [String]
    /// Sparkline levels, lowest to highest (8 entries).
    public var sparkline: [String]
    /// Gauge: filled cell.
    public var gaugeFilled: String
    /// Gauge: empty cell.
    public var gaugeEmpty: String
    /// Gauge: partial fill eighths 1/8…7/8 (empty in ASCII: no partial cells).
    public var gaugePartials: [String]
    /// Spinner frames.
    public var spinner: [String]
    /// Truncation mark (1 column).
    public var ellipsis: String
    /// Arrows.
    public var arrowUp: String
    /// Arrow down.
    public var arrowDown: String
    /// Arrow left.
    public var arrowLeft: String
    /// Arrow right (also "current → new").
    public var arrowRight: String
    /// Sort indicator, ascending.
    public var sortAscending: String
    /// Sort indicator, descending.
    public var sortDescending: String
    /// Breadcrumb separator (with its spaces).
    public var breadcrumbSeparator: String
    /// Step done.
    public var check: String
    /// Step failed.
    public var cross: String
    /// Step pending.
    public var pending: String
    /// Step running (when not animated).
    public var running: String
    /// Step skipped.
    public var skipped: String
    /// A list bullet / status dot.
    public var bullet: String
    /// Selection marker at the start of a row.
    public var selectionMarker: String
    /// Scrollbar thumb.
    public var scrollThumb: String
    /// Scrollbar track.
    public var scrollTrack: String
    /// Full block, used by big digits.
    public var block: String
    /// Separator between status bar segments.
    public var separator: String

    /// Box drawing, blocks and braille spinner.
    public static let unicode = GlyphSet(
        isUnicode: true, horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘", heavyHorizontal: "━", heavyVertical: "┃", heavyCorners: ["┏", "┓", "┗", "┛"],
        sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], gaugeFilled: "█", gaugeEmpty: "░",
        gaugePartials: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"], ellipsis: "…",
        arrowUp: "↑", arrowDown: "↓", arrowLeft: "←", arrowRight: "→", sortAscending: "▲", sortDescending: "▼",
        breadcrumbSeparator: " › ", check: "✓", cross: "✗", pending: "○", running: "●", skipped: "–",
        bullet: "•", selectionMarker: "▶", scrollThumb: "█", scrollTrack: "│", block: "█", separator: "│")

    /// Plain ASCII for non-UTF-8 locales.
    public static let ascii = GlyphSet(
        isUnicode: false, horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+", heavyHorizontal: "=", heavyVertical: "#", heavyCorners: ["#", "#", "#", "#"],
        sparkline: ["_", ".", "-", ":", "=", "+", "*", "#"], gaugeFilled: "#", gaugeEmpty: ".",
        gaugePartials: [], spinner: ["|", "/", "-", "\\"], ellipsis: "~",
        arrowUp: "^", arrowDown: "v", arrowLeft: "<", arrowRight: ">", sortAscending: "^", sortDescending: "v",
        breadcrumbSeparator: " > ", check: "+", cross: "x", pending: "o", running: "*", skipped: "-",
        bullet: "*", selectionMarker: ">", scrollThumb: "#", scrollTrack: "|", block: "#", separator: "|")

    /// Picks the set from the locale: the first non-empty of `LC_ALL`, `LC_CTYPE`, `LANG` naming
    /// UTF-8 (`en_US.UTF-8`, `C.utf8`) gives `.unicode`; anything else (including unset) gives `.ascii`.
    public static func detect(environment: [String: String]) -> GlyphSet {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8") ? .unicode : .ascii
    }

    /// The spinner frame for a tick count (any integer, wraps).
    public func spinnerFrame(tick: Int) -> String {
        let n = spinner.count
        return spinner[((tick % n) + n) % n]
    }
}
