import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

@Suite("Console views (snapshots)")
struct ConsoleViewSnapshotTests {
    @Test("first frame: every panel loading, nothing from the network needed")
    func loading() {
        let state = Fixtures.state(width: 100, height: 30)
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "dashboard-loading")
        #expect(frame.textLines().joined().contains("Dashboard"))
        #expect(frame.textLines().joined().contains("loading…"))
    }

    @Test("dashboard side by side when wide")
    func dashboardWide() {
        assertConsoleSnapshot(Fixtures.render(Fixtures.loadedState(width: 160, height: 24)), named: "dashboard-wide")
    }

    @Test("dashboard stacked when narrow, and at the 60x20 minimum")
    func dashboardNarrow() {
        assertConsoleSnapshot(Fixtures.render(Fixtures.loadedState(width: 80, height: 30)), named: "dashboard-narrow")
        assertConsoleSnapshot(Fixtures.render(Fixtures.loadedState(width: 60, height: 20)), named: "dashboard-60x20")
    }

    @Test("an Updating endpoint shows the deployment's progress")
    func dashboardUpdating() {
        let frame = Fixtures.render(Fixtures.loadedState(width: 160, height: 24, updating: true))
        assertConsoleSnapshot(frame, named: "dashboard-updating")
        // The deployment line is short, so the alarm states stay beside it; the target config comes last.
        #expect(frame.textLines().joined().contains("deploying 0:42  alarms 5xx:ALARM"))
        #expect(frame.textLines().joined().contains("→ churn-prod-v9-abc"))
    }

    @Test("stale and error panels, and the NO CONNECTION banner")
    func staleAndError() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 120, height: 30)
        let later = Fixtures.now.addingTimeInterval(50)
        _ = app.update(&state, .tick(later))
        _ = app.update(
            &state,
            .healthLoaded(
                environment: "prod", .failure(ConsoleError("timed out after 20s", unreachable: true)), at: later))
        let stale = Fixtures.render(state)
        assertConsoleSnapshot(stale, named: "dashboard-stale-error")
        #expect(stale.textLines().joined().contains("STALE since 08:00:00"))
        _ = app.update(
            &state,
            .healthLoaded(
                environment: "dev", .failure(ConsoleError("connection refused", unreachable: true)), at: later))
        _ = app.update(
            &state, .registryLoaded(.failure(ConsoleError("connection refused", unreachable: true)), at: later))
        let down = Fixtures.render(state)
        assertConsoleSnapshot(down, named: "dashboard-no-connection")
        #expect(down.textLines().contains { $0.contains("NO CONNECTION") })
    }

    @Test("read-only: READ-ONLY badge, no mutating key in the help bar")
    func readOnly() {
        let frame = Fixtures.render(
            Fixtures.loadedState(config: Fixtures.config(readOnly: true), width: 120, height: 24))
        assertConsoleSnapshot(frame, named: "dashboard-read-only")
        let lines = frame.textLines()
        #expect(lines[22].contains("READ-ONLY"))
        #expect(!lines[23].contains("roll back"))
    }

    @Test("registry: groups, versions, pending queue, activity")
    func lists() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 110, height: 22)
        _ = app.update(&state, .input(.key(.char("2"))))
        assertConsoleSnapshot(Fixtures.render(state), named: "registry-groups")
        state.versions["churn"] = Loadable()
        state.versions["churn"]?.succeed(
            [
                Fixtures.version("churn", 5), Fixtures.version("churn", 4, status: "Approved"),
                Fixtures.version("churn", 3, status: "Approved"), Fixtures.version("churn", 2, status: "Rejected"),
            ],
            at: Fixtures.now)
        _ = app.update(&state, .input(.key(.enter)))
        assertConsoleSnapshot(Fixtures.render(state), named: "registry-versions")
        _ = app.update(&state, .input(.key(.char("3"))))
        assertConsoleSnapshot(Fixtures.render(state), named: "pending")
        _ = app.update(&state, .input(.key(.char("4"))))
        assertConsoleSnapshot(Fixtures.render(state), named: "activity")
    }

    @Test("version detail with evaluation compared with each environment")
    func detail() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 100, height: 40)
        let key = VersionKey(group: "churn", version: 5)
        state.stack = [.groups, .versions(group: "churn"), .detail(key)]
        let report = EvaluationReport(
            state: .loaded, s3Uri: "s3://b/churn/5.json",
            metrics: [
                EvaluationMetric(
                    name: "auc", value: 0.95, standardDeviation: nil, section: "binary_classification_metrics")
            ])
        let detail = ModelVersionDetail(
            version: Fixtures.version("churn", 5),
            containers: [ContainerSummary(image: "xgboost:1.7", modelDataUrl: "s3://b/model.tar.gz")],
            metadata: ["CommitId": "5f1c42c"], evaluation: report,
            comparisons: [
                EnvironmentComparison(
                    environment: "dev", endpoint: "churn-dev", deployedVersion: 4, deployedEvaluation: nil,
                    deltas: ["auc": 0.035]),
                EnvironmentComparison(
                    environment: "prod", endpoint: "churn-prod", deployedVersion: 3, deployedEvaluation: nil,
                    deltas: ["auc": 0.0646]),
            ])
        _ = app.loadDetail(&state, key)
        _ = app.update(&state, .detailLoaded(key, .success(detail), at: Fixtures.now))
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "detail")
        #expect(frame.textLines().last?.contains("approve") == true)
    }

    @Test("help generated from the key map; promote picker; typed confirmation")
    func overlays() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 100, height: 30)
        _ = app.update(&state, .input(.key(.char("3"))))
        _ = app.update(&state, .input(.key(.char("?"))))
        let help = Fixtures.render(state)
        assertConsoleSnapshot(help, named: "help-pending")
        #expect(help.textLines().joined().contains("reject !"))
        _ = app.update(&state, .input(.key(.escape)))
        _ = app.update(&state, .input(.key(.char("p"))))
        let key = VersionKey(group: "churn", version: 5)
        _ = app.update(
            &state,
            .targetPlanned(
                key, environment: "dev", endpoint: "churn-dev",
                .success(samplePlan(environment: "dev", endpoint: "churn-dev", confirm: .yes))))
        _ = app.update(
            &state,
            .targetPlanned(
                key, environment: "prod", endpoint: "churn-prod",
                .success(samplePlan(blockers: ["gate: churn v5 is not deployed in dev"]))))
        assertConsoleSnapshot(Fixtures.render(state), named: "promote-picker")
        _ = app.update(&state, .targetPlanned(key, environment: "prod", endpoint: "churn-prod", .success(samplePlan())))
        _ = app.update(&state, .input(.key(.down)))
        _ = app.update(&state, .input(.key(.enter)))
        type(app, &state, "churn")
        assertConsoleSnapshot(Fixtures.render(state), named: "confirm-typed")
    }

    @Test("watch mode on a large terminal: big digits, clock with seconds, no help bar")
    func watchBig() {
        let options = ConsoleOptions(
            mode: .watch, refresh: .seconds(10), rotate: .seconds(20), pages: [.dashboard, .pending, .activity])
        var state = Fixtures.loadedState(mode: .watch, width: 160, height: 45)
        state.options = options
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "watch-big")
        #expect(frame.textLines()[0].contains("08:00:00"))
        #expect(frame.textLines().joined().contains("WATCH"))
    }

    @Test("hostile strings from AWS are sanitized: no escape sequence or control reaches a cell")
    func hostileStrings() {
        var state = Fixtures.loadedState(width: 100, height: 20)
        let hostile =
            "evil\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[31mred\r\u{8}\u{202E}gnp.exe\u{9B}6n"
            + String(repeating: "x", count: 5000)
        state.pending.value = [Fixtures.version("churn", 5, description: hostile)]
        state.stack = [.pending]
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "pending-hostile")
        for cell in frame.cells {
            #expect(
                !cell.grapheme.unicodeScalars.contains {
                    $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E
                })
        }
        #expect(frame.textLines().joined().contains("<U+202E>"))
    }

    @Test("ASCII glyphs in a non-UTF-8 locale")
    func ascii() {
        var state = Fixtures.loadedState(width: 100, height: 24)
        state.theme = Theme.fallback(colorDepth: .mono, glyphs: .ascii)
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "dashboard-ascii-mono")
        #expect(
            frame.cells.allSatisfy {
                $0.grapheme.unicodeScalars.allSatisfy { $0.isASCII } || $0.grapheme == "…" || $0.grapheme == "×"
                    || $0.grapheme == "–" || $0.grapheme == "·"
            })
    }
}
