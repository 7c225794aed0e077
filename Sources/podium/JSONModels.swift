import Foundation
import PodiumCore

// The stable `--json` schema (documented in docs/cli.md). Keys are snake_case; dates are ISO 8601 strings;
// absent values are null. Add keys only; never rename or remove them.

/// `podium groups --json` items.
struct JSONGroup: Encodable {
    let group: String
    let arn: String
    let created: Date
    let description: String?
    let pending: Int
    let approved: Int
    let rejected: Int
    let latest_version: Int?
    let latest_status: String?
    let error: String?

    init(_ g: ModelGroupSummary) {
        group = g.name
        arn = g.arn
        created = g.created
        description = g.description
        pending = g.pending
        approved = g.approved
        rejected = g.rejected
        latest_version = g.latestVersion
        latest_status = g.latestStatus?.rawValue
        error = g.problem
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(group, forKey: "group")
        try c.encode(arn, forKey: "arn")
        try c.encode(created, forKey: "created")
        try c.encode(description, forKey: "description")
        try c.encode(pending, forKey: "pending")
        try c.encode(approved, forKey: "approved")
        try c.encode(rejected, forKey: "rejected")
        try c.encode(latest_version, forKey: "latest_version")
        try c.encode(latest_status, forKey: "latest_status")
        try c.encode(error, forKey: "error")
    }
}

/// `podium versions --json` items.
struct JSONVersion: Encodable {
    let v: ModelVersion

    init(_ v: ModelVersion) { self.v = v }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(v.group, forKey: "group")
        try c.encode(v.version, forKey: "version")
        try c.encode(v.status.rawValue, forKey: "status")
        try c.encode(v.arn, forKey: "arn")
        try c.encode(v.created, forKey: "created")
        try c.encode(v.createdBy, forKey: "created_by")
        try c.encode(v.description, forKey: "description")
        try c.encode(v.approvalDescription, forKey: "approval_description")
        try c.encode(v.lastModified, forKey: "last_modified")
        try c.encode(v.lastModifiedBy, forKey: "last_modified_by")
    }
}

/// `podium show --json`.
struct JSONVersionDetail: Encodable {
    let d: ModelVersionDetail

    init(_ d: ModelVersionDetail) { self.d = d }

    func encode(to encoder: any Encoder) throws {
        try JSONVersion(d.version).encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(
            d.containers.map { ["image": $0.image, "model_data_url": $0.modelDataUrl] }, forKey: "containers")
        try c.encode(d.metadata, forKey: "metadata")
        try c.encode(JSONEvaluation(d.evaluation), forKey: "evaluation")
        try c.encode(d.comparisons.map(JSONComparison.init), forKey: "deployments")
    }
}

struct JSONEvaluation: Encodable {
    let e: EvaluationReport

    init(_ e: EvaluationReport) { self.e = e }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(e.state.rawValue, forKey: "state")
        try c.encode(e.s3Uri, forKey: "s3_uri")
        try c.encode(e.problem, forKey: "error")
        try c.encode(
            Dictionary(e.metrics.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }), forKey: "metrics")
    }
}

struct JSONComparison: Encodable {
    let c: EnvironmentComparison

    init(_ c: EnvironmentComparison) { self.c = c }

    func encode(to encoder: any Encoder) throws {
        var k = encoder.container(keyedBy: Key.self)
        try k.encode(c.environment, forKey: "environment")
        try k.encode(c.endpoint, forKey: "endpoint")
        try k.encode(c.deployedVersion, forKey: "version")
        try k.encode(c.deployedEvaluation.map(JSONEvaluation.init), forKey: "evaluation")
        try k.encode(c.deltas, forKey: "metric_deltas")
        try k.encode(c.problem, forKey: "error")
    }
}

/// `podium status --json` items.
struct JSONEndpointStatus: Encodable {
    let h: EndpointHealth

    init(_ h: EndpointHealth) { self.h = h }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        let d = h.deployment
        try c.encode(h.environment, forKey: "environment")
        try c.encode(d.endpointName, forKey: "endpoint")
        try c.encode(d.exists ? d.status?.rawValue : "NotDeployed", forKey: "status")
        try c.encode(d.group, forKey: "group")
        try c.encode(d.version, forKey: "version")
        try c.encode(d.modelPackageArn, forKey: "arn")
        try c.encode(d.endpointConfigName, forKey: "endpoint_config")
        try c.encode(d.lastModified, forKey: "last_modified")
        try c.encode(d.failureReason, forKey: "failure_reason")
        try c.encode(h.level.rawValue, forKey: "health")
        try c.encode(h.reasons, forKey: "reasons")
        try c.encode(h.isDeploying, forKey: "deploying")
        let r = h.metrics.recent
        let metrics: [String: Double?] = [
            "invocations_per_minute": r.invocationsPerMinute, "error_4xx_percent": r.error4xxPercent,
            "error_5xx_percent": r.error5xxPercent, "latency_avg_ms": r.latencyAvgMs, "latency_p99_ms": r.latencyP99Ms,
            "overhead_latency_ms": r.overheadLatencyMs, "cpu_percent": r.cpuPercent, "memory_percent": r.memoryPercent,
        ]
        try c.encode(metrics, forKey: "metrics")
        try c.encode(h.alarms.map { ["name": $0.name, "state": $0.state] }, forKey: "alarms")
        let variants = EndpointVariants(
            environment: h.environment, endpoint: d.endpointName, status: d.status, variants: d.variants)
        try c.encode(
            d.variants.map { VariantJSON($0, in: variants, metrics: h.variantMetrics[$0.name] ?? EndpointMetrics()) },
            forKey: "variants")
    }
}

/// `podium audit --json` items.
struct JSONAuditRecord: Encodable {
    let r: AuditRecord

    init(_ r: AuditRecord) { self.r = r }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(r.time, forKey: "time")
        try c.encode(r.operatorArn, forKey: "operator")
        try c.encode(r.environment, forKey: "environment")
        try c.encode(r.action.rawValue, forKey: "action")
        try c.encode(r.target, forKey: "target")
        try c.encode(r.plan, forKey: "plan")
        try c.encode(r.outcome.rawValue, forKey: "outcome")
        try c.encode(r.error, forKey: "error")
        try c.encodeIfPresent(r.attempt, forKey: "attempt")
        try c.encodeIfPresent(r.pid, forKey: "pid")
        try c.encodeIfPresent(r.host, forKey: "host")
        try c.encodeIfPresent(r.endpointConfig, forKey: "endpoint_config")
        try c.encodeIfPresent(r.id, forKey: "id")
        try c.encodeIfPresent(r.command, forKey: "command")
    }
}

/// A string coding key.
struct Key: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { self.stringValue = value }
}
