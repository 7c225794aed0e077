import PodiumCore

/// One variant in `status --json` and `traffic --json`.
struct VariantJSON: Encodable {
    let name: String
    let role: String
    let group: String?
    let version: Int?
    let modelPackageArn: String?
    let currentWeight: Double?
    let desiredWeight: Double?
    let trafficPercent: Double?
    let samplingPercent: Double?
    let instanceType: String?
    let instanceCount: Int?
    let serverless: ServerlessJSON?
    /// The variant's own metrics (`status --json` only): the same keys as the endpoint's, last 5 minutes.
    let metrics: [String: Double?]?

    init(_ variant: EndpointVariant, in variants: EndpointVariants, metrics: EndpointMetrics? = nil) {
        name = variant.name
        role = variant.role.rawValue
        group = variant.group
        version = variant.version
        modelPackageArn = variant.modelPackageArn
        currentWeight = variant.currentWeight
        desiredWeight = variant.desiredWeight
        trafficPercent = variant.role == .production ? variants.trafficPercent(of: variant.name) : nil
        samplingPercent = variant.role == .shadow ? variants.samplingPercent(of: variant.name) : nil
        instanceType = variant.serverless == nil ? variant.instanceType : nil
        instanceCount = variant.serverless == nil ? (variant.currentInstanceCount ?? variant.desiredInstanceCount) : nil
        serverless = variant.serverless.map { ServerlessJSON(memoryMB: $0.memoryMB, maxConcurrency: $0.maxConcurrency) }
        self.metrics = metrics.map { Self.summary($0.recent, serverless: variant.isServerless) }
    }

    enum CodingKeys: String, CodingKey {
        case name, role, group, version, serverless, metrics
        case modelPackageArn = "model_package_arn"
        case currentWeight = "current_weight"
        case desiredWeight = "desired_weight"
        case trafficPercent = "traffic_percent"
        case samplingPercent = "sampling_percent"
        case instanceType = "instance_type"
        case instanceCount = "instance_count"
    }

    /// Encodes every key, `null` when unknown (docs/cli.md: keys are stable).
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(role, forKey: .role)
        try c.encode(group, forKey: .group)
        try c.encode(version, forKey: .version)
        try c.encode(modelPackageArn, forKey: .modelPackageArn)
        try c.encode(currentWeight, forKey: .currentWeight)
        try c.encode(desiredWeight, forKey: .desiredWeight)
        try c.encode(trafficPercent, forKey: .trafficPercent)
        try c.encode(samplingPercent, forKey: .samplingPercent)
        try c.encode(instanceType, forKey: .instanceType)
        try c.encode(instanceCount, forKey: .instanceCount)
        try c.encode(serverless, forKey: .serverless)
        if let metrics { try c.encode(metrics, forKey: .metrics) }
    }

    /// The recent metrics as `status --json` names them; serverless variants have no CPU metric.
    static func summary(_ r: RecentMetrics, serverless: Bool) -> [String: Double?] {
        var out: [String: Double?] = [
            "invocations_per_minute": r.invocationsPerMinute, "error_4xx_percent": r.error4xxPercent,
            "error_5xx_percent": r.error5xxPercent, "latency_avg_ms": r.latencyAvgMs, "latency_p99_ms": r.latencyP99Ms,
            "memory_percent": r.memoryPercent,
        ]
        if serverless { out["model_setup_ms"] = r.modelSetupMs } else { out["cpu_percent"] = r.cpuPercent }
        return out
    }
}
