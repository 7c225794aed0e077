import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file podium writes (the audit log, lock files, the console's debug log and trace), opened so that nobody
/// else can read it or redirect it: the directory is created (or tightened) to 0700, the file is opened with
/// `O_NOFOLLOW` (a symlink in its place is refused, never followed), `fstat` must show a regular file owned by
/// this user, and its mode is tightened to 0600. A file that is new has its directory fsynced, so the entry
/// survives a crash as well as the data. Records are appended with one `write` under an exclusive `flock`, so
/// two processes never interleave their lines.
public final class SecureFile: Sendable {
    /// The path.
    public let path: String
    /// The open descriptor (`O_WRONLY | O_APPEND` or `O_RDWR`), closed when the value is released.
    public let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Why a file could not be opened or written; the message names the path and the reason.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// What went wrong, with the path.
        public let description: String
    }

    /// Opens `path` for appending, creating it (0600) and its directory (0700) if needed, after the checks above.
    /// `readable` opens it read-write (for lock files whose holder note is read back). An existing directory is
    /// tightened to 0700 only when it is podium's own (named `podium` or `*.locks`); a shared one such as `/tmp`
    /// (sticky, or the user's choice) is left as it is.
    public static func open(_ path: String, readable: Bool = false) throws -> SecureFile {
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        try makeDirectory(directory)
        let access = readable ? O_RDWR : (O_WRONLY | O_APPEND)
        var created = true
        var fd = openFile(path, access | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd < 0 && errno == EEXIST {
            created = false
            fd = openFile(path, access | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0)
        }
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link (refused)" : String(cString: strerror(errno))
            throw Failure(description: "cannot open \(path): \(reason)")
        }
        let file = SecureFile(path: path, descriptor: fd)
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw Failure(description: "cannot check \(path): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw Failure(description: "cannot use \(path): it is not a regular file")
        }
        guard info.st_uid == geteuid() else {
            throw Failure(description: "cannot use \(path): it is owned by uid \(info.st_uid), not by you")
        }
        if info.st_mode & 0o7777 != 0o600, fchmod(fd, 0o600) != 0 {
            throw Failure(description: "cannot make \(path) private (0600): \(String(cString: strerror(errno)))")
        }
        // Back to blocking writes (O_NONBLOCK only kept a FIFO from hanging the open).
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        if created { syncDirectory(directory) }
        return file
    }

    /// Creates `directory` (and missing parents) with mode 0700. An existing directory must be a real directory
    /// (a symlink is refused); podium's own (`podium`, `*.locks`) must also be owned by this user and is
    /// tightened to 0700.
    public static func makeDirectory(_ directory: String) throws {
        var info = stat()
        var created = false
        if lstat(directory, &info) != 0 {
            guard errno == ENOENT else {
                throw Failure(description: "cannot check \(directory): \(String(cString: strerror(errno)))")
            }
            let parent = (directory as NSString).deletingLastPathComponent
            if !parent.isEmpty, parent != directory, lstat(parent, &info) != 0 {
                try makeDirectory(parent)
            }
            if mkdir(directory, 0o700) != 0, errno != EEXIST {
                throw Failure(description: "cannot create \(directory): \(String(cString: strerror(errno)))")
            }
            guard lstat(directory, &info) == 0 else {
                throw Failure(description: "cannot check \(directory): \(String(cString: strerror(errno)))")
            }
            created = true
            syncDirectory(parent.isEmpty ? "." : parent)
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw Failure(description: "cannot use \(directory): it is not a directory (a symbolic link is refused)")
        }
        let name = (directory as NSString).lastPathComponent
        let isPodiums = name == "podium" || name.hasSuffix(".locks")
        guard created || (isPodiums && info.st_mode & S_ISVTX == 0) else { return }
        guard info.st_uid == geteuid() else {
            throw Failure(description: "cannot use \(directory): it is owned by uid \(info.st_uid), not by you")
        }
        if info.st_mode & 0o777 != 0o700, chmod(directory, 0o700) != 0 {
            throw Failure(
                description: "cannot make \(directory) private (0700): \(String(cString: strerror(errno)))")
        }
    }

    /// fsyncs a directory so a new entry in it is durable (errors ignored: not every file system allows it).
    static func syncDirectory(_ directory: String) {
        let fd = openFile(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Appends `bytes` with one `write` (repeated only for a short write) under an exclusive lock, then fsyncs.
    public func append(_ bytes: Data) throws {
        try withLock {
            try writeAll(bytes)
            guard fsync(descriptor) == 0 else {
                throw Failure(description: "cannot sync \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Appends and fsyncs while the caller already holds `withLock` (flock is per open file: locking again
    /// inside would release the caller's lock on the way out).
    public func appendHoldingLock(_ bytes: Data) throws {
        try writeAll(bytes)
        guard fsync(descriptor) == 0 else {
            throw Failure(description: "cannot sync \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Runs `body` holding an exclusive `flock` on the file (blocks until it is free).
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw Failure(description: "cannot lock \(path): \(String(cString: strerror(errno)))")
            }
        }
        defer { _ = flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Takes an exclusive `flock` without waiting; `false` when another process holds it. Released on close.
    public func tryLock() -> Bool {
        flock(descriptor, LOCK_EX | LOCK_NB) == 0
    }

    /// Replaces the whole content (for a lock file's holder note).
    public func replaceContent(_ bytes: Data) throws {
        guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        try writeAll(bytes)
    }

    private func writeAll(_ bytes: Data) throws {
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let n = write(descriptor, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        guard ok else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    /// Writes a whole file atomically (a private temporary file in the same directory, fsynced, then renamed
    /// over `path`; a symlink at `path` is replaced, never followed).
    public static func writeAtomically(_ bytes: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        do {
            let file = try open(temporary)
            try file.append(bytes)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(description: "cannot write \(path): \(reason)")
        }
        let parent = (path as NSString).deletingLastPathComponent
        syncDirectory(parent.isEmpty ? "." : parent)
    }

    /// Reads a whole file without following a symlink at `path`; `nil` when it does not exist.
    public static func read(_ path: String) throws -> Data? {
        let fd = openFile(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            let reason = errno == ELOOP ? "it is a symbolic link (refused)" : String(cString: strerror(errno))
            throw Failure(description: "cannot read \(path): \(reason)")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw Failure(description: "cannot read \(path): it is not a regular file")
        }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { readBytes(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        return data
    }
}

/// `open(2)` with a mode, named apart from `SecureFile.open`.
private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}

/// `read(2)`, named apart from `SecureFile.read`.
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
