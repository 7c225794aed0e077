/// One row of the demo table: a made-up SageMaker endpoint.
struct DemoEndpoint: Hashable, Sendable {
    var name: String
    var environment: String
    var status: String
    var version: Int
    var instances: String

    /// A deterministic sample of `count` endpoints (some names wide or long, to exercise clipping).
    static func sample(count: Int) -> [DemoEndpoint] {
        let environments = ["dev", "preprod", "prod"]
        let statuses = ["InService", "InService", "Updating", "InService", "Failed"]
        let models = ["fraud-detector", "churn-model", "recommender", "ranker", "forecast", "模型-推理"]
        return (0..<count).map { index in
            DemoEndpoint(
                name: "\(models[index % models.count])-\(index + 1)",
                environment: environments[index % environments.count],
                status: statuses[index % statuses.count],
                version: 3 + (index * 7) % 40,
                instances: "ml.m5.xlarge × \(1 + index % 4)")
        }
    }
}
