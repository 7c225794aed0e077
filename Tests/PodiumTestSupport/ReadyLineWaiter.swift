import Foundation

/// Collects the emulator's stdout and resolves once with its READY URL, its exit, or a deadline.
final class ReadyLineWaiter: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = Data()
    private var outcome: Result<URL, Error>?
    private var continuation: CheckedContinuation<URL, Error>?

    static let marker = "PODIUM_EMULATOR_READY "

    func consume(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        guard outcome == nil, !data.isEmpty else { return }
        buffer.append(data)
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
            buffer.removeSubrange(buffer.startIndex...newline)
            if line.hasPrefix(Self.marker), let url = URL(string: String(line.dropFirst(Self.marker.count))) {
                resolve(.success(url))
                return
            }
        }
    }

    func exited(status: Int32) {
        lock.lock()
        defer { lock.unlock() }
        resolve(.failure(EmulatorError.exitedBeforeReady(status: status)))
    }

    func wait(seconds: Double) async throws -> URL {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            lock.lock()
            defer { lock.unlock() }
            resolve(.failure(EmulatorError.notReady(seconds: seconds)))
        }
        return try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            defer { lock.unlock() }
            if let outcome {
                continuation.resume(with: outcome)
            } else {
                self.continuation = continuation
            }
        }
    }

    /// Must hold `lock`.
    private func resolve(_ result: Result<URL, Error>) {
        guard outcome == nil else { return }
        outcome = result
        continuation?.resume(with: result)
        continuation = nil
    }
}
