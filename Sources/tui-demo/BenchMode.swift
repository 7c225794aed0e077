import Foundation
import TerminalNCurses
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `tui-demo --bench-bytes`: draws a fixed sequence of frames for the bytes-written benchmark.
///
/// The benchmark runs this in a pty and counts the bytes between in-band markers: after each step the demo
/// writes `ESC ] 7777 ; podium-bench:<step> cells=<n> BEL` to the terminal (an OSC string the benchmark
/// recognises and does not count). Steps: `ready` (terminal set up), `full` (first frame), `unchanged`
/// (the same frame again), `clock` (one clock string changes), `repaint` (naive baseline: clear and redraw
/// every cell through ncurses after `clearok`), `clock-ncurses-only` (the clock changes again, but every cell is
/// handed to ncurses so only ncurses' own optimisation applies), `naive` (the baseline: every cell written
/// with its full SGR style and a cursor move per row, bypassing ncurses), `exit` (terminal restored).
enum BenchMode {
    static func run() -> Int32 {
        let terminal: NCursesTerminal
        do {
            terminal = try NCursesTerminal(options: .init(bracketedPaste: false))
        } catch {
            FileHandle.standardError.write(Data("tui-demo: \(error)\n".utf8))
            return 1
        }
        let size = terminal.size
        let app = DemoApp(theme: .fallback(colorDepth: terminal.colorDepth, glyphs: .unicode), refreshLatency: .zero)
        var state = DemoState(rows: DemoEndpoint.sample(count: 80), now: Date(timeIntervalSince1970: 43_200))
        state.size = size
        state.message = "bench"
        var cellsBefore = 0

        func frame() -> FrameBuffer {
            var buffer = FrameBuffer(width: size.width, height: size.height)
            var cursor: CursorPosition?
            app.view(state, into: &buffer, cursor: &cursor)
            return buffer
        }
        func mark(_ step: String) {
            let cells = terminal.statistics.cellsWritten
            let marker =
                "\u{1B}]7777;podium-bench:\(step) cells=\(cells - cellsBefore) size=\(size.width)x\(size.height)\u{07}"
            cellsBefore = cells
            let bytes = Array(marker.utf8)
            _ = bytes.withUnsafeBufferPointer { write(1, $0.baseAddress, $0.count) }
        }

        mark("ready")
        terminal.present(frame(), cursor: nil)
        mark("full")
        terminal.present(frame(), cursor: nil)
        mark("unchanged")
        state.now += 1
        terminal.present(frame(), cursor: nil)
        mark("clock")
        terminal.invalidate()
        terminal.present(frame(), cursor: nil)
        mark("repaint")
        state.now += 1
        terminal.writesOnlyChangedCells = false
        terminal.present(frame(), cursor: nil)
        mark("clock-ncurses-only")
        writeNaively(frame(), depth: terminal.colorDepth)
        cellsBefore = terminal.statistics.cellsWritten - size.width * size.height
        mark("naive")
        terminal.stop()
        mark("exit")
        return 0
    }

    /// Writes every cell of `frame` straight to the terminal: a cursor move per row, then for each cell its
    /// whole style as SGR and its grapheme. This is what a renderer without any diffing would send.
    static func writeNaively(_ frame: FrameBuffer, depth: ColorDepth) {
        var output: [UInt8] = []
        output.reserveCapacity(frame.width * frame.height * 16)
        for y in 0..<frame.height {
            output.append(contentsOf: Array("\u{1B}[\(y + 1);1H".utf8))
            for x in 0..<frame.width {
                let cell = frame[x, y]
                if cell.isContinuation { continue }
                output.append(contentsOf: Array(sgr(cell.style.degraded(to: depth)).utf8))
                output.append(contentsOf: Array((cell.grapheme.isEmpty ? " " : cell.grapheme).utf8))
            }
        }
        output.append(contentsOf: Array("\u{1B}[0m".utf8))
        _ = output.withUnsafeBufferPointer { write(1, $0.baseAddress, $0.count) }
    }

    private static func sgr(_ style: CellStyle) -> String {
        var codes = ["0"]
        let attributes: [(TextAttributes, String)] = [
            (.bold, "1"), (.dim, "2"), (.italic, "3"), (.underline, "4"), (.blink, "5"), (.reverse, "7"),
        ]
        for (attribute, code) in attributes where style.attributes.contains(attribute) { codes.append(code) }
        codes.append(color(style.foreground, base: 30))
        codes.append(color(style.background, base: 40))
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    private static func color(_ color: TerminalColor, base: Int) -> String {
        switch color {
        case .default: return "\(base + 9)"
        case .ansi(let n): return n < 8 ? "\(base + Int(n))" : "\(base + 60 + Int(n) - 8)"
        case .indexed(let n): return "\(base + 8);5;\(n)"
        case .rgb(let r, let g, let b): return "\(base + 8);2;\(r);\(g);\(b)"
        }
    }
}
