import Foundation
import TerminalUI

/// Sorting, filtering and drawing a 10,000-version list (issue 11 item 5): each step a keystroke can trigger,
/// as a ratio to the 16 ms frame budget and to a floor measured in the same run (Swift's plain `sorted` of
/// 10,000 integers or strings, a plain case-sensitive `contains` over the descriptions alone).
///
/// The rows copy the console's versions screen: the same fields, the same filter rule (case-insensitive
/// substring over `v<n>`, status, author and description, as `ConsoleState.matches`), the same columns, and
/// only the rows of the visible window built (as `RegistryView` does through `RowWindow`). The console itself
/// lives above TerminalUI, so its list code is mirrored here, not linked: this executable builds in release
/// without the AWS stack.
func runListBenchmark() {
    let count = 10_000
    let width = 200
    let height = 60
    let budget = 16e6  // one frame at 60 Hz, in nanoseconds
    let theme = Theme.fallback(colorDepth: .truecolor, glyphs: .unicode)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let rows = ListSample.versions(count: count, now: now)
    print("== Versions list, \(count) rows: sort, filter, visible window of a \(width)x\(height) frame ==")

    var sink = 0
    // Floors: the cheapest sort and filter over the same number of values.
    let integers = rows.map { $0.version }.shuffledDeterministically()
    let strings = rows.compactMap { $0.description }.shuffledDeterministically()
    let sortIntegers = Bench.median(batches: 9) { sink &+= integers.sorted().first ?? 0 }
    let sortStrings = Bench.median(batches: 9) { sink &+= strings.sorted().first?.utf8.count ?? 0 }
    print("  floor: sorted() of \(count) Ints      \(Bench.format(sortIntegers).leftAligned(10))")
    print("  floor: sorted() of \(count) Strings   \(Bench.format(sortStrings).leftAligned(10))")

    func report(_ name: String, _ t: Double, floor: Double, floorName: String) {
        let verdict = t < budget ? "within" : "OVER"
        print(
            "  \(name.rightPadded(44)) \(Bench.format(t).leftAligned(10))   "
                + "\(Bench.ratio(t, budget)) of a frame (\(verdict))   \(Bench.ratio(t, floor)) vs \(floorName)")
    }

    // Sort by each column of the versions screen (the keys the table shows; age sorts by creation time).
    let sorts: [(String, ([ListSample.Version]) -> [ListSample.Version], Bool)] = [
        ("Version", { $0.sorted { $0.version < $1.version } }, true),
        ("Status", { $0.sorted { $0.status < $1.status } }, false),
        ("Age", { $0.sorted { $0.created < $1.created } }, true),
        ("Author", { $0.sorted { ($0.createdBy ?? "") < ($1.createdBy ?? "") } }, false),
        ("Running in", { $0.sorted { $0.runningIn < $1.runningIn } }, false),
        ("Description", { $0.sorted { ($0.description ?? "") < ($1.description ?? "") } }, false),
    ]
    let shuffled = rows.shuffledDeterministically()
    for (column, sort, numeric) in sorts {
        let t = Bench.median(batches: 9) { sink &+= sort(shuffled).first?.version ?? 0 }
        report(
            "sort by \(column)", t, floor: numeric ? sortIntegers : sortStrings,
            floorName: numeric ? "sorted Ints" : "sorted Strings")
    }

    // Filter: a common word (many hits), a rare one, a non-ASCII one, and a version number.
    for needle in ["drift", "rollback", "données", "v42"] {
        // The floor: a case-sensitive `contains` over the descriptions alone, no lowercasing, one field.
        let plainFilter = Bench.median(batches: 9) { sink &+= strings.filter { $0.contains(needle) }.count }
        var hits = 0
        let t = Bench.median(batches: 9) {
            hits = ListSample.filter(rows, needle).count
            sink &+= hits
        }
        report("filter \"\(needle)\" (\(hits) rows)", t, floor: plainFilter, floorName: "plain contains")
        let before = Bench.median(batches: 5) { sink &+= ListSample.filterLowercasing(rows, needle).count }
        print("    peer: lowercasing every field (the rule before FilterNeedle) = \(Bench.format(before))")
    }

    // The frame: a panel and the table with only the visible window of rows built.
    var buffer = FrameBuffer(width: width, height: height, style: theme.style(.text))
    let area = Rect(x: 0, y: 0, width: width, height: height)
    var cursor = 0
    let windowed = Bench.median {
        cursor = (cursor + 997) % count
        ListSample.draw(rows, cursor: cursor, highlight: "", into: &buffer, area: area, now: now, theme: theme)
        sink &+= buffer.cells.count
    }
    // The peer: the same frame with every row built (what the versions screen did before windowing).
    let allRows = Bench.median(batches: 5) {
        cursor = (cursor + 997) % count
        ListSample.drawBuildingAll(rows, cursor: cursor, into: &buffer, area: area, now: now, theme: theme)
        sink &+= buffer.cells.count
    }
    print(
        "  peer: the same frame with all \(count) rows built = \(Bench.format(allRows)) (\(Bench.ratio(allRows, budget)) of a frame)"
    )
    report("render visible window (\(height - 3) rows)", windowed, floor: allRows, floorName: "all rows built")

    // A keystroke in the filter bar: filter, sort, draw the window with the match highlighted.
    let keystroke = Bench.median(batches: 9) {
        let matched = ListSample.filter(rows, "drift").sorted { $0.created < $1.created }
        ListSample.draw(matched, cursor: 0, highlight: "drift", into: &buffer, area: area, now: now, theme: theme)
        sink &+= buffer.cells.count
    }
    report("filter + sort by Age + render (one key)", keystroke, floor: sortIntegers, floorName: "sorted Ints")
    if sink == 42 { print("") }  // keeps the measured work observable
}

