import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keeps two podium processes on this machine from changing the same thing at once: an exclusive `flock` on
/// `<audit log>.locks/<target>.lock`, held for the whole change and released when the process ends (even by
/// SIGKILL). The holder writes who it is into the file, so the one refused can say who holds it and since when.
///
/// Two operators on different machines are covered by the re-check at the moment of acting (the endpoint must
/// still be as planned, the package still as seen); the lock closes the window between two local processes.
public final class ActionLock: Sendable {
    let file: SecureFile

    private init(file: SecureFile) {
        self.file = file
    }

    /// Who holds a lock, as its holder wrote it.
    public struct Holder: Sendable, Equatable, Codable {
        /// The holder's operator ARN.
        public var operatorArn: String
        /// Its process id.
        public var pid: Int32
        /// The action it runs.
        public var action: String
        /// Since when.
        public var since: Date

        /// `pid 123 (arn:…), promote since 2026-…`
        public var summary: String {
            "podium pid \(pid) (\(operatorArn)) has been running \(action) since \(ISO8601.string(since))"
        }
    }

    /// The lock file for a target key such as `endpoint/dev/churn-dev` or `package/churn/3`, in `directory`.
    static func path(directory: String, key: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        let name = String(key.map { allowed.contains($0) ? $0 : "_" })
        return "\(directory)/\(name).lock"
    }

    /// Takes the lock for `key`, waiting up to `wait` for another holder to finish (`nil`: do not wait).
    /// Returns the lock, or the holder that kept it.
    /// Waiting polls every 50 ms with `Task.sleep`, so no thread is blocked meanwhile.
    public static func acquire(
        directory: String, key: String, holder: Holder, wait: Duration? = nil
    ) async throws -> Result<ActionLock, LockBusy> {
        let file: SecureFile
        do {
            file = try SecureFile.open(path(directory: directory, key: key), readable: true)
        } catch let failure as SecureFile.Failure {
            throw PodiumError(.refused, "cannot take the lock for \(key): \(failure.description); nothing was changed")
        }
        let deadline = ContinuousClock.now + (wait ?? .zero)
        while !file.tryLock() {
            if ContinuousClock.now >= deadline {
                let note = (try? SecureFile.read(file.path)).flatMap { $0 }.flatMap {
                    try? JSONDecoder().decode(Holder.self, from: $0)
                }
                return .failure(LockBusy(holder: note))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        // The note is only for the message of whoever is refused; the lock itself is the flock.
        try? file.replaceContent(JSONEncoder().encode(holder))
        return .success(ActionLock(file: file))
    }

    /// Another process holds the lock.
    public struct LockBusy: Error, Sendable {
        /// Who, if its note could be read.
        public let holder: Holder?
    }
}
