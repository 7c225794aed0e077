import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a `credential_process` command: no shell, arguments split like a POSIX shell, with a timeout.
enum CredentialProcessRunner {
    /// What the process did. Its stderr is not here: it went straight to the descriptor given to `run`.
    struct Output: Sendable {
        var status: Int32
        var stdout: [UInt8]
        var timedOut: Bool
    }

    /// Why the command could not even start.
    struct LaunchFailure: Error, Sendable {
        let reason: String
    }

    /// Splits a command line like `shlex.split` (POSIX mode): whitespace separates, quotes group, `\` escapes.
    static func split(_ command: String) throws(LaunchFailure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var iterator = command.makeIterator()
        while let character = iterator.next() {
            if let activeQuote = quote {
                if character == activeQuote {
                    quote = nil
                } else if character == "\\" && activeQuote == "\"" {
                    guard let next = iterator.next() else { throw LaunchFailure(reason: "ends with a lone \\") }
                    if next != "\"" && next != "\\" && next != "$" && next != "`" { current.append("\\") }
                    current.append(next)
                } else {
                    current.append(character)
                }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == "\\" {
                guard let next = iterator.next() else { throw LaunchFailure(reason: "ends with a lone \\") }
                current.append(next)
                inWord = true
            } else if character.isWhitespace {
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            } else {
                current.append(character)
                inWord = true
            }
        }
        if quote != nil { throw LaunchFailure(reason: "has an unclosed quote") }
        if inWord { words.append(current) }
        return words
    }

    /// Runs `arguments` (the first is looked up on `PATH` by `/usr/bin/env`), returning its output.
    ///
    /// The command's stderr goes straight to `stderrDescriptor` (podium's stderr: the terminal), as the AWS CLI
    /// lets an SSO helper talk to the user. It is never read into memory, so it cannot end up in an error, a log
    /// or the audit trail: a helper may print anything there, tokens included.
    static func run(
        arguments: [String], environment: [String: String], timeout: Duration, stderrDescriptor: Int32
    ) async throws -> Output {
        guard !arguments.isEmpty else { throw LaunchFailure(reason: "is empty") }
        let process = Process()
        if arguments[0].contains("/") {
            process.executableURL = URL(fileURLWithPath: arguments[0])
            process.arguments = Array(arguments.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
        }
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle(fileDescriptor: stderrDescriptor, closeOnDealloc: false)
        process.standardInput = FileHandle.nullDevice
        let box = ProcessBox(process)

        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Output, any Error>) in
                DispatchQueue.global().async {
                    do {
                        try process.run()
                    } catch {
                        continuation.resume(throwing: LaunchFailure(reason: "could not be started: \(error)"))
                        return
                    }
                    let collected = Collected()
                    let group = DispatchGroup()
                    group.enter()
                    DispatchQueue.global().async {
                        drain(stdout.fileHandleForReading.fileDescriptor, into: collected)
                        group.leave()
                    }
                    let timer = DispatchWorkItem {
                        collected.markTimedOut()
                        box.terminate()
                    }
                    let (seconds, attoseconds) = timeout.components
                    let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
                    DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds), execute: timer)
                    process.waitUntilExit()
                    timer.cancel()
                    collected.markExited()
                    // The readers stop at end of file, or once the process is gone and the pipe is empty (another
                    // process spawned meanwhile may have inherited the write end, so EOF may never come).
                    group.wait()
                    continuation.resume(returning: collected.output(status: process.terminationStatus))
                }
            }
        } onCancel: {
            box.terminate()
        }
    }

    /// Lets the timer and the cancellation handler signal the process from other threads.
    private final class ProcessBox: @unchecked Sendable {
        private let process: Process
        init(_ process: Process) { self.process = process }
        func terminate() {
            guard process.isRunning else { return }
            let pid = process.processIdentifier
            process.terminate()
            DispatchQueue.global().asyncAfter(deadline: .now() + 1) {
                if self.process.isRunning { kill(pid, SIGKILL) }
            }
        }
    }

    /// Reads a pipe until end of file, or until the process has exited and nothing more is readable.
    private static func drain(_ fd: Int32, into collected: Collected) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 20)
            if ready > 0 {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    collected.append(buffer[0..<count])
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    return
                }
            } else if ready == 0 {
                if collected.hasExited { return }
            } else if errno != EINTR {
                return
            }
        }
    }

    /// The output gathered by the reader threads.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var stdout: [UInt8] = []
        private var timedOut = false
        private var exited = false

        func append(_ bytes: ArraySlice<UInt8>) {
            lock.withLock { stdout.append(contentsOf: bytes) }
        }
        func markTimedOut() { lock.withLock { timedOut = true } }
        func markExited() { lock.withLock { exited = true } }
        var hasExited: Bool { lock.withLock { exited } }
        func output(status: Int32) -> Output {
            lock.withLock { Output(status: status, stdout: stdout, timedOut: timedOut) }
        }
    }
}