/// The sample registry and the versions screen's list code, mirrored from PodiumConsole.
enum ListSample {
    /// One row of a group's versions (the fields `ModelVersion` gives the versions screen).
    struct Version {
        var version: Int
        var status: String
        var created: Date
        var createdBy: String?
        var description: String?
        var runningIn: String
    }

    /// Deterministic versions: statuses mixed, authors as STS ARNs, descriptions with accents, CJK and emoji.
    static func versions(count: Int, now: Date) -> [Version] {
        let statuses = ["Approved", "Rejected", "PendingManualApproval"]
        let authors = [
            "arn:aws:sts::111122223333:assumed-role/ml-engineer/alice.martin@example.com",
            "arn:aws:sts::111122223333:assumed-role/ml-engineer/bjørn.østergaard@example.com",
            "arn:aws:iam::111122223333:user/ci-pipeline", "arn:aws:sts::111122223333:assumed-role/ds/李小龙",
        ]
        let words = [
            "churn", "modèle", "données", "drift", "retrain", "rollback", "févr.", "日本語", "🚀", "naïve",
            "XGBoost", "calibrated", "Prüfung", "hotfix", "A/B", "–", "baseline", "ε=0.01",
        ]
        var seed: UInt64 = 0x5EED
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        return (1...count).map { n in
            let length = 3 + next() % 9
            let text = (0..<length).map { _ in words[next() % words.count] }.joined(separator: " ")
            let envs = ["", "[dev]", "[dev] [preprod]", "[prod]"][next() % 4]
            return Version(
                version: n, status: statuses[next() % statuses.count],
                created: now.addingTimeInterval(-Double(count - n) * 3_600 - Double(next() % 3_600)),
                createdBy: n % 50 == 0 ? nil : authors[next() % authors.count],
                description: n % 20 == 0 ? nil : "v\(n): \(text)", runningIn: envs)
        }
    }

    /// `ConsoleState.versionRows`'s filter: one `FilterNeedle` over the versions screen's fields.
    static func filter(_ rows: [Version], _ filter: String) -> [Version] {
        let needle = FilterNeedle(filter)
        guard !needle.isEmpty else { return rows }
        return rows.filter { row in
            needle.matches("v\(row.version)") || needle.matches(row.status) || needle.matches(row.createdBy)
                || needle.matches(row.description)
        }
    }

