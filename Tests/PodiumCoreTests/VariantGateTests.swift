import Foundation
import Testing

@testable import PodiumCore

/// The promotion gate on an endpoint with several variants judges the version on its own variant: a failing
/// challenger or shadow beside it is not the version's trouble, and a version that runs as a challenger with
/// traffic counts as running there.
@Suite struct VariantGateTests {
    static let gate = GateConfig(requires: "dev", healthyFor: .seconds(600))

    static func dev() throws -> EnvironmentConfig {
        let config = try ConfigParser.parse(
            yaml: """
                environments:
                  - name: dev
                    region: us-east-1
                    endpoints:
                      - { name: churn-ab, model_package_group: churn, instance_type: ml.m5.large }
                """, file: "test.yaml")
        return try #require(config.environment(named: "dev"))
    }

    /// dev's churn-ab: champion v1 (weight 90) and `second` running v2, live for an hour; `load` per variant.
    static func evidence(
        second: (String, EndpointVariant.Role) = ("challenger", .production),
        loads: [VariantHealthFixture.Load]
    ) -> EnvironmentHealth {
        var fixture = VariantHealthFixture([("champion", .production), second])
        fixture.deployment.environment = "dev"
        fixture.deployment.group = "churn"
        fixture.deployment.version = 1
        fixture.deployment.lastModified = VariantHealthFixture.now.addingTimeInterval(-3600)
        for (index, version) in [1, 2].enumerated() {
            fixture.deployment.variants[index].group = "churn"
            fixture.deployment.variants[index].version = version
            fixture.deployment.variants[index].currentWeight = index == 0 ? 90 : 10
        }
        for (index, load) in loads.enumerated() { fixture.put(load, variant: index) }
        let metrics = fixture.metrics
        let verdict = fixture.verdict()
        var health = EndpointHealth(
            environment: "dev", deployment: fixture.deployment, level: verdict.level, reasons: verdict.reasons,
            isDeploying: false, metrics: metrics.endpoint, alarms: [])
        health.variantMetrics = metrics.variants
        return EnvironmentHealth(
            environment: "dev", fetchedAt: VariantHealthFixture.now, endpoints: [health], errors: [])
    }

    static func gate(version: Int, _ evidence: EnvironmentHealth) throws -> GateStatus {
        GateEvaluator.evaluate(
            gate: gate, required: try dev(), group: "churn", version: version, evidence: evidence,
            now: VariantHealthFixture.now)
    }

    @Test("a failing challenger makes its endpoint critical but does not hold back the champion's version")
    func failingChallengerBlocksOnlyItsOwnVersion() throws {
        let evidence = Self.evidence(loads: [.init(invocations: 900), .init(invocations: 100, e5: 12)])
        #expect(evidence.endpoints[0].level == .critical)
        let champion = try Self.gate(version: 1, evidence)
        #expect(champion.isMet, "\(champion.reasons)")
        let challenger = try Self.gate(version: 2, evidence)
        #expect(!challenger.isMet)
        #expect(challenger.reasons.contains { $0.contains("challenger (v2): 5xx 12% >= 5%") }, "\(challenger.reasons)")
    }

    @Test("a healthy challenger with traffic counts as running its version there")
    func healthyChallengerCountsForItsVersion() throws {
        let evidence = Self.evidence(loads: [.init(invocations: 900), .init(invocations: 100)])
        let challenger = try Self.gate(version: 2, evidence)
        #expect(challenger.isMet, "\(challenger.reasons)")
    }

    @Test("a failing shadow does not hold back the production version; a shadow's version is not running there")
    func failingShadowIsNotTheVersionsTrouble() throws {
        let evidence = Self.evidence(
            second: ("shadow", .shadow), loads: [.init(invocations: 900), .init(invocations: 100, e5: 50)])
        #expect(evidence.endpoints[0].level == .critical)
        #expect(try Self.gate(version: 1, evidence).isMet)
        let shadow = try Self.gate(version: 2, evidence)
        #expect(!shadow.isMet)
        #expect(shadow.reasons.first?.contains("is not deployed in dev") == true, "\(shadow.reasons)")
    }
}
