import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Drives a real terminal for end-to-end tests: a tmux server on a private socket with one detached pane.
///
/// ```swift
/// let tmux = try TmuxSession.start(command: [binary], width: 100, height: 30)
/// defer { tmux.kill() }
/// try await tmux.waitFor(text: "ready")
/// try tmux.sendKeys("j", "Down")
/// let screen = try tmux.capture()
/// ```
///
/// Each session runs its own server (`tmux -L podium-test-<uuid> -f /dev/null`), so tests never share state
/// with each other or with the user's tmux. The pane is exactly `width`×`height` (status line off) and stays
/// open after its command exits (`remain-on-exit`), so the final screen and exit status can be read.
/// Waiting is polling with a deadline, never a fixed sleep.
public final class TmuxSession: @unchecked Sendable {
    /// Errors from tmux or from waiting.
    public enum TmuxError: Error, CustomStringConvertible {
        /// tmux is not on PATH (tests skip locally; CI must have it).
        case notInstalled
        /// A tmux command failed.
        case commandFailed(arguments: [String], status: Int32, output: String)
        /// A condition did not hold before the deadline; carries the last screen.
        case timeout(waitingFor: String, screen: String)

        /// A readable message.
        public var description: String {
            switch self {
            case .notInstalled:
                return "tmux is not installed (apt-get install tmux); it is required for terminal tests in CI"
            case .commandFailed(let arguments, let status, let output):
                return "tmux \(arguments.joined(separator: " ")) failed with status \(status): \(output)"
            case .timeout(let condition, let screen):
                return "timed out waiting for \(condition); screen was:\n\(screen)"
            }
        }
    }

    /// The private socket name (`tmux -L <socketName>`).
    public let socketName: String
    /// The pane's target (`<session>:0.0`).
    public let target: String
    private let lock = NSLock()
    private var killed = false

    private init(socketName: String, target: String) {
        self.socketName = socketName
        self.target = target
    }

    deinit {
        kill()
    }

    // MARK: - Availability

    /// The tmux executable on PATH, if any.
    public static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether the tests run in CI (`CI` set to `true`/`1`), where a missing tmux is a failure, not a skip.
    public static var isCI: Bool {
        let value = (ProcessInfo.processInfo.environment["CI"] ?? "").lowercased()
        return value == "true" || value == "1" || value == "yes"
    }

    /// Whether terminal tests should run: tmux is installed, or we are in CI (where `start` then fails loudly).
    /// Use as `@Test(.enabled(if: TmuxSession.shouldRun, "tmux is not installed"))`.
    public static var shouldRun: Bool { executable != nil || isCI }

    // MARK: - Paths

