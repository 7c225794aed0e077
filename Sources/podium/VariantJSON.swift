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

    init(_ variant: EndpointVariant, in variants: EndpointVariants) {
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
    }

    enum CodingKeys: String, CodingKey {
        case name, role, group, version, serverless
        case modelPackageArn = "model_package_arn"
        case currentWeight = "current_weight"
        case desiredWeight = "desired_weight"
        case trafficPercent = "traffic_percent"
        case samplingPercent = "sampling_percent"
        case instanceType = "instance_type"
        case instanceCount = "instance_count"
    }
}
