import Foundation
import PodiumCore
import TerminalUI

/// A version's detail: summary, inference spec, metadata, evaluation metrics compared with what each
/// environment runs, the approval description, and where it is deployed.
struct VersionDetailView {
    let state: ConsoleState
    let key: VersionKey

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let loadable = state.details[key] ?? Loadable()
        let status = PanelStatusText.make(
            loadable.status(now: state.now, interval: state.registryInterval), now: state.now)
        Panel(
            title: "Registry · \(key.group) v\(key.version)", trailing: status.text, trailingRole: status.role,
            focused: true
        )
        .render(into: &buffer, area: area, theme: theme)
        let inner = Panel.inner(area).inset(left: 1, right: 1)
        guard let detail = loadable.value else {
            let text = loadable.error.map { "could not load: \($0)" } ?? "loading \(key)…"
            buffer.set(Line(text, loadable.error == nil ? .textDim : .healthCritical), in: inner, theme: theme)
            return
        }
        let view = DetailView(
            items: VersionDetailView.items(detail, now: state.now),
            scrollOffset: state.scrolls[ConsoleScreen.detail(key).listKey] ?? 0)
        view.render(into: &buffer, area: inner, theme: theme)
    }

    static func items(_ detail: ModelVersionDetail, now: Date) -> [DetailItem] {
        let v = detail.version
        var items: [DetailItem] = [
            .field("Status", v.status.rawValue, role: RegistryView.statusRole(v.status)),
            .field("Created", "\(ISO8601.string(v.created)) (\(ConsoleFormat.age(of: v.created, now: now)) ago)"),
            .field("Author", v.createdBy ?? "–"),
            .field("Description", v.description ?? "–"),
            .field("ARN", v.arn),
            .field("Deployed in", detail.deployedIn.isEmpty ? "nowhere" : detail.deployedIn.joined(separator: ", ")),
            .blank,
            .section("Inference spec"),
        ]
        if detail.containers.isEmpty { items.append(.text("no containers")) }
        for (index, container) in detail.containers.enumerated() {
            items.append(.field("Image \(index + 1)", container.image ?? "–"))
            items.append(.field("Model data", container.modelDataUrl ?? "–"))
        }
        items.append(.blank)
        items.append(.section("Metadata"))
        if detail.metadata.isEmpty { items.append(.text("none")) }
        for name in detail.metadata.keys.sorted() { items.append(.field(name, detail.metadata[name] ?? "")) }
        items.append(.blank)
        items.append(.section("Evaluation"))
        switch detail.evaluation.state {
        case .missing: items.append(.text("no evaluation report"))
        case .unreadable:
            items.append(.field("Report", "unreadable: \(detail.evaluation.problem ?? "?")", role: .healthWarn))
        case .loaded:
            for metric in detail.evaluation.metrics {
                var text = String(format: "%.4f", metric.value)
                for comparison in detail.comparisons {
                    if let delta = comparison.deltas[metric.name], let deployed = comparison.deployedVersion {
                        text += String(format: "   %@ v%d %+.4f", comparison.environment, deployed, delta)
                    }
                }
                items.append(.field(metric.name, text))
            }
        }
        items.append(.blank)
        items.append(.section("Environments"))
        for comparison in detail.comparisons {
            var text = comparison.deployedVersion.map { "runs v\($0)" } ?? "not running this group"
            if comparison.deployedVersion == v.version { text += " (this version)" }
            if let problem = comparison.problem { text += " — \(problem)" }
            items.append(.field("\(comparison.environment) \(comparison.endpoint)", text))
        }
        items.append(.blank)
        items.append(.section("Approval"))
        items.append(.field("Description", v.approvalDescription ?? "–"))
        if let by = v.lastModifiedBy {
            items.append(.field("Last change", "\(by) at \(v.lastModified.map(ISO8601.string) ?? "?")"))
        }
        return items
    }
}
