import CNCursesShim
import TerminalUI

extension NCursesTerminal {
    /// Draws `frame`: only the runs that differ from the frame shown last (all of it after a resize or
    /// `invalidate`), then one `wnoutrefresh` + `doupdate`. An unchanged frame writes nothing at all.
    public func present(_ frame: FrameBuffer, cursor: CursorPosition?) {
        lock.lock()
        defer { lock.unlock() }
        guard active else { return }
        stats.frames += 1
        let changes: [FrameChange]
        if diffing, let shown = shownFrame, shown.width == frame.width, shown.height == frame.height {
            changes = frame.diff(from: shown)
        } else {
            changes = frame.fullFrame()
        }
        if changes.isEmpty && cursor == shownCursor {
            stats.unchangedFrames += 1
            return
        }
        pairs.beginFrame()
        var styles = StyleMemo()
        for change in changes { draw(change, styles: &styles) }
        if pairs.evictedThisFrame {
            // A redefined pair may still be shown by older cells: rewrite every cell with its current pair.
            stats.pairEvictions = pairs.evictionCount
            styles = StyleMemo()
            for change in frame.fullFrame() { draw(change, styles: &styles) }
        }
        placeCursor(cursor)
        _ = cnc_flush()
        shownFrame = frame
        shownCursor = cursor
    }

    /// Remembers the last style's ncurses attributes and pair, since neighbouring cells mostly share one.
    struct StyleMemo {
        var style: CellStyle?
        var attributes: UInt32 = 0
        var pair: Int32 = 0
    }

    private func draw(_ change: FrameChange, styles: inout StyleMemo) {
        let rows = screenSize.height
        let columns = screenSize.width
        let y = change.y
        guard y >= 0, y < rows else { return }
        var scalars: [UInt32] = []
        scalars.reserveCapacity(5)
        for (offset, cell) in change.cells.enumerated() {
            let x = change.x + offset
            if x >= columns { break }
            if cell.isContinuation || x < 0 { continue }
            if styles.style != cell.style {
                styles.style = cell.style
                (styles.attributes, styles.pair) = ncursesStyle(for: cell.style)
            }
            scalars.removeAll(keepingCapacity: true)
            if cell.width == 2 && x + 1 >= columns {
                scalars.append(0x20)
            } else {
                for scalar in cell.grapheme.unicodeScalars.prefix(5) { scalars.append(scalar.value) }
                if scalars.isEmpty { scalars.append(0x20) }
            }
            stats.cellsWritten += 1
            let written = scalars.withUnsafeBufferPointer {
                cnc_put(Int32(y), Int32(x), $0.baseAddress, Int32($0.count), styles.attributes, styles.pair)
            }
            if written != 0 {
                // ncurses takes one spacing character plus combining marks; keep the base character.
                var base = scalars[0]
                _ = cnc_put(Int32(y), Int32(x), &base, 1, styles.attributes, styles.pair)
            }
        }
    }

    private func placeCursor(_ cursor: CursorPosition?) {
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < screenSize.width, cursor.y < screenSize.height {
            cnc_cursor(Int32(cursor.y), Int32(cursor.x), 1)
            cursorVisible = true
        } else if cursorVisible {
            cnc_cursor(0, 0, 0)
            cursorVisible = false
        }
    }

    /// ncurses attributes and colour pair for a style, degraded to the terminal's colour depth.
    func ncursesStyle(for style: CellStyle) -> (attributes: UInt32, pair: Int32) {
        let depth = capabilities.colorDepth
        let fitted = style.degraded(to: depth)
        var attributes = cnc_A_NORMAL
        let set = fitted.attributes
        if set.contains(.bold) { attributes |= cnc_A_BOLD }
        if set.contains(.dim) { attributes |= cnc_A_DIM }
        if set.contains(.italic) { attributes |= cnc_A_ITALIC }
        if set.contains(.underline) { attributes |= cnc_A_UNDERLINE }
        if set.contains(.reverse) { attributes |= cnc_A_REVERSE }
        if set.contains(.blink) { attributes |= cnc_A_BLINK }
        guard depth != .mono else { return (attributes, 0) }
        let colors = ColorPairCache.Colors(
            foreground: colorNumber(fitted.foreground), background: colorNumber(fitted.background))
        let pair = pairs.pair(for: colors) { pair, foreground, background in
            _ = cnc_init_pair(pair, foreground, background)
        }
        return (attributes, pair)
    }

    /// The ncurses colour number of a colour already degraded to the drawing depth (-1 = default).
    ///
    /// On a direct-colour terminal (COLORS ≥ 2^24, e.g. `xterm-direct`) numbers below 8 are the ANSI
    /// colours and the others are packed 0xRRGGBB, as its terminfo `setaf` expects.
    func colorNumber(_ color: TerminalColor) -> Int32 {
        let colors = capabilities.colors
        switch color {
        case .default:
            return -1
        case .ansi(let n):
            if capabilities.colorDepth == .truecolor && n >= 8 { return packedRGB(color) }
            let index = Int32(min(n, 15))
            return colors >= 16 ? index : index % 8
        case .indexed(let n):
            if capabilities.colorDepth == .truecolor { return n < 8 ? Int32(n) : packedRGB(color) }
            return Int(n) < colors ? Int32(n) : Int32(n) % Int32(max(colors, 8))
        case .rgb:
            if capabilities.colorDepth == .truecolor { return packedRGB(color) }
            return colorNumber(color.degraded(to: capabilities.colorDepth))
        }
    }

    private func packedRGB(_ color: TerminalColor) -> Int32 {
        guard let rgb = color.rgbValue else { return -1 }
        let packed = Int32(rgb.r) << 16 | Int32(rgb.g) << 8 | Int32(rgb.b)
        // 0x000000–0x000007 would read as ANSI colours; nudge them to the nearest distinct value.
        return packed < 8 ? 8 : packed
    }
}
