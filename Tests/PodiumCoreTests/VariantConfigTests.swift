import Foundation
import Testing

@testable import PodiumCore

/// `variants:` in the config (issue 15): the forms, and each refusal with its line.
@Suite struct VariantConfigTests {
    static func yaml(strategy: String = "strategy: all_at_once", endpoint: String) -> String {
        """
        environments:
          - name: dev
            region: us-east-1
            deployment: { \(strategy) }
            endpoints:
        \(endpoint)
        """
    }

    static let championChallenger = """
              - name: churn-dev
                model_package_group: churn
                variants:
                  - { name: champion, weight: 90, instance_type: ml.m5.large, instance_count: 2 }
                  - { name: challenger, weight: 10, instance_type: ml.m5.xlarge }
        """

    static let serverless = """
              - name: forecast-dev
                model_package_group: demand-forecast
                variants:
                  - { name: AllTraffic, serverless: { memory_mb: 2048, max_concurrency: 5 } }
        """

    func issues(_ yaml: String) -> [ConfigIssue] {
        do {
            _ = try ConfigParser.parse(yaml: yaml, file: "podium.yaml")
            return []
        } catch let error as ConfigError {
            return error.issues
        } catch {
            return [ConfigIssue(file: "?", line: 0, column: 0, message: "\(error)")]
        }
    }

