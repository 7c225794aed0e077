import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// The endpoint-level metrics of an endpoint with production variants are their aggregate; the queries stay one
/// call's worth, with nothing read twice.
@Suite struct VariantHealthAggregationTests {
    typealias Load = VariantHealthFixture.Load

    @Test func productionVariantsAddUpAndWeighLatencyByInvocations() throws {
        var world = VariantHealthFixture([("champion", .production), ("challenger", .production), ("shadow", .shadow)])
        world.put(
            Load(invocations: 900, e5: 0, e4: 9, latencyMs: 40, p99Ms: 60, overheadMs: 2, cpu: 30, memory: 50),
            variant: 0)
        world.put(
            Load(invocations: 100, e5: 12, e4: 1, latencyMs: 80, p99Ms: 200, overheadMs: 12, cpu: 70, memory: 40),
            variant: 1)
        // The shadow's copies are not callers' requests: none of its values reach the totals.
        world.put(
            Load(invocations: 500, e5: 500, latencyMs: 900, p99Ms: 5000, overheadMs: 90, cpu: 99, memory: 99),
            variant: 2)
        let r = world.metrics.endpoint.recent
        #expect(r.invocationsPerMinute == 1000)
        #expect(abs((r.error5xxPercent ?? 0) - 1.2) < 1e-9)
        #expect(abs((r.error4xxPercent ?? 0) - 1.0) < 1e-9)
        #expect(abs((r.latencyAvgMs ?? 0) - 44) < 1e-9)  // (40 × 900 + 80 × 100) / 1000
        #expect(abs((r.overheadLatencyMs ?? 0) - 3) < 1e-9)  // (2 × 900 + 12 × 100) / 1000
        #expect(r.latencyP99Ms == 200)  // the worst variant's: an upper bound
        #expect(r.cpuPercent == 70)
        #expect(r.memoryPercent == 50)
        let series = world.metrics.endpoint.invocations
        #expect(series.map(\.value) == [1000, 1000, 1000, 1000, 1000])
        #expect(series.map(\.time) == VariantHealthFixture.minutes.sorted())
    }

    @Test func aMinuteWithoutInvocationsAveragesLatencyPlainly() {
        let t = VariantHealthFixture.now
        let combined = MetricQueryPlan.combine(
            [[t: 10], [t: 30]], how: .weightedByInvocations, invocations: [[t: 0], [:]])
        #expect(combined == [t: 20])
        let weighted = MetricQueryPlan.combine(
            [[t: 10], [t: 30]], how: .weightedByInvocations, invocations: [[t: 3], [t: 1]])
        #expect(weighted == [t: 15])
    }

    @Test func aVariantEndpointHasNoEndpointLevelQueriesAndAPlainOneItsRealVariantName() throws {
        let ab = VariantHealthFixture([("champion", .production), ("challenger", .production)]).deployment
        var plain = VariantHealthFixture([], configVariant: "AllTraffic").deployment
        plain.productionVariantName = "blue"  // what DescribeEndpoint reported
        let unread = VariantHealthFixture([]).deployment  // not described: the config's name
        let queries = MetricQueryPlan.queries(for: [ab, plain, unread])
        #expect(queries.map(\.id).filter { $0.hasPrefix("m0_") }.isEmpty)
        #expect(queries.count == 16)
        #expect(VariantHealthFixture.variantNames(in: queries, prefix: "m1_") == ["blue"])
        #expect(VariantHealthFixture.variantNames(in: queries, prefix: "m2_") == ["AllTraffic"])
        // Every query of both kinds fits the 500-per-call batching; 8 per variant replace the endpoint's 8.
        let all = queries + MetricQueryPlan.variantQueries(for: [ab, plain, unread])
        #expect(all.count == 32)
        #expect(Set(all.map(\.id)).count == all.count)
        let many = (0..<63).map { _ in plain }
        #expect(MetricQueryPlan.batches(MetricQueryPlan.queries(for: many)).map(\.count) == [500, 4])
    }
}