    /// The rule before `FilterNeedle` (every field lowercased for every row), the peer of `filter`.
    static func filterLowercasing(_ rows: [Version], _ filter: String) -> [Version] {
        let needle = filter.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { return rows }
        return rows.filter { row in
            let fields: [String?] = ["v\(row.version)", row.status, row.createdBy, row.description]
            return fields.contains { $0?.lowercased().contains(needle) ?? false }
        }
    }

    static let columns = [
        TableColumn("Version", minWidth: 7), TableColumn("Status", minWidth: 8, maxWidth: 21),
        TableColumn("Age", minWidth: 4, alignment: .right), TableColumn("Author", minWidth: 6, maxWidth: 28),
        TableColumn("Running in", minWidth: 10, maxWidth: 30), TableColumn("Description", minWidth: 10, flex: 1),
    ]

    static func row(_ version: Version, now: Date) -> TableRow {
        let age = Int(now.timeIntervalSince(version.created))
        let ageText = age >= 86_400 ? "\(age / 86_400)d" : age >= 3_600 ? "\(age / 3_600)h" : "\(age / 60)m"
        let role: ThemeRole =
            switch version.status {
            case "Approved": .statusApproved
            case "Rejected": .statusRejected
            default: .statusPending
            }
        return TableRow([
            TableCell("v\(version.version)"), TableCell(version.status, role: role), TableCell(ageText),
            TableCell(version.createdBy.map { String($0.split(separator: "/").last ?? "") } ?? "–"),
            TableCell(version.runningIn, role: .badge), TableCell(version.description ?? ""),
        ])
    }

    /// The versions screen's frame, building only the visible window's rows (as `RegistryView` does).
    static func draw(
        _ rows: [Version], cursor: Int, highlight: String, into buffer: inout FrameBuffer, area: Rect, now: Date,
        theme: Theme
    ) {
        buffer.fill(area, style: theme.style(.text))
        Panel(title: "Registry · churn · versions", trailing: "12:00:00", focused: true)
            .render(into: &buffer, area: area, theme: theme)
        let tableArea = Panel.inner(area).inset(left: 1, right: 1)
        let visible = max(0, tableArea.height - 1)
        let selected = rows.isEmpty ? nil : cursor
        let offset = Table.scrollOffset(selected: selected, current: 0, visibleRows: visible, rowCount: rows.count)
        let window = rows.isEmpty ? [] : rows[offset..<min(rows.count, offset + max(visible, 1))]
        Table(
            columns: columns, rows: window.map { row($0, now: now) }, selectedRow: selected.map { $0 - offset },
            highlight: highlight
        )
        .render(into: &buffer, area: tableArea, theme: theme)
    }

    /// The same frame with a table row built for every version (the table then scrolls and sizes over all).
    static func drawBuildingAll(
        _ rows: [Version], cursor: Int, into buffer: inout FrameBuffer, area: Rect, now: Date, theme: Theme
    ) {
        buffer.fill(area, style: theme.style(.text))
        Panel(title: "Registry · churn · versions", trailing: "12:00:00", focused: true)
            .render(into: &buffer, area: area, theme: theme)
        Table(columns: columns, rows: rows.map { row($0, now: now) }, selectedRow: cursor)
            .render(into: &buffer, area: Panel.inner(area).inset(left: 1, right: 1), theme: theme)
    }
}

extension Array {
    /// The elements in a fixed pseudo-random order (the same every run), so sorts start from the same input.
    fileprivate func shuffledDeterministically() -> [Element] {
        var copy = self
        var seed: UInt64 = 0xC0FFEE
        for i in copy.indices.reversed() where i > 0 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            copy.swapAt(i, Int(truncatingIfNeeded: seed >> 33) % (i + 1))
        }
        return copy
    }
}

extension String {
    fileprivate func rightPadded(_ n: Int) -> String { self + String(repeating: " ", count: max(0, n - count)) }
    fileprivate func leftAligned(_ n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
}
