import Foundation

/// What a finished child process left behind: its exit status and its whole output.
public struct ProcessResult: Sendable {
    /// The exit status (or 128 + signal, as Foundation reports it).
    public let code: Int32
    /// Everything written to standard output.
    public let stdout: String
    /// Everything written to standard error.
    public let stderr: String

    /// Creates a result.
    public init(code: Int32, stdout: String, stderr: String) {
        self.code = code
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs a program to completion for a test, without blocking a cooperative thread.
public enum ProcessRunner {
    /// Runs `executable` with no standard input; output goes through temporary files so a chatty child
    /// can never fill a pipe and stall.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String],
        currentDirectory: URL = repoRoot
    ) async throws -> ProcessResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("podium-run-\(UUID().uuidString)")
        let outURL = scratch.appendingPathExtension("out")
        let errURL = scratch.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = currentDirectory
        process.standardInput = FileHandle.nullDevice
        let output = try OutputFiles(out: outURL, err: errURL)
        output.attach(to: process)
        let code: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
                output.close()
            } catch {
                output.close()
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return ProcessResult(code: code, stdout: out, stderr: err)
    }
}

/// A child process started by `ProcessRunner.start`: its pid (to signal it) and its result once it ends.
public final class RunningProcess: @unchecked Sendable {
    /// The child's process id.
    public let pid: Int32
    private let process: Process
    private let outURL: URL
    private let errURL: URL
    private let exited: AsyncStream<Int32>

    init(process: Process, outURL: URL, errURL: URL, exited: AsyncStream<Int32>) {
        self.process = process
        self.pid = process.processIdentifier
        self.outURL = outURL
        self.errURL = errURL
        self.exited = exited
    }

    /// Waits for the process to end and returns its status and output (the temporary files are removed).
    public func wait() async -> ProcessResult {
        var code: Int32 = -1
        for await status in exited {
            code = status
            break
        }
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return ProcessResult(code: code, stdout: out, stderr: err)
    }

    /// What it has written to standard output so far.
    public var stdoutSoFar: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }

    /// What it has written to standard error so far.
    public var stderrSoFar: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }
}

extension ProcessRunner {
    /// Starts `executable` like `run`, but returns at once with a handle (pid, `wait()`), for tests that signal
    /// the child or run two at the same time.
    public static func start(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String],
        currentDirectory: URL = repoRoot
    ) throws -> RunningProcess {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("podium-run-\(UUID().uuidString)")
        let outURL = scratch.appendingPathExtension("out")
        let errURL = scratch.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = currentDirectory
        process.standardInput = FileHandle.nullDevice
        let output = try OutputFiles(out: outURL, err: errURL)
        output.attach(to: process)
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = {
            continuation.yield($0.terminationStatus)
            continuation.finish()
        }
        defer { output.close() }
        try process.run()
        return RunningProcess(process: process, outURL: outURL, errURL: errURL, exited: stream)
    }
}

/// The files a child writes its output to, opened for it and closed in the test process as soon as the child has
/// its own copies. Left to Foundation they would stay open for the whole run: a `Process` that is never waited on
/// with `waitUntilExit()` is never released on Linux (its run-loop source retains it), nor are its file handles.
/// A full run leaked ~2,000 descriptors of deleted files that way, and Foundation's `Process.run()`, which walks
/// every open descriptor to close it in the child, crashed (SIGSEGV in memcpy) once the test process held ~1,350.
struct OutputFiles {
    let out: FileHandle
    let err: FileHandle

    init(out: URL, err: URL) throws {
        self.out = try FileHandle(forWritingTo: out)
        self.err = try FileHandle(forWritingTo: err)
    }

    /// Makes them the child's standard output and error.
    func attach(to process: Process) {
        process.standardOutput = out
        process.standardError = err
    }

    /// Closes the test process's copies (the child keeps its own).
    func close() {
        try? out.close()
        try? err.close()
    }
}
