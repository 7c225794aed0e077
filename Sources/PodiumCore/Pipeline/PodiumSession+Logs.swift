import Foundation

extension PodiumSession {
    /// How far back a log view starts.
    public static let endpointLogsWindow: TimeInterval = 600

    /// An endpoint's container log lines (`/aws/sagemaker/Endpoints/<name>`) since the last call for it, oldest
    /// first, read with FilterLogEvents from the kept tailer's cursor; `restart` starts again from
    /// `endpointLogsWindow` ago. A missing log group throws `PodiumError(.notFound)`.
    public func endpointLogs(environment: String, endpoint: String, restart: Bool) async throws -> [LogLine] {
        let client = try client(for: environment)
        let since = now().addingTimeInterval(-Self.endpointLogsWindow)
        let tailer = logTails.tailer("\(environment)/\(endpoint)", restart: restart) {
            LogTailer(client: client, logGroup: LogTailer.endpointLogGroup(endpoint), since: since)
        }
        return try await tailer.poll()
    }
}
