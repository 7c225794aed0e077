import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A running `Emulator/podium_emulator` process on a free loopback port, with its control API.
///
/// `let emu = try await EmulatorProcess.start()`, point clients at `emu.endpoint`, `await emu.stop()` at the end.
public actor EmulatorProcess {
    /// The emulator's base URL, e.g. `http://127.0.0.1:54321`.
    public nonisolated let endpoint: URL
    /// The port it listens on.
    public nonisolated let port: Int
    /// The emulator's process id.
    public nonisolated let pid: Int32

    /// How the process came to be: spawned by us (a `Process`), or forked by an `EmulatorZygote` (a PID).
    private enum Origin {
        case spawned(Process)
        case forked
    }

    private let origin: Origin
    private let session: URLSession
    private var stopped = false

    private init(origin: Origin, pid: Int32, endpoint: URL, port: Int) {
        self.origin = origin
        self.endpoint = endpoint
        self.port = port
        self.pid = pid
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        configuration.connectionProxyDictionary = [:]
        self.session = URLSession(configuration: configuration)
    }

    // MARK: - Lifecycle

    /// Starts an emulator and waits (up to `readyTimeout` seconds) for its READY line.
    ///
    /// `environment` is added to this process's environment, e.g. `["PODIUM_EMU_UPDATE_SECONDS": "2"]`.
    /// `port` 0 (the default) picks a free port; a fixed port is for tests that bring an endpoint up where a
    /// client already points (a refused connection that starts answering).
    public static func start(
        environment: [String: String] = [:],
        readyTimeout: Double = 60,
        port: Int = 0
    ) async throws -> EmulatorProcess {
        let python = pythonPath
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw EmulatorError.pythonNotFound(python.path)
        }
        let arguments = ["--host", "127.0.0.1", "--port", String(port)]
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        // The common case (no extra environment, any free port) forks from a zygote that has moto imported already;
        // a zygote serves exactly one environment, so what the emulator sees at start-up is the same either way.
        if environment.isEmpty, port == 0, EmulatorZygote.isEnabled,
            let zygote = EmulatorZygote.shared(environment: env, python: python)
        {
            let child = try await zygote.start(arguments: arguments, readyTimeout: readyTimeout)
            return EmulatorProcess(origin: .forked, pid: child.pid, endpoint: child.url, port: child.url.port ?? 0)
        }
        let process = Process()
        process.executableURL = python
        process.arguments = ["-m", "Emulator.podium_emulator"] + arguments
        process.currentDirectoryURL = repoRoot
        process.environment = env
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardInput = FileHandle.nullDevice
        if env["PODIUM_EMULATOR_STDERR"] == "inherit" {
            process.standardError = FileHandle.standardError
        } else {
            process.standardError = FileHandle.nullDevice
        }
        let waiter = ReadyLineWaiter()
        stdout.fileHandleForReading.readabilityHandler = { handle in
            waiter.consume(handle.availableData)
        }
        process.terminationHandler = { finished in
            waiter.exited(status: finished.terminationStatus)
        }
        try process.run()
        let url: URL
        do {
            url = try await waiter.wait(seconds: readyTimeout)
        } catch {
            stdout.fileHandleForReading.readabilityHandler = nil
            await terminate(process)
            throw error
        }
        stdout.fileHandleForReading.readabilityHandler = nil
        return EmulatorProcess(
            origin: .spawned(process), pid: process.processIdentifier, endpoint: url, port: url.port ?? 0)
    }

    /// Stops the emulator by PID: SIGTERM, then SIGKILL after 5 s; returns once the process has exited.
    public func stop() async {
        guard !stopped else { return }
        stopped = true
        switch origin {
        case .spawned(let process): await Self.terminate(process)
        case .forked: await Self.terminate(pid: pid)
        }
        session.invalidateAndCancel()
    }

    /// Stops `process` by its PID: SIGTERM, then SIGKILL after 5 s; returns once it has exited. Shared with
    /// `StockMotoProcess`.
    static func terminate(_ process: Process) async {
        let pid = process.processIdentifier
        guard pid > 0 else { return }
        if process.isRunning { kill(pid, SIGTERM) }
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline {
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        if process.isRunning {
            kill(pid, SIGKILL)
            while process.isRunning {
                try? await Task.sleep(nanoseconds: 10_000_000)
            }
        }
    }

    /// Stops a process that is not our child (a forked emulator, which its zygote reaps) by `pid`: SIGTERM, then
    /// SIGKILL after 5 s; returns once it is gone. A zombie is a process on its way out (a threaded process's
    /// leader waits for its threads); one that stays a zombie for 2 s has a parent that does not reap, and has
    /// exited all the same.
    static func terminate(pid: pid_t) async {
        guard pid > 0 else { return }
        var zombieSince: Date?
        func exists() -> Bool {
            if kill(pid, 0) != 0 && errno == ESRCH { return false }
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            guard stat?.split(separator: ")").last?.split(separator: " ").first == "Z" else { return true }
            let since = zombieSince ?? Date()
            zombieSince = since
            return Date().timeIntervalSince(since) < 2
        }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while exists() && Date() < deadline {
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        if exists() {
            kill(pid, SIGKILL)
            while exists() {
                try? await Task.sleep(nanoseconds: 10_000_000)
            }
        }
    }

    // MARK: - Control API

    /// The request log, oldest first.
    public func requests() async throws -> [EmulatorRequest] {
        struct Log: Decodable { let requests: [EmulatorRequest] }
        let data = try await call("GET", "/_podium/requests")
        do {
            return try JSONDecoder().decode(Log.self, from: data).requests
        } catch {
            throw EmulatorError.badControlResponse(
                path: "/_podium/requests", body: String(decoding: data, as: UTF8.self))
        }
    }

    /// Empties the request log.
    public func clearRequests() async throws {
        _ = try await call("DELETE", "/_podium/requests")
    }

    /// Injects a fault for `operation` (or `"*"`), optionally only for one `service` (signing name).
    ///
    /// `count` is how many matching calls it affects; `nil` means until `clearFaults()`. `skewSeconds` sets how
    /// far a `.skew` fault moves the emulator's clock. Returns the fault id.
    @discardableResult
    public func injectFault(
        operation: String = "*",
        kind: EmulatorFaultKind,
        count: Int? = 1,
        delayMs: Int = 0,
        service: String? = nil,
        skewSeconds: Int? = nil
    ) async throws -> String {
        var body: [String: Any] = ["operation": operation, "kind": kind.rawValue, "delay_ms": delayMs]
        body["count"] = count.map { $0 as Any } ?? NSNull()
        if let service { body["service"] = service }
        if let skewSeconds { body["skew_seconds"] = skewSeconds }
        let data = try await call("POST", "/_podium/faults", body)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let id = object["id"] as? String
        else {
            throw EmulatorError.badControlResponse(path: "/_podium/faults", body: String(decoding: data, as: UTF8.self))
        }
        return id
    }

    /// Removes every injected fault.
    public func clearFaults() async throws {
        _ = try await call("DELETE", "/_podium/faults")
    }

    /// Sets how long endpoints stay `Creating` and `Updating` (seconds; 0 = instant).
    public func setEndpointTimings(create: Double, update: Double) async throws {
        _ = try await call(
            "POST", "/_podium/config", ["endpoint_create_seconds": create, "endpoint_update_seconds": update])
    }

    /// Makes the next `UpdateEndpoint` of `endpoint` fail in `mode`, with `reason` as its `FailureReason`.
    public func failNextUpdate(
        endpoint: String,
        mode: EmulatorUpdateFailure,
        reason: String,
        account: String? = nil
    ) async throws {
        var body: [String: Any] = ["endpoint_name": endpoint, "mode": mode.rawValue, "reason": reason]
        if let account { body["account"] = account }
        _ = try await call("POST", "/_podium/endpoint-failure", body)
    }

    /// Switches moto's SigV4 + IAM policy enforcement on (after `initialNoAuthActionCount` free calls).
    public func enableIAM(initialNoAuthActionCount: Int = 0) async throws {
        _ = try await call("POST", "/_podium/iam/enable", ["initial_no_auth_action_count": initialNoAuthActionCount])
    }

    /// Switches IAM enforcement off again.
    public func disableIAM() async throws {
        _ = try await call("POST", "/_podium/iam/disable")
    }

    /// Creates an IAM user with an inline policy (JSON text) in `account` and returns a fresh access key.
    public func createIAMUser(
        name: String,
        policyJSON: String,
        account: String? = nil
    ) async throws -> (accessKeyId: String, secretAccessKey: String, arn: String) {
        var body: [String: Any] = ["name": name, "policy": policyJSON]
        if let account { body["account"] = account }
        let data = try await call("POST", "/_podium/iam/users", body)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let key = object["access_key_id"] as? String,
            let secret = object["secret_access_key"] as? String,
            let arn = object["arn"] as? String
        else {
            throw EmulatorError.badControlResponse(
                path: "/_podium/iam/users", body: String(decoding: data, as: UTF8.self))
        }
        return (key, secret, arn)
    }

    /// Creates an IAM role in `account` (trusting any principal unless `trustPolicyJSON` is given); returns its ARN.
    public func createIAMRole(
        name: String,
        account: String,
        policyJSON: String,
        trustPolicyJSON: String? = nil
    ) async throws -> String {
        var body: [String: Any] = ["name": name, "account": account, "policy": policyJSON]
        if let trustPolicyJSON { body["trust_policy"] = trustPolicyJSON }
        let data = try await call("POST", "/_podium/iam/roles", body)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let arn = object["arn"] as? String
        else {
            throw EmulatorError.badControlResponse(
                path: "/_podium/iam/roles", body: String(decoding: data, as: UTF8.self))
        }
        return arn
    }

    /// Resets all moto state, faults, timings, IAM mode and the request log.
    public func reset() async throws {
        _ = try await call("POST", "/_podium/reset")
    }

    /// `GET /_podium/health` answered `{"ok": true}`.
    public func isHealthy() async -> Bool {
        guard let data = try? await call("GET", "/_podium/health"),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return false }
        return object["ok"] as? Bool == true
    }

    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Data {
        var request = URLRequest(url: endpoint.appendingPathComponent(String(path.dropFirst())))
        request.httpMethod = method
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw EmulatorError.controlCallFailed(
                path: path, status: status, body: String(decoding: data, as: UTF8.self))
        }
        return data
    }
}
