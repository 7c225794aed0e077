import Foundation

/// An EventBridge rule that fires on "SageMaker Model Package State Change", with its pattern and targets; one that
/// does not filter on `ModelApprovalStatus: Approved` fires on every new, unapproved version, and is flagged.
public struct TriggerRule: Sendable, Equatable, Codable {
    /// Where it lives (`registry`, or the environment's name).
    public var account: String
    /// The rule name.
    public var name: String
    /// `ENABLED` / `DISABLED`.
    public var state: String?
    /// The event pattern, as EventBridge stores it (raw JSON text).
    public var pattern: String
    /// The targets' ARNs.
    public var targets: [String]
    /// Why the rule is unsafe, `nil` when it filters on Approved.
    public var warning: String?

    /// Creates a rule; `warning` is worked out from the pattern.
    public init(account: String, name: String, state: String?, pattern: String, targets: [String]) {
        self.account = account
        self.name = name
        self.state = state
        self.pattern = pattern
        self.targets = targets
        self.warning =
            Self.filtersApproved(pattern)
            ? nil
            : "does not filter on ModelApprovalStatus: Approved: it fires on every new, unapproved version"
    }

    /// The Lambda functions among the targets (their names).
    public var lambdaFunctions: [String] {
        targets.compactMap { arn in
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 7, parts[2] == "lambda", parts[5] == "function" else { return nil }
            return String(parts[6])
        }
    }

    /// Whether a pattern matches SageMaker's model package state changes (its `detail-type`, or any event of
    /// `aws.sagemaker` when it names no detail-type).
    public static func matchesPackageStateChange(_ pattern: String) -> Bool {
        guard let object = json(pattern) else { return false }
        let detailTypes = strings(object["detail-type"])
        if !detailTypes.isEmpty { return detailTypes.contains("SageMaker Model Package State Change") }
        return strings(object["source"]).contains("aws.sagemaker")
    }

    /// Whether the pattern only lets Approved packages through: `detail.ModelApprovalStatus` lists exactly
    /// `Approved` (an anything-but or a prefix does not count).
    public static func filtersApproved(_ pattern: String) -> Bool {
        guard let object = json(pattern), let detail = object["detail"] as? [String: Any] else { return false }
        guard let values = detail["ModelApprovalStatus"] as? [Any], !values.isEmpty else { return false }
        return values.allSatisfy { ($0 as? String) == "Approved" }
    }

    private static func json(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    private static func strings(_ value: Any?) -> [String] {
        if let list = value as? [Any] { return list.compactMap { $0 as? String } }
        if let text = value as? String { return [text] }
        return []
    }
}
