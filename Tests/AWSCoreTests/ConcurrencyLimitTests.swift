import AWSCore
import Foundation
import Testing

/// The bounded, order-keeping `concurrentMap` and the FIFO, cancellation-safe `RequestLimiter`.
@Suite struct ConcurrencyLimitTests {
    @Test func concurrentMapKeepsOrderAndBound() async {
        let gauge = Gauge()
        let results = await concurrentMap(Array(0..<40), maxConcurrent: 3) { value in
            await gauge.enter()
            await Task.yield()
            await gauge.leave()
            return value * 2
        }
        #expect(results == Array(0..<40).map { $0 * 2 })
        #expect(await gauge.peak <= 3)
        #expect(await gauge.peak >= 1)
    }

    @Test func concurrentMapStopsAtTheFirstError() async {
        struct Boom: Error {}
        let started = Gauge()
        await #expect(throws: Boom.self) {
            _ = try await concurrentMap(Array(0..<50), maxConcurrent: 2) { value in
                await started.enter()
                if value == 3 { throw Boom() }
                return value
            }
        }
        // Two at a time: nothing far beyond the failing item was started.
        #expect(await started.entered < 10)
        #expect(await concurrentMap([Int](), maxConcurrent: 4) { $0 }.isEmpty)
    }

    @Test func limiterServesWaitersInOrder() async throws {
        let limiter = RequestLimiter(limit: 1)
        try await limiter.acquire()
        let order = Order()
        var tasks: [Task<Void, any Error>] = []
        for index in 0..<5 {
            tasks.append(
                Task {
                    try await limiter.acquire()
                    await order.append(index)
                    await limiter.release()
                })
            // Each waiter is queued before the next one starts.
            try await poll { await limiter.waiting == index + 1 }
        }
        await limiter.release()
        for task in tasks { try await task.value }
        #expect(await order.values == [0, 1, 2, 3, 4])
        #expect(await limiter.inFlight == 0)
        #expect(await limiter.peakInFlight == 1)
    }

    @Test func cancelledWaiterLeavesTheQueueAndHoldsNoSlot() async throws {
        let limiter = RequestLimiter(limit: 1)
        try await limiter.acquire()
        let waiter = Task { try await limiter.acquire() }
        try await poll { await limiter.waiting == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(await limiter.waiting == 0)
        await limiter.release()
        #expect(await limiter.inFlight == 0)
        // The slot is free again.
        try await limiter.acquire()
        #expect(await limiter.inFlight == 1)
    }
}

/// Counts tasks inside a section.
actor Gauge {
    private(set) var current = 0
    private(set) var peak = 0
    private(set) var entered = 0

    func enter() {
        current += 1
        entered += 1
        peak = max(peak, current)
    }

    func leave() { current -= 1 }
}

/// Records values in arrival order.
actor Order {
    private(set) var values: [Int] = []

    func append(_ value: Int) { values.append(value) }
}

/// Polls `condition` every millisecond until it holds, failing after 30 s: a deadline, not a wait (it returns as soon
/// as the condition holds). 2 s was too short in CI, where the whole suite starts at once on 2 cores; and a bare
/// `Task.yield()` loop kept a core busy while the tasks it waits for needed it.
func poll(_ condition: @Sendable () async -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(30)
    while !(await condition()) {
        if ContinuousClock.now > deadline {
            Issue.record("condition not met within 30 s")
            return
        }
        try await Task.sleep(for: .milliseconds(1))
    }
}
