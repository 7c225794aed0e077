import Foundation
import TerminalUI
import Testing

@testable import PodiumConsole

/// The registry pass's time limit: it fails only after `stall` without progress, on the injected clock.
@Suite("ProgressDeadline")
struct ProgressDeadlineTests {
    /// Reports progress when the test says so, and never finishes on its own (only by cancellation).
    final class Operation: @unchecked Sendable {
        private let lock = NSLock()
        private var report: (@Sendable () -> Void)?
        let stuck = ManualRuntimeClock()

        func run(_ madeProgress: @escaping @Sendable () -> Void) async throws -> Int {
            lock.withLock { report = madeProgress }
            try await stuck.sleep(for: .seconds(1))
            return 1
        }

        func progress() { lock.withLock { report }?() }
    }

    /// Polls until `condition` holds, failing after a generous real-time bound (never a fixed sleep).
    func eventually(_ condition: () -> Bool) async -> Bool {
        let end = ContinuousClock.now + .seconds(10)
        while !condition() {
            if ContinuousClock.now > end { return false }
            await Task.yield()
        }
        return true
    }

    @Test("a result wins, and the stall timer stops sleeping")
    func result() async {
        let clock = ManualRuntimeClock()
        let result = await ProgressDeadline.run(stall: .seconds(20), clock: clock) { madeProgress in
            madeProgress()
            return 7
        }
        #expect((try? result.get()) == 7)
        #expect(await eventually { clock.sleeperCount == 0 })
    }

    @Test("each progress report restarts the stall; silence for the stall fails it and cancels the fetch")
    func stall() async {
        let clock = ManualRuntimeClock()
        let operation = Operation()
        let task = Task {
            await ProgressDeadline.run(stall: .seconds(20), clock: clock) { try await operation.run($0) }
        }
        await clock.waitForSleepers(count: 1)
        await operation.stuck.waitForSleepers(count: 1)
        clock.advance(by: .seconds(15))
        operation.progress()
        // The timer wakes at 20 s, sees progress 5 s ago, and sleeps the 15 s left.
        clock.advance(by: .seconds(5))
        #expect(await eventually { clock.sleeperCount == 1 }, "the timer did not wait for the time left")
        clock.advance(by: .seconds(14))
        #expect(operation.stuck.sleeperCount == 1, "failed before 20 s without progress")
        clock.advance(by: .seconds(1))
        let result = await task.value
        if case .failure(let error) = result {
            #expect(error.message == "no progress for 20s")
            #expect(error.isUnreachable)
        } else {
            Issue.record("expected a stall failure, got \(result)")
        }
        #expect(await eventually { operation.stuck.sleeperCount == 0 }, "the fetch was not cancelled")
    }
}
