import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// Each variant judged on its own: a failing challenger or shadow makes the endpoint as bad, named; a plain
/// endpoint keeps its wording; a variant named otherwise than the config is read and said.
@Suite struct VariantHealthVerdictTests {
    typealias Load = VariantHealthFixture.Load

    @Test func aFailingChallengerAtTenPercentMakesTheEndpointCritical() {
        var world = VariantHealthFixture([("champion", .production), ("challenger", .production)])
        world.put(Load(invocations: 900), variant: 0)
        world.put(Load(invocations: 100, e5: 12), variant: 1)
        let verdict = world.verdict()
        #expect(verdict.level == .critical)
        #expect(verdict.reasons == ["challenger: 5xx 12% >= 5%", "5xx 1.2% >= 1%"])
    }

    @Test func aChallengerWithAHandfulOfRequestsIsAWarningAtMost() {
        var world = VariantHealthFixture([("champion", .production), ("challenger", .production)])
        world.put(Load(invocations: 900), variant: 0)
        // Two requests in five minutes, one of them a 5xx: 50 %, but not enough to call the endpoint critical.
        world.put(Load(invocations: 0.4, e5: 0.2), variant: 1)
        let verdict = world.verdict()
        #expect(verdict.level == .warn)
        #expect(verdict.reasons == ["challenger: 5xx 50% >= 5% (2 requests in 5m)"])
    }

    @Test func aFailingShadowIsJudgedThoughNotInTheTotals() {
        var world = VariantHealthFixture([("AllTraffic", .production), ("shadow", .shadow)])
        world.put(Load(invocations: 1000, e5: 1), variant: 0)
        world.put(Load(invocations: 200, e5: 40, p99Ms: 900), variant: 1)
        var thresholds = HealthThresholds.defaults
        thresholds.latencyP99Ms = ThresholdPair(warn: 300, critical: 1000)
        let verdict = world.verdict(thresholds: thresholds)
        #expect(world.metrics.endpoint.recent.invocationsPerMinute == 1000)
        #expect(verdict.level == .critical)
        // The lone production variant is the totals: its 0.1% is judged once, unprefixed (and is fine).
        #expect(verdict.reasons == ["shadow: 5xx 20% >= 5%", "shadow: p99 900ms >= 300ms"])
    }

    @Test func severalProductionVariantsJudgeP99UnderTheVariantOnly() {
        var world = VariantHealthFixture([("champion", .production), ("challenger", .production)])
        world.put(Load(invocations: 900, p99Ms: 100), variant: 0)
        world.put(Load(invocations: 100, p99Ms: 450), variant: 1)
        var thresholds = HealthThresholds.defaults
        thresholds.latencyP99Ms = ThresholdPair(warn: 300, critical: 1000)
        let verdict = world.verdict(thresholds: thresholds)
        #expect(verdict.level == .warn)
        #expect(verdict.reasons == ["challenger: p99 450ms >= 300ms"])
    }

    @Test func healthyVariantsAndAnIdleChallengerAddNothing() {
        var world = VariantHealthFixture([("champion", .production), ("challenger", .production)])
        world.put(Load(invocations: 1000, e5: 2), variant: 0)  // 0.2%
        world.put(Load(invocations: 0), variant: 1)  // weight 0: no rates at all
        let verdict = world.verdict()
        #expect(verdict.level == .ok)
        #expect(verdict.reasons.isEmpty)
    }

    @Test func aSingleVariantEndpointKeepsItsWording() {
        // A serverless endpoint's one variant comes with `variants`: judged once, as before.
        var serverless = VariantHealthFixture([("AllTraffic", .production)])
        serverless.deployment.variants[0].serverless = ServerlessSettings(memoryMB: 2048, maxConcurrency: 5)
        serverless.put(Load(invocations: 1000, e5: 72), variant: 0)
        #expect(serverless.verdict().level == .critical)
        #expect(serverless.verdict().reasons == ["5xx 7.2% >= 5%"])
        // A plain endpoint (no `variants`) named as the config says: unchanged, no mismatch.
        var plain = VariantHealthFixture([]).deployment
        plain.productionVariantName = "AllTraffic"
        #expect(HealthEvaluator.variantNameMismatch(plain) == nil)
        #expect(HealthEvaluator.judgeVariants(deployment: plain, variantMetrics: [:], thresholds: .defaults).isEmpty)
    }

    @Test func aVariantNamedOtherwiseThanTheConfigIsMeasuredAndSaid() {
        var plain = VariantHealthFixture([]).deployment
        plain.productionVariantName = "blue"
        let queries = MetricQueryPlan.queries(for: [plain])
        #expect(VariantHealthFixture.variantNames(in: queries) == ["blue"])
        let minutes = VariantHealthFixture.minutes
        let results = [
            MetricDataResult(id: "m0_inv", timestamps: minutes, values: minutes.map { _ in 100 }),
            MetricDataResult(id: "m0_e5", timestamps: minutes, values: minutes.map { _ in 10 }),
        ]
        let metrics = MetricQueryPlan.metrics(
            from: results, endpointCount: 1, now: VariantHealthFixture.now,
            evaluationPeriod: HealthEvaluator.evaluationPeriod)[0]
        let verdict = HealthEvaluator.evaluate(deployment: plain, metrics: metrics, alarms: [], thresholds: .defaults)
        #expect(verdict.level == .critical)
        #expect(verdict.reasons == ["5xx 10% >= 5%", "variant blue on the endpoint, AllTraffic in the config"])
    }
}
