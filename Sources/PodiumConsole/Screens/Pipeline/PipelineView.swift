import Foundation
import PodiumCore
import TerminalUI

/// The pipeline screen (`5 Pipeline`): the ledger on top (what should run, what runs, the flags with their
/// reasons), the machinery below (stacks with the first failed event highlighted, trigger rules with the
/// Approved-filter warning and their Lambda, GitHub runs). Renders purely from its inputs.
struct PipelineView {
    let ledger: Ledger?
    let machinery: PipelineMachinery?
    let now: Date
    /// The ledger row under the console's cursor (nil: none highlighted, as in the snapshots).
    var selected: Int? = nil
    /// The first ledger row shown before the cursor is brought into view (where a mouse click left the window).
    var scroll = 0

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let rows = ledger?.rows ?? []
        let flagLines = rows.reduce(0) { $0 + $1.flags.count + $1.facts.problems.count }
        let top = min(area.height / 2 + 2, rows.count + flagLines + 4)
        let halves = Layout.rows(area, [.fixed(max(5, top)), .flex(1)])
        let flagged = rows.filter { !$0.flags.isEmpty }.count
        Panel(
            title: "Ledger", trailing: ledger.map { "\(flagged) flagged · read \(ConsoleFormat.clock($0.time))" } ?? "",
            trailingRole: flagged > 0 ? .healthWarn : .textDim, focused: true
        ).render(into: &buffer, area: halves[0], theme: theme)
        let inner = Panel.inner(halves[0]).inset(left: 1, right: 1)
        let parts = Layout.rows(inner, [.fixed(min(inner.height, rows.count + 1)), .flex(1)])
        var table = ledgerTable(rows)
        if let selected, !rows.isEmpty {
            // The console's cursor: highlighted and kept in view.
            table.selectedRow = min(selected, rows.count - 1)
            table.focused = true
            table.scrollOffset = Table.scrollOffset(
                selected: table.selectedRow, current: scroll, visibleRows: parts[0].height - 1, rowCount: rows.count)
        }
        table.render(into: &buffer, area: parts[0], theme: theme)
        buffer.recordRows(of: table, in: parts[0], list: ConsoleScreen.pipeline.listKey)
        var line = 0
        for row in rows {
            let place = "\(row.facts.environment)/\(row.facts.endpoint)"
            for flag in row.flags {
                buffer.write(
                    "\(place): \(flag.kind.label): \(flag.reason)", in: parts[1], line: line,
                    style: theme.style(.healthWarn))
                line += 1
            }
            for problem in row.facts.problems {
                buffer.write("\(place): \(problem)", in: parts[1], line: line, style: theme.style(.healthCritical))
                line += 1
            }
        }

