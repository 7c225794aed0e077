/// A live progress pane: title, status with spinner and elapsed time, steps with marks, and a phase bar.
public struct ProgressPane: Widget {
    /// Title in the border.
    public var title: String
    /// Current status line (`Updating`, `InService`).
    public var status: String
    /// The steps.
    public var steps: [ProgressStep]
    /// Animation tick (the timer count); picks the spinner frame.
    public var tick: Int
    /// Seconds since the operation started.
    public var elapsedSeconds: Double
    /// Current phase, 1-based, and the number of phases (nil: no phase bar).
    public var phase: (current: Int, total: Int)?
    /// Label of the current phase.
    public var phaseLabel: String
    /// Steps finished, when the bar should show them rather than the phase number (a phase that is still
    /// running must not read as complete).
    public var completed: Int?
    /// Whether the pane has focus.
    public var focused: Bool

    /// Creates a progress pane.
    public init(
        title: String, status: String = "", steps: [ProgressStep] = [], tick: Int = 0, elapsedSeconds: Double = 0,
        phase: (current: Int, total: Int)? = nil, phaseLabel: String = "", focused: Bool = true,
        completed: Int? = nil
    ) {
        self.completed = completed
        self.title = title
        self.status = status
        self.steps = steps
        self.tick = tick
        self.elapsedSeconds = elapsedSeconds
        self.phase = phase
        self.phaseLabel = phaseLabel
        self.focused = focused
    }

    /// Whether any step is running (the spinner is animated).
    public var isRunning: Bool { steps.contains { $0.state == .running } }

    /// The mark and role of a step.
    public func mark(for step: ProgressStep, glyphs g: GlyphSet) -> (String, ThemeRole) {
        switch step.state {
        case .pending: return (g.pending, .progressPending)
        case .running: return (g.spinnerFrame(tick: tick), .progressRunning)
        case .done: return (g.check, .progressDone)
        case .failed: return (g.cross, .progressFailed)
        case .skipped: return (g.skipped, .progressPending)
        }
    }

    /// Draws the pane.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let g = theme.glyphs
        Panel(title: title, trailing: TextLayout.duration(seconds: elapsedSeconds), focused: focused).render(
            into: &buffer, area: area, theme: theme)
        let inner = Panel.inner(area).inset(left: 1, right: 1)
        guard !inner.isEmpty else { return }
        var y = inner.y
        if !status.isEmpty {
            var x = inner.x
            if isRunning {
                x = buffer.write(
                    g.spinnerFrame(tick: tick) + " ", x: x, y: y, style: theme.style(.progressRunning), clip: inner)
            }
            buffer.write(status, x: x, y: y, style: theme.style(.textStrong), clip: inner)
            y += 2
        }
        let phaseRows = phase == nil ? 0 : 2
        for step in steps where y < inner.maxY - phaseRows {
            let (mark, role) = mark(for: step, glyphs: g)
            var x = buffer.write(mark + " ", x: inner.x, y: y, style: theme.style(role), clip: inner)
            x = buffer.write(
                step.label, x: x, y: y, style: theme.style(step.state == .pending ? .textDim : .text), clip: inner)
            if !step.detail.isEmpty {
                let room = inner.maxX - x - 2
                if room > 1 {
                    buffer.write(
                        "  " + TextLayout.truncate(step.detail, width: room, ellipsis: g.ellipsis), x: x, y: y,
                        style: theme.style(.textDim), clip: inner)
                }
            }
            y += 1
        }
        if let phase, phase.total > 0, inner.height >= 2 {
            let row = Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1)
            let label =
                (completed == nil ? "Phase" : "Step") + " \(min(phase.current, phase.total))/\(phase.total)"
                + (phaseLabel.isEmpty ? "" : " " + phaseLabel)
            let labelText = TextLayout.truncate(label, width: max(0, row.width / 2), ellipsis: g.ellipsis)
            let x = buffer.write(labelText + " ", x: row.x, y: row.y, style: theme.style(.text), clip: row)
            let fraction = Double(min(completed ?? phase.current, phase.total)) / Double(phase.total)
            Gauge(fraction: fraction, label: "", warnAt: 2, criticalAt: 2).render(
                into: &buffer, area: Rect(x: x, y: row.y, width: row.maxX - x, height: 1), theme: theme)
        }
    }
}
