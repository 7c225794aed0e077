/// A short message that disappears by itself after its lifetime.
public struct Toast: Hashable, Sendable, Identifiable {
    /// Kind of message (picks the role).
    public enum Kind: Hashable, Sendable {
        /// Information.
        case info
        /// Success.
        case success
        /// Error.
        case error

        /// The theme role.
        public var role: ThemeRole {
            switch self {
            case .info: return .toastInfo
            case .success: return .toastSuccess
            case .error: return .toastError
            }
        }
    }

    /// Identifier, unique within a `ToastQueue`.
    public let id: Int
    /// The message.
    public var message: String
    /// Its kind.
    public var kind: Kind
    /// When it was posted (seconds on the caller's clock).
    public var postedAt: Double
    /// How long it stays, in seconds.
    public var lifetime: Double

    /// Creates a toast.
    public init(id: Int, message: String, kind: Kind, postedAt: Double, lifetime: Double) {
        self.id = id
        self.message = message
        self.kind = kind
        self.postedAt = postedAt
        self.lifetime = lifetime
    }

    /// When it disappears.
    public var expiresAt: Double { postedAt + lifetime }

    /// Whether it is still shown at `now`.
    public func isVisible(at now: Double) -> Bool { now >= postedAt && now < expiresAt }
}
