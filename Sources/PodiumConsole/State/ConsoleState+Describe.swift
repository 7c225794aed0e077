import Foundation
import PodiumCore
import TerminalUI

/// Describe on scroll: the pending queue and a group's versions come from ListModelPackages summaries, and the
/// fields only DescribeModelPackage has (author, approval comment, last modified) are loaded for the rows a screen
/// shows. The service describes the first screenful with the list; rows further down are described when the cursor
/// brings them near, once per version and approval status (the describe cache in PodiumCore makes a repeat free).
extension ConsoleState {
    /// The rows around the cursor on the pending or versions screen (a page above and below) that have only their
    /// summary fields and were not asked for yet.
    public func rowsToDescribe() -> [ModelVersion] {
        let rows: [ModelVersion]
        switch screen {
        case .pending: rows = pendingRows
        case .versions(let group): rows = versionRows(group)
        default: return []
        }
        guard !rows.isEmpty else { return [] }
        let page = max(1, size.height - 8)
        let cursor = min(cursor(screen.listKey), rows.count - 1)
        let window = rows[max(0, cursor - page)..<min(rows.count, cursor + page + 1)]
        return window.filter { $0.isSummaryOnly && !describeRequested.contains(Self.describeKey($0)) }
    }

    /// Marks versions as asked for.
    public mutating func noteDescribeRequested(_ versions: [ModelVersion]) {
        for version in versions { describeRequested.insert(Self.describeKey(version)) }
    }

    /// Keeps described versions and puts them into the lists on screen.
    public mutating func applyDescribed(_ versions: [ModelVersion]) {
        for version in versions where !version.isSummaryOnly { describedRows[version.arn] = version }
        if let queue = pending.value { pending.value = fillingDescribed(queue) }
        for group in Set(versions.map(\.group)) {
            guard let list = self.versions[group]?.value else { continue }
            let filled = fillingDescribed(list)
            self.versions[group]?.value = filled
        }
    }

    /// A fresh list of summaries with the rows described earlier filled in, where the approval status is the same.
    public func fillingDescribed(_ list: [ModelVersion]) -> [ModelVersion] {
        guard !describedRows.isEmpty else { return list }
        return list.map { version in
            guard version.isSummaryOnly, let described = describedRows[version.arn], described.status == version.status
            else { return version }
            return described
        }
    }

    /// ARN and approval status: a version whose status changed is described again.
    static func describeKey(_ version: ModelVersion) -> String { version.arn + "|" + version.status.rawValue }
}

extension ModelVersion {
    /// Whether only ListModelPackages' summary fields are known (no describe yet).
    var isSummaryOnly: Bool { createdBy == nil && lastModified == nil && approvalDescription == nil }
}
