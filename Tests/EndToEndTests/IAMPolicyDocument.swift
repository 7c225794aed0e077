import Foundation
import PodiumTestSupport

/// One shipped IAM policy, `config/iam/podium-<name>.json`, and its translation for moto's IAM enforcement.
struct IAMPolicyDocument: Sendable {
    /// The policies podium ships, in the order a promotion path needs them.
    static let names = ["readonly", "approver", "promoter"]

    /// `readonly`, `approver` or `promoter`.
    let name: String
    /// The file's bytes (parsed on use: `[String: Any]` is not `Sendable`).
    private let data: Data

    /// Reads `config/iam/podium-<name>.json`.
    static func load(_ name: String) throws -> IAMPolicyDocument {
        let url = repoRoot.appendingPathComponent("config/iam/podium-\(name).json")
        return IAMPolicyDocument(name: name, data: try Data(contentsOf: url))
    }

    /// The statements as JSON objects.
    var statements: [[String: Any]] {
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        return object?["Statement"] as? [[String: Any]] ?? []
    }

    /// Every action of every `Allow` statement, in file order, each once.
    var allowedActions: [String] {
        var seen = Set<String>()
        return statements.filter { $0["Effect"] as? String == "Allow" }
            .flatMap { Self.strings($0["Action"]) }
            .filter { seen.insert($0).inserted }
    }

    /// The policy as moto 5.2.1 can enforce it, without `action` (taken out of every statement) when given.
    ///
    /// moto differs from AWS in three ways, so the shipped text cannot be used as is:
    /// - it checks CloudWatch under its signing name: `cloudwatch:GetMetricData` is asked as
    ///   `monitoring:GetMetricData`, so the prefix is renamed;
    /// - it checks every non-S3 action against the resource `*`, so a statement scoped to ARNs never matches:
    ///   `Resource` becomes `*` (S3 actions are checked against `arn:aws:s3:::bucket/key`, so S3 statements keep
    ///   their ARNs and are checked as shipped);
    /// - it evaluates a `Condition` only against the few request values it collects (none for these calls), and
    ///   a condition it cannot satisfy makes the statement deny outright: conditions are dropped.
    /// What this loses (the ARN scopes and the conditions) is checked by `IAMPolicyStaticTests`.
    func translatedForMoto(removing action: String? = nil) -> [String: Any] {
        var translated: [[String: Any]] = []
        for statement in statements {
            let actions = Self.strings(statement["Action"]).filter { $0 != action }
            guard !actions.isEmpty else { continue }
            let isS3 = actions.allSatisfy { $0.hasPrefix("s3:") }
            translated.append([
                "Sid": statement["Sid"] as? String ?? "",
                "Effect": statement["Effect"] as? String ?? "Allow",
                "Action": actions.map { Self.motoAction($0) },
                "Resource": isS3 ? (statement["Resource"] ?? "*") : "*",
            ])
        }
        return ["Version": "2012-10-17", "Statement": translated]
    }

    /// The name moto checks an action under (`cloudwatch:X` → `monitoring:X`).
    static func motoAction(_ action: String) -> String {
        action.hasPrefix("cloudwatch:") ? "monitoring:" + action.dropFirst("cloudwatch:".count) : action
    }

    private static func strings(_ value: Any?) -> [String] {
        if let one = value as? String { return [one] }
        return value as? [String] ?? []
    }
}
