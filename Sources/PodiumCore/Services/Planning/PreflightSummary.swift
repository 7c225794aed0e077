/// One preflight check as a plan carries it (Codable, for `--plan --json`, the plan pane and the audit log's plan).
public struct PreflightSummary: Sendable, Equatable, Codable {
    /// `image`, `model data`, `KMS key`, `execution role`.
    public var check: String
    /// What was checked (image URI, `s3://` URL, key id, role ARN).
    public var subject: String
    /// `passed`, `failed`, `warning` or `skipped`.
    public var outcome: String
    /// The digest or size found, the reason it failed, or why it was skipped.
    public var detail: String
    /// For a warning caused by AccessDenied: the IAM action podium lacks.
    public var missingAction: String?

    /// Creates a summary.
    public init(check: String, subject: String, outcome: String, detail: String, missingAction: String? = nil) {
        self.check = check
        self.subject = subject
        self.outcome = outcome
        self.detail = detail
        self.missingAction = missingAction
    }

    /// The summary of a check.
    public init(_ check: PreflightCheck) {
        var missing: String?
        if case .warning(_, let action) = check.outcome { missing = action }
        self.init(
            check: check.kind.label, subject: check.subject, outcome: check.outcome.name, detail: check.outcome.text,
            missingAction: missing)
    }

    /// `ok image …/churn:1 — sha256:…`, as `PreflightCheck.line` prints it.
    public var line: String {
        let mark = ["passed": "ok", "failed": "FAIL", "warning": "WARN", "skipped": "skip"][outcome] ?? outcome
        return "\(mark) \(check) \(subject) — \(detail)"
    }

    /// The blocker a failed check becomes, `nil` otherwise.
    public var blocker: String? {
        outcome == "failed" ? "preflight: \(check) \(subject): \(detail)" : nil
    }

    /// The warning a check that could not be made becomes (naming the missing action), `nil` otherwise.
    public var warning: String? {
        guard outcome == "warning" else { return nil }
        return "preflight: could not check \(check) \(subject): \(detail)"
            + (missingAction.map { " (podium lacks \($0))" } ?? "")
    }
}
