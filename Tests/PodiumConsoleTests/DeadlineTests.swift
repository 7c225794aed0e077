import Foundation
import TerminalUI
import Testing

@testable import PodiumConsole

/// Time limits on the injected clock: nothing here waits for real time; the tests move a `ManualRuntimeClock`.
@Suite("Deadline and OnceGate")
struct DeadlineTests {
    /// Polls until `condition` holds, failing after a generous real-time bound (never a fixed sleep).
    func eventually(_ condition: () -> Bool) async -> Bool {
        let end = ContinuousClock.now + .seconds(10)
        while !condition() {
            if ContinuousClock.now > end { return false }
            await Task.yield()
        }
        return true
    }

    @Test("a result before the limit wins, and its timer stops sleeping on the clock")
    func resultBeforeLimit() async {
        let clock = ManualRuntimeClock()
        let result = await Deadline.run(limit: .seconds(5), clock: clock) { 42 }
        #expect((try? result.get()) == 42)
        #expect(await eventually { clock.sleeperCount == 0 })
    }

    @Test("an operation that never answers times out when the clock passes the limit, and is cancelled")
    func timesOutOnTheInjectedClock() async {
        let clock = ManualRuntimeClock()
        let stuck = ManualRuntimeClock()  // never advanced: the operation only ends by cancellation
        let task = Task {
            await Deadline.run(limit: .seconds(5), clock: clock) { try await stuck.sleep(for: .seconds(1)) }
        }
        await clock.waitForSleepers(count: 1)
        await stuck.waitForSleepers(count: 1)
        clock.advance(by: .seconds(4))
        #expect(stuck.sleeperCount == 1, "timed out before the limit")
        clock.advance(by: .seconds(1))
        let result = await task.value
        #expect(throws: ConsoleError.self) { try result.get() }
        if case .failure(let error) = result { #expect(error.message == "timed out after 5s") }
        #expect(await eventually { stuck.sleeperCount == 0 }, "the operation was not cancelled")
    }

    @Test("cancelling the caller ends the wait with `cancelled` and cancels the operation")
    func callerCancellation() async {
        let clock = ManualRuntimeClock()
        let stuck = ManualRuntimeClock()
        let task = Task {
            await Deadline.run(limit: .seconds(5), clock: clock) { try await stuck.sleep(for: .seconds(1)) }
        }
        await stuck.waitForSleepers(count: 1)
        task.cancel()
        let result = await task.value
        if case .failure(let error) = result {
            #expect(error.message == "cancelled")
        } else {
            Issue.record("expected a failure, got \(result)")
        }
        #expect(await eventually { stuck.sleeperCount == 0 && clock.sleeperCount == 0 })
    }

    @Test("OnceGate resumes exactly once: the first value wins, a value before install is kept, handlers run once")
    func onceGate() async {
        let early = OnceGate<Int>(cancelValue: -1)
        early.resume(1)
        early.resume(2)
        let value = await withCheckedContinuation { early.install($0) }
        #expect(value == 1)

        let gate = OnceGate<Int>(cancelValue: -1)
        let finished = Counter()
        let cancelled = Counter()
        gate.onFinish { finished.increment() }
        gate.onCancel { cancelled.increment() }
        async let waited = withCheckedContinuation { gate.install($0) }
        #expect(await eventually { gate.isWaiting })
        gate.cancel()
        gate.resume(3)
        #expect(await waited == -1)
        #expect(finished.value == 1 && cancelled.value == 1)
        gate.onFinish { finished.increment() }  // already finished: runs at once
        gate.onCancel { cancelled.increment() }  // already cancelled: runs at once
        #expect(finished.value == 2 && cancelled.value == 2)
    }
}

/// A thread-safe counter for handler calls.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
