import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One `python -m Emulator.podium_emulator.zygote` per environment: it imports moto once and forks each emulator
/// `EmulatorProcess.start()` asks for (Emulator/podium_emulator/zygote.py says why and how).
///
/// A spawned emulator spends over a second of CPU importing moto before it listens; a test run starts about a
/// hundred. A forked one listens within milliseconds and is the same program from `__main__.main` on, with its own
/// state, socket and PID (stopped by that PID like a spawned one). Requests are answered in order, so a FIFO of
/// waiters matches answers to requests. `PODIUM_EMULATOR_ZYGOTE=0` turns it off (every emulator is spawned).
final class EmulatorZygote: @unchecked Sendable {
    /// A started child: its PID and its base URL.
    struct Child {
        let pid: pid_t
        let url: URL
    }

    /// One request waiting for its answer line; a request that timed out still owns its place in the FIFO, and
    /// the child its late answer names is stopped.
    private final class Waiter: @unchecked Sendable {
        var continuation: CheckedContinuation<Child, Error>?
        var finished = false
    }

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var zygotes: [[String: String]: EmulatorZygote] = [:]
    nonisolated(unsafe) private static var exitHookInstalled = false
    /// PIDs of the live zygotes, for the exit hook (a C function pointer cannot capture).
    nonisolated(unsafe) private static var livePIDs: Set<pid_t> = []

    private let process: Process
    private let requests: FileHandle
    private let lock = NSLock()
    private var buffer = Data()
    private var waiters: [Waiter] = []
    private var dead = false

    /// Whether emulators may be forked (`PODIUM_EMULATOR_ZYGOTE` is not `0`).
    static var isEnabled: Bool {
        ProcessInfo.processInfo.environment["PODIUM_EMULATOR_ZYGOTE"] != "0"
    }

    /// The zygote for `environment` (the whole environment the emulator would be spawned with), started on first
    /// use; nil if it cannot be started (the caller then spawns the emulator).
    static func shared(environment: [String: String], python: URL) -> EmulatorZygote? {
        registryLock.lock()
        defer { registryLock.unlock() }
        if let zygote = zygotes[environment], !zygote.isDead { return zygote }
        guard let zygote = try? EmulatorZygote(environment: environment, python: python) else { return nil }
        zygotes[environment] = zygote
        livePIDs.insert(zygote.process.processIdentifier)
        if !exitHookInstalled {
            exitHookInstalled = true
            atexit { EmulatorZygote.stopAllAtExit() }
        }
        return zygote
    }

    /// At process exit: SIGTERM every zygote by PID (each also exits when its stdin closes; the children it forked
    /// follow once their parent is gone).
    private static func stopAllAtExit() {
        registryLock.lock()
        let pids = livePIDs
        registryLock.unlock()
        for pid in pids where pid > 0 { kill(pid, SIGTERM) }
    }

    private init(environment: [String: String], python: URL) throws {
        // stdin is one end of a socket pair, not a pipe: writing to a socket with MSG_NOSIGNAL can never raise
        // SIGPIPE in the test runner if the zygote has died; CLOEXEC keeps our end out of other children.
        var fds: [Int32] = [0, 0]
        #if canImport(Glibc)
            let socketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
            let socketType = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, socketType, 0, &fds) == 0 else {
            throw EmulatorError.exitedBeforeReady(status: -1)
        }
        let theirs = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
        requests = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
        process = Process()
        process.executableURL = python
        process.arguments = ["-m", "Emulator.podium_emulator.zygote"]
        process.currentDirectoryURL = repoRoot
        process.environment = environment
        process.standardInput = theirs
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError =
            environment["PODIUM_EMULATOR_STDERR"] == "inherit" ? FileHandle.standardError : FileHandle.nullDevice
        stdout.fileHandleForReading.readabilityHandler = { [weak self] handle in
            self?.consume(handle.availableData)
        }
        process.terminationHandler = { [weak self] finished in
            self?.died(status: finished.terminationStatus)
        }
        try process.run()
        try? theirs.close()
    }

    private var isDead: Bool { lock.withLock { dead } }

    /// Forks an emulator with `arguments` (those of `python -m Emulator.podium_emulator`) and waits for its READY
    /// line, up to `readyTimeout` seconds (which includes the zygote's own start on first use).
    func start(arguments: [String], readyTimeout: Double) async throws -> Child {
        let line = try JSONSerialization.data(withJSONObject: arguments) + Data("\n".utf8)
        let waiter = Waiter()
        return try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            if dead {
                lock.unlock()
                continuation.resume(throwing: EmulatorError.exitedBeforeReady(status: -1))
                return
            }
            waiter.continuation = continuation
            waiters.append(waiter)
            // Written under the lock, so the order of requests on the socket is the order of `waiters`.
            let sent = line.withUnsafeBytes {
                send(requests.fileDescriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            lock.unlock()
            if sent != line.count {
                finish(waiter, .failure(EmulatorError.exitedBeforeReady(status: -1)))
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + readyTimeout) { [self] in
                finish(waiter, .failure(EmulatorError.notReady(seconds: readyTimeout)))
            }
        }
    }

    /// Resolves `waiter` once; returns false if it was already resolved (timed out).
    @discardableResult
    private func finish(_ waiter: Waiter, _ result: Result<Child, Error>) -> Bool {
        lock.lock()
        guard !waiter.finished else {
            lock.unlock()
            return false
        }
        waiter.finished = true
        let continuation = waiter.continuation
        waiter.continuation = nil
        lock.unlock()
        continuation?.resume(with: result)
        return true
    }

    private func consume(_ data: Data) {
        var lines: [String] = []
        lock.withLock {
            buffer.append(data)
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                buffer.removeSubrange(buffer.startIndex...newline)
            }
        }
        for line in lines { answer(line) }
    }

    /// `STARTED <pid> <url>` or `FAILED <pid> <status>` for the oldest waiter; other lines are not answers.
    private func answer(_ line: String) {
        let fields = line.split(separator: " ").map(String.init)
        guard fields.count == 3, fields[0] == "STARTED" || fields[0] == "FAILED", let pid = pid_t(fields[1]) else {
            return
        }
        let waiter: Waiter? = lock.withLock { waiters.isEmpty ? nil : waiters.removeFirst() }
        guard let waiter else { return }
        if fields[0] == "STARTED", let url = URL(string: fields[2]) {
            if !finish(waiter, .success(Child(pid: pid, url: url))) {
                // Its starter gave up waiting: nobody will stop this emulator, so stop it now.
                kill(pid, SIGTERM)
            }
        } else {
            finish(waiter, .failure(EmulatorError.exitedBeforeReady(status: Int32(fields[2]) ?? -1)))
        }
    }

    private func died(status: Int32) {
        let pending: [Waiter] = lock.withLock {
            dead = true
            let all = waiters
            waiters = []
            return all
        }
        Self.registryLock.withLock { _ = Self.livePIDs.remove(process.processIdentifier) }
        for waiter in pending { finish(waiter, .failure(EmulatorError.exitedBeforeReady(status: status))) }
    }
}
