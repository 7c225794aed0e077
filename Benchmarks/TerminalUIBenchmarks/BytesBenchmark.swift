import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes written to a terminal by the ncurses backend, measured through a real pty.
///
/// Runs `tui-demo --bench-bytes` with a 200×60 pty as its terminal and counts every byte it writes between
/// the in-band markers the demo emits after each step (see `BenchMode` in tui-demo). Two baselines are
/// measured in the same run and every case is reported as a ratio to both: a full repaint through ncurses
/// (`clearok`: clear, then every cell redrawn) and a naive renderer that writes every cell with its whole
/// SGR style, without any diffing.
func runBytesBenchmark() {
    print("== TerminalUI bytes written per frame (tui-demo --bench-bytes in a 200x60 pty) ==")
    guard let demo = BytesBenchmark.locateDemo() else {
        print("  skipped: tui-demo is not built (swift build [-c release] --product tui-demo)")
        return
    }
    print("  binary: \(demo.path)")
    for term in ["xterm-256color", "xterm-mono"] {
        do {
            let steps = try BytesBenchmark.measure(demo: demo, width: 200, height: 60, term: term)
            BytesBenchmark.report(steps, term: term)
        } catch {
            print("  \(term): failed: \(error)")
        }
    }
}

/// The pty harness behind `runBytesBenchmark()`.
enum BytesBenchmark {
    /// One measured step.
    struct Step {
        var name: String
        var bytes: Int
        var cells: Int
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let markerPrefix = Array("\u{1B}]7777;podium-bench:".utf8)

