import TerminalUI

/// Render and diff cost of one 200×60 dashboard frame, with a naive full-frame string build as the peer.
///
/// Reports the diff sizes (runs and cells) for a first frame, an unchanged frame and a frame where only
/// the clock string changed, then median times per operation and their ratio to the peer measured in the
/// same run: building the whole frame as one escape-coded string (cursor move per row, full SGR per cell),
/// which is what a renderer without diffing sends on every refresh. A second peer, `fullFrame()` (all rows
/// as runs, what the backend draws after a resize), shows what the cell comparison itself costs.
func runRenderBenchmark() {
    let width = 200
    let height = 60
    let theme = Theme.fallback(colorDepth: .truecolor, glyphs: .unicode)
    print("== TerminalUI render + diff, \(width)x\(height) dashboard frame (tables + sparklines + gauges) ==")

    let first = SampleDashboard.frame(width: width, height: height, clock: "12:00:00", theme: theme)
    let unchanged = SampleDashboard.frame(width: width, height: height, clock: "12:00:00", theme: theme)
    let ticked = SampleDashboard.frame(width: width, height: height, clock: "12:00:01", theme: theme)
    let nextData = SampleDashboard.frame(width: width, height: height, clock: "12:00:01", theme: theme, seed: 1)
    let empty = FrameBuffer(width: 0, height: 0)

    func describe(_ name: String, _ changes: [FrameChange]) {
        let cells = changes.reduce(0) { $0 + $1.cells.count }
        let label = name.padding(to: 34)
        print("  diff \(label) \(String(changes.count).leftPadded(5)) runs \(String(cells).leftPadded(6)) cells")
    }
    describe("first full frame", first.diff(from: empty))
    describe("unchanged frame", unchanged.diff(from: first))
    describe("one clock string changed", ticked.diff(from: first))
    describe("new data (sparklines, health)", nextData.diff(from: ticked))
    describe("one clock string, mergeGap 4", ticked.diff(from: first, mergeGap: 4))

    var sink = 0
    var buffer = FrameBuffer(width: width, height: height, style: theme.style(.text))
    let clocks = ["12:00:00", "12:00:01"]
    var i = 0
    let render = Bench.median {
        i += 1
        SampleDashboard.draw(into: &buffer, clock: clocks[i & 1], theme: theme)
        sink &+= buffer.cells.count
    }
    let diffClock = Bench.median { sink &+= ticked.diff(from: first).count }
    let diffSame = Bench.median { sink &+= unchanged.diff(from: first).count }
    var previous = first
    let renderAndDiff = Bench.median {
        i += 1
        var frame = FrameBuffer(width: width, height: height, style: theme.style(.text))
        SampleDashboard.draw(into: &frame, clock: clocks[i & 1], theme: theme)
        sink &+= frame.diff(from: previous).count
        previous = frame
    }
    var naiveBytes = 0
    let naive = Bench.median {
        let s = NaiveRenderer.fullFrame(first)
        naiveBytes = s.utf8.count
        sink &+= naiveBytes
    }
    let full = Bench.median { sink &+= first.fullFrame().count }
    print("  peer: naive full-frame string build = \(Bench.format(naive)) per frame (\(naiveBytes) bytes)")
    print("  second peer: fullFrame() (every row as a run, no comparison) = \(Bench.format(full))")
    print("  diff (clock changed) vs fullFrame(): \(Bench.ratio(diffClock, full))")
    for (name, t) in [
        ("render (widgets into buffer)", render), ("diff, one clock string changed", diffClock),
        ("diff, unchanged frame", diffSame), ("render + diff (new buffer each frame)", renderAndDiff),
    ] {
        print("  \(name.padding(to: 40)) \(Bench.format(t).leftPadded(10))   ratio vs peer \(Bench.ratio(t, naive))")
    }
    if sink == 42 { print("") }  // keeps the measured work observable
}

/// Timing helpers: median of repeated batches on the monotonic clock.
enum Bench {
    /// Median time of one call of `body`, in nanoseconds, over `batches` batches sized to ~20 ms each.
    static func median(batches: Int = 15, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        for _ in 0..<3 { body() }
        var perBatch = 1
        while true {
            let t = clock.measure { for _ in 0..<perBatch { body() } }
            if t > .milliseconds(20) || perBatch >= 1 << 16 { break }
            perBatch *= 2
        }
        var samples: [Double] = []
        for _ in 0..<batches {
            let t = clock.measure { for _ in 0..<perBatch { body() } }
            samples.append(nanoseconds(t) / Double(perBatch))
        }
        samples.sort()
        return samples[samples.count / 2]
    }

    static func nanoseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
    }

    static func format(_ ns: Double) -> String {
        if ns >= 1e6 { return String(Int((ns / 1e4).rounded())).insertingDecimal(2) + " ms" }
        return String(Int((ns / 10).rounded())).insertingDecimal(2) + " µs"
    }

    static func ratio(_ t: Double, _ peer: Double) -> String {
        let r = t / peer
        return String(Int((r * 1000).rounded())).insertingDecimal(3) + "x"
    }
}

/// The peer: what a renderer without a diff builds every frame.
enum NaiveRenderer {
    /// Every cell with a cursor move per row and a full SGR sequence per cell.
    static func fullFrame(_ frame: FrameBuffer) -> String {
        var out = "\u{1B}[H\u{1B}[2J"
        for y in 0..<frame.height {
            out += "\u{1B}[\(y + 1);1H"
            for x in 0..<frame.width {
                let cell = frame[x, y]
                if cell.isContinuation { continue }
                out += sgr(cell.style)
                out += cell.grapheme
            }
        }
        return out + "\u{1B}[0m"
    }

    static func sgr(_ style: CellStyle) -> String {
        var codes = ["0"]
        let a = style.attributes
        if a.contains(.bold) { codes.append("1") }
        if a.contains(.dim) { codes.append("2") }
        if a.contains(.italic) { codes.append("3") }
        if a.contains(.underline) { codes.append("4") }
        if a.contains(.blink) { codes.append("5") }
        if a.contains(.reverse) { codes.append("7") }
        codes.append(contentsOf: color(style.foreground, base: 30))
        codes.append(contentsOf: color(style.background, base: 40))
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    static func color(_ c: TerminalColor, base: Int) -> [String] {
        switch c {
        case .default: return []
        case .ansi(let n): return n < 8 ? ["\(base + Int(n))"] : ["\(base + 60 + Int(n) - 8)"]
        case .indexed(let n): return ["\(base + 8)", "5", "\(n)"]
        case .rgb(let r, let g, let b): return ["\(base + 8)", "2", "\(r)", "\(g)", "\(b)"]
        }
    }
}

extension String {
    fileprivate func padding(to n: Int) -> String { self + String(repeating: " ", count: max(0, n - count)) }
    fileprivate func leftPadded(_ n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
    fileprivate func insertingDecimal(_ places: Int) -> String {
        var digits = self
        while digits.count <= places { digits = "0" + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -places)
        return digits[..<cut] + "." + digits[cut...]
    }
}
