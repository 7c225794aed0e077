import Foundation

/// Sends the audit log's records to the team's CloudWatch Logs group, off the path of every action: an append
/// only wakes a background task, and a sink that is down never fails or delays a change (the change says so
/// instead, through `notice`). What was not acknowledged stays queued (`AuditOutbox`) and is sent by the next
/// attempt, in this process or the next. Records carry their id; a batch whose acknowledgement was lost is
/// sent again and the team reader shows it once.
public final class AuditSink: Sendable {
    /// The sink's settings (group, region, credentials, stream).
    public let config: AuditSinkConfig
    /// The stream this operator writes to.
    public let stream: String
    /// The queue.
    public let outbox: AuditOutbox
    let transport: any AuditLogTransport
    let canSend: Bool
    let notice: @Sendable (String) -> Void
    let retryDelays: [Duration]
    let state = LockedValue(State())

    /// Events per `PutLogEvents` (AWS allows 10,000 and 1 MiB; smaller batches fail and retry cheaper).
    static let batchCount = 500
    /// Bytes per `PutLogEvents` (AWS: 1,048,576 including 26 bytes per event).
    static let batchBytes = 800_000
    /// The largest event CloudWatch Logs accepts (256 KiB minus the 26 bytes of overhead).
    static let maxEventBytes = 262_144 - 26
    /// The longest span of one batch (AWS: 24 hours).
    static let batchSpanMs = 24 * 3_600_000 - 1

    struct State {
        var task: Task<Void, Never>?
        var again = false
        var status = AuditSinkStatus()
        var wroteHere = false
    }

    /// A sink for the log at `logPath`. With `canSend` false (`--read-only`, watch mode: only read-only AWS
    /// clients) nothing is sent and records stay queued for a later run. `retryDelays` are the waits between
    /// background attempts after a failure (empty: one attempt per append; the console passes a few).
    public init(
        config: AuditSinkConfig, logPath: String, transport: any AuditLogTransport, canSend: Bool = true,
        stream: String? = nil, retryDelays: [Duration] = [], notice: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.config = config
        self.stream =
            stream ?? config.stream
            ?? AuditSinkConfig.defaultStream(host: AuditAttempt.hostName, user: Self.userName())
        self.outbox = AuditOutbox(logPath: logPath, group: config.group, stream: self.stream)
        self.transport = transport
        self.canSend = canSend
        self.notice = notice
        self.retryDelays = retryDelays
        // The cursor must exist before this process writes its first record, so that record is pending.
        do {
            try outbox.prepare()
        } catch {
            state.withLock { $0.status.lastError = "cannot prepare the queue: \(PodiumError.describe(error))" }
        }
    }

