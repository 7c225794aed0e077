import AWSCore
import Foundation
import Testing

@testable import PodiumCore

@Suite struct HealthEvaluatorTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let spec = EndpointSpec(name: "churn-prod", modelPackageGroup: "churn", instanceType: "ml.m5.large")

    func deployment(_ status: String = "InService", reason: String? = nil) -> EndpointDeployment {
        var d = EndpointDeployment(environment: "prod", spec: spec, exists: true)
        d.status = EndpointStatus(rawValue: status)
        d.failureReason = reason
        return d
    }

    /// Metrics with `invocations`, `e5`, `e4` per minute and model latency p99 in microseconds, over 5 minutes.
    func metrics(invocations: Double, e5: Double = 0, e4: Double = 0, p99Micros: Double = 50_000) -> EndpointMetrics {
        let minutes = (1...5).map { now.addingTimeInterval(Double(-60 * $0)) }
        func series(_ kind: MetricQueryPlan.Kind, _ value: Double) -> MetricDataResult {
            MetricDataResult(
                id: MetricQueryPlan.queryId(endpoint: 0, kind: kind), timestamps: minutes,
                values: minutes.map { _ in value })
        }
        let results = [
            series(.invocations, invocations), series(.errors5xx, e5), series(.errors4xx, e4),
            series(.latencyP99, p99Micros), series(.latencyAvg, 20_000),
        ]
        return MetricQueryPlan.metrics(
            from: results, endpointCount: 1, now: now, evaluationPeriod: HealthEvaluator.evaluationPeriod)[0]
    }

    func evaluate(
        _ d: EndpointDeployment, _ m: EndpointMetrics, alarms: [AlarmState] = [],
        thresholds: HealthThresholds = .defaults
    ) -> (HealthLevel, [String], Bool) {
        let v = HealthEvaluator.evaluate(deployment: d, metrics: m, alarms: alarms, thresholds: thresholds)
        return (v.level, v.reasons, v.isDeploying)
    }

    @Test func okWithinThresholds() {
        let (level, reasons, deploying) = evaluate(deployment(), metrics(invocations: 1000, e5: 1))
        #expect(level == .ok)
        #expect(reasons.isEmpty)
        #expect(!deploying)
    }

    @Test func fiveXXRateCriticalWithHumanReason() {
        let m = metrics(invocations: 1000, e5: 72)
        #expect(abs((m.recent.error5xxPercent ?? 0) - 7.2) < 1e-9)
        let (level, reasons, _) = evaluate(deployment(), m)
        #expect(level == .critical)
        #expect(reasons == ["5xx 7.2% >= 5%"])
    }

    @Test func warnLevelsAndLatency() {
        var thresholds = HealthThresholds.defaults
        thresholds.latencyP99Ms = ThresholdPair(warn: 300, critical: 1000)
        let (level, reasons, _) = evaluate(
            deployment(), metrics(invocations: 100, e5: 2, e4: 6, p99Micros: 450_000), thresholds: thresholds)
        #expect(level == .warn)
        #expect(reasons == ["5xx 2% >= 1%", "4xx 6% >= 5%", "p99 450ms >= 300ms"])
    }

    @Test func alarmsAndStatuses() {
        let firing = evaluate(
            deployment(), metrics(invocations: 10), alarms: [AlarmState(name: "churn-prod-5xx", state: "ALARM")])
        #expect(firing.0 == .critical)
        #expect(firing.1 == ["alarm churn-prod-5xx ALARM"])
        #expect(evaluate(deployment("RollingBack"), metrics(invocations: 10)).0 == .critical)
        let failed = evaluate(deployment("Failed", reason: "image pull failed"), metrics(invocations: 10))
        #expect(failed.0 == .critical)
        #expect(failed.1.first == "endpoint Failed: image pull failed")
        let updating = evaluate(deployment("Updating"), metrics(invocations: 10))
        #expect(updating.0 == .ok)
        #expect(updating.2)
        #expect(updating.1 == ["deploying (Updating)"])
    }

    @Test func noDataIsUnknown() {
        let (level, reasons, _) = evaluate(deployment(), EndpointMetrics())
        #expect(level == .unknown)
        #expect(reasons == ["no metrics"])
        let idle = evaluate(deployment(), metrics(invocations: 0))
        #expect(idle.0 == .unknown)
        #expect(idle.1 == ["no invocations in the last 5m"])
        let missing = EndpointDeployment(environment: "prod", spec: spec, exists: false)
        #expect(evaluate(missing, EndpointMetrics()).1 == ["not deployed"])
    }
}

@Suite struct MetricQueryPlanTests {
    @Test func eightQueriesPerEndpointInOneBatchUpTo62() {
        let specs = (0..<62).map { EndpointSpec(name: "e\($0)", modelPackageGroup: "g", instanceType: "ml.m5.large") }
        let queries = MetricQueryPlan.queries(for: specs)
        #expect(queries.count == 496)
        #expect(MetricQueryPlan.batches(queries).count == 1)
        #expect(Set(queries.map(\.id)).count == 496)
        #expect(queries.allSatisfy { $0.id.range(of: "^[a-z][a-zA-Z0-9_]*$", options: .regularExpression) != nil })
        let p99 = queries.first { $0.id == "m0_p99" }
        #expect(p99?.metricStat?.stat == "p99")
        #expect(p99?.metricStat?.metric.metricName == "ModelLatency")
        #expect(
            p99?.metricStat?.metric.dimensions == [
                Dimension(name: "EndpointName", value: "e0"), Dimension(name: "VariantName", value: "AllTraffic"),
            ])
        #expect(queries.first { $0.id == "m0_cpu" }?.metricStat?.metric.namespace == "/aws/sagemaker/Endpoints")
        let more = specs + [EndpointSpec(name: "x", modelPackageGroup: "g", instanceType: "ml.m5.large")]
        #expect(MetricQueryPlan.batches(MetricQueryPlan.queries(for: more)).map(\.count) == [500, 4])
    }

    @Test func ratesArePerMinuteErrorsOverInvocations() {
        let t0 = Date(timeIntervalSince1970: 0)
        let t1 = t0.addingTimeInterval(60)
        let rates = MetricQueryPlan.rates(
            errors: [MetricPoint(time: t0, value: 5)],
            invocations: [MetricPoint(time: t0, value: 50), MetricPoint(time: t1, value: 0)])
        #expect(rates == [MetricPoint(time: t0, value: 10)])
    }
}
