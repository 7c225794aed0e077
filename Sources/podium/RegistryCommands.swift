import ArgumentParser
import Foundation
import PodiumCore

/// `podium groups`: model package groups with counts per approval state.
struct GroupsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groups", abstract: "List model package groups with pending/approved/rejected counts.")

    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Print JSON (see docs/cli.md).") var json = false

    func run() async throws {
        let context = try CommandContext(options: global)
        try await context.reportingDenials { try await printGroups(context) }
    }

    private func printGroups(_ context: CommandContext) async throws {
        let groups = try await context.session.groups()
        if json {
            try Output.json(groups.map(JSONGroup.init))
            return
        }
        if groups.isEmpty {
            Output.line("no model package groups in the registry (\(context.config.registry.region))")
            return
        }
        Output.table(
            ["GROUP", "PENDING", "APPROVED", "REJECTED", "LATEST", "CREATED"],
            groups.map {
                [
                    $0.name, "\($0.pending)", "\($0.approved)", "\($0.rejected)",
                    latest($0), Output.date($0.created),
                ] + ($0.problem.map { ["(\($0))"] } ?? [])
            })
    }

    private func latest(_ group: ModelGroupSummary) -> String {
        guard let version = group.latestVersion else { return "-" }
        return "v\(version) \(group.latestStatus?.rawValue ?? "")"
    }
}

/// `podium versions GROUP`: the versions of a group.
struct VersionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions", abstract: "List the versions of a model package group, newest first.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The model package group.") var group: String
    @Option(name: .long, help: "pending, approved or rejected.") var status: String?
    @Flag(
        name: .long,
        help: "Describe every version (created by, approval, last modified): one more AWS call per version.")
    var details = false
    @Flag(name: .long, help: "Print JSON (see docs/cli.md).") var json = false

    func validate() throws {
        if let status, ApprovalStatus(cliValue: status) == nil {
            throw ValidationError("--status must be pending, approved or rejected (got \"\(status)\")")
        }
    }

    func run() async throws {
        let context = try CommandContext(options: global)
        try await context.reportingDenials { try await printVersions(context) }
    }

    private func printVersions(_ context: CommandContext) async throws {
        let versions = try await context.session.versions(
            group: group, status: status.flatMap(ApprovalStatus.init(cliValue:)), details: details)
        if json {
            try Output.json(versions.map(JSONVersion.init))
            return
        }
        if versions.isEmpty {
            Output.line("no versions" + (status.map { " with status \($0)" } ?? "") + " in \(group)")
            return
        }
        // Without --details the list costs only the paged ListModelPackages calls, so the describe-only
        // columns are left out rather than shown empty.
        guard details else {
            Output.table(
                ["VERSION", "STATUS", "CREATED", "DESCRIPTION"],
                versions.map { ["\($0.version)", $0.status.rawValue, Output.date($0.created), $0.description ?? ""] })
            return
        }
        Output.table(
            ["VERSION", "STATUS", "CREATED", "CREATED BY", "MODIFIED", "MODIFIED BY", "DESCRIPTION"],
            versions.map {
                [
                    "\($0.version)", $0.status.rawValue, Output.date($0.created), $0.createdBy ?? "-",
                    $0.lastModified.map(Output.date) ?? "-", $0.lastModifiedBy ?? "-", $0.description ?? "",
                ]
            })
    }
}

/// `podium show GROUP VERSION`: one version in detail.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a version: inference spec, metadata, evaluation, deployments.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The model package group.") var group: String
    @Argument(help: "The version number.") var version: Int
    @Flag(name: .long, help: "Print JSON (see docs/cli.md).") var json = false

    func run() async throws {
        let context = try CommandContext(options: global)
        try await context.reportingDenials { try await printDetail(context) }
    }

    private func printDetail(_ context: CommandContext) async throws {
        let detail = try await context.session.versionDetail(group: group, version: version)
        if json {
            try Output.json(JSONVersionDetail(detail))
            return
        }
        let v = detail.version
        Output.line("\(v.group) v\(v.version)  \(v.status)")
        Output.line("  arn:          \(v.arn)")
        Output.line("  created:      \(Output.date(v.created))" + (v.createdBy.map { " by \($0)" } ?? ""))
        if let d = v.description { Output.line("  description:  \(Output.sanitize(d))") }
        if let a = v.approvalDescription { Output.line("  approval:     \(Output.sanitize(a))") }
        for (i, c) in detail.containers.enumerated() {
            Output.line("  container \(i + 1):  image \(c.image ?? "-")")
            Output.line("                model data \(c.modelDataUrl ?? "-")")
        }
        if !detail.metadata.isEmpty {
            Output.line("  metadata:")
            for key in detail.metadata.keys.sorted() {
                Output.line("    \(Output.sanitize(key)): \(Output.sanitize(detail.metadata[key] ?? ""))")
            }
        }
        switch detail.evaluation.state {
        case .missing: Output.line("  evaluation:   no model-quality report")
        case .unreadable:
            Output.line("  evaluation:   report unreadable (\(detail.evaluation.problem ?? "unknown problem"))")
        case .loaded:
            Output.line("  evaluation:   \(detail.evaluation.s3Uri ?? "")")
            for metric in detail.evaluation.metrics {
                var text = "    \(metric.name): \(format(metric.value))"
                for comparison in detail.comparisons {
                    if let delta = comparison.deltas[metric.name], let deployed = comparison.deployedVersion {
                        text +=
                            "  (\(delta >= 0 ? "+" : "")\(format(delta)) vs v\(deployed) in \(comparison.environment))"
                    }
                }
                Output.line(text)
            }
        }
        Output.line("  deployments:")
        for c in detail.comparisons {
            var text = "    \(c.environment)/\(c.endpoint): " + (c.deployedVersion.map { "v\($0)" } ?? "not deployed")
            if c.deployedVersion == v.version { text += " (this version)" }
            if let other = c.deployedEvaluation, other.state != .loaded, c.deployedVersion != v.version {
                text += other.state == .missing ? " (no report)" : " (report unreadable)"
            }
            if let problem = c.problem { text += " (\(problem))" }
            Output.line(text)
        }
    }

    private func format(_ value: Double) -> String { String(format: "%.4g", value) }
}
