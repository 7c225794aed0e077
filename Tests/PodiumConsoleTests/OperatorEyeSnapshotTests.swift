import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// Issue 17 on screen: every reason, values in their own verdict's colour (and a non-colour cue), whole
/// numbers, hidden panels marked, critical counts everywhere, alarms beside a deployment, the watch band.
@Suite("Operator's eye: snapshots")
struct OperatorEyeSnapshotTests {
    @Test("every reason: the block shows what fits whole and +N, the strip lists them all (item 2)")
    func everyReason() {
        var state = Incident.state(width: 160, height: 48)
        Incident.selectChurnProd(&state)
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "incident-160x48")
        let text = frame.textLines().joined(separator: "\n")
        #expect(text.contains("churn-prod CRIT: alarm churn-prod-5xx ALARM · 5xx 8.3% >= 5% · p99 565ms >= 300ms"))
        // The block never cuts a reason: each is whole, or counted in `+N`.
        #expect(!text.contains("alarm churn-pro\n") && !text.contains("alarm churn-pro│"))
        // The alarm's state is in the alarms list; the other reasons follow it.
        #expect(text.contains("alarms 5xx:ALARM  5xx 8.3% >= 5%; p99 565ms >= 300ms"))
    }

    @Test("at 80x24 the block shows every reason that fits whole; the strip lists them all (item 2)")
    func reasonsInOneLine() {
        var state = Incident.state(width: 80, height: 24)
        Incident.selectChurnProd(&state)
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "incident-80x24")
        let text = frame.textLines().joined(separator: "\n")
        #expect(text.contains("alarms 5xx:ALARM  5xx 8.3% >= 5%; p99 565ms >= 300ms"))
        #expect(text.contains("p99 565ms >= 300ms"))  // in the strip
        #expect(cutNumbers(frame).isEmpty, "cut numbers: \(cutNumbers(frame))")
    }

    @Test("values are coloured by their own verdict, with a marker when there is no colour (item 3)")
    func valueVerdicts() {
        let state = Incident.state(width: 160, height: 30)
        let frame = Fixtures.render(state)
        let theme = state.theme
        #expect(style(of: "8.3%", in: frame, startRow: 2) == theme.style(.healthCritical))
        #expect(style(of: "565ms", in: frame, startRow: 2) == theme.style(.healthWarn))
        #expect(style(of: "0.1%", in: frame, startRow: 2) == theme.style(.text))
        var mono = Incident.state(width: 100, height: 30)
        mono.theme = Theme.fallback(colorDepth: .mono, glyphs: .ascii)
        let monoFrame = Fixtures.render(mono)
        assertConsoleSnapshot(monoFrame, named: "incident-mono")
        let monoText = monoFrame.textLines().joined(separator: "\n")
        #expect(monoText.contains("5xx 8.3%!!"))
        #expect(monoText.contains("p99 565ms!"))
        #expect(style(of: "8.3%!!", in: monoFrame, startRow: 2)?.attributes.contains(.reverse) == true)
    }

    @Test("narrow terminals show numbers whole or not at all, and mark what is not drawn (item 4)")
    func narrow() {
        for (width, height) in [(60, 20), (80, 24), (50, 15)] {
            let frame = Fixtures.render(Incident.state(width: width, height: height))
            #expect(cutNumbers(frame).isEmpty, "\(width)x\(height) cut numbers: \(cutNumbers(frame))")
        }
        let small = Fixtures.render(Incident.state(width: 50, height: 15))
        assertConsoleSnapshot(small, named: "incident-50x15")
        // One line per endpoint: the critical one leads with its worst reason, whole.
        #expect(small.textLines().contains { $0.contains("churn-prod") && $0.contains("CRIT  alarm 5xx ALARM +2") })
        // A panel that does not fit is named with its trouble; endpoints scrolled out are counted.
        let hidden = Fixtures.render(Incident.state(width: 50, height: 10)).textLines().joined(separator: "\n")
        #expect(hidden.contains("not shown: prod 1 CRIT"), "\(hidden)")
        let cut = Fixtures.render(Incident.state(width: 50, height: 11)).textLines().joined(separator: "\n")
        #expect(cut.contains("+1 more"), "\(cut)")
    }

    @Test("the critical count shows on every screen: tab strip, or the status bar when narrow (item 5)")
    func criticalCountEverywhere() {
        let app = Fixtures.app()
        for key: Character in ["2", "3", "4"] {
            var state = Incident.state(width: 120, height: 30)
            press(app, &state, .char(key))
            let tabs = Fixtures.render(state).textLines()[1]
            #expect(tabs.contains("✗ 1 CRIT churn-prod"), "screen \(key): \(tabs)")
        }
        var narrow = Incident.state(width: 60, height: 20)
        press(app, &narrow, .char("3"))
        let frame = Fixtures.render(narrow)
        assertConsoleSnapshot(frame, named: "incident-pending-60x20")
        #expect(frame.textLines()[18].hasPrefix("  ✗1 CRIT "))
    }

    @Test("watch: a CRITICAL tile, rotation held by an incident, a banner on other pages, stale digits (item 5)")
    func watchIncident() {
        let app = Fixtures.app()
        let options = ConsoleOptions(
            mode: .watch, refresh: .seconds(10), rotate: .seconds(20), pages: [.dashboard, .pending, .activity])
        var state = Incident.state(width: 200, height: 60, mode: .watch)
        state.options = options
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "watch-incident-200x60")
        #expect(frame.textLines()[2].contains("CRITICAL · churn-prod"))
        #expect(style(of: "█", in: frame, startRow: 3)?.foreground != nil)
        // Rotation stays on the dashboard while churn-prod is critical.
        _ = app.update(&state, .tick(Fixtures.now.addingTimeInterval(21)))
        #expect(state.screen == .dashboard)
        // Without a dashboard page, the other pages name it in a banner.
        state.options = ConsoleOptions(
            mode: .watch, refresh: .seconds(10), rotate: .seconds(20), pages: [.pending, .activity])
        state.stack = [.pending]
        #expect(
            Fixtures.render(state).textLines()[2].contains("CRITICAL churn-prod (prod): alarm churn-prod-5xx ALARM"))
        // NO CONNECTION: the numbers lose their verdict colour and say STALE.
        state.options = options
        state.stack = [.dashboard]
        let later = Fixtures.now.addingTimeInterval(50)
        _ = app.update(&state, .tick(later))
        for env in ["dev", "prod"] {
            _ = app.update(
                &state,
                .healthLoaded(
                    environment: env, .failure(ConsoleError("connection refused", unreachable: true)), at: later))
        }
        _ = app.update(
            &state, .registryLoaded(.failure(ConsoleError("connection refused", unreachable: true)), at: later))
        let down = Fixtures.render(state)
        assertConsoleSnapshot(down, named: "watch-no-connection")
        #expect(down.textLines().joined().contains("STALE 08:00:00"))
        let band = down.textLines().firstIndex { $0.contains("CRITICAL · churn-prod") } ?? 0
        #expect(style(of: "█", in: down, startRow: band + 1) == state.theme.style(.healthUnknown))
    }

    @Test("in a narrow column, alarms that are fine are only counted, so the reasons stay in view (item 2)")
    func okAlarmsCountedWhenTight() {
        var state = Incident.state(width: 100, height: 30)
        var prod = state.health["prod"]!.value!
        prod.endpoints[0].alarms.append(AlarmState(name: "churn-prod-latency-p99", state: "OK"))
        state.health["prod"]!.succeed(prod, at: Fixtures.now)
        let text = Fixtures.render(state).textLines().joined(separator: "\n")
        #expect(text.contains("alarms 5xx:ALARM +1 OK  5xx 8.3% >= 5%"), "\(text)")
    }

    @Test("alarms stay in view while a deployment runs (item 6)")
    func alarmsDuringDeployment() {
        let frame = Fixtures.render(Incident.state(width: 160, height: 30, deploying: true))
        assertConsoleSnapshot(frame, named: "incident-deploying")
        let line = frame.textLines().first { $0.contains("deploying 0:42") } ?? ""
        #expect(line.contains("5xx:ALARM"), "deploying line: \(line)")
    }
}
