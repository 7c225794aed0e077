import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Unpatched `.venv/bin/moto_server` (moto 5.2.1, none of the emulator's extensions) on a free loopback port,
/// stopped by its PID: the peer nobody here wrote, for tests that must hold against answers AWS stand-ins give.
///
/// `let moto = try await StockMotoProcess.start()`, point clients at `moto.endpoint`, `await moto.stop()` at the
/// end. moto_server prints ` * Running on http://127.0.0.1:<port>` on stderr once it listens; its output goes to a
/// file (never a pipe nobody drains, which would stall the server once full), polled with a deadline.
public final class StockMotoProcess: @unchecked Sendable {
    /// The server's base URL, e.g. `http://127.0.0.1:54321`.
    public let endpoint: URL
    /// The server's process id.
    public let pid: Int32
    // Immutable after init; `Process` is not Sendable, hence `@unchecked`.
    private let process: Process
    private let log: URL

    private init(process: Process, endpoint: URL, log: URL) {
        self.process = process
        self.endpoint = endpoint
        self.log = log
        self.pid = process.processIdentifier
    }

    /// The stock server in the project's virtualenv.
    public static var serverPath: URL { repoRoot.appendingPathComponent(".venv/bin/moto_server") }

    /// Starts the server and waits (polling, up to `readyTimeout` seconds) until it says where it listens.
    public static func start(readyTimeout: Double = 60) async throws -> StockMotoProcess {
        guard FileManager.default.isExecutableFile(atPath: serverPath.path) else {
            throw EmulatorError.pythonNotFound(serverPath.path)
        }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("podium-moto-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = serverPath
        process.arguments = ["-H", "127.0.0.1", "-p", "0"]
        process.currentDirectoryURL = repoRoot
        process.standardInput = FileHandle.nullDevice
        let output = try OutputFiles(out: log, err: log)
        output.attach(to: process)
        defer { output.close() }
        try process.run()
        let deadline = Date().addingTimeInterval(readyTimeout)
        while true {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let port = port(in: text), let url = URL(string: "http://127.0.0.1:\(port)") {
                return StockMotoProcess(process: process, endpoint: url, log: log)
            }
            let failure: EmulatorError? =
                !process.isRunning
                ? .exitedBeforeReady(status: process.terminationStatus)
                : Date() >= deadline ? .notReady(seconds: readyTimeout) : nil
            if let failure {
                await EmulatorProcess.terminate(process)
                try? FileManager.default.removeItem(at: log)
                throw failure
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Switches IAM enforcement on for every later request: moto's `POST /moto-api/reset-auth` takes the number
    /// of requests still let through unauthenticated as a text/plain body (moto parses it with `float()`).
    public func enforceIAM(initialNoAuthActionCount: Int = 0) async throws {
        var request = URLRequest(url: endpoint.appendingPathComponent("moto-api/reset-auth"))
        request.httpMethod = "POST"
        request.setValue("text/plain", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("\(initialNoAuthActionCount)".utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else {
            throw EmulatorError.controlCallFailed(
                path: "/moto-api/reset-auth", status: status, body: String(decoding: data, as: UTF8.self))
        }
    }

    /// Everything the server logged so far (one line per request), for failure messages.
    public var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Stops the server by PID (SIGTERM, then SIGKILL after 5 s) and removes its log.
    public func stop() async {
        await EmulatorProcess.terminate(process)
        try? FileManager.default.removeItem(at: log)
    }

    /// The port from werkzeug's ` * Running on http://127.0.0.1:<port>` line.
    static func port(in text: String) -> Int? {
        guard let range = text.range(of: #"Running on http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression)
        else { return nil }
        return Int(text[range].split(separator: ":").last ?? "")
    }
}
