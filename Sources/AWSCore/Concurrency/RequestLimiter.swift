/// At most `limit` AWS requests in flight at once, shared by every client of one account and region, so that
/// every front end's refreshes and the CLI together stay polite to the account's API limits.
///
/// Waiters are served first come, first served. A waiter whose task is cancelled leaves the queue at once
/// (throwing `CancellationError`) and never holds a slot.
public actor RequestLimiter {
    /// The most requests in flight.
    public nonisolated let limit: Int
    /// The requests in flight now.
    public private(set) var inFlight = 0
    /// The most requests that were ever in flight at once (for tests and benchmarks).
    public private(set) var peakInFlight = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextWaiterId = 0

    /// Creates a limiter; a `limit` below 1 counts as 1.
    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// The number of tasks waiting for a slot.
    public var waiting: Int { waiters.count }

    /// Waits for a slot. Every successful `acquire` must be paired with one `release`.
    /// - Throws: `CancellationError` when the task is cancelled before it got a slot.
    public func acquire() async throws {
        try Task.checkCancellation()
        if inFlight < limit {
            take()
            return
        }
        let id = nextWaiterId
        nextWaiterId += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                waiters.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Gives a slot back; the oldest waiter, if any, gets it.
    public func release() {
        if waiters.isEmpty {
            inFlight = max(0, inFlight - 1)
            return
        }
        // The slot passes straight to the next waiter: inFlight stays the same.
        waiters.removeFirst().continuation.resume()
    }

    /// Runs `body` holding one slot.
    public nonisolated func withSlot<R: Sendable>(_ body: @Sendable () async throws -> R) async throws -> R {
        try await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func take() {
        inFlight += 1
        peakInFlight = max(peakInFlight, inFlight)
    }

    private func cancelWaiter(_ id: Int) {
        // A waiter already resumed holds its slot and releases it itself.
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}
