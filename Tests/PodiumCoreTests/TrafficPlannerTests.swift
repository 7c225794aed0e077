import Foundation
import Testing

@testable import PodiumCore

/// The pure traffic planner: shifts, retirements and every refusal.
@Suite struct TrafficPlannerTests {
    static func variant(
        _ name: String, _ weight: Double?, role: EndpointVariant.Role = .production, version: Int = 3
    ) -> EndpointVariant {
        var variant = EndpointVariant(name: name, role: role)
        variant.currentWeight = weight
        variant.desiredWeight = weight
        variant.modelName = "m-\(name)"
        variant.group = "churn"
        variant.version = version
        variant.instanceType = "ml.m5.large"
        variant.currentInstanceCount = 1
        return variant
    }

    static let twoVariants = EndpointVariants(
        environment: "dev", endpoint: "churn-dev", status: .inService, endpointConfigName: "churn-dev-ab",
        variants: [variant("champion", 90), variant("challenger", 10, version: 4)])
    static let dev = EnvironmentConfig(name: "dev", region: "us-east-1")

    @Test func shiftTo5050() {
        let plan = TrafficPlanner.shift(
            Self.twoVariants, requested: [("champion", 50), ("challenger", 50)], environment: Self.dev,
            readOnly: false)
        #expect(plan.isAllowed && !plan.isNoOp)
        #expect(
            plan.changes.map(\.line) == [
                "champion 90 → 50 (90% → 50% of requests)", "challenger 10 → 50 (10% → 50% of requests)",
            ])
        #expect(
            plan.steps.map(\.line) == [
                "UpdateEndpointWeightsAndCapacities churn-dev (champion=50, challenger=50)",
                "DescribeEndpoint churn-dev (poll until InService with the weights current)",
            ])
    }

    @Test func shiftingOneVariantKeepsTheOthers() {
        let plan = TrafficPlanner.shift(
            Self.twoVariants, requested: [("champion", 0)], environment: Self.dev, readOnly: false)
        #expect(plan.isAllowed)
        #expect(plan.changes.map(\.toPercent) == [0, 100])
        #expect(plan.warnings == ["champion will serve no requests (it keeps its instances until retired)"])
        #expect(plan.steps.first?.detail == "champion=0")
    }

    @Test func badWeightsAreRefused() {
        let cases: [([(variant: String, weight: Double)], String)] = [
            ([("champion", 0), ("challenger", 0)], "every production variant would get weight 0"),
            ([("nope", 10)], "churn-dev has no variant nope (it has champion, challenger)"),
            ([("champion", 10), ("champion", 20)], "champion is given twice"),
            ([("champion", -1)], "must be a number of 0 or more"),
            ([], "give at least one --set"),
        ]
        for (requested, message) in cases {
            let plan = TrafficPlanner.shift(
                Self.twoVariants, requested: requested, environment: Self.dev, readOnly: false)
            #expect(!plan.isAllowed)
            #expect(plan.blockers.contains { $0.contains(message) }, "\(plan.blockers)")
        }
    }

    @Test func readOnlyAndBusyEndpointsAreRefused() {
        var readOnly = Self.dev
        readOnly.readOnly = true
        let plan = TrafficPlanner.shift(
            Self.twoVariants, requested: [("champion", 50)], environment: readOnly, readOnly: false)
        #expect(plan.blockers == ["dev is read-only: podium changes nothing there"])
        var busy = Self.twoVariants
        busy.status = .updating
        let busyPlan = TrafficPlanner.shift(busy, requested: [("champion", 50)], environment: Self.dev, readOnly: true)
        #expect(
            busyPlan.blockers == [
                "dev is read-only: podium changes nothing there",
                "churn-dev is Updating, not InService: wait until its change finishes",
            ])
    }

    @Test func sameWeightsAreANoOp() {
        let plan = TrafficPlanner.shift(
            Self.twoVariants, requested: [("champion", 90)], environment: Self.dev, readOnly: false)
        #expect(plan.isAllowed && plan.isNoOp && plan.steps.isEmpty)
        #expect(plan.warnings == ["the weights are already as asked: nothing to change"])
    }

    @Test func shadowSampling() {
        let shadowed = EndpointVariants(
            environment: "dev", endpoint: "fraud-dev", status: .inService, endpointConfigName: "c",
            variants: [Self.variant("AllTraffic", 1), Self.variant("shadow", 0.2, role: .shadow)])
        #expect(shadowed.samplingPercent(of: "shadow") == 20)
        #expect(shadowed.trafficPercent(of: "AllTraffic") == 100)
        let plan = TrafficPlanner.shift(shadowed, requested: [("shadow", 0.5)], environment: Self.dev, readOnly: false)
        #expect(plan.changes.last?.line == "shadow (shadow) 0.2 → 0.5 (samples 20% → 50%)")
    }

    @Test func missingWeightsCountAsSageMakersDefault() {
        let lone = EndpointVariants(
            environment: "dev", endpoint: "e", status: .inService, variants: [Self.variant("AllTraffic", nil)])
        #expect(lone.trafficPercent(of: "AllTraffic") == 100)
        #expect(lone.heaviest?.name == "AllTraffic")
    }

    @Test func retire() {
        let plan = TrafficPlanner.retire(Self.twoVariants, variant: "champion", environment: Self.dev, readOnly: false)
        #expect(plan.isAllowed)
        let config = try? #require(plan.newEndpointConfig)
        #expect(config?.hasPrefix("churn-dev-r-") == true && (config?.count ?? 99) <= 63)
        #expect(plan.steps.map(\.operation) == ["CreateEndpointConfig", "UpdateEndpoint", "DescribeEndpoint"])
        #expect(plan.changes.map(\.line) == ["challenger 10 → 10 (10% → 100% of requests)"])
        #expect(plan.warnings.first?.hasPrefix("champion still serves 90% of requests") == true)
        // deterministic, so an interrupted retire re-run finds its config
        #expect(
            TrafficPlanner.retire(Self.twoVariants, variant: "champion", environment: Self.dev, readOnly: false)
                .newEndpointConfig == config)
    }

    @Test func retireRefusals() {
        let lone = EndpointVariants(
            environment: "dev", endpoint: "e", status: .inService, variants: [Self.variant("AllTraffic", 1)])
        #expect(
            TrafficPlanner.retire(lone, variant: "AllTraffic", environment: Self.dev, readOnly: false).blockers == [
                "AllTraffic is the only production variant of e: it cannot be retired"
            ])
        #expect(
            TrafficPlanner.retire(lone, variant: "x", environment: Self.dev, readOnly: false).blockers == [
                "e has no variant x (it has AllTraffic)"
            ])
    }
}
