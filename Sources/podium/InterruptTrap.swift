import Dispatch
import Foundation
import PodiumCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT, SIGTERM and SIGHUP during a change (approve, reject, promote, rollback) on the command line.
///
/// The decision: podium stops at once and records it. Every running attempt gets an `interrupted` record that
/// lists the AWS writes it made, then podium exits 128 + the signal. It does not try to undo: every step is
/// idempotent (deterministic names, `create…IfNeeded`), a SageMaker deployment already started carries on by
/// itself (and rolls itself back on its alarms), and re-running the same command converges. Outside a change
/// (reading, planning, the y/N prompt) the signal simply ends podium, as it would without the trap.
enum InterruptTrap {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Whether `install()` ran (a mutating command on the command line).
    static var isInstalled: Bool { !sources.isEmpty }

    /// Installs the trap once (for the mutating commands only: the console has its own signal handling).
    static func install() {
        guard sources.isEmpty else { return }
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { handle(signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    private static func handle(_ signalNumber: Int32) {
        let name = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][signalNumber] ?? "signal \(signalNumber)"
        let marked = AuditAttempt.interruptAll(reason: "interrupted by \(name)")
        for attempt in marked {
            let calls = attempt.calls
            Output.warning(
                "interrupted by \(name) during \(attempt.summary); recorded as interrupted in the audit log (attempt \(attempt.id)). "
                    + (calls.isEmpty
                        ? "No AWS write had completed."
                        : "AWS writes made: \(calls.joined(separator: ", ")); any deployment already started continues in SageMaker.")
                    + " Re-run the same command to finish: it reuses what exists")
        }
        exit(128 + signalNumber)
    }
}
