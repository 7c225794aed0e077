import Foundation
import Yams

extension ConfigParser {
    static let variantKeys = ["name", "weight", "instance_type", "instance_count", "serverless"]
    static let serverlessKeys = ["memory_mb", "max_concurrency"]
    /// The single-variant keys `variants:` replaces.
    static let singleVariantKeys = ["variant", "instance_type", "instance_count"]

    /// `variants: [{ name, weight, instance_type, instance_count } | { name, weight, serverless: { memory_mb,
    /// max_concurrency } }]`. Weights must be positive and names unique; a strategy SageMaker excludes for these
    /// variants is reported at the variants with the rule it breaks.
    static func decodeVariants(
        _ node: Node, context: String, strategy: DeploymentStrategy, reader: ConfigNodeReader
    ) -> [VariantSpec]? {
        guard let items = reader.sequence(node, "\(context): variants") else { return nil }
        if items.isEmpty {
            reader.report(node, "\(context): variants must list at least one variant")
            return nil
        }
        var variants: [VariantSpec] = []
        var failed = false
        for (index, item) in items.enumerated() {
            guard let variant = decodeVariant(item, context: "\(context): variants[\(index)]", reader: reader) else {
                failed = true
                continue
            }
            if variants.contains(where: { $0.name == variant.name }) {
                reader.report(item.mapping?["name"] ?? item, "\(context): variant \"\(variant.name)\" is listed twice")
                failed = true
                continue
            }
            variants.append(variant)
        }
        if failed { return nil }
        if strategy.kind == .rolling {
            let serverless = variants.filter(\.capacity.isServerless).map(\.name)
            if variants.count > 1 || !serverless.isEmpty {
                let what =
                    variants.count > 1
                    ? "\(variants.count) variants (\(variants.map(\.name).joined(separator: ", ")))"
                    : "serverless variant \(serverless.joined(separator: ", "))"
                reader.report(
                    node,
                    "\(context): the environment's deployment strategy rolling cannot update an endpoint with \(what): "
                        + "SageMaker excludes multi-variant and serverless endpoints from rolling deployments",
                    hint:
                        "use strategy all_at_once, canary or linear for this environment, or a single instance variant")
            }
        }
        return variants
    }

    private static func decodeVariant(_ node: Node, context: String, reader: ConfigNodeReader) -> VariantSpec? {
        var ctx = context
        if case .mapping(let m) = node, let nameNode = m["name"], case .scalar(let s) = nameNode {
            ctx = "\(context) \"\(s.string)\""
        }
        guard let fields = reader.mapping(node, context: ctx, allowed: variantKeys) else { return nil }
        guard let nameNode = fields["name"] else {
            reader.report(node, "\(ctx): missing required key \"name\"")
            return nil
        }
        guard let name = reader.string(nameNode, "\(ctx): name") else { return nil }
        guard SageMakerNames.isValid(name) else {
            reader.report(
                nameNode, "\(ctx): name must be a SageMaker variant name (letters, digits and hyphens, at most 63)")
            return nil
        }
        var weight = 1.0
        if let n = fields["weight"] {
            guard let value = reader.double(n, "\(ctx): weight") else { return nil }
            guard value > 0 else {
                reader.report(
                    n, "\(ctx): weight must be positive, found \(format(value))",
                    hint: "a variant at weight 0 serves nothing; shift traffic with podium traffic --set instead")
                return nil
            }
            weight = value
        }
        let capacity: VariantCapacity
        switch (fields["instance_type"], fields["serverless"]) {
        case (.some, .some):
            reader.report(
                fields.keyNode("serverless"), "\(ctx): give either instance_type or serverless, not both")
            return nil
        case (nil, nil):
            reader.report(node, "\(ctx): needs instance_type (with instance_count) or serverless")
            return nil
        case (let typeNode?, nil):
            guard let type = reader.string(typeNode, "\(ctx): instance_type") else { return nil }
            guard type.hasPrefix("ml.") else {
                reader.report(typeNode, "\(ctx): instance_type must be a SageMaker instance type such as ml.m5.large")
                return nil
            }
            var count = 1
            if let n = fields["instance_count"] {
                guard let value = reader.int(n, "\(ctx): instance_count", range: 1...100) else { return nil }
                count = value
            }
            capacity = .instances(type: type, count: count)
        case (nil, let serverlessNode?):
            if let n = fields["instance_count"] {
                reader.report(
                    fields.keyNode("instance_count") ?? n, "\(ctx): a serverless variant has no instance_count")
                return nil
            }
            guard let settings = decodeServerless(serverlessNode, context: "\(ctx).serverless", reader: reader) else {
                return nil
            }
            capacity = .serverless(settings)
        }
        return VariantSpec(name: name, weight: weight, capacity: capacity)
    }

    private static func decodeServerless(_ node: Node, context: String, reader: ConfigNodeReader)
        -> ServerlessSettings?
    {
        guard let fields = reader.mapping(node, context: context, allowed: serverlessKeys) else { return nil }
        guard let memoryNode = fields["memory_mb"], let concurrencyNode = fields["max_concurrency"] else {
            reader.report(node, "\(context) needs memory_mb and max_concurrency")
            return nil
        }
        guard let memory = reader.int(memoryNode, "\(context).memory_mb") else { return nil }
        guard ServerlessSettings.memorySizes.contains(memory) else {
            let sizes = ServerlessSettings.memorySizes.map(String.init).joined(separator: ", ")
            reader.report(memoryNode, "\(context).memory_mb must be one of \(sizes), found \(memory)")
            return nil
        }
        guard
            let concurrency = reader.int(
                concurrencyNode, "\(context).max_concurrency", range: ServerlessSettings.concurrencyRange)
        else { return nil }
        return ServerlessSettings(memoryMB: memory, maxConcurrency: concurrency)
    }

    /// Applies decoded variants to a spec: the heaviest variant (the first among equals) fills the single-variant
    /// fields that existing code reads.
    static func apply(_ variants: [VariantSpec], to spec: inout EndpointSpec) {
        spec.variants = variants
        guard
            let heaviest = variants.enumerated().max(by: {
                ($0.element.weight, -$0.offset) < ($1.element.weight, -$1.offset)
            })?.element
        else { return }
        spec.variant = heaviest.name
        switch heaviest.capacity {
        case .instances(let type, let count):
            spec.instanceType = type
            spec.instanceCount = count
        case .serverless:
            spec.instanceType = ""
            spec.instanceCount = 0
        }
    }
}

extension ConfigParser {
    /// An endpoint given with `variants:` instead of `variant`/`instance_type`/`instance_count`.
    static func decodeVariantEndpoint(
        _ fields: OrderedFields, _ variantsNode: Node, name: String?, group: String?, context: String,
        strategy: DeploymentStrategy, reader: ConfigNodeReader
    ) -> EndpointSpec? {
        for key in singleVariantKeys where fields[key] != nil {
            reader.report(
                fields.keyNode(key), "\(context): \"\(key)\" cannot be combined with variants",
                hint: "give each variant its own instance_type and instance_count")
        }
        guard let variants = decodeVariants(variantsNode, context: context, strategy: strategy, reader: reader),
            let name, let group
        else { return nil }
        var spec = EndpointSpec(name: name, modelPackageGroup: group, instanceType: "")
        if let n = fields["alarms"], let a = reader.stringList(n, "\(context): alarms") { spec.alarms = a }
        apply(variants, to: &spec)
        return spec
    }
}
