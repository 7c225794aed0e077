import Foundation
import PodiumTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Parent of the console end-to-end suites: `.serialized` is inherited by the nested suites, so no two of these
/// tests (each with its own emulator, tmux server and podium) run at the same time on a 2-core machine.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
struct ConsoleE2E {}

/// The second serialized lane, beside `ConsoleE2E`: watch mode's suite, which mostly waits out refreshes. As one
/// chain the two took ~113 s alone and finished last in every full run, the rest of the suite long done.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
struct ConsoleE2EWatchLane {}

/// One process's result (for the seed and fixture scripts).
typealias ConsoleE2EResult = ProcessResult

/// A setup or check failure with a readable message (and, when there is one, the last screen).
struct ConsoleE2EError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The seeded demo world for the console tests: an emulator seeded by `Emulator/seed.py`, a temporary HOME/XDG
/// tree, a config derived from `config/demo.yaml` (with small gates and timings), and the real `podium` binary
/// run in private tmux servers. `ConsoleE2EWorld.with { world in … }` always stops everything it started.
final class ConsoleE2EWorld: @unchecked Sendable {
    let emulator: EmulatorProcess
    let directory: URL
    let configPath: String
    private let lock = NSLock()
    private var sessions: [TmuxSession] = []
    private var stoppedEmulator = false

    /// `PODIUM_TEST_BINARY` runs the tests against another build (e.g. the one before a fix, to see them fail).
    static let podium =
        ProcessInfo.processInfo.environment["PODIUM_TEST_BINARY"]
        ?? repoRoot.appendingPathComponent(".build/debug/podium").path
    static let fixtureScript = repoRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/ConsoleE2EFixture.py").path
    static let seedScript = repoRoot.appendingPathComponent("Emulator/seed.py").path
    static let demoConfig = repoRoot.appendingPathComponent("config/demo.yaml").path

    /// Accounts and regions of the demo world (`Emulator/world.py`).
    static let accounts = [
        "dev": ("111111111111", "us-east-1"), "preprod": ("222222222222", "us-east-1"),
        "prod": ("333333333333", "eu-west-1"),
    ]

    /// The default edits to `config/demo.yaml`: short gates so a test can meet them.
    static let shortGates: [(String, String)] = [
        ("gate: { requires: dev, healthy_for: 1m }", "gate: { requires: dev, healthy_for: 2s }"),
        ("gate: { requires: preprod, healthy_for: 2m }", "gate: { requires: preprod, healthy_for: 2s }"),
    ]

