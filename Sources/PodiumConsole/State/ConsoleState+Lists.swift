import Foundation
import PodiumCore
import TerminalUI

extension ConsoleState {
    /// Whether a text matches the filter (case-insensitive substring; empty filter matches everything).
    static func matches(_ filter: String, _ fields: [String?]) -> Bool {
        matches(FilterNeedle(filter), fields)
    }

    /// Whether any field matches a prepared filter (prepared once per list, not once per row).
    static func matches(_ needle: FilterNeedle, _ fields: [String?]) -> Bool {
        needle.isEmpty || fields.contains { needle.matches($0) }
    }

    /// The dashboard endpoints in promotion order, filtered (and limited to `focusedEnvironment`).
    public var dashboardRows: [DashboardRow] {
        let filter = filters[ConsoleScreen.dashboard.listKey] ?? ""
        var rows: [DashboardRow] = []
        for env in config.environments where focusedEnvironment == nil || focusedEnvironment == env.name {
            let records = health[env.name]?.value?.endpoints ?? []
            for spec in env.endpoints {
                let record = records.first { $0.endpointName == spec.name }
                let fields = [
                    env.name, spec.name, spec.modelPackageGroup, record?.deployment.versionLabel,
                    record?.level.rawValue,
                ]
                if ConsoleState.matches(filter, fields) {
                    rows.append(DashboardRow(environment: env, spec: spec, health: record))
                }
            }
        }
        return rows
    }

    /// The groups, filtered.
    public var groupRows: [ModelGroupSummary] {
        let filter = FilterNeedle(filters[ConsoleScreen.groups.listKey] ?? "")
        return (groups.value ?? []).filter { ConsoleState.matches(filter, [$0.name, $0.description]) }
    }

    /// A group's versions, filtered.
    public func versionRows(_ group: String) -> [ModelVersion] {
        let filter = FilterNeedle(filters[ConsoleScreen.versions(group: group).listKey] ?? "")
        return (versions[group]?.value ?? []).filter {
            ConsoleState.matches(filter, ["v\($0.version)", $0.status.rawValue, $0.createdBy, $0.description])
        }
    }

    /// The pending queue, oldest first, filtered.
    public var pendingRows: [ModelVersion] {
        let filter = FilterNeedle(filters[ConsoleScreen.pending.listKey] ?? "")
        return (pending.value ?? []).filter {
            ConsoleState.matches(filter, [$0.group, "v\($0.version)", $0.createdBy, $0.description])
        }
    }

    /// The environments running a version (from the latest health data).
    public func environmentsRunning(_ key: VersionKey) -> [String] {
        config.environments.compactMap { env in
            let records = health[env.name]?.value?.endpoints ?? []
            let runs = records.contains { $0.deployment.group == key.group && $0.deployment.version == key.version }
            return runs ? env.name : nil
        }
    }

    /// The audit log's actions (started and outcome records paired, `ActivityPairing`), newest first, filtered.
    public var auditRows: [ActivityRow] {
        let filter = filters[ConsoleScreen.activity.listKey] ?? ""
        return ActivityPairing.rows(audit.value ?? [], now: now).filter {
            ConsoleState.matches(filter, [$0.actor, $0.place, $0.what, $0.target, $0.detail])
        }
    }

    /// Recent approval changes (approved or rejected versions, newest change first), filtered: the newest decided
    /// versions of each group and the changes a refresh saw (see `DescribeBudget.activityNewestDecidedPerGroup`).
    public var approvalRows: [ActivityRow] {
        let filter = filters[ConsoleScreen.activity.listKey] ?? ""
        var rows: [ActivityRow] = []
        // The registry pass's recent changes, plus any described version of a group on screen (deduplicated).
        // A recent change registered already decided has no last-modified time: its decision dates from creation.
        var seen = Set<String>()
        let fromPass = recentChanges.map { ($0, $0.lastModified ?? $0.created) }
        let fromScreens = versions.values.flatMap { $0.value ?? [] }.compactMap { v in v.lastModified.map { (v, $0) } }
        let candidates = (fromPass + fromScreens).filter { seen.insert($0.0.arn).inserted }
        for (version, changed) in candidates where version.status != .pending {
            let comment = version.approvalDescription.map { $0.components(separatedBy: " — ").first ?? $0 }
            rows.append(
                ActivityRow(
                    time: changed, actor: ConsoleFormat.shortActor(version.lastModifiedBy ?? "unknown"),
                    place: "registry", what: version.status.rawValue, target: "\(version.group) v\(version.version)",
                    detail: comment ?? version.approvalDescription ?? "", isProblem: version.status == .rejected))
        }
        rows.sort { $0.time > $1.time }
        return Array(
            rows.filter { ConsoleState.matches(filter, [$0.actor, $0.what, $0.target, $0.detail]) }.prefix(50))
    }
}

extension ConsoleState {
    /// What an audit record acted on, readable: a model package ARN as `churn v4`, an endpoint with the
    /// version its plan deployed (`churn-prod → churn v4`) when the plan says so.
    static func activityTarget(_ record: AuditRecord) -> String {
        if let parsed = ARNShape.modelPackage(record.target) { return "\(parsed.group) v\(parsed.version)" }
        let arns = record.plan.flatMap { line in
            line.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).compactMap {
                ARNShape.modelPackage(String($0))
            }
        }
        if let deployed = arns.last { return "\(record.target) → \(deployed.group) v\(deployed.version)" }
        return record.target
    }
}

extension ConsoleState {
    /// The freshest known summary of a version (its detail, its group's list, or the pending queue).
    public func knownVersion(_ key: VersionKey) -> ModelVersion? {
        if let detail = details[key]?.value { return detail.version }
        if let version = versions[key.group]?.value?.first(where: { $0.version == key.version }) { return version }
        return pending.value?.first { $0.group == key.group && $0.version == key.version }
    }
}
