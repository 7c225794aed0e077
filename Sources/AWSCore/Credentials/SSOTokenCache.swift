import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SSO token cache shared with botocore and the AWS CLI: `~/.aws/sso/cache/<sha1 hex of key>.json`, where
/// the key is the `sso_session` name, or the start URL of a legacy profile. Files are written with mode 0600,
/// through a temporary file and a rename, so a reader never sees half a token.
public struct SSOTokenCache: Sendable {
    /// The cache directory, or `nil` when there is no home directory.
    public var directory: String?
    /// Reads a file (`nil` when it does not exist); the environment's reader, so tests can use a temp HOME.
    public var readFile: @Sendable (String) throws -> Data?

    /// Creates a cache at an explicit directory.
    public init(
        directory: String?, readFile: @escaping @Sendable (String) throws -> Data? = AWSEnvironment.readFileFromDisk
    ) {
        self.directory = directory
        self.readFile = readFile
    }

    /// The cache under the environment's home directory (`$HOME/.aws/sso/cache`), as botocore finds it.
    public init(environment: AWSEnvironment) {
        self.init(
            directory: environment.homeDirectory.map { "\($0)/.aws/sso/cache" }, readFile: environment.readFile)
    }

    /// The file name's stem: the lower-case hex SHA-1 of the key's UTF-8 bytes (botocore's
    /// `SSOTokenLoader._generate_cache_key`).
    public static func hashedKey(_ key: String) -> String {
        Insecure.SHA1.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The file for a key (session name or start URL); `nil` without a home directory.
    public func path(forKey key: String) -> String? {
        directory.map { "\($0)/\(Self.hashedKey(key)).json" }
    }

    /// The cached token of a configuration.
    /// - Throws: `SSOError.signInRequired` when there is none or the file is not a token.
    public func load(_ configuration: SSOConfiguration) throws -> SSOToken {
        let path = path(forKey: configuration.cacheKey) ?? "~/.aws/sso/cache (no home directory)"
        func needed(_ reason: SSOSignInRequired.Reason) -> SSOError {
            .signInRequired(
                SSOSignInRequired(
                    profile: configuration.profileName, session: configuration.sessionLabel,
                    startURL: configuration.startURL, reason: reason))
        }
        guard directory != nil else { throw needed(.noCachedToken(path: path)) }
        let data: Data?
        do {
            data = try readFile(path)
        } catch {
            throw needed(.unreadableCache(path: path, detail: (error as NSError).localizedDescription))
        }
        guard let data else { throw needed(.noCachedToken(path: path)) }
        do {
            return try SSOToken.decode(data)
        } catch {
            throw needed(.unreadableCache(path: path, detail: "\(error)"))
        }
    }

    /// Writes a token for a key: the directory is created (0700) when missing; the file gets mode 0600 and
    /// replaces the old one atomically.
    /// - Throws: `SSOError.tokenCacheUnwritable`.
    public func save(_ token: SSOToken, forKey key: String) throws {
        try writeFile(token.encoded(), forKey: key)
    }

    // MARK: - Client registrations

    /// The cached client registration of a configuration (the AWS CLI's file, see `SSOClientRegistration`), or
    /// `nil` when there is none or it cannot be read: a missing, unreadable or malformed file only means a new
    /// registration.
    public func loadRegistration(_ configuration: SSOConfiguration) -> SSOClientRegistration? {
        guard let path = path(forKey: SSOClientRegistration.cacheKey(for: configuration)),
            let data = (try? readFile(path)) ?? nil
        else { return nil }
        return SSOClientRegistration.decode(data)
    }

    /// Caches a client registration for a configuration (mode 0600, atomically, like a token).
    /// - Throws: `SSOError.tokenCacheUnwritable`.
    public func saveRegistration(_ registration: SSOClientRegistration, for configuration: SSOConfiguration) throws {
        try writeFile(registration.encoded(), forKey: SSOClientRegistration.cacheKey(for: configuration))
    }

    // MARK: - Writing

    /// Writes a cache file: through a temporary file (0600) and a rename, so a reader never sees half of it.
    private func writeFile(_ data: Data, forKey key: String) throws {
        guard let directory, let path = path(forKey: key) else {
            throw SSOError.tokenCacheUnwritable(path: "~/.aws/sso/cache", reason: "there is no home directory")
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw SSOError.tokenCacheUnwritable(path: path, reason: (error as NSError).localizedDescription)
        }
        let temporary = "\(directory)/.\(Self.hashedKey(key)).\(UUID().uuidString).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw SSOError.tokenCacheUnwritable(path: path, reason: String(cString: strerror(errno)))
        }
        let bytes = [UInt8](data)
        var written = 0
        var failure: Int32 = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            written += count
        }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw SSOError.tokenCacheUnwritable(path: path, reason: String(cString: strerror(failure)))
        }
    }
}
