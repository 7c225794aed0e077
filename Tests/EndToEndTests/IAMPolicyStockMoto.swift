import Foundation
import PodiumTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Unpatched `.venv/bin/moto_server` on a free loopback port, stopped by its PID.
///
/// A minimal launcher for the least-privilege tests; `StockMotoProcess` in PodiumTestSupport is meant to replace
/// it. moto_server prints `Running on http://127.0.0.1:<port>` on stderr once it listens; stderr goes to a file
/// (never a pipe nobody drains, which would stall the server once full) that is polled with a deadline.
final class IAMPolicyStockMoto: @unchecked Sendable {
    /// The server's base URL.
    let endpoint: URL
    /// The server's process id.
    let pid: Int32
    // Immutable after init; `Process` is not Sendable, hence `@unchecked`.
    private let process: Process
    private let log: URL

    private init(process: Process, endpoint: URL, log: URL) {
        self.process = process
        self.endpoint = endpoint
        self.log = log
        self.pid = process.processIdentifier
    }

    /// Starts the server and waits (polling, up to `timeout`) until it says where it listens.
    static func start(timeout: Duration = .seconds(30)) async throws -> IAMPolicyStockMoto {
        let server = repoRoot.appendingPathComponent(".venv/bin/moto_server")
        guard FileManager.default.isExecutableFile(atPath: server.path) else {
            throw IAMPolicyWorldError("\(server.path) is missing; run `make .venv` (make test does)")
        }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("podium-moto-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = server
        process.arguments = ["-H", "127.0.0.1", "-p", "0"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while true {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let port = Self.port(in: text), let url = URL(string: "http://127.0.0.1:\(port)") {
                return IAMPolicyStockMoto(process: process, endpoint: url, log: log)
            }
            if !process.isRunning || ContinuousClock.now >= deadline {
                await terminate(process)
                try? FileManager.default.removeItem(at: log)
                throw IAMPolicyWorldError("moto_server did not start: \(text.suffix(2000))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Switches IAM enforcement on for every later request: moto's `POST /moto-api/reset-auth` takes the number
    /// of requests still let through unauthenticated as a text/plain body (moto parses it with `float()`).
    func enforceIAM() async throws {
        var request = URLRequest(url: endpoint.appendingPathComponent("moto-api/reset-auth"))
        request.httpMethod = "POST"
        request.setValue("text/plain", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("0".utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        let body = String(decoding: data, as: UTF8.self)
        guard (response as? HTTPURLResponse)?.statusCode == 200, body.contains("\"ok\"") else {
            throw IAMPolicyWorldError("reset-auth failed: \(body)")
        }
    }

    /// Stops the server by PID (SIGTERM, then SIGKILL after 5 s) and removes its log.
    func stop() async {
        await Self.terminate(process)
        try? FileManager.default.removeItem(at: log)
    }

    private static func terminate(_ process: Process) async {
        let pid = process.processIdentifier
        guard pid > 0, process.isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if process.isRunning {
            kill(pid, SIGKILL)
            while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        }
    }

    /// The port from werkzeug's ` * Running on http://127.0.0.1:<port>` line.
    static func port(in text: String) -> Int? {
        guard let range = text.range(of: #"Running on http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression)
        else { return nil }
        return Int(text[range].split(separator: ":").last ?? "")
    }
}