    /// The repository root (from this file's path).
    public static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// A built executable of this package (`.build/debug/<name>`, else `.build/release/<name>`), if present.
    public static func builtProduct(_ name: String) -> URL? {
        let build = repoRoot.appendingPathComponent(".build")
        for configuration in ["debug", "release"] {
            let url = build.appendingPathComponent(configuration).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    // MARK: - Lifecycle

    /// Starts a private tmux server running `command` (argv, executed directly) in a `width`×`height` pane.
    ///
    /// `term` is the pane's TERM (tmux's `default-terminal`); `environment` is added to the pane's
    /// environment (LANG/LC_ALL default to C.UTF-8).
    public static func start(
        command: [String], width: Int = 100, height: Int = 30, environment: [String: String] = [:],
        term: String = "tmux-256color", workingDirectory: URL? = nil
    ) throws -> TmuxSession {
        guard executable != nil else { throw TmuxError.notInstalled }
        let socket = "podium-test-\(UUID().uuidString.lowercased())"
        let session = TmuxSession(socketName: socket, target: "main:0.0")
        var paneEnvironment = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        paneEnvironment.merge(environment) { $1 }
        var arguments = [
            "start-server", ";",
            "set-option", "-g", "default-terminal", term, ";",
            "set-option", "-g", "status", "off", ";",
            "set-option", "-g", "remain-on-exit", "on", ";",
            "set-option", "-g", "escape-time", "0", ";",
            "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)",
        ]
        if let workingDirectory { arguments += ["-c", workingDirectory.path] }
        for (key, value) in paneEnvironment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments += ["--"] + command
        do {
            try session.tmux(arguments)
        } catch {
            session.kill()
            throw error
        }
        return session
    }

    /// Ends the tmux server (and so the pane's process), then checks that both are gone; kills leftovers by PID.
    public func kill() {
        lock.lock()
        if killed {
            lock.unlock()
            return
        }
        killed = true
        lock.unlock()
        let panePID = try? Int32(display("#{pane_pid}"))
        let serverPID = try? Int32(display("#{pid}"))
        // An exited pane process tmux missed (see `waitForExit`) would outlive the server as a zombie.
        if (try? display("#{pane_dead}")) == "1" { nudgeServerToReap() }
        _ = try? tmux(["kill-server"], allowFailure: true)
        for pid in [panePID, serverPID].compactMap({ $0 }).compactMap({ $0 }) where pid > 0 {
            TmuxSession.waitForExit(pid: pid)
        }
        // tmux leaves its socket file behind; remove it once the server is gone.
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(directory)/tmux-\(getuid())/\(socketName)")
    }

    /// Whether the private server still answers (false after `kill`).
    public var isServerRunning: Bool {
        (try? tmux(["has-session", "-t", "main"], allowFailure: false)) != nil
    }

    private static func waitForExit(pid: pid_t) {
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline {
            if sendSignal(pid, 0) != 0 && errno == ESRCH { return }
            // A zombie has exited; only its new parent can reap it.
            if isZombie(pid) { return }
            usleep(20_000)
        }
        _ = sendSignal(pid, SIGKILL)
    }

    /// Whether `pid` is a zombie (Linux `/proc`; false where there is none).
    private static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }

    // MARK: - Input

    /// Sends keys by tmux name (`"j"`, `"Down"`, `"C-c"`, `"M-x"`, `"F5"`, `"BTab"`, `"Escape"`, `"Enter"`).
    public func sendKeys(_ keys: String...) throws {
        try sendKeys(keys)
    }

    /// Sends keys by tmux name.
    public func sendKeys(_ keys: [String]) throws {
        try tmux(["send-keys", "-t", target, "--"] + keys)
    }

    /// Types `text` literally (no key-name lookup).
    public func sendText(_ text: String) throws {
        try tmux(["send-keys", "-t", target, "-l", "--", text])
    }

    /// Pastes `text` as a paste (bracketed if the app asked for bracketed paste and `bracketed` is true).
    public func paste(_ text: String, bracketed: Bool = true) throws {
        let buffer = "podium-paste"
        try tmux(["set-buffer", "-b", buffer, "--", text])
        try tmux(["paste-buffer", "-d", "-b", buffer, "-t", target] + (bracketed ? ["-p"] : []))
    }

    // MARK: - Output

    /// The visible screen as text, one line per row (trailing spaces trimmed by tmux).
    ///
    /// With `scrollback` > 0 that many lines of history above the screen come first. (When the pane's
    /// command exits, tmux's "Pane is dead" line scrolls the screen up by one: read the history then.)
    public func capture(scrollback: Int = 0) throws -> String {
        try tmux(["capture-pane", "-p", "-t", target] + (scrollback > 0 ? ["-S", "-\(scrollback)"] : []))
    }

    /// The visible screen with SGR escape sequences for colours and attributes (`capture-pane -e`).
    public func captureWithAttributes() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", target])
    }

    /// Polls the screen until it contains `text`; returns that screen, or throws `timeout` with the last one.
    @discardableResult
    public func waitFor(text: String, timeout: Duration = .seconds(30)) async throws -> String {
        try await waitUntil("\"\(text)\" on screen", timeout: timeout) { $0.contains(text) }
    }

    /// Polls the screen until `condition` holds for it; returns that screen.
    @discardableResult
    public func waitUntil(
        _ description: String, timeout: Duration = .seconds(30), _ condition: (String) -> Bool
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while true {
            screen = try await offPool { try self.capture() }
            if condition(screen) { return screen }
            if ContinuousClock.now >= deadline { throw TmuxError.timeout(waitingFor: description, screen: screen) }
            try await Task.sleep(for: .milliseconds(40))
        }
    }

    /// Runs a blocking tmux call on a Dispatch thread and awaits it. A tmux call waits for its client process
    /// (`waitpid`); done on the cooperative pool, which has one thread per core, every poll of every waiting test
    /// would hold a thread that all other tests' tasks need.
    private func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    // MARK: - Pane

    /// Resizes the pane (the app receives SIGWINCH).
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pane's size as tmux sees it.
    public func paneSize() throws -> (width: Int, height: Int) {
        let parts = try display("#{pane_width} #{pane_height}").split(separator: " ").compactMap { Int($0) }
        guard parts.count == 2 else { throw TmuxError.commandFailed(arguments: ["display"], status: 0, output: "") }
        return (parts[0], parts[1])
    }