    /// tui-demo next to this executable, else in .build/release or .build/debug of the working directory.
    static func locateDemo() -> URL? {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidates = [
            me.deletingLastPathComponent().appendingPathComponent("tui-demo"),
            URL(fileURLWithPath: ".build/release/tui-demo"),
            URL(fileURLWithPath: ".build/debug/tui-demo"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs the demo on a fresh pty of `width`×`height` and returns the bytes of each step.
    static func measure(demo: URL, width: Int, height: Int, term: String) throws -> [Step] {
        let pty = try PseudoTerminalCalls()
        let master = pty.openMaster(O_RDWR | O_NOCTTY)
        guard master >= 0, pty.grant(master) == 0, pty.unlock(master) == 0, let name = pty.slaveName(master) else {
            throw Failure(description: "cannot open a pty: \(String(cString: strerror(errno)))")
        }
        defer { close(master) }
        let slavePath = String(cString: name)
        let slave = open(slavePath, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw Failure(description: "cannot open \(slavePath)") }
        let slaveHandle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        try setSize(of: slaveHandle, width: width, height: height)

        let process = Process()
        process.executableURL = demo
        process.arguments = ["--bench-bytes"]
        var environment = ProcessInfo.processInfo.environment
        for key in ["NO_COLOR", "COLORTERM", "LINES", "COLUMNS", "TMUX"] { environment[key] = nil }
        environment["TERM"] = term
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        process.environment = environment
        process.standardInput = slaveHandle
        process.standardOutput = slaveHandle
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // The child has its own copies; ours must go so the master sees the end of output.
        try slaveHandle.close()

        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 200)
            if ready > 0 {
                let count = read(master, &buffer, buffer.count)
                if count > 0 {
                    output.append(contentsOf: buffer[0..<count])
                    if containsMarker(output, step: "exit") { break }
                    continue
                }
                break  // EIO: every slave descriptor is closed
            }
            if !process.isRunning && ready == 0 { break }
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let stderrText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let steps = split(output)
        guard steps.contains(where: { $0.name == "exit" }) else {
            throw Failure(description: "the demo did not finish (status \(process.terminationStatus)): \(stderrText)")
        }
        return steps
    }

    private static func setSize(of tty: FileHandle, width: Int, height: Int) throws {
        let stty = Process()
        stty.executableURL = URL(fileURLWithPath: "/bin/stty")
        stty.arguments = ["rows", "\(height)", "cols", "\(width)"]
        stty.standardInput = tty
        try stty.run()
        stty.waitUntilExit()
        guard stty.terminationStatus == 0 else { throw Failure(description: "stty could not size the pty") }
    }

    private static func containsMarker(_ output: [UInt8], step: String) -> Bool {
        let needle = markerPrefix + Array(step.utf8)
        guard output.count >= needle.count else { return false }
        return output.indices.dropLast(needle.count - 1).contains { start in
            output[start] == 0x1B && Array(output[start..<(start + needle.count)]) == needle
        }
    }

    /// Splits the captured stream at the markers: the bytes before each marker belong to its step.
    static func split(_ output: [UInt8]) -> [Step] {
        var steps: [Step] = []
        var segmentStart = 0
        var index = 0
        while index + markerPrefix.count <= output.count {
            guard output[index] == 0x1B, Array(output[index..<(index + markerPrefix.count)]) == markerPrefix else {
                index += 1
                continue
            }
            guard let end = output[index...].firstIndex(of: 0x07) else { break }
            let text = String(decoding: output[(index + markerPrefix.count)..<end], as: UTF8.self)
            let fields = text.split(separator: " ")
            let name = fields.first.map(String.init) ?? "?"
            let cells = fields.first { $0.hasPrefix("cells=") }.flatMap { Int($0.dropFirst(6)) } ?? 0
            steps.append(Step(name: name, bytes: index - segmentStart, cells: cells))
            index = end + 1
            segmentStart = index
        }
        return steps
    }

    static func report(_ steps: [Step], term: String) {
        func bytes(_ name: String) -> Int { steps.first { $0.name == name }?.bytes ?? -1 }
        let naive = bytes("naive")
        let repaint = bytes("repaint")
        func ratio(_ value: Int, _ base: Int) -> String {
            base > 0 ? String(format: "%10.4f", Double(value) / Double(base)) : "       n/a"
        }
        print("  TERM=\(term)")
        print("    step                              bytes   cells written   / full repaint   / naive")
        for step in steps {
            let label = describe(step.name).padding(toLength: 32, withPad: " ", startingAt: 0)
            print(
                "    \(label) \(String(format: "%6d", step.bytes))   \(String(format: "%13d", step.cells))"
                    + "       \(ratio(step.bytes, repaint)) \(ratio(step.bytes, naive))")
        }
        let clock = bytes("clock")
        let ncursesOnly = bytes("clock-ncurses-only")
        if naive > 0 && clock > 0 {
            print(String(format: "    naive / clock tick = %.0fx fewer bytes", Double(naive) / Double(clock)))
        }
        if repaint > 0 && clock > 0 {
            print(
                String(
                    format: "    ncurses full repaint / clock tick = %.0fx fewer bytes", Double(repaint) / Double(clock)
                ))
        }
        if clock > 0 && ncursesOnly > 0 {
            print(
                String(format: "    clock tick, ncurses-only / frame diff = %.2f", Double(ncursesOnly) / Double(clock)))
        }
    }

    private static func describe(_ name: String) -> String {
        switch name {
        case "ready": return "setup (newterm)"
        case "full": return "first full frame"
        case "unchanged": return "unchanged frame"
        case "clock": return "one clock string changes"
        case "repaint": return "full repaint (ncurses clearok)"
        case "naive": return "naive: every cell + SGR"
        case "clock-ncurses-only": return "clock, ncurses-only diff"
        case "exit": return "exit (endwin)"
        default: return name
        }
    }
}

/// posix_openpt, grantpt, unlockpt and ptsname, looked up at run time: Swift's Glibc module hides them
/// behind feature macros, and this benchmark target has no C module of its own.
private struct PseudoTerminalCalls {
    typealias IntCall = @convention(c) (Int32) -> Int32
    typealias NameCall = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    let openMaster: IntCall
    let grant: IntCall
    let unlock: IntCall
    let slaveName: NameCall

    init() throws {
        let handle = dlopen(nil, RTLD_NOW)
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let pointer = dlsym(handle, name) else {
                throw BytesBenchmark.Failure(description: "\(name) is not available")
            }
            return unsafeBitCast(pointer, to: type)
        }
        openMaster = try symbol("posix_openpt", as: IntCall.self)
        grant = try symbol("grantpt", as: IntCall.self)
        unlock = try symbol("unlockpt", as: IntCall.self)
        slaveName = try symbol("ptsname", as: NameCall.self)
    }
}