        Panel(
            title: "Machinery", trailing: machinery.map { "read \(ConsoleFormat.clock($0.time))" } ?? "loading…"
        ).render(into: &buffer, area: halves[1], theme: theme)
        let lower = Panel.inner(halves[1]).inset(left: 1, right: 1)
        for (index, entry) in machineryLines().prefix(lower.height).enumerated() {
            buffer.write(entry.text, in: lower, line: index, style: theme.style(entry.role))
        }
    }

    func ledgerTable(_ rows: [LedgerRow]) -> Table {
        Table(
            columns: [
                TableColumn("Env", minWidth: 3, maxWidth: 10), TableColumn("Group", minWidth: 5, maxWidth: 18),
                TableColumn("Endpoint", minWidth: 8, maxWidth: 26), TableColumn("Approved", minWidth: 8),
                TableColumn("Pin", minWidth: 3, maxWidth: 8), TableColumn("Stack", minWidth: 5, maxWidth: 34),
                TableColumn("Running", minWidth: 7, maxWidth: 22), TableColumn("Flags", minWidth: 5, flex: 1),
            ],
            rows: rows.map { row in
                let f = row.facts
                return TableRow([
                    TableCell(f.environment), TableCell(f.group), TableCell(f.endpoint),
                    TableCell(f.latestApproved.map { "v\($0.version)" } ?? "–"),
                    TableCell(f.pin.map { $0.value.map(Self.version) ?? "unset" } ?? "–"),
                    TableCell(
                        f.stack.map {
                            $0.exists ? "\($0.parameterValue.map(Self.version) ?? "–") \($0.status ?? "")" : "missing"
                        }
                            ?? "–"),
                    TableCell(running(f.running)),
                    flagsCell(row),
                ])
            },
            focused: false, emptyMessage: ledger == nil ? "reading the ledger…" : "no endpoints configured")
    }

    /// The flags' labels; a row with an unreadable source and no flag is `incomplete`, never `ok`.
    func flagsCell(_ row: LedgerRow) -> TableCell {
        if !row.flags.isEmpty {
            return TableCell(row.flags.map(\.kind.label).joined(separator: ", "), role: .healthWarn)
        }
        if !row.facts.problems.isEmpty { return TableCell("incomplete", role: .healthCritical) }
        return TableCell("ok", role: .healthOK)
    }

    func running(_ running: LedgerFacts.Running?) -> String {
        guard let running else { return "unknown" }
        guard running.exists else { return "not deployed" }
        let version = running.version.map { "v\($0)" } ?? "?"
        return "\(version) \(running.status ?? "")\(running.changing ? " …" : "")"
    }

    static func version(_ arn: String) -> String {
        ARNShape.modelPackage(arn).map { "v\($0.version)" } ?? arn
    }

    /// One line of the machinery panel and its colour.
    struct Line {
        var text: String
        var role: ThemeRole
    }

    func machineryLines() -> [Line] {
        guard let machinery else { return [Line(text: "reading the machinery…", role: .textDim)] }
        var lines: [Line] = []
        lines += trigger(machinery.registry)
        for env in machinery.environments {
            lines.append(Line(text: "▸ \(env.environment)", role: .textStrong))
            for stack in env.stacks {
                lines.append(
                    Line(
                        text: "  stack \(stack.name)  \(stack.status ?? "–")",
                        role: stack.status.map(CloudFormationStatus.init(rawValue:)).map {
                            $0.isRollback || $0.isFailed
                        }
                            == true ? .healthCritical : .text))
                if let problem = stack.problem { lines.append(Line(text: "    \(problem)", role: .healthCritical)) }
                if let failed = stack.firstFailed {
                    lines.append(
                        Line(
                            text: "    first failure: \(failed.logicalId) \(failed.status): \(failed.reason ?? "")",
                            role: .statusFailed))
                }
                for event in stack.events.prefix(3) {
                    lines.append(
                        Line(
                            text:
                                "    \(ConsoleFormat.clock(event.time)) \(event.logicalId) \(event.status)\(event.reason.map { " – \($0)" } ?? "")",
                            role: .textDim))
                }
            }
            if env.trigger.problem != nil || !env.trigger.rules.isEmpty { lines += trigger(env.trigger) }
            if let problem = env.runsProblem { lines.append(Line(text: "  \(problem)", role: .healthCritical)) }
            for run in env.runs {
                let duration = run.duration.map { " \(Int($0))s" } ?? ""
                let outcome = run.conclusion ?? run.status
                lines.append(
                    Line(
                        text:
                            "  run \(run.id) \(outcome)\(duration) \(run.title)\(run.failingJob.map { " · failed: \($0)" } ?? "")",
                        role: run.conclusion == "failure" ? .statusFailed : .text))
                if let url = run.url { lines.append(Line(text: "    \(url)", role: .textDim)) }
            }
        }
        return lines
    }

    func trigger(_ panel: TriggerPanel) -> [Line] {
        var lines = [Line(text: "trigger (\(panel.account))", role: .textStrong)]
        if let problem = panel.problem { return lines + [Line(text: "  \(problem)", role: .healthCritical)] }
        if panel.rules.isEmpty {
            lines.append(Line(text: "  no rule matches model package state changes", role: .textDim))
        }
        for rule in panel.rules {
            lines.append(Line(text: "  rule \(rule.name) \(rule.state ?? "")  \(rule.pattern)", role: .text))
            if let warning = rule.warning { lines.append(Line(text: "    ⚠ \(warning)", role: .healthWarn)) }
        }
        for lambda in panel.lambdas {
            let invocations = Int(lambda.invocations.reduce(0, +))
            let errors = Int(lambda.errors.reduce(0, +))
            lines.append(
                Line(
                    text:
                        "  λ \(lambda.function)  inv \(invocations)/h \(Self.spark(lambda.invocations))  err \(errors)/h",
                    role: errors > 0 ? .healthWarn : .text))
            for problem in lambda.problems { lines.append(Line(text: "    \(problem)", role: .healthCritical)) }
            for entry in lambda.lastLines.suffix(3) {
                lines.append(Line(text: "    \(ConsoleFormat.clock(entry.time)) \(entry.message)", role: .textDim))
            }
        }
        return lines
    }

    /// A text sparkline of the values (one block per point, scaled to the largest).
    static func spark(_ values: [Double]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        guard let top = values.max(), top > 0 else { return String(repeating: "▁", count: values.count) }
        return String(values.map { blocks[min(blocks.count - 1, Int($0 / top * Double(blocks.count - 1)))] })
    }
}
