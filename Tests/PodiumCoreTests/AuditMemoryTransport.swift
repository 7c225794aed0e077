import Foundation
import Testing

@testable import PodiumCore

/// An in-memory CloudWatch Logs group for the sink's unit tests: streams of events, with switches to fail every
/// call (the sink is down) or to keep a batch and then fail (the acknowledgement is lost on the way back).
/// Emulator-backed tests (AuditSinkEmulatorTests) cover the real client.
final class AuditMemoryTransport: AuditLogTransport, @unchecked Sendable {
    enum Mode {
        case working
        case down
        case loseAcknowledgement
    }

    private let lock = NSLock()
    private var streams: [String: [AuditLogEvent]] = [:]
    private var mode = Mode.working
    private(set) var putCalls = 0

    func set(_ mode: Mode) {
        lock.withLock { self.mode = mode }
    }

    /// Every event of every stream, in arrival order per stream.
    var events: [AuditLogEvent] { lock.withLock { streams.keys.sorted().flatMap { streams[$0]! } } }

    /// The ids of the records sent (each as often as it was stored).
    var sentIds: [String] {
        events.compactMap { event in
            (try? AuditLog.decoder.decode(AuditRecord.self, from: Data(event.message.utf8)))?.id
        }
    }

    func put(group: String, stream: String, events: [AuditLogEvent]) async throws -> AuditPutResult {
        try lock.withLock {
            putCalls += 1
            switch mode {
            case .down:
                throw PodiumError(.failed, "connection refused (test)")
            case .working, .loseAcknowledgement:
                guard streams[stream] != nil else { throw AuditTransportError.streamMissing }
                #expect(events.map(\.timestamp) == events.map(\.timestamp).sorted())
                streams[stream, default: []] += events
                if mode == .loseAcknowledgement {
                    mode = .working
                    throw PodiumError(.failed, "connection reset after the request was sent (test)")
                }
                return AuditPutResult()
            }
        }
    }

    func createStream(group: String, stream: String) async throws {
        try lock.withLock {
            if mode == .down { throw PodiumError(.failed, "connection refused (test)") }
            if streams[stream] == nil { streams[stream] = [] }
        }
    }

    func filter(group: String, start: Date, end: Date, nextToken: String?) async throws -> AuditFilterPage {
        try lock.withLock {
            if mode == .down { throw PodiumError(.failed, "connection refused (test)") }
            let lower = Int(start.timeIntervalSince1970 * 1000)
            let upper = Int(end.timeIntervalSince1970 * 1000)
            let all = streams.values.flatMap { $0 }.filter { $0.timestamp >= lower && $0.timestamp <= upper }
                .sorted { $0.timestamp < $1.timestamp }
            // Pages of 2, so paging is exercised.
            let offset = Int(nextToken ?? "0") ?? 0
            let page = Array(all.dropFirst(offset).prefix(2))
            let next = offset + 2 < all.count ? String(offset + 2) : nil
            return AuditFilterPage(messages: page.map(\.message), nextToken: next)
        }
    }
}