    /// The PID of the pane's process.
    public func panePID() throws -> pid_t {
        guard let pid = pid_t(try display("#{pane_pid}")) else {
            throw TmuxError.commandFailed(arguments: ["display", "#{pane_pid}"], status: 0, output: "")
        }
        return pid
    }

    /// Waits until the pane's command has exited and returns its exit status (128 + n if killed by signal n).
    ///
    /// tmux marks the pane dead when its output ends and fills in the status once it reaps the process on
    /// SIGCHLD. A tmux built with libutempter runs its helper when the pane's output ends, with SIGCHLD set to
    /// the default action (discard) meanwhile; a process that exits in that window (threads make a Swift
    /// binary's exit slow) is never reaped and the status never appears (console-bugs.md H1). So while the
    /// pane is dead without a status, this sends the server (by PID) a SIGCHLD: tmux then reaps the zombie
    /// with its own `waitpid` and reports the real status.
    public func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            let fields = try await offPool { try self.display("#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}") }
                .split(separator: ":", omittingEmptySubsequences: false)
            if fields.first == "1", fields.count > 2 {
                if let signal = Int32(fields[2]), signal > 0 { return 128 + signal }
                if let status = Int32(fields[1]) { return status }
                nudgeServerToReap()
            }
            if ContinuousClock.now >= deadline {
                throw TmuxError.timeout(waitingFor: "the pane's command to exit", screen: (try? capture()) ?? "")
            }
            try await Task.sleep(for: .milliseconds(40))
        }
    }

    /// Sends the tmux server a SIGCHLD so that it reaps an exited pane process it missed (see `waitForExit`).
    /// Harmless otherwise: tmux's handler only calls `waitpid(WNOHANG)`.
    public func nudgeServerToReap() {
        guard let text = try? display("#{pid}"), let pid = pid_t(text), pid > 0 else { return }
        _ = sendSignal(pid, SIGCHLD)
    }

    /// Copies everything the pane's program writes to `file` (tmux `pipe-pane`), for counting bytes.
    public func startPipe(to file: URL) throws {
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        try tmux(["pipe-pane", "-t", target, "-o", "cat >> '\(file.path)'"])
    }

    /// Stops `pipe-pane`.
    public func stopPipe() throws {
        try tmux(["pipe-pane", "-t", target])
    }

    /// A tmux format evaluated for the pane (`display-message -p`).
    public func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", target, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: - Running tmux

    /// Runs `tmux -L <socket> -f /dev/null <arguments>` and returns its output (stdout and stderr).
    ///
    /// tmux is spawned directly with an empty signal mask and default signal handlers: the test runner
    /// blocks signals in its threads, and a tmux server that inherited that mask would ignore `kill-server`
    /// (it stops itself with SIGTERM). Output goes to a file, not a pipe, so a forked server can never keep
    /// the read waiting. Variables that would change how apps under test draw (`NO_COLOR`, `COLORTERM`,
    /// `TMUX`, `LINES`, `COLUMNS`) are left out of tmux's environment; pass them to `start` if wanted.
    @discardableResult
    public func tmux(_ arguments: [String], allowFailure: Bool = false) throws -> String {
        guard let executable = TmuxSession.executable else { throw TmuxError.notInstalled }
        var environment = ProcessInfo.processInfo.environment
        for key in ["TMUX", "TMUX_PANE", "NO_COLOR", "COLORTERM", "LINES", "COLUMNS"] { environment[key] = nil }
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("tmux-\(socketName)-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status = try TmuxSession.spawnAndWait(
            executable, ["tmux", "-L", socketName, "-f", "/dev/null"] + arguments,
            environment: environment.map { "\($0.key)=\($0.value)" }, outputPath: outputPath)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        if status != 0 && !allowFailure {
            throw TmuxError.commandFailed(arguments: arguments, status: status, output: text)
        }
        return text
    }

    /// posix_spawn with a clean signal state, stdin from /dev/null and stdout+stderr to `outputPath`.
    private static func spawnAndWait(
        _ path: String, _ argv: [String], environment: [String], outputPath: String
    ) throws -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnvironment: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, &attributes, &cArguments, &cEnvironment)
        guard spawned == 0 else {
            throw TmuxError.commandFailed(
                arguments: Array(argv.dropFirst()), status: spawned, output: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        // WIFEXITED / WEXITSTATUS, which Swift cannot import as macros.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}

/// `kill(2)`, outside `TmuxSession` whose `kill()` method would shadow it.
private func sendSignal(_ pid: pid_t, _ signal: Int32) -> Int32 {
    kill(pid, signal)
}
