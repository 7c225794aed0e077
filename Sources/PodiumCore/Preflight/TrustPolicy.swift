import Foundation

/// An IAM role's trust policy, read only as far as preflight needs: may a service principal assume the role?
public struct TrustPolicy: Sendable, Equatable {
    /// One statement's effect, service principals and actions.
    struct Statement: Sendable, Equatable {
        var allow: Bool
        var services: [String]
        var anyPrincipal: Bool
        var actions: [String]
    }

    let statements: [Statement]

    /// Parses the JSON text of a policy document; `nil` when it is not a JSON object.
    public init?(json: String) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else {
            return nil
        }
        let raw: [[String: Any]]
        if let list = object["Statement"] as? [[String: Any]] {
            raw = list
        } else if let one = object["Statement"] as? [String: Any] {
            raw = [one]
        } else {
            raw = []
        }
        statements = raw.map { statement in
            let principal = statement["Principal"]
            let services = Self.strings((principal as? [String: Any])?["Service"])
            return Statement(
                allow: (statement["Effect"] as? String) == "Allow", services: services,
                anyPrincipal: (principal as? String) == "*"
                    || Self.strings((principal as? [String: Any])?["AWS"]) == ["*"],
                actions: Self.strings(statement["Action"]))
        }
    }

    /// Whether `service` (`sagemaker.amazonaws.com`) may call `sts:AssumeRole` on the role: an Allow statement
    /// names it (or any principal) for that action, and no Deny statement takes it away.
    public func trusts(service: String) -> Bool {
        func matches(_ statement: Statement) -> Bool {
            let principal = statement.anyPrincipal || statement.services.contains(service)
            let action = statement.actions.contains {
                ["sts:assumerole", "sts:*", "*"].contains($0.lowercased())
            }
            return principal && action
        }
        return statements.contains { $0.allow && matches($0) } && !statements.contains { !$0.allow && matches($0) }
    }

    private static func strings(_ value: Any?) -> [String] {
        if let one = value as? String { return [one] }
        return value as? [String] ?? []
    }
}
