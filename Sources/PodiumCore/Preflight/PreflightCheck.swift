import Foundation

/// What a preflight check looks at.
public enum PreflightCheckKind: String, Sendable, Equatable, CaseIterable {
    /// A container image in ECR (DescribeImages).
    case image
    /// The model data in S3 (HeadObject).
    case modelData
    /// The KMS key the endpoint config encrypts with (DescribeKey).
    case kmsKey
    /// The execution role SageMaker assumes (GetRole).
    case executionRole

    /// The label people read (`image`, `model data`, `KMS key`, `execution role`).
    public var label: String {
        switch self {
        case .image: return "image"
        case .modelData: return "model data"
        case .kmsKey: return "KMS key"
        case .executionRole: return "execution role"
        }
    }
}

/// How one check came out.
public enum PreflightOutcome: Sendable, Equatable {
    /// The resource is there and usable; `detail` says what was found (the image digest, the object's size).
    case passed(detail: String)
    /// The promotion would fail: blocks it, with the reason.
    case failed(reason: String)
    /// The check could not be made (AWS refused the read, or did not answer); `missingAction` names the IAM action
    /// podium lacks when AWS refused it. Does not block.
    case warning(reason: String, missingAction: String?)
    /// Nothing to check (no KMS key configured, a model data prefix); `why` says so.
    case skipped(why: String)

    /// Whether this outcome blocks the promotion.
    public var blocks: Bool {
        if case .failed = self { return true }
        return false
    }

    /// `passed`, `failed`, `warning` or `skipped`.
    public var name: String {
        switch self {
        case .passed: return "passed"
        case .failed: return "failed"
        case .warning: return "warning"
        case .skipped: return "skipped"
        }
    }

    /// The detail, reason or why: the text shown after the check's name.
    public var text: String {
        switch self {
        case .passed(let text), .failed(let text), .warning(let text, _), .skipped(let text): return text
        }
    }
}

/// One preflight check: what was checked and how it came out.
public struct PreflightCheck: Sendable, Equatable {
    /// What kind of resource.
    public var kind: PreflightCheckKind
    /// The resource as configured (image URI, `s3://` URL, key id, role ARN).
    public var subject: String
    /// The outcome.
    public var outcome: PreflightOutcome

    /// Creates a check result.
    public init(kind: PreflightCheckKind, subject: String, outcome: PreflightOutcome) {
        self.kind = kind
        self.subject = subject
        self.outcome = outcome
    }

    /// One line for the plan pane and `--plan`: `✓ image 1234.dkr.ecr…/churn:3 — sha256:…`.
    public var line: String {
        let mark: String
        switch outcome {
        case .passed: mark = "ok"
        case .failed: mark = "FAIL"
        case .warning: mark = "WARN"
        case .skipped: mark = "skip"
        }
        return "\(mark) \(kind.label) \(subject) — \(outcome.text)"
    }
}

/// Every check of one preflight, in a stable order (images, model data, KMS key, execution role).
public struct PreflightReport: Sendable, Equatable {
    /// The checks.
    public var checks: [PreflightCheck]

    /// Creates a report.
    public init(checks: [PreflightCheck]) {
        self.checks = checks
    }

    /// Whether any check failed: the promotion must not go ahead.
    public var blocks: Bool { checks.contains { $0.outcome.blocks } }
    /// The failed checks.
    public var failures: [PreflightCheck] { checks.filter { $0.outcome.blocks } }
    /// The checks that could not be made.
    public var warnings: [PreflightCheck] {
        checks.filter {
            if case .warning = $0.outcome { return true }
            return false
        }
    }
    /// The IAM actions podium lacked, in order, once each.
    public var missingActions: [String] {
        var seen: [String] = []
        for check in checks {
            if case .warning(_, let action?) = check.outcome, !seen.contains(action) { seen.append(action) }
        }
        return seen
    }
}
