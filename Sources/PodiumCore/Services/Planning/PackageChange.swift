import Foundation

/// The package change a stack or pipeline plan makes, written into its trigger step as `package OLD → NEW`, so
/// that a later rollback can read from the audit log which ARN ran before (CloudFormation and SSM keep no
/// history podium could ask for the stack's parameter).
public struct PackageChange: Sendable, Equatable {
    /// The ARN before (`none` when unknown).
    public var old: String
    /// The ARN after.
    public var new: String

    /// Creates a change.
    public init(old: String, new: String) {
        self.old = old
        self.new = new
    }

    /// `package OLD → NEW`, the form `parse` reads.
    public var text: String { "package \(old) → \(new)" }

    /// The change named in a plan line, if the line has one.
    public static func parse(_ line: String) -> PackageChange? {
        guard let range = line.range(of: "package ") else { return nil }
        let words = line[range.upperBound...].split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 3, words[1] == "→" else { return nil }
        let new = words[2].trimmingCharacters(in: CharacterSet(charactersIn: ";,)"))
        return PackageChange(old: String(words[0]), new: new)
    }

    /// The ARN before the change that set `current`: the newest successful promote or rollback of the endpoint
    /// whose plan moved the package to `current`, read from the audit records (oldest first, as the log stores
    /// them). `nil` when the log has none, or it moved from nothing.
    public static func previous(
        to current: String, environment: String, endpoint: String, records: [AuditRecord]
    ) -> String? {
        for record in records.reversed()
        where record.environment == environment && record.target == endpoint && record.outcome == .success
            && (record.action == .promote || record.action == .rollback)
        {
            for line in record.plan {
                if let change = parse(line), change.new == current {
                    return change.old == "none" ? nil : change.old
                }
            }
        }
        return nil
    }
}