    @Test func championAndChallenger() throws {
        let config = try ConfigParser.parse(yaml: Self.yaml(endpoint: Self.championChallenger), file: "podium.yaml")
        let spec = try #require(config.environments.first?.endpoints.first)
        #expect(
            spec.variants == [
                VariantSpec(name: "champion", weight: 90, capacity: .instances(type: "ml.m5.large", count: 2)),
                VariantSpec(name: "challenger", weight: 10, capacity: .instances(type: "ml.m5.xlarge", count: 1)),
            ])
        // the single-variant fields describe the heaviest variant, for code that knows one variant
        #expect(spec.variant == "champion" && spec.instanceType == "ml.m5.large" && spec.instanceCount == 2)
        #expect(!spec.isServerless)
        #expect(
            spec.configuredVariants.map(\.summary) == ["champion 90 ml.m5.large × 2", "challenger 10 ml.m5.xlarge × 1"])
    }

    @Test func serverlessVariant() throws {
        let config = try ConfigParser.parse(yaml: Self.yaml(endpoint: Self.serverless), file: "podium.yaml")
        let spec = try #require(config.environments.first?.endpoints.first)
        #expect(spec.variants.first?.capacity == .serverless(ServerlessSettings(memoryMB: 2048, maxConcurrency: 5)))
        #expect(spec.isServerless && spec.variant == "AllTraffic" && spec.instanceType.isEmpty)
        #expect(spec.variants.first?.weight == 1)
    }

    @Test func theShortFormIsOneConfiguredVariant() throws {
        let short =
            "      - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large, instance_count: 3 }"
        let config = try ConfigParser.parse(yaml: Self.yaml(endpoint: short), file: "podium.yaml")
        let spec = try #require(config.environments.first?.endpoints.first)
        #expect(spec.variants.isEmpty)
        #expect(
            spec.configuredVariants == [
                VariantSpec(name: "AllTraffic", capacity: .instances(type: "ml.m5.large", count: 3))
            ])
    }

    @Test(arguments: [
        ("weight: 0", "weight must be positive, found 0"),
        ("weight: -5", "weight must not be negative"),
        ("weight: lots", "weight must be a number"),
    ])
    func weightsArePositive(weight: String, message: String) {
        let endpoint = """
                  - name: churn-dev
                    model_package_group: churn
                    variants:
                      - { name: champion, \(weight), instance_type: ml.m5.large }
                      - { name: challenger, weight: 10, instance_type: ml.m5.large }
            """
        let found = issues(Self.yaml(endpoint: endpoint))
        #expect(found.count == 1)
        #expect(found.first?.message.contains(message) == true, "\(found)")
        #expect(found.first?.line == 9)
    }

    @Test func rollingExcludesMultiVariantEndpoints() {
        let rolling = "strategy: rolling, batch_percent: 25, wait: 1m"
        let found = issues(Self.yaml(strategy: rolling, endpoint: Self.championChallenger))
        #expect(found.count == 1)
        let message = found.first?.message ?? ""
        #expect(message.contains("rolling cannot update an endpoint with 2 variants (champion, challenger)"))
        #expect(message.contains("SageMaker excludes multi-variant and serverless endpoints from rolling deployments"))
        #expect(found.first?.line == 9)
    }

    @Test func rollingExcludesServerlessEndpoints() {
        let rolling = "strategy: rolling, batch_percent: 25, wait: 1m"
        let found = issues(Self.yaml(strategy: rolling, endpoint: Self.serverless))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("serverless variant AllTraffic") == true, "\(found)")
        // canary and linear are allowed with several variants
        let canary = "strategy: canary, canary_percent: 10, wait: 5m"
        #expect(issues(Self.yaml(strategy: canary, endpoint: Self.championChallenger)).isEmpty)
    }

    @Test func malformedVariantsAreReportedWithTheirLines() {
        let endpoint = """
                  - name: churn-dev
                    model_package_group: churn
                    instance_type: ml.m5.large
                    variants:
                      - { name: a, instance_type: ml.m5.large, serverless: { memory_mb: 2048, max_concurrency: 5 } }
                      - { name: a, instance_type: ml.m5.large }
                      - { name: b }
                      - { name: c, serverless: { memory_mb: 1000, max_concurrency: 5 } }
                      - { name: d, serverless: { memory_mb: 1024, max_concurrency: 500 } }
                      - { name: e_f, instance_type: ml.m5.large }
                      - { name: g, instance_type: m5.large }
                      - { name: h, serverless: { memory_mb: 1024, max_concurrency: 1 }, instance_count: 2 }
            """
        let found = issues(Self.yaml(endpoint: endpoint))
        let messages = found.map { "\($0.line): \($0.message)" }
        let expected = [
            "8: endpoint \"churn-dev\": \"instance_type\" cannot be combined with variants",
            "10: endpoint \"churn-dev\": variants[0] \"a\": give either instance_type or serverless, not both",
            "12: endpoint \"churn-dev\": variants[2] \"b\": needs instance_type (with instance_count) or serverless",
            "13: endpoint \"churn-dev\": variants[3] \"c\".serverless.memory_mb must be one of 1024, 2048, 3072, 4096, 5120, 6144, found 1000",
            "14: endpoint \"churn-dev\": variants[4] \"d\".serverless.max_concurrency must be between 1 and 200, found 500",
            "15: endpoint \"churn-dev\": variants[5] \"e_f\": name must be a SageMaker variant name (letters, digits and hyphens, at most 63)",
            "16: endpoint \"churn-dev\": variants[6] \"g\": instance_type must be a SageMaker instance type such as ml.m5.large",
            "17: endpoint \"churn-dev\": variants[7] \"h\": a serverless variant has no instance_count",
        ]
        #expect(messages == expected)
    }

    @Test func duplicateVariantNames() {
        let endpoint = """
                  - name: churn-dev
                    model_package_group: churn
                    variants:
                      - { name: a, instance_type: ml.m5.large }
                      - { name: a, instance_type: ml.m5.large }
            """
        let found = issues(Self.yaml(endpoint: endpoint))
        #expect(found.map(\.message) == ["endpoint \"churn-dev\": variant \"a\" is listed twice"])
        #expect(found.first?.line == 10)
    }

    @Test func percentages() {
        #expect(VariantWeights.percentages([90, 10]) == [90, 10])
        #expect(VariantWeights.percentages([1, 2]) == [33.3, 66.7])
        #expect(VariantWeights.percentages([0, 0]) == [0, 0])
        #expect(VariantWeights.format(0.5) == "0.5" && VariantWeights.format(50) == "50")
    }
}