    static func userName() -> String {
        let env = ProcessInfo.processInfo.environment
        return env["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LOGNAME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "uid\(getuid())"
    }

    /// The current status.
    public var status: AuditSinkStatus { state.withLock { $0.status } }

    /// A record was appended: send in the background (coalesced with a send already running).
    public func recordWritten() {
        state.withLock { $0.wroteHere = true }
        resume()
    }

    /// Sends what earlier runs left queued, in the background (at start-up).
    public func resume() {
        guard canSend else { return }
        state.withLock { state in
            if state.task != nil {
                state.again = true
                return
            }
            state.again = false
            state.task = Task.detached { [self] in await self.backgroundLoop() }
        }
    }

    private func backgroundLoop() async {
        var failures = 0
        while !Task.isCancelled {
            let report = await flush(lockWait: .seconds(10))
            let again = state.withLock { state -> Bool in
                let again = state.again
                state.again = false
                return again
            }
            if report.lastError != nil {
                guard failures < retryDelays.count else { break }
                try? await Task.sleep(for: retryDelays[failures])
                failures += 1
                continue
            }
            failures = 0
            if !again && report.pending == 0 { break }
            if !again { break }
        }
        state.withLock { $0.task = nil }
    }

    /// Waits for a background send to end (at most `timeout`), then makes one last attempt with what time is
    /// left if records are still pending. For the CLI before it exits: the change is already recorded locally,
    /// so this only decides whether the team sees it now or with the next run. Tells `notice` once if not.
    /// A process that wrote no record (a read command sending what earlier runs left) waits at most 1 s.
    @discardableResult
    public func drain(timeout: Duration) async -> AuditSinkStatus {
        guard canSend else { return status }
        let wrote = state.withLock { $0.wroteHere }
        let deadline = ContinuousClock.now + (wrote ? timeout : min(timeout, .seconds(1)))
        if let task = state.withLock({ $0.task }) {
            await Self.wait(for: task, until: deadline)
        }
        var report = status
        if report.lastError != nil || report.pending > 0 || state.withLock({ $0.task != nil }) {
            let left = deadline - ContinuousClock.now
            if left > .zero {
                report = await Self.within(left, fallback: status) { await self.flush(lockWait: left) }
            }
        }
        if let line = report.summary(group: config.group, logPath: outbox.logPath) { notice(line) }
        return report
    }

    /// Sends every pending record now (batches in log order; the cursor moves after each acknowledged batch).
    /// Never throws: the outcome is in the returned status (also kept in `status`).
    @discardableResult
    public func flush(lockWait: Duration = .seconds(10)) async -> AuditSinkStatus {
        var report = AuditSinkStatus(rejected: status.rejected)
        defer {
            report.lastAttempt = Date()
            let final = report
            state.withLock { $0.status = final }
        }
        guard canSend else {
            report.pending = (try? outbox.pending().lines.count) ?? 0
            report.lastError = "this session is read-only; nothing is sent"
            return report
        }
        do {
            guard let lock = try await outbox.lock(until: .now + lockWait) else {
                report.pending = (try? outbox.pending().lines.count) ?? 0
                report.lastError = "another podium process is sending"
                return report
            }
            defer { withExtendedLifetime(lock) {} }
            var lines = try outbox.pending().lines
            report.pending = lines.count
            let now = Date()
            while !lines.isEmpty {
                let batch = Self.nextBatch(lines, now: now)
                let events = Self.events(for: batch.lines, now: now)
                let result: AuditPutResult
                if events.isEmpty {
                    result = AuditPutResult()
                } else {
                    result = try await put(events)
                }
                try outbox.acknowledge(through: batch.lines[batch.lines.count - 1])
                report.sent += events.count - result.rejected
                report.rejected += result.rejected + batch.oversized
                lines.removeFirst(batch.lines.count)
                report.pending = lines.count
            }
        } catch {
            report.lastError = PodiumError.describe(error)
        }
        return report
    }

    private func put(_ events: [AuditLogEvent]) async throws -> AuditPutResult {
        do {
            return try await transport.put(group: config.group, stream: stream, events: events)
        } catch AuditTransportError.streamMissing {
            try await transport.createStream(group: config.group, stream: stream)
            return try await transport.put(group: config.group, stream: stream, events: events)
        }
    }

    /// The longest prefix of `lines` that fits one `PutLogEvents` (count, bytes, 24-hour span), at least one
    /// line; `oversized` counts the lines in it too large to ever send.
    static func nextBatch(_ lines: [AuditLog.Line], now: Date) -> (lines: [AuditLog.Line], oversized: Int) {
        var taken: [AuditLog.Line] = []
        var bytes = 0
        var oversized = 0
        var earliest = Int.max
        var latest = Int.min
        for line in lines {
            let size = message(line.record).utf8.count
            if size > maxEventBytes {
                taken.append(line)
                oversized += 1
                continue
            }
            let time = eventTime(line.record.time, now: now)
            let span = max(latest, time) - min(earliest, time)
            if !taken.isEmpty && (taken.count >= batchCount || bytes + size + 26 > batchBytes || span > batchSpanMs) {
                break
            }
            taken.append(line)
            bytes += size + 26
            earliest = min(earliest, time)
            latest = max(latest, time)
        }
        return (taken, oversized)
    }

    /// The events of a batch, in chronological order as `PutLogEvents` requires (a stable sort: records of the
    /// same second keep their log order), leaving out records too large to send.
    static func events(for lines: [AuditLog.Line], now: Date) -> [AuditLogEvent] {
        lines.map { AuditLogEvent(timestamp: eventTime($0.record.time, now: now), message: message($0.record)) }
            .filter { $0.message.utf8.count <= maxEventBytes }
            .enumerated().sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }
            .map(\.element)
    }

    /// A record as the event's message: its JSON line (with its id), as in the local log.
    static func message(_ record: AuditRecord) -> String {
        (try? AuditLog.encoder.encode(record)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The event's timestamp: the record's time, kept within what `PutLogEvents` accepts (not older than 14
    /// days, not more than 2 hours ahead) so a record queued through a long outage, or written on a machine
    /// whose clock is off, is still accepted. The record's own `time` in the message is never changed.
    static func eventTime(_ date: Date, now: Date) -> Int {
        let lower = timestamp(now.addingTimeInterval(-13 * 86_400))
        let upper = timestamp(now.addingTimeInterval(3_600))
        return min(max(timestamp(date), lower), upper)
    }

    /// Milliseconds since 1970.
    static func timestamp(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Waits for the background send; when `deadline` comes first, cancels it (its request is abandoned and
    /// the records stay queued) so the caller is never held longer than asked.
    private static func wait(for task: Task<Void, Never>, until deadline: ContinuousClock.Instant) async {
        let left = deadline - ContinuousClock.now
        guard left > .zero else {
            task.cancel()
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await task.value }
            group.addTask {
                // Cancelled (the send ended first): `sleep` throws and the send is left alone.
                guard (try? await Task.sleep(for: left)) != nil else { return }
                task.cancel()
            }
            _ = await group.next()
            group.cancelAll()
        }
    }

    /// Runs `body`, giving up after `limit` with `fallback` (the body is cancelled).
    static func within<T: Sendable>(
        _ limit: Duration, fallback: T, _ body: @escaping @Sendable () async -> T
    ) async -> T {
        await withTaskGroup(of: T?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? fallback
        }
    }
}
