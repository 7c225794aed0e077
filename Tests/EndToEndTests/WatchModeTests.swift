import Foundation
import PodiumTestSupport
import Testing

extension ConsoleE2EWatchLane {
    /// `podium watch`, the read-only wall screen, in tmux against the seeded emulator.
    @Suite struct WatchModeTests {
        /// Waits until the watch dashboard shows every environment with data.
        static func waitForLoadedWatch(_ tmux: TmuxSession) async throws -> String {
            try await tmux.waitUntil("a loaded watch dashboard (3 environments fresh)", timeout: .seconds(90)) {
                $0.contains("Podium watch") && $0.components(separatedBy: "updated ").count - 1 >= 3
                    && !$0.contains("loading") && $0.contains("fraud-detector-dev")
            }
        }

        @Test func keepsTickingAndAnsweringKeysWhileTheEmulatorIsStoppedThenRecovers() async throws {
            try await ConsoleE2EWorld.with { world in
                let tmux = try world.launch(["watch", "--refresh", "1s"], width: 160, height: 48)
                let loaded = try await Self.waitForLoadedWatch(tmux)
                #expect(!loaded.contains("STALE"), "stale before the emulator was stopped:\n\(loaded)")

                world.suspendEmulator()
                // The clock moves (twice, so it is not a refresh that happened to land).
                var clock = ConsoleE2EScreen.titleClock(try tmux.capture())
                #expect(clock != nil, "no clock in the title bar")
                for _ in 0..<2 {
                    let previous = clock
                    let screen = try await tmux.waitUntil(
                        "the clock to move past \(previous ?? "nil")", timeout: .seconds(20)
                    ) {
                        let now = ConsoleE2EScreen.titleClock($0)
                        return now != nil && now != previous
                    }
                    clock = ConsoleE2EScreen.titleClock(screen)
                }
                // The data goes stale (3× the 1s refresh) and says since when.
                let stale = try await tmux.waitFor(text: "STALE since", timeout: .seconds(30))
                #expect(stale.contains("fraud-detector-dev"), "the last data stays on screen:\n\(stale)")

                // Keys still work: switch to the pending page and back.
                try tmux.sendKeys("3")
                try await tmux.waitFor(text: "Pending approval", timeout: .seconds(15))
                try tmux.sendKeys("1")
                try await tmux.waitUntil("the dashboard again", timeout: .seconds(15)) {
                    !$0.contains("Pending approval") && $0.contains("fraud-detector-dev")
                }
                let stillStopped = ConsoleE2EScreen.titleClock(try tmux.capture())
                try await tmux.waitUntil("the clock to keep moving", timeout: .seconds(20)) {
                    let now = ConsoleE2EScreen.titleClock($0)
                    return now != nil && now != stillStopped
                }
                #expect(ConsoleE2EScreen.isRunning(tmux), "podium exited while the emulator was stopped")

                world.resumeEmulator()
                let recovered = try await tmux.waitUntil("STALE to go away after SIGCONT", timeout: .seconds(60)) {
                    !$0.contains("STALE") && !$0.contains("NO CONNECTION")
                        && $0.components(separatedBy: "updated ").count - 1 >= 3
                }
                #expect(recovered.contains("Podium watch"))
                #expect(ConsoleE2EScreen.isRunning(tmux))
            }
        }

