import Foundation
import PodiumCore
import TerminalUI

extension OverlayView {
    /// The sign-in pane: a centred panel with the reason, the URL, the code and the countdown.
    func renderSignIn(_ pane: SignInPane, into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        // Wide enough for the URL in one piece, else 72 columns of wrapped prose.
        let width = min(area.width, max(72, pane.minimumWidth + 4))
        let lines = pane.lines(at: state.now, width: width - 4)
        let box = area.centered(width: width, height: min(area.height, lines.count + 2))
        buffer.fill(box, style: theme.style(.modal))
        Panel(title: "SSO sign-in · \(pane.profile)", trailing: pane.keyHint, focused: true).render(
            into: &buffer, area: box, theme: theme)
        let inner = Panel.inner(box).inset(left: 1, right: 1)
        for (index, line) in lines.enumerated() where index < inner.height {
            buffer.set(line, in: inner, row: index, theme: theme)
        }
    }
}
