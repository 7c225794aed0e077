/// The podium command equivalent to a change, as written into its audit records: what happened in the console
/// can be read as, and replayed as, a script. Replays are safe by construction: an approval names the status the
/// operator saw (`--expect-status`, refused if it changed since) and a promotion or rollback confirms with the
/// endpoint's name (`--confirm`, refused if the plan is for another endpoint), never a blanket `--yes`.
/// Global options (`--config`) are left out: a replay runs with the replayer's config.
public enum AuditCommandLine {
    /// `podium approve|reject GROUP VERSION --comment '…' [--expect-status STATUS]`.
    public static func approval(
        group: String, version: Int, decision: ApprovalStatus, comment: String, expectedStatus: ApprovalStatus? = nil
    ) -> String {
        var words = ["podium", decision == .rejected ? "reject" : "approve", group, String(version)]
        // A comment that starts with `-` would be read as an option: it goes after `=` instead.
        words += comment.hasPrefix("-") ? ["--comment=" + comment] : ["--comment", comment]
        // A status the CLI cannot name (one SageMaker added later) is left out rather than guessed.
        if let expectedStatus, let name = cliName(expectedStatus) { words += ["--expect-status", name] }
        return ShellQuoting.join(words)
    }

    /// The CLI's short name of a status (`pending`, `approved`, `rejected`); `nil` for one it has no name for.
    static func cliName(_ status: ApprovalStatus) -> String? {
        switch status {
        case .pending: "pending"
        case .approved: "approved"
        case .rejected: "rejected"
        case .other: nil
        }
    }

    /// `podium promote GROUP VERSION --to ENV --confirm ENDPOINT` or `podium rollback ENV ENDPOINT --confirm
    /// ENDPOINT`; `nil` for a promotion plan without a version (nothing a command could name).
    public static func deployment(_ plan: DeploymentPlan) -> String? {
        switch plan.action {
        case .promote:
            guard let version = plan.newVersion else { return nil }
            return ShellQuoting.join([
                "podium", "promote", plan.group, String(version), "--to", plan.environment, "--confirm", plan.endpoint,
            ])
        case .rollback:
            return ShellQuoting.join([
                "podium", "rollback", plan.environment, plan.endpoint, "--confirm", plan.endpoint,
            ])
        case .approve, .reject, .cancel, .traffic:
            return nil
        }
    }
}
