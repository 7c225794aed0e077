import Foundation
import PodiumCore
import TerminalUI

/// What serves an endpoint on the dashboard: instances, or a serverless variant's memory and concurrency
/// (which has no instances and no CPU metric: showing `×0` and `cpu –` would mislead).
extension EndpointBlock {
    /// The production variant the endpoint's own fields describe, when it is serverless.
    var serverless: (variant: EndpointVariant, settings: ServerlessSettings)? {
        guard let deployment = row.health?.deployment else { return nil }
        let production = EndpointVariants(
            environment: deployment.environment, endpoint: deployment.endpointName, variants: deployment.variants)
        guard let heaviest = production.heaviest, let settings = heaviest.serverless else { return nil }
        return (heaviest, settings)
    }

    /// `ml.m5.large×2` or `serverless 2048 MB · max 20`.
    func capacityLabel(_ deployment: EndpointDeployment) -> String {
        if let serverless { return VariantRows.serverlessSummary(serverless.settings) }
        let type = deployment.instanceType ?? row.spec.instanceType
        let count = deployment.instanceCount ?? row.spec.instanceCount
        return "\(type)×\(count)"
    }

    /// For a serverless endpoint: cold starts (ModelSetupTime) and MemoryUtilization, from its variant's metrics.
    func appendServerlessResources(_ health: EndpointHealth, to line: inout Line, theme: Theme) {
        guard let serverless else { return }
        let recent = health.variantMetrics[serverless.variant.name]?.recent ?? health.metrics.recent
        appendMetric("  setup ", ConsoleFormat.milliseconds(recent.modelSetupMs), .ok, to: &line, theme: theme)
        appendMetric(
            " mem ", ConsoleFormat.percent(recent.memoryPercent ?? health.metrics.recent.memoryPercent), .ok,
            to: &line, theme: theme)
    }
}
