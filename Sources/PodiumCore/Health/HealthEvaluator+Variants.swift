import Foundation

/// Each variant judged on its own: a challenger taking 10 % of requests, or a shadow, that fails must not hide
/// behind a healthy champion in the endpoint's totals.
extension HealthEvaluator {
    /// Findings for the variants judged apart from the endpoint's totals, each reason naming its variant
    /// (`challenger: 5xx 12% >= 5%`): every production variant when there are several (the totals dilute one
    /// variant's failures by the others' traffic), and every shadow variant (not in the totals at all). A lone
    /// production variant is the totals, already judged under the endpoint's own wording. A variant without
    /// traffic is no finding: a challenger at weight 0 is not trouble.
    static func judgeVariants(
        deployment: EndpointDeployment, variantMetrics: [String: EndpointMetrics], thresholds: HealthThresholds
    ) -> [(HealthLevel, String)] {
        let severalProduction = deployment.variants.filter { $0.role == .production }.count > 1
        var findings: [(HealthLevel, String)] = []
        let minutes = DurationFormat.seconds(evaluationPeriod) / 60
        for variant in deployment.variants where variant.role == .shadow || severalProduction {
            guard let recent = variantMetrics[variant.name]?.recent else { continue }
            var own: [(HealthLevel, String)] = []
            judge(recent, thresholds, prefix: "\(variant.name): ", into: &own)
            // A variant at a small weight may see a handful of requests: one 5xx of two is 50 %. Below
            // `fewRequests` in the period its findings are shown, but at most as a warning.
            let requests = (recent.invocationsPerMinute ?? 0) * minutes
            if requests < Double(fewRequests) {
                let note = " (\(Int(requests.rounded())) requests in \(Int(minutes))m)"
                own = own.map { (min($0.0, .warn), $0.1 + note) }
            }
            findings += own
        }
        return findings
    }

    /// Fewer requests than this in the evaluation period make a variant's own findings a warning at most.
    static let fewRequests = 20

    /// `variant blue on the endpoint, AllTraffic in the config` when a plain endpoint's one production variant has
    /// another name than the config's (a stack that named it itself): its metrics are read under the real name, and
    /// the operator learns why the config's name shows nothing in CloudWatch.
    static func variantNameMismatch(_ deployment: EndpointDeployment) -> String? {
        guard deployment.variants.isEmpty, let real = deployment.productionVariantName, real != deployment.spec.variant
        else { return nil }
        return "variant \(real) on the endpoint, \(deployment.spec.variant) in the config"
    }
}
