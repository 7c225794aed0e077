/// The toasts of an app, as a value: post with the current time, expire with the current time.
///
/// Time is injected (seconds on any monotonic clock, e.g. the runtime's tick date), so tests never wait.
public struct ToastQueue: Hashable, Sendable {
    /// Toasts not yet removed, oldest first.
    public private(set) var toasts: [Toast] = []
    /// Most toasts kept at once (older ones are dropped).
    public var capacity: Int
    private var nextID = 1

    /// Creates an empty queue.
    public init(capacity: Int = 4) { self.capacity = max(1, capacity) }

    /// Adds a toast and returns its id.
    @discardableResult
    public mutating func post(_ message: String, kind: Toast.Kind = .info, now: Double, lifetime: Double = 5)
        -> Int
    {
        let toast = Toast(id: nextID, message: message, kind: kind, postedAt: now, lifetime: lifetime)
        nextID += 1
        toasts.append(toast)
        if toasts.count > capacity { toasts.removeFirst(toasts.count - capacity) }
        return toast.id
    }

    /// Removes expired toasts; returns whether any was removed (the screen needs a redraw).
    @discardableResult
    public mutating func expire(now: Double) -> Bool {
        let before = toasts.count
        toasts.removeAll { now >= $0.expiresAt }
        return toasts.count != before
    }

    /// Removes one toast (dismissed by the user).
    public mutating func dismiss(id: Int) { toasts.removeAll { $0.id == id } }

    /// The toasts shown at `now`.
    public func visible(at now: Double) -> [Toast] { toasts.filter { $0.isVisible(at: now) } }

    /// When the next toast expires (to schedule a redraw), if any.
    public var nextExpiry: Double? { toasts.map(\.expiresAt).min() }
}
