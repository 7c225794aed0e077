import AWSCore
import Foundation

/// Discovery of variants (issue 15): an endpoint with several production variants, a shadow variant or a
/// serverless variant has each followed to its version; its per-endpoint fields describe the heaviest variant.
extension DeploymentReader {
    /// Whether DescribeEndpoint shows more than a plain single instance variant.
    static func hasVariants(_ described: DescribeEndpointOutput) -> Bool {
        let production = described.productionVariants ?? []
        return production.count > 1 || !(described.shadowProductionVariants ?? []).isEmpty
            || production.contains { $0.currentServerlessConfig != nil || $0.desiredServerlessConfig != nil }
    }

    /// Fills `deployment.variants` and points the per-endpoint fields at the production variant with the most
    /// weight. A failure is kept as the deployment's `problem`: the endpoint is still shown.
    func followVariants(_ deployment: inout EndpointDeployment, described: DescribeEndpointOutput, client: AWSClient)
        async
    {
        do {
            let variants = try await VariantReader(context: context).variants(
                environment: deployment.environment, described: described, client: client)
            deployment.variants = variants.variants
            guard let heaviest = variants.heaviest else { return }
            deployment.modelName = heaviest.modelName ?? deployment.modelName
            deployment.modelPackageArn = heaviest.modelPackageArn ?? deployment.modelPackageArn
            deployment.group = heaviest.group ?? deployment.group
            deployment.version = heaviest.version ?? deployment.version
            deployment.instanceType = heaviest.isServerless ? nil : heaviest.instanceType ?? deployment.instanceType
            deployment.instanceCount =
                heaviest.isServerless ? nil : heaviest.currentInstanceCount ?? deployment.instanceCount
        } catch {
            await context.accessDenials.record(error)
            deployment.problem =
                "cannot follow the variants of \(deployment.endpointName): \(PodiumError.describe(error))"
        }
    }
}
