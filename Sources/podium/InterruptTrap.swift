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
/// itself (and rolls itself back on its alarms), and re-running the same command converges. A CloudFormation
/// update (stack and pipeline routes) also carries on: the notice names `podium cancel` for the operator who meant
/// to stop it, rather than podium cancelling on a signal that may only mean "stop watching". Outside a change
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
            Output.warning(attempt.interruptionNotice(signalName: name))
        }
        exit(128 + signalNumber)
    }
}