    /// `config/demo.yaml` with exact-text `edits` applied; an edit whose text is missing is an error (so a change
    /// to the demo config fails loudly here instead of silently testing something else).
    static func config(_ edits: [(String, String)]) throws -> String {
        var text = try String(contentsOfFile: demoConfig, encoding: .utf8)
        // Seeded without --routes, every endpoint here is podium's own: the demo's stack and pipeline routes would
        // find no stacks, so the console world promotes directly.
        for route in ["route: stack", "route: pipeline"] {
            text = text.replacingOccurrences(of: route, with: "route: direct")
        }
        for (old, new) in edits {
            guard text.contains(old) else { throw ConsoleE2EError("config/demo.yaml no longer contains \"\(old)\"") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    /// Runs `body` with a fresh seeded world and always tears it down (tmux servers, then the emulator).
    static func with(
        config edits: [(String, String)] = shortGates, _ body: (ConsoleE2EWorld) async throws -> Void
    ) async throws {
        let world = try await ConsoleE2EWorld(config: try config(edits))
        do {
            try await body(world)
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    private init(config: String) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.podium) else {
            throw ConsoleE2EError("podium is not built at \(Self.podium); run `swift build` (make test does)")
        }
        emulator = try await EmulatorProcess.start()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-console-\(UUID().uuidString)")
        configPath = directory.appendingPathComponent("podium.yaml").path
        do {
            for sub in ["home", "state", "xdg-config"] {
                try FileManager.default.createDirectory(
                    at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            try config.write(toFile: configPath, atomically: true, encoding: .utf8)
            let seeded = try await Self.run(
                pythonPath.path, [Self.seedScript, "--endpoint-url", emulator.endpoint.absoluteString, "--quiet"],
                environment: environment)
            guard seeded.code == 0 else { throw ConsoleE2EError("seeding failed (\(seeded.code)): \(seeded.stderr)") }
            // The seed's own calls are writes: the tests look only at what podium does.
            try await emulator.clearRequests()
        } catch {
            await emulator.stop()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Kills every tmux server started here, resumes the emulator if a test stopped it, stops it, removes files.
    func stop() async {
        let toKill = lock.withLock {
            let all = sessions
            sessions = []
            return all
        }
        for session in toKill { session.kill() }
        resumeEmulator()
        await emulator.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Environment

    /// The environment podium runs with: isolated HOME/XDG, the emulator as every AWS endpoint, dummy base keys.
    var environment: [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": directory.appendingPathComponent("home").path,
            "XDG_STATE_HOME": directory.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": directory.appendingPathComponent("xdg-config").path,
            "AWS_CONFIG_FILE": directory.appendingPathComponent("home/aws-config").path,
            "AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("home/aws-credentials").path,
            "AWS_ENDPOINT_URL": emulator.endpoint.absoluteString,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": "us-east-1",
            "PODIUM_POLL_INTERVAL": "200ms",
        ]
    }

    // MARK: - podium in tmux

    /// Starts `podium <arguments> --config <world config>` in a new private tmux server of `width`×`height`.
    func launch(
        _ arguments: [String], width: Int = 160, height: Int = 48, term: String = "tmux-256color",
        extraEnvironment: [String: String] = [:]
    ) throws -> TmuxSession {
        var env = environment
        env["TERM"] = nil
        env.merge(extraEnvironment) { $1 }
        let session = try TmuxSession.start(
            command: [Self.podium] + arguments + ["--config", configPath], width: width, height: height,
            environment: env, term: term, workingDirectory: directory)
        lock.withLock { sessions.append(session) }
        return session
    }

    // MARK: - Emulator process control

    /// Stops the emulator process (SIGSTOP): its socket stays open, nothing answers.
    func suspendEmulator() {
        lock.withLock { stoppedEmulator = true }
        kill(emulator.pid, SIGSTOP)
    }

    /// Resumes the emulator (SIGCONT) if it was stopped.
    func resumeEmulator() {
        let wasStopped = lock.withLock {
            let value = stoppedEmulator
            stoppedEmulator = false
            return value
        }
        if wasStopped { kill(emulator.pid, SIGCONT) }
    }

    // MARK: - boto3 checks

    /// Runs the fixture script and decodes its JSON answer.
    func fixtureJSON(_ arguments: String...) async throws -> [String: Any] {
        let result = try await fixture(arguments)
        guard let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw ConsoleE2EError("fixture \(arguments) printed no JSON: \(result.stdout)")
        }
        return object
    }

    /// Runs the fixture script; a non-zero exit is an error.
    @discardableResult
    func fixture(_ arguments: [String]) async throws -> ConsoleE2EResult {
        let result = try await Self.run(
            pythonPath.path, [Self.fixtureScript, emulator.endpoint.absoluteString] + arguments,
            environment: environment)
        guard result.code == 0 else {
            throw ConsoleE2EError("fixture \(arguments) failed (\(result.code)): \(result.stderr)")
        }
        return result
    }

    /// `DescribeEndpoint` (+ its config and model) of `name` in an environment of the demo world.
    func endpoint(_ environmentName: String, _ name: String) async throws -> [String: Any] {
        guard let (account, region) = Self.accounts[environmentName] else {
            throw ConsoleE2EError("unknown environment \(environmentName)")
        }
        return try await fixtureJSON("endpoint", account, region, name)
    }

    // MARK: - Processes

    /// Runs a process to completion without blocking a cooperative thread; output goes through files.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) async throws
        -> ConsoleE2EResult
    {
        try await ProcessRunner.run(executable, arguments, environment: environment)
    }

    /// Polls `check` until it returns true or `timeout` passes; returns whether it did.
    static func eventually(
        timeout: Duration = .seconds(60), every interval: Duration = .milliseconds(250),
        _ check: () async throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if try await check() { return true }
            if ContinuousClock.now >= deadline { return false }
            try await Task.sleep(for: interval)
        }
    }
}

/// Screen and process helpers for captures.
enum ConsoleE2EScreen {
    /// The pane process's state letter from `/proc/<pid>/stat` (`R`, `S`, `Z`…), or nil once it is gone.
    ///
    /// A second witness besides tmux: a podium that exited but was not reaped yet is a zombie (`Z`) here even
    /// while tmux still shows the pane alive (console-bugs.md H1).
    static func processState(_ tmux: TmuxSession) -> String? {
        guard let pid = try? tmux.panePID(),
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let state = stat.split(separator: ")").last?.split(separator: " ").first
        else { return nil }
        return String(state)
    }

    /// Whether podium (the pane's process) is still running: alive and not a zombie, and tmux agrees.
    static func isRunning(_ tmux: TmuxSession) -> Bool {
        guard let state = processState(tmux), state != "Z", state != "X" else { return false }
        return (try? tmux.display("#{pane_dead}")) == "0"
    }

    /// The `hh:mm:ss` clocks on a line.
    static func clocks(in line: Substring) -> [String] {
        var found: [String] = []
        let characters = Array(line)
        guard characters.count >= 8 else { return [] }
        for start in 0...(characters.count - 8) {
            let slice = characters[start..<(start + 8)]
            let pattern = Array(slice)
            let digitsAt = [0, 1, 3, 4, 6, 7]
            if pattern[2] == ":" && pattern[5] == ":"
                && digitsAt.allSatisfy({ pattern[$0].isASCII && pattern[$0].isNumber })
            {
                found.append(String(slice))
            }
        }
        return found
    }

    /// The first line of the screen (title bar).
    static func firstLine(_ screen: String) -> Substring {
        screen.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
    }

    /// The title bar's clock, if any.
    static func titleClock(_ screen: String) -> String? {
        clocks(in: firstLine(screen)).last
    }

    /// The SGR sequences (`ESC [ … m`) of a `capture-pane -e` text, as parameter lists.
    static func sgrParameters(_ text: String) -> [[String]] {
        var result: [[String]] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\u{1b}", index + 1 < scalars.count, scalars[index + 1] == "[" {
                var end = index + 2
                var body = ""
                while end < scalars.count, !(scalars[end].value >= 0x40 && scalars[end].value <= 0x7e) {
                    body.unicodeScalars.append(scalars[end])
                    end += 1
                }
                if end < scalars.count, scalars[end] == "m" {
                    result.append(
                        body.isEmpty
                            ? ["0"] : body.split(separator: ";", omittingEmptySubsequences: false).map(String.init))
                }
                index = end + 1
            } else {
                index += 1
            }
        }
        return result
    }

    /// Colour parameters of SGR sequences: 30–37, 38 (extended), 40–47, 48 (extended), 90–97, 100–107.
    /// (39 and 49, "default colour", are not colours.)
    static func colourParameters(_ sequences: [[String]]) -> [String] {
        var colours: [String] = []
        for parameters in sequences {
            for parameter in parameters {
                // `38:5:1` (colon form) counts as colour too.
                let head = parameter.split(separator: ":").first.map(String.init) ?? parameter
                guard let value = Int(head) else { continue }
                if (30...38).contains(value) || (40...48).contains(value) || (90...97).contains(value)
                    || (100...107).contains(value)
                {
                    colours.append(parameters.joined(separator: ";"))
                    break
                }
            }
        }
        return colours
    }
}
