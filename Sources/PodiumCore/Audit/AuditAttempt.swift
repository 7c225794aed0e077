import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One change in progress: the audit log opened (and checked) before the first AWS write, a `started` record
/// with the plan, and exactly one outcome record later, all with the same attempt id. While it runs it is
/// registered process-wide, so a signal handler (`interruptAll`) can write `interrupted` for it.
public final class AuditAttempt: Sendable {
    /// The attempt id shared by its records.
    public let id: String
    let log: AuditLog
    let file: SecureFile
    let template: AuditRecord
    let state = LockedValue(State())

    struct State {
        var finished = false
        var calls: [String] = []
    }

    /// The host name written into records (with the pid, to tell a running attempt from a killed one).
    public static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }()

    private static let registry = LockedValue([String: AuditAttempt]())

    /// Opens the log (a refusal if it cannot be written) without writing anything yet.
    init(
        log: AuditLog, file: SecureFile, operatorArn: String, environment: String, action: DeploymentAction,
        target: String, plan: [String], time: Date, endpointConfig: String? = nil, command: String? = nil
    ) {
        self.id = UUID().uuidString.lowercased()
        self.log = log
        self.file = file
        self.template = AuditRecord(
            time: time, operatorArn: operatorArn, environment: environment, action: action, target: target,
            plan: plan, outcome: .started, attempt: id, pid: getpid(), host: Self.hostName,
            endpointConfig: endpointConfig, command: command)
    }

    /// Writes the `started` record and registers the attempt for `interruptAll`.
    func start(at time: Date) throws {
        var record = template
        record.time = time
        do {
            try log.append(record, to: file)
            // Registered only once `started` is on disk, so an `interrupted` record can never precede it.
            Self.registry.withLock { $0[id] = self }
        } catch {
            throw PodiumError(
                .refused,
                "the audit log cannot be written (\(PodiumError.describe(error))); nothing was changed",
                hint: "fix the file or its directory, or set XDG_STATE_HOME to a directory of yours")
        }
    }

    /// Notes an AWS write call that succeeded (listed in an `interrupted` record).
    public func noteCall(_ call: String) {
        state.withLock { $0.calls.append(call) }
    }

    /// The AWS write calls made so far.
    public var calls: [String] { state.withLock { $0.calls } }

    /// Writes the outcome record (only the first call writes) and unregisters the attempt.
    public func finish(_ outcome: AuditRecord.Outcome, error: String?, at time: Date) throws {
        let first = state.withLock { state -> Bool in
            defer { state.finished = true }
            return !state.finished
        }
        Self.registry.withLock { $0[id] = nil }
        guard first else { return }
        var record = template
        record.time = time
        record.outcome = outcome
        record.error = error.map(AuditAttempt.storable)
        try log.append(record, to: file)
    }

    /// Whether an attempt of this process is still running.
    static func isInFlight(_ id: String?) -> Bool {
        guard let id else { return false }
        return registry.withLock { $0[id] != nil }
    }

    /// The attempts running in this process.
    public static var inFlight: [AuditAttempt] { registry.withLock { Array($0.values) } }

    /// Writes `interrupted` for every attempt still running in this process (a signal, or the console closing
    /// mid-change), listing the AWS writes each had made. Returns the attempts it marked.
    @discardableResult
    public static func interruptAll(reason: String, at time: Date = Date()) -> [AuditAttempt] {
        let running = inFlight
        for attempt in running {
            try? attempt.finish(.interrupted, error: attempt.interruption(reason), at: time)
        }
        return running
    }

    /// `<reason>; AWS writes made: …` (or that none had completed), for an `interrupted` record.
    public func interruption(_ reason: String) -> String {
        let calls = self.calls
        let made = calls.isEmpty ? "no AWS write had completed" : "AWS writes made: " + calls.joined(separator: ", ")
        return "\(reason); \(made)"
    }

    /// The target and action, for messages (`promote churn-dev in dev`).
    public var summary: String { "\(template.action.rawValue) of \(template.target) in \(template.environment)" }

    /// An error text as the audit log may keep it: one line, at most 300 characters, and never the output of a
    /// credential helper (`credential_process` stderr can hold anything, secrets included).
    public static func storable(_ text: String) -> String {
        var kept = text
        for marker in ["; stderr:", "stderr:", "\n"] {
            if let range = kept.range(of: marker) { kept = String(kept[..<range.lowerBound]) }
        }
        let lower = kept.lowercased()
        if lower.contains("credential_process") || lower.contains("credential process") {
            kept = "cannot get AWS credentials: the credential process failed (details were shown on the terminal)"
        }
        if kept.count > 300 { kept = String(kept.prefix(299)) + "…" }
        return kept
    }
}
