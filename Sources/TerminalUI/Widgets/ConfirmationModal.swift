/// A centred confirmation pane: y/n, or typing an exact text (e.g. the endpoint name) in a line editor.
///
/// The modal is a value: feed it keys with `handle(_:)` and draw it with `render(into:area:theme:)`.
public struct ConfirmationModal: Widget {
    /// How the user confirms.
    public enum Mode: Hashable, Sendable {
        /// Press `y` to confirm, `n` or Esc to cancel.
        case yesNo
        /// Type `expected` exactly and press Enter; Esc cancels.
        case typed(expected: String)
    }

    /// The result of a key.
    public enum Outcome: Hashable, Sendable {
        /// Confirmed: go ahead.
        case confirmed
        /// Cancelled: close the modal, do nothing.
        case cancelled
        /// Still open (text edited, wrong text submitted, unrelated key).
        case pending
    }

    /// Title in the border.
    public var title: String
    /// Body text (wrapped; `\n` starts a new line).
    public var message: String
    /// How to confirm.
    public var mode: Mode
    /// Whether the action is destructive or targets production (danger roles).
    public var destructive: Bool
    /// The editor for typed confirmation.
    public var editor: LineEditor
    /// Set when Enter was pressed with text that does not match.
    public private(set) var mismatch: Bool

    /// Creates a modal.
    public init(title: String, message: String, mode: Mode = .yesNo, destructive: Bool = false) {
        self.title = title
        self.message = message
        self.mode = mode
        self.destructive = destructive
        self.editor = LineEditor(maxLength: 256)
        self.mismatch = false
    }

    /// Applies an event.
    public mutating func handle(_ event: KeyEvent) -> Outcome {
        switch mode {
        case .yesNo:
            guard case .key(let key) = event else { return .pending }
            if key == .char("y") || key == .char("Y") { return .confirmed }
            if key == .char("n") || key == .char("N") || key == .escape { return .cancelled }
            return .pending
        case .typed(let expected):
            switch editor.handle(event) {
            case .cancelled: return .cancelled
            case .submitted(let text):
                if text == expected { return .confirmed }
                mismatch = true
                return .pending
            case .edited:
                mismatch = false
                return .pending
            default: return .pending
            }
        }
    }

    /// Where the terminal cursor belongs (typed mode: in the input line), for `TerminalApp.view`'s `cursor`.
    public func cursorPosition(in area: Rect) -> CursorPosition? {
        guard case .typed = mode else { return nil }
        let inner = frame(in: area).inset(top: 2, left: 2, bottom: 1, right: 2)
        let y = inner.y + TextLayout.wrap(message, width: max(1, inner.width)).count + 2
        guard y < inner.maxY else { return nil }
        return InputLine(prompt: "> ", editor: editor).cursorPosition(
            in: Rect(x: inner.x, y: y, width: inner.width, height: 1))
    }

    /// The rectangle the pane occupies in an area.
    public func frame(in area: Rect) -> Rect {
        let width = min(area.width, max(40, min(72, area.width - 8)))
        let bodyLines = TextLayout.wrap(message, width: max(1, width - 4)).count
        let extra = mode == .yesNo ? 2 : 4
        return area.centered(width: width, height: bodyLines + extra + 3)
    }

    /// Draws the pane centred in `area` (the caller draws the screen behind it first).
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let box = frame(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        let body = theme.style(.modal)
        buffer.fill(box, style: body)
        let g = theme.glyphs
        let border = theme.style(.modalBorder)
        buffer.fill(Rect(x: box.x + 1, y: box.y, width: box.width - 2, height: 1), with: g.horizontal, style: border)
        buffer.fill(
            Rect(x: box.x + 1, y: box.maxY - 1, width: box.width - 2, height: 1), with: g.horizontal, style: border)
        buffer.fill(Rect(x: box.x, y: box.y + 1, width: 1, height: box.height - 2), with: g.vertical, style: border)
        buffer.fill(
            Rect(x: box.maxX - 1, y: box.y + 1, width: 1, height: box.height - 2), with: g.vertical, style: border)
        buffer.write(g.topLeft, x: box.x, y: box.y, style: border)
        buffer.write(g.topRight, x: box.maxX - 1, y: box.y, style: border)
        buffer.write(g.bottomLeft, x: box.x, y: box.maxY - 1, style: border)
        buffer.write(g.bottomRight, x: box.maxX - 1, y: box.maxY - 1, style: border)
        let top = Rect(x: box.x + 1, y: box.y, width: box.width - 2, height: 1)
        buffer.write(
            " " + TextLayout.truncate(title, width: max(1, top.width - 4), ellipsis: g.ellipsis) + " ", x: top.x + 1,
            y: top.y, style: theme.style(destructive ? .modalDanger : .modalTitle), clip: top)
        let inner = box.inset(top: 2, left: 2, bottom: 1, right: 2)
        var y = inner.y
        for line in TextLayout.wrap(message, width: inner.width) where y < inner.maxY {
            buffer.write(line, x: inner.x, y: y, style: body, clip: inner)
            y += 1
        }
        y += 1
        switch mode {
        case .yesNo:
            guard y < inner.maxY else { return }
            var x = buffer.write(
                "[y]", x: inner.x, y: y, style: theme.style(.helpKey).withBackground(body.background), clip: inner)
            x = buffer.write(" confirm   ", x: x, y: y, style: body, clip: inner)
            x = buffer.write(
                "[n]", x: x, y: y, style: theme.style(.helpKey).withBackground(body.background), clip: inner)
            buffer.write(" cancel", x: x, y: y, style: body, clip: inner)
        case .typed(let expected):
            guard y + 2 < inner.maxY + 1 else { return }
            var x = buffer.write("Type ", x: inner.x, y: y, style: body, clip: inner)
            x = buffer.write(expected, x: x, y: y, style: theme.style(.modalDanger), clip: inner)
            buffer.write(" to confirm:", x: x, y: y, style: body, clip: inner)
            InputLine(prompt: "> ", editor: editor).render(
                into: &buffer, area: Rect(x: inner.x, y: y + 1, width: inner.width, height: 1), theme: theme)
            let hint = mismatch ? "does not match; Esc cancels" : "Enter confirms · Esc cancels"
            let hintText = g.isUnicode ? hint : hint.replacingMiddleDot()
            buffer.write(
                hintText, x: inner.x, y: y + 2,
                style: theme.style(mismatch ? .modalDanger : .textDim).withBackground(body.background),
                clip: inner)
        }
    }
}

extension String {
    fileprivate func replacingMiddleDot() -> String { String(map { $0 == "·" ? "-" : $0 }) }
}
