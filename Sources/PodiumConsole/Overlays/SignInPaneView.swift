import Foundation
import PodiumCore
import TerminalUI

extension OverlayView {
    /// The sign-in pane: a centred panel with the URL, the code and the countdown.
    func renderSignIn(_ pane: SignInPane, into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let lines = pane.lines(at: state.now)
        let width = min(area.width, max(60, (lines.map(\.width).max() ?? 0) + 4))
        let box = area.centered(width: width, height: min(area.height, lines.count + 2))
        buffer.fill(box, style: theme.style(.modal))
        let trailing = { if case .failed = pane.phase { "Enter retries · Esc closes" } else { "Esc abandons" } }()
        Panel(title: "SSO sign-in · \(pane.profile)", trailing: trailing, focused: true).render(
            into: &buffer, area: box, theme: theme)
        let inner = Panel.inner(box).inset(left: 1, right: 1)
        for (index, line) in lines.enumerated() where index < inner.height {
            buffer.set(line, in: inner, row: index, theme: theme)
        }
    }
}
