import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// Variant rows under an endpoint (issue 15): champion and challenger with weights moving, a shadow test with
/// its deltas, a serverless endpoint without instance counts or CPU.
@Suite("Dashboard variant rows (snapshots)")
struct VariantRowsSnapshotTests {
    static func variant(
        _ name: String, version: Int, weight: Double, desired: Double? = nil, role: EndpointVariant.Role = .production,
        serverless: ServerlessSettings? = nil
    ) -> EndpointVariant {
        var variant = EndpointVariant(name: name, role: role)
        variant.group = "churn"
        variant.version = version
        variant.currentWeight = weight
        variant.desiredWeight = desired ?? weight
        variant.serverless = serverless
        if serverless == nil {
            variant.instanceType = "ml.m5.large"
            variant.currentInstanceCount = 1
            variant.desiredInstanceCount = 1
        }
        return variant
    }

    static func metrics(invocations: [Double], e4xx: Double, e5xx: Double, p99: Double, avg: Double) -> EndpointMetrics
    {
        var metrics = EndpointMetrics()
        metrics.invocations = Fixtures.series(invocations)
        metrics.recent.invocationsPerMinute = invocations.last
        metrics.recent.error4xxPercent = e4xx
        metrics.recent.error5xxPercent = e5xx
        metrics.recent.latencyP99Ms = p99
        metrics.recent.latencyAvgMs = avg
        return metrics
    }

    /// The loaded dashboard, dev only (`:env dev`, one panel the whole width), churn-dev's record changed by `change`.
    static func state(width: Int = 120, height: Int = 34, _ change: (inout EndpointHealth) -> Void) -> ConsoleState {
        var state = Fixtures.loadedState(width: width, height: height)
        var health = Fixtures.health(state.config, env: "dev")
        change(&health.endpoints[0])
        state.focusedEnvironment = "dev"
        state.health["dev"]?.succeed(health, at: Fixtures.now)
        return state
    }

    static func lines(_ state: ConsoleState) -> [String] { Fixtures.render(state).textLines() }

    @Test("champion and challenger: one row each, current → desired weight while it moves, own metrics")
    func twoVariants() {
        let state = Self.state { record in
            record.deployment.variants = [
                Self.variant("champion", version: 3, weight: 90, desired: 50),
                Self.variant("challenger", version: 4, weight: 10, desired: 50),
            ]
            record.variantMetrics = [
                "champion": Self.metrics(invocations: [80, 85, 90, 88, 86], e4xx: 0.5, e5xx: 0.1, p99: 54, avg: 30),
                "challenger": Self.metrics(invocations: [8, 9, 10, 11, 9], e4xx: 1.2, e5xx: 6.0, p99: 71, avg: 36),
            ]
        }
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "dashboard-variants-weights")
        let text = frame.textLines()
        let champion = text.first { $0.contains("champion") } ?? ""
        let challenger = text.first { $0.contains("challenger") } ?? ""
        #expect(champion.contains("v3  90% → 50%  ml.m5.large×1"))
        #expect(champion.contains("p99 54ms"))
        #expect(challenger.contains("v4  10% → 50%"))
        #expect(challenger.contains("5xx 6.0%"))
        // The rows sit right under their endpoint, before the next one.
        let endpoint = text.firstIndex { $0.contains("churn-dev") } ?? -1
        let next = text.firstIndex { $0.contains("fraud-dev") } ?? -1
        let row = text.firstIndex { $0.contains("challenger") } ?? -1
        #expect(endpoint < row && row < next)
    }

    @Test("settled weights show one percentage")
    func settled() {
        let state = Self.state { record in
            record.deployment.variants = [
                Self.variant("champion", version: 3, weight: 1), Self.variant("challenger", version: 4, weight: 1),
            ]
        }
        let champion = Self.lines(state).first { $0.contains("champion") } ?? ""
        #expect(champion.contains("v3  50%  ml.m5.large×1"))
        #expect(!champion.contains("→"))
    }

    @Test("shadow test: sampling percentage and deltas against production")
    func shadow() {
        let state = Self.state(width: 140) { record in
            record.deployment.variants = [
                Self.variant("AllTraffic", version: 3, weight: 1),
                Self.variant("shadow", version: 4, weight: 0.2, role: .shadow),
            ]
            record.variantMetrics = [
                "AllTraffic": Self.metrics(invocations: [50, 52, 55], e4xx: 0.5, e5xx: 0.1, p99: 54, avg: 30),
                "shadow": Self.metrics(invocations: [10, 11, 11], e4xx: 0.6, e5xx: 0.1, p99: 60, avg: 33),
            ]
        }
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "dashboard-variants-shadow")
        let shadow = frame.textLines().first { $0.contains("└ shadow") } ?? ""
        #expect(shadow.contains("samples 20%"))
        #expect(
            shadow.contains("4xx 0.6% (+0.1pt) 5xx 0.1% (+0.0pt)  p99 60ms (+6ms) model 33ms (+3ms)"))
    }

    @Test("serverless: memory and concurrency, cold starts and memory; no instance count, no CPU")
    func serverless() {
        let state = Self.state { record in
            record.deployment.instanceType = nil
            record.deployment.instanceCount = 0
            record.deployment.variants = [
                Self.variant(
                    "AllTraffic", version: 4, weight: 1,
                    serverless: ServerlessSettings(memoryMB: 2048, maxConcurrency: 20))
            ]
            var metrics = Self.metrics(invocations: [5, 6, 7], e4xx: 0, e5xx: 0, p99: 120, avg: 80)
            metrics.recent.modelSetupMs = 850
            metrics.recent.memoryPercent = 41
            record.variantMetrics = ["AllTraffic": metrics]
            record.metrics.recent.cpuPercent = nil
        }
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "dashboard-variants-serverless")
        let text = frame.textLines()
        let block = text.drop { !$0.contains("churn-dev") }.prefix(4).joined(separator: "\n")
        #expect(block.contains("serverless 2048 MB · max 20"))
        #expect(block.contains("setup 850ms mem 41%"))
        #expect(!block.contains("×0"))
        #expect(!block.contains("cpu"))
    }
}