        @Test func twoThousandRandomKeysMakeNoWriteCall() async throws {
            let seed =
                ProcessInfo.processInfo.environment["PODIUM_E2E_SEED"].flatMap { UInt64($0) } ?? 0x5EED_2000
            print("WatchModeTests.twoThousandRandomKeys: seed \(seed) (set PODIUM_E2E_SEED to replay)")
            try await ConsoleE2EWorld.with { world in
                let tmux = try world.launch(["watch", "--refresh", "2s"], width: 140, height: 45)
                _ = try await Self.waitForLoadedWatch(tmux)
                try await world.emulator.clearRequests()

                var random = ConsoleE2ERandom(seed: seed)
                var sent = 0
                while sent < 2000 {
                    let batch = ConsoleE2EKeys.batch(&random, limit: min(25, 2000 - sent))
                    switch batch {
                    case .names(let names): try tmux.sendKeys(names)
                    case .literal(let text, _): try tmux.sendText(text)
                    }
                    sent += batch.count
                    #expect(ConsoleE2EScreen.isRunning(tmux), "podium exited after \(sent) keys (seed \(seed))")
                }

                // Still alive and answering: close whatever is open (Esc, alone: Esc followed by a key in the same
                // burst is Alt+key), then `1` until the dashboard shows.
                try tmux.sendKeys("Escape")
                try tmux.sendKeys("Escape")
                var screen = ""
                let answered = try await ConsoleE2EWorld.eventually(timeout: .seconds(30), every: .milliseconds(500)) {
                    try tmux.sendKeys("1")
                    screen = try tmux.capture()
                    return ConsoleE2EScreen.firstLine(screen).contains("Dashboard")
                        && screen.contains("fraud-detector-dev")
                }
                #expect(answered, "no dashboard after the keys (seed \(seed)):\n\(screen)")
                let clock = ConsoleE2EScreen.titleClock(screen)
                try await tmux.waitUntil("the clock to move", timeout: .seconds(20)) {
                    let now = ConsoleE2EScreen.titleClock($0)
                    return now != nil && now != clock
                }
                #expect(ConsoleE2EScreen.isRunning(tmux))

                let requests = try await world.emulator.requests()
                #expect(!requests.isEmpty, "no AWS call at all during the keys: the check would be empty")
                let writes = requests.filter { !ConsoleE2EKeys.isReadOperation($0.operation) }
                let summary = Dictionary(grouping: requests, by: \.operation).mapValues(\.count)
                print("WatchModeTests.twoThousandRandomKeys: \(requests.count) calls: \(summary)")
                #expect(writes.isEmpty, "write calls in watch mode: \(writes.map { "\($0.service) \($0.operation)" })")
            }
        }

        @Test func unterminatedPasteStartDoesNotBlockInput() async throws {
            try await ConsoleE2EWorld.with { world in
                let tmux = try world.launch(["watch", "--refresh", "2s"], width: 140, height: 45)
                _ = try await Self.waitForLoadedWatch(tmux)
                // A paste start and no paste end (line noise, a paste cut off by a dropped connection). Keys typed
                // while the paste is open are paste text; once input has paused, the paste must end and keys work
                // again (console-bugs.md B1, fixed: an open paste ends after 1 s without input). So: `3` with pauses
                // of 1.5 s between tries, until the pending page shows.
                try tmux.sendText("\u{1b}[200~")
                var switched = false
                let deadline = ContinuousClock.now + .seconds(20)
                while !switched && ContinuousClock.now < deadline {
                    try tmux.sendKeys("3")
                    switched = (try? await tmux.waitFor(text: "Pending approval", timeout: .milliseconds(1500))) != nil
                }
                let screen = try tmux.capture()
                #expect(switched, "keys never worked again after an unterminated ESC [200~:\n\(screen)")
                #expect(ConsoleE2EScreen.isRunning(tmux))
                // The paste text that was swallowed did not turn into a write either.
                let writes = try await world.emulator.requests().filter {
                    !ConsoleE2EKeys.isReadOperation($0.operation)
                }
                #expect(writes.isEmpty, "\(writes.map(\.operation))")
            }
        }

