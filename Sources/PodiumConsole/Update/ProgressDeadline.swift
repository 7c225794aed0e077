import Foundation
import TerminalUI

/// Runs a long fetch that reports progress, failing it only when it stops making progress.
///
/// A registry pass over many groups can take longer than the fetch timeout and still be healthy: timing it out
/// would throw away the groups already listed and start again from scratch, forever. Each progress report
/// restarts the clock; a fetch that reports nothing for `stall` fails with "no progress for …" (a stopped
/// server still ends in an error, never an endless "loading"). Time is the runtime's injected clock, as for
/// `Deadline`, so tests move a `ManualRuntimeClock` instead of waiting.
enum ProgressDeadline {
    /// The operation's result, or a failure after `stall` without progress. The operation calls the closure it
    /// is given each time it makes progress.
    static func run<T: Sendable>(
        stall: Duration, clock: any RuntimeClock = SystemRuntimeClock(),
        _ operation: @escaping @Sendable (@escaping @Sendable () -> Void) async throws -> T
    ) async -> Result<T, ConsoleError> {
        let gate = OnceGate<Result<T, ConsoleError>>(cancelValue: .failure(ConsoleError("cancelled")))
        let last = ProgressInstant(clock.now())
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, ConsoleError>, Never>) in
                gate.install(continuation)
                let work = Task {
                    do {
                        gate.resume(.success(try await operation { last.mark(clock.now()) }))
                    } catch {
                        gate.resume(.failure(ConsoleError(error)))
                    }
                }
                let timer = Task {
                    while !Task.isCancelled {
                        let remaining = stall.timeInterval - clock.now().timeIntervalSince(last.value)
                        if remaining <= 0 {
                            gate.resume(
                                .failure(ConsoleError("no progress for \(Int(stall.timeInterval))s", unreachable: true))
                            )
                            work.cancel()
                            return
                        }
                        try? await clock.sleep(for: .seconds(remaining))
                    }
                }
                gate.onFinish { timer.cancel() }
                gate.onCancel { work.cancel() }
            }
        } onCancel: {
            gate.cancel()
        }
    }
}

/// When progress was last reported (starts when the fetch starts).
private final class ProgressInstant: @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    init(_ start: Date) { instant = start }

    func mark(_ date: Date) { lock.withLock { instant = date } }

    var value: Date { lock.withLock { instant } }
}
