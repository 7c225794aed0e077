/// Makes untrusted text (from AWS, files, the user) safe to put into terminal cells.
///
/// What it does, in order:
/// - removes escape sequences whole: CSI (`ESC [` … final byte), OSC (`ESC ]` … BEL or ST), DCS/SOS/PM/APC
///   (`ESC P`, `ESC X`, `ESC ^`, `ESC _` … ST), two-byte and nF escapes (`ESC 7`, `ESC ( B`), and their
///   8-bit C1 forms (U+009B CSI, U+009D OSC, U+0090 DCS, …). An unterminated string sequence swallows the rest.
/// - removes every other C0/C1 control, DEL, `\r` and backspace; newlines (and U+2028/U+2029) become a
///   space unless `keepNewlines` is set; a tab becomes `tabWidth` spaces.
/// - bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) are made **visible** by default as
///   `<U+202E>` (ASCII, so it shows in any locale) — a reversed string is a warning sign worth seeing.
/// - zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are **removed** by default (a ZWJ emoji sequence
///   then shows as its separate emoji, which is harmless).
/// - the result is cut to `maxGraphemes` graphemes, the last one replaced by `…`.
public struct Sanitizer: Sendable, Hashable {
    /// What to do with invisible characters of a category.
    public enum InvisiblePolicy: Sendable, Hashable {
        /// Drop them.
        case remove
        /// Replace each with a visible `<U+XXXX>` marker.
        case visible
    }

    /// Longest result, in graphemes (including the trailing `…`).
    public var maxGraphemes: Int
    /// Number of spaces a tab becomes.
    public var tabWidth: Int
    /// Keep `\n` (for multi-line text views); otherwise it becomes a space.
    public var keepNewlines: Bool
    /// Policy for bidi overrides, embeddings, isolates and marks.
    public var bidiPolicy: InvisiblePolicy
    /// Policy for zero-width spaces, joiners and the BOM.
    public var zeroWidthPolicy: InvisiblePolicy

    /// Creates a sanitizer.
    public init(
        maxGraphemes: Int = 4096, tabWidth: Int = 4, keepNewlines: Bool = false,
        bidiPolicy: InvisiblePolicy = .visible, zeroWidthPolicy: InvisiblePolicy = .remove
    ) {
        self.maxGraphemes = max(1, maxGraphemes)
        self.tabWidth = max(0, tabWidth)
        self.keepNewlines = keepNewlines
        self.bidiPolicy = bidiPolicy
        self.zeroWidthPolicy = zeroWidthPolicy
    }

    /// Single-line defaults (used by `FrameBuffer.write`).
    public static let `default` = Sanitizer()
    /// Multi-line defaults: newlines are kept.
    public static let multiline = Sanitizer(keepNewlines: true)

    /// Whether a scalar is a bidi control.
    public static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Whether a scalar is a zero-width character handled by `zeroWidthPolicy`.
    public static func isZeroWidth(_ v: UInt32) -> Bool {
        (0x200B...0x200D).contains(v) || v == 0x2060 || v == 0xFEFF
    }

    private enum State {
        case normal
        case escape  // after ESC
        case nF  // ESC followed by intermediates, waiting for a final byte
        case csi
        case string  // OSC/DCS/SOS/PM/APC body, until BEL or ST
        case stringEscape  // ESC seen inside a string body
    }

    /// Returns the sanitized text.
    public func sanitize(_ text: String) -> String {
        if text.utf8.count <= maxGraphemes && text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return text
        }
        var out = String.UnicodeScalarView()
        var state = State.normal
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch state {
            case .escape:
                switch v {
                case 0x5B: state = .csi  // [
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: state = .string  // ] P X ^ _
                case 0x20...0x2F: state = .nF
                case 0x1B: state = .escape
                default: state = .normal  // two-byte escape (or a stray char after ESC): drop it
                }
                continue
            case .nF:
                if (0x20...0x2F).contains(v) { continue }
                state = .normal
                if (0x30...0x7E).contains(v) { continue }
            case .csi:
                if (0x20...0x3F).contains(v) { continue }
                state = .normal
                if (0x40...0x7E).contains(v) { continue }
            // A malformed CSI: drop the sequence so far, then treat this scalar normally.
            case .string:
                if v == 0x07 || v == 0x9C {
                    state = .normal
                } else if v == 0x1B {
                    state = .stringEscape
                }
                continue
            case .stringEscape:
                if v == 0x5C {  // ESC \ = ST
                    state = .normal
                    continue
                }
                // ESC then something else ends the string and starts a new escape.
                state = .normal
                if v == 0x1B {
                    state = .escape
                    continue
                }
                state = .escape
                if v == 0x5B {
                    state = .csi
                } else if [0x5D, 0x50, 0x58, 0x5E, 0x5F].contains(v) {
                    state = .string
                } else if (0x20...0x2F).contains(v) {
                    state = .nF
                } else {
                    state = .normal
                }
                continue
            case .normal:
                break
            }
            // Normal text.
            if v >= 0x20 && v < 0x7F {
                out.append(scalar)
                continue
            }
            switch v {
            case 0x1B: state = .escape
            case 0x9B: state = .csi
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F: state = .string
            case 0x0A, 0x2028, 0x2029:
                out.append(keepNewlines ? "\n" : " ")
            case 0x09:
                for _ in 0..<tabWidth { out.append(" ") }
            case 0x00...0x1F, 0x7F...0x9F:
                break  // other C0/C1 controls, \r, backspace, DEL: removed
            default:
                if Sanitizer.isBidiControl(v) {
                    if bidiPolicy == .visible { out.append(contentsOf: Sanitizer.marker(v).unicodeScalars) }
                } else if Sanitizer.isZeroWidth(v) {
                    if zeroWidthPolicy == .visible { out.append(contentsOf: Sanitizer.marker(v).unicodeScalars) }
                } else {
                    out.append(scalar)
                }
            }
        }
        return truncated(String(out))
    }

    /// The visible marker for an invisible scalar, e.g. `<U+202E>`.
    public static func marker(_ v: UInt32) -> String {
        var hex = String(v, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return "<U+\(hex)>"
    }

    private func truncated(_ s: String) -> String {
        if s.utf8.count <= maxGraphemes { return s }
        var index = s.startIndex
        var count = 0
        while index < s.endIndex && count < maxGraphemes - 1 {
            index = s.index(after: index)
            count += 1
        }
        guard index < s.endIndex else { return s }
        // Exactly maxGraphemes graphemes fit without truncation.
        let next = s.index(after: index)
        if next == s.endIndex { return s }
        return String(s[..<index]) + "…"
    }
}