        @Test func measuresStartupAndIdleOutput() async throws {
            // The 5 s watch measures in a world of its own, beside the console and the 2 s watch: each watch waits
            // out six of its refreshes, and the two need not wait one after the other.
            async let fiveSeconds: Void = ConsoleE2EWorld.with { world in
                try await Self.measureIdleOutput(world, refresh: 5)
            }
            try await ConsoleE2EWorld.with { world in
                // Console: the app's own trace (first frame, complete dashboard), and what tmux shows.
                let trace = world.directory.appendingPathComponent("trace.txt").path
                let launched = ContinuousClock.now
                let tmux = try world.launch(["console"], extraEnvironment: ["PODIUM_CONSOLE_TRACE": trace])
                try await tmux.waitUntil("a first frame", timeout: .seconds(60)) { $0.contains("Podium") }
                let firstSeen = ContinuousClock.now - launched
                try await ConsoleE2E.ConsoleFlowTests.waitForLoadedDashboard(tmux)
                let completeSeen = ContinuousClock.now - launched
                try tmux.sendKeys("q")
                try await tmux.waitFor(text: "Quit podium?", timeout: .seconds(20))
                try tmux.sendKeys("y")
                // The trace file is written on the way out, after the terminal is restored; the exit status is 0.
                let status = try await tmux.waitForExit(timeout: .seconds(30))
                #expect(status == 0)
                let traced = try String(contentsOfFile: trace, encoding: .utf8)
                print("MEASURE console launch→first frame seen in tmux: \(firstSeen)")
                print("MEASURE console launch→complete dashboard seen in tmux: \(completeSeen)")
                print("MEASURE console trace: \(traced.replacingOccurrences(of: "\n", with: "; "))")
                #expect(traced.contains("first_frame_ms "))

                try await Self.measureIdleOutput(world, refresh: 2)
            }
            try await fiveSeconds
        }

        /// Watch mode, idle: bytes written per refresh (pipe-pane), counted over refreshes seen by the emulator.
        static func measureIdleOutput(_ world: ConsoleE2EWorld, refresh: Int) async throws {
            let watch = try world.launch(["watch", "--refresh", "\(refresh)s"], width: 160, height: 48)
            _ = try await Self.waitForLoadedWatch(watch)
            // Let the first-load burst finish: one full refresh after loading.
            try await world.emulator.clearRequests()
            _ = try await ConsoleE2EWorld.eventually(timeout: .seconds(60)) {
                try await Self.refreshCycles(world) >= 1
            }
            let pipe = world.directory.appendingPathComponent("pipe-\(refresh).bin")
            try await world.emulator.clearRequests()
            try watch.startPipe(to: pipe)
            let started = ContinuousClock.now
            let cycles = 5
            let done = try await ConsoleE2EWorld.eventually(timeout: .seconds(120)) {
                try await Self.refreshCycles(world) >= cycles
            }
            try watch.stopPipe()
            let elapsed = ContinuousClock.now - started
            #expect(done)
            let bytes = (try? FileManager.default.attributesOfItem(atPath: pipe.path)[.size] as? Int) ?? 0
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print(
                "MEASURE watch --refresh \(refresh)s 160x48 idle: \(bytes) bytes over \(cycles) refreshes in "
                    + String(format: "%.1f", seconds) + " s = \(bytes / cycles) bytes/refresh, "
                    + String(format: "%.0f", Double(bytes) / seconds) + " bytes/s")
            #expect(bytes > 0, "watch wrote nothing while its clock ticks")
            watch.kill()
        }

        /// Health refreshes of the prod environment seen by the emulator since the log was cleared (each starts
        /// with one ListEndpoints in the prod account, 333333333333).
        static func refreshCycles(_ world: ConsoleE2EWorld) async throws -> Int {
            try await world.emulator.requests().filter {
                $0.operation == "ListEndpoints" && $0.account == "333333333333"
            }.count
        }
    }
}

