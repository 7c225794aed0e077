import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// Issue 9 item 5: a torn last line of the audit log (a kill or a full disk mid-write) is skipped by the
/// activity screen with a warning, never a failure.
@Suite struct AuditTornLineTests {
    @Test func theActivityScreenSaysHowManyLinesItSkipped() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 110, height: 22)
        _ = app.update(&state, .input(.key(.char("4"))))
        #expect(!Fixtures.render(state).textLines().joined().contains("unreadable"))
        let records = state.audit.value ?? []
        _ = app.update(&state, .auditLoaded(.success(records), at: Fixtures.now, unreadable: 1))
        let screen = Fixtures.render(state).textLines().joined(separator: "\n")
        #expect(screen.contains("1 unreadable line skipped"), "\(screen)")
        // The records around it are still listed.
        #expect(screen.contains("churn-prod"))
    }
}
