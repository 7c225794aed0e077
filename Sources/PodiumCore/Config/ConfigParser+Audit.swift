import BoundedYAML
import Yams

extension ConfigParser {
    static let auditKeys = ["cloudwatch_logs"]
    static let cloudWatchLogsKeys = ["group", "region", "credentials", "stream"]

    /// `audit: { cloudwatch_logs: { group, region, credentials, stream } }`; `nil` when there is no sink.
    static func decodeAudit(_ node: Node, registry: RegistryConfig, reader: ConfigNodeReader) -> AuditSinkConfig? {
        if reader.isNull(node) { return nil }
        guard let fields = reader.mapping(node, context: "audit", allowed: auditKeys),
            let logsNode = fields["cloudwatch_logs"]
        else { return nil }
        let context = "audit.cloudwatch_logs"
        guard let sub = reader.mapping(logsNode, context: context, allowed: cloudWatchLogsKeys) else { return nil }
        guard let groupNode = sub["group"] else {
            reader.report(logsNode, "\(context): missing required key \"group\" (the team's log group)")
            return nil
        }
        guard let group = reader.string(groupNode, "\(context).group") else { return nil }
        if !AuditSinkConfig.isValidGroup(group) {
            reader.report(
                groupNode,
                "\(context).group \"\(group)\" is not a log group name (1-512 of letters, digits, '.', '-', '_', '/', '#')"
            )
        }
        var sink = AuditSinkConfig(group: group, region: registry.region, credentials: registry.credentials)
        if let n = sub["region"], let region = reader.string(n, "\(context).region") {
            checkRegion(region, node: n, reader: reader)
            sink.region = region
        }
        if let n = sub["credentials"],
            let credentials = decodeCredentials(n, context: "\(context).credentials", reader: reader)
        {
            sink.credentials = credentials
        }
        if let n = sub["stream"], let stream = reader.string(n, "\(context).stream") {
            if AuditSinkConfig.isValidStream(stream) {
                sink.stream = stream
            } else {
                reader.report(
                    n, "\(context).stream \"\(stream)\" is not a log stream name (1-512 characters, no ':' or '*')")
            }
        }
        return sink
    }
}
