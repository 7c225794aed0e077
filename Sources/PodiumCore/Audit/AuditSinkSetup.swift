import AWSCore
import Foundation

extension AuditSink {
    /// The sink of a config (`nil` when `audit.cloudwatch_logs` is not set): a CloudWatch Logs client for the
    /// sink's region and credentials (built now, credentials resolved on first use), sending only when the
    /// session may write (`--read-only` and watch mode queue instead). Any records a previous run left queued
    /// start going out in the background at once.
    public static func make(
        config: PodiumConfig, logPath: String, clientFactory: any AWSClientFactory,
        retryDelays: [Duration] = [], notice: @escaping @Sendable (String) -> Void
    ) throws -> AuditSink? {
        guard let settings = config.audit else { return nil }
        // A read-only session gets a read-only client (the team reader only reads) and does not send.
        let client = try clientFactory.makeClient(
            region: settings.region, credentials: settings.credentials, readOnly: config.readOnly)
        let sink = AuditSink(
            config: settings, logPath: logPath, transport: CloudWatchLogsAuditTransport(client: client),
            canSend: !config.readOnly, retryDelays: retryDelays, notice: notice)
        register(sink)
        sink.resume()
        return sink
    }

    private static let registered = LockedValue([AuditSink]())

    /// Registers a sink for `drainAll` (the CLI's exit).
    public static func register(_ sink: AuditSink) {
        registered.withLock { $0.append(sink) }
    }

    /// Drains every registered sink (at most `timeout` each), before the process exits.
    public static func drainAll(timeout: Duration) async {
        for sink in registered.withLock({ $0 }) { await sink.drain(timeout: timeout) }
    }
}
