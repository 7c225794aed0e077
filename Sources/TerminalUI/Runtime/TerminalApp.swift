import Foundation

/// An app run by `TerminalRuntime`, in the Elm / bubbletea shape.
///
/// All state lives in one value; `update` is the only place it changes and returns `Effect`s (async work
/// that posts actions back); `view` draws the state into a frame. Keys, ticks and effect results all
/// arrive as actions, so input handling never waits on the network.
public protocol TerminalApp: Sendable {
    /// The app's whole state (a value).
    associatedtype State: Sendable
    /// Everything that can happen to the state.
    associatedtype Action: Sendable

    /// The smallest usable screen; a smaller terminal shows "enlarge to at least W×H" instead of `view`.
    var minimumSize: TerminalSize { get }

    /// Effects to start when the loop begins (first loads). The first frame is drawn before they finish.
    func start(_ state: inout State) -> [Effect<Action>]

    /// Applies an action to the state and returns the effects to run.
    func update(_ state: inout State, _ action: Action) -> [Effect<Action>]

    /// Draws the state into `frame` (already sized to the screen) and sets `cursor` to show the cursor.
    func view(_ state: State, into frame: inout FrameBuffer, cursor: inout CursorPosition?)

    /// The action for a key, a paste or a resize, or nil to ignore it.
    func keyAction(for event: KeyEvent, state: State) -> Action?

    /// The action for a mouse gesture (a click or a wheel notch over what the last frame drew), or nil to
    /// ignore it. Only called when the backend reports the mouse.
    func mouseAction(for input: MouseInput, state: State) -> Action?

    /// The action for a timer tick at `date` (see `RuntimeOptions.tickInterval`), or nil.
    func tickAction(at date: Date, state: State) -> Action?

    /// Draws the screen shown instead of `view` while the terminal is smaller than `minimumSize`.
    func viewTooSmall(_ state: State, into frame: inout FrameBuffer)
}

extension TerminalApp {
    /// Any size is usable.
    public var minimumSize: TerminalSize { TerminalSize(width: 1, height: 1) }

    /// No initial effects.
    public func start(_ state: inout State) -> [Effect<Action>] { [] }

    /// The mouse is ignored.
    public func mouseAction(for input: MouseInput, state: State) -> Action? { nil }

    /// Ticks are ignored.
    public func tickAction(at date: Date, state: State) -> Action? { nil }

    /// The "Terminal too small … enlarge to at least W×H" message (`TooSmallView`) in the built-in theme.
    public func viewTooSmall(_ state: State, into frame: inout FrameBuffer) {
        TooSmallView(requiredWidth: minimumSize.width, requiredHeight: minimumSize.height)
            .render(into: &frame, area: frame.bounds, theme: .fallback(colorDepth: .c16))
    }
}
