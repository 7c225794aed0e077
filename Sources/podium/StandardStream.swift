import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output or standard error, written with `write(2)`.
///
/// `FileHandle.write(_:)` traps when the reader has gone (EPIPE), which killed podium mid-deployment when its
/// output was piped to `head`. Here a partial write is continued, EINTR retried, and a failure ends printing to
/// that stream only: the command goes on (a promotion finishes and is audited) and `PodiumMain` turns a closed
/// stdout into exit 141, as if SIGPIPE had ended it after the work was safe.
final class StandardStream: @unchecked Sendable {
    /// Results for scripts and people.
    static let output = StandardStream(fileDescriptor: STDOUT_FILENO)
    /// Errors, warnings and prompts.
    static let error = StandardStream(fileDescriptor: STDERR_FILENO)

    /// The descriptor written to.
    let fileDescriptor: Int32
    private let lock = NSLock()
    // Guarded by `lock`: the errno of the first failed write; after it, nothing more is written.
    private var failure: Int32?

    private init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// The errno that stopped writing (EPIPE: the reader closed the pipe), or `nil` while writes succeed.
    var failedWith: Int32? {
        lock.withLock { failure }
    }

    /// Writes all of `text`, unless an earlier write failed; a failure is remembered, never thrown.
    func write(_ text: String) {
        lock.withLock {
            guard failure == nil else { return }
            let bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer in
                    systemWrite(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                }
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    // A non-blocking descriptor (shared with another process): wait until it takes more.
                    var entry = pollfd(fd: fileDescriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&entry, 1, 1000)
                } else {
                    failure = written < 0 ? errno : EIO
                    return
                }
            }
        }
    }

    private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(fd, pointer, count)
        #else
            Darwin.write(fd, pointer, count)
        #endif
    }
}