/// SplitMix64: a small seeded generator, so a failing key sequence can be replayed.
struct ConsoleE2ERandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random keys for the watch-mode fuzz test: tmux key names and literal byte strings (escape sequences, control
/// characters, random text). Never sends what quits by design (`q`) or signals the process group (Ctrl-C, Ctrl-Z,
/// Ctrl-\).
enum ConsoleE2EKeys {
    /// One `send-keys` call.
    enum Batch {
        /// Key names (`send-keys`), one key each.
        case names([String])
        /// Literal text (`send-keys -l`) made of `count` keys.
        case literal(String, count: Int)

        var count: Int {
            switch self {
            case .names(let names): return names.count
            case .literal(_, let count): return count
            }
        }
    }

    static let names: [String] = {
        var names = [
            "Up", "Down", "Left", "Right", "Home", "End", "PPage", "NPage", "IC", "DC", "BSpace", "Tab", "BTab",
            "Escape", "Enter", "Space", "a", "r", "p", "y", "n", "b", "w", "1", "2", "3", "4", "?", "/", ":", "j", "k",
            "g", "G", "A", "R", "P", "Y", "M-a", "M-r", "M-p", "M-Enter", "C-Up", "S-Down", "M-Left",
        ]
        names += (1...12).map { "F\($0)" }
        names += "abdefghijklmnoprstuvwxy".map { "C-\($0)" }  // no C-c, C-q, C-z
        return names
    }()

    /// Escape sequences sent whole. A lone paste start (`ESC [200~`) is left out: every key sent in the next second
    /// is paste text by design, and batches come faster than that, so it would blind the rest of the run;
    /// `unterminatedPasteStartDoesNotBlockInput` covers it on its own.
    static let sequences: [String] = [
        "\u{1b}[A", "\u{1b}[B", "\u{1b}[C", "\u{1b}[D", "\u{1b}OA", "\u{1b}[1;5C", "\u{1b}[1;2A", "\u{1b}OP",
        "\u{1b}OQ", "\u{1b}[15~", "\u{1b}[24~", "\u{1b}[3~", "\u{1b}[5~", "\u{1b}[6~", "\u{1b}[H", "\u{1b}[F",
        "\u{1b}[Z", "\u{1b}", "\u{1b}\u{1b}", "\u{1b}[", "\u{1b}[99;99;99X", "\u{1b}[<0;10;5M", "\u{1b}[<0;10;5m",
        "\u{1b}[M !!", "\u{1b}[200~pasted text\nwith a line\u{1b}[201~", "\u{1b}[201~",
        "\u{1b}]0;title\u{07}", "\u{1b}P1$r\u{1b}\\", "\u{1b}[?1049h", "\u{1b}[12;40R", "\u{1b}[I", "\u{1b}[O",
        "\u{1b}a", "\u{1b}y", "\u{1b}[1;3D",
    ]

    /// Characters for random text: printable ASCII (no `q`/`Q`), control characters except ^C ^Q ^S ^Z ^\, and a
    /// few multi-byte characters.
    static let characters: [Character] = {
        var characters: [Character] = []
        for value in 0x20...0x7E where value != 0x71 && value != 0x51 {
            characters.append(Character(Unicode.Scalar(UInt8(value))))
        }
        for value in [
            0x00, 0x01, 0x02, 0x04, 0x07, 0x08, 0x09, 0x0A, 0x0D, 0x0E, 0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x7F,
        ] {
            characters.append(Character(Unicode.Scalar(UInt8(value))))
        }
        characters += ["é", "ß", "漢", "字", "🙂", "\u{301}", "\u{200B}", "\u{FEFF}", "\u{202E}"]
        return characters.filter { $0 != "\u{00}" }
    }()

    /// A batch of at most `limit` keys.
    static func batch(_ random: inout ConsoleE2ERandom, limit: Int) -> Batch {
        let size = Int.random(in: 1...max(1, limit), using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            return .names((0..<size).map { _ in names.randomElement(using: &random)! })
        case 1:
            var text = ""
            for _ in 0..<size { text += sequences.randomElement(using: &random)! }
            return .literal(text, count: size)
        default:
            let text = String((0..<size).map { _ in characters.randomElement(using: &random)! })
            return .literal(text, count: size)
        }
    }

    /// Whether an emulator log operation only reads (List*, Describe*, Get*, BatchGet*, Head*, or STS AssumeRole).
    static func isReadOperation(_ operation: String) -> Bool {
        for prefix in ["List", "Describe", "Get", "BatchGet", "Head"] where operation.hasPrefix(prefix) { return true }
        return operation == "AssumeRole" || operation == "AssumeRoleWithWebIdentity"
    }
}
