import Foundation
import Testing

@testable import TerminalUI

/// Two buttons drawn side by side, each recording its hit region; a click counts on the button clicked.
private struct ButtonsApp: TerminalApp {
    enum Button: HitTarget {
        case minus
        case plus
    }

    struct State: Sendable {
        var count = 0
        var keys = 0
    }

    enum Action: Sendable {
        case clicked(Button)
        case key
    }

    func update(_ state: inout State, _ action: Action) -> [Effect<Action>] {
        switch action {
        case .clicked(.minus): state.count -= 1
        case .clicked(.plus): state.count += 1
        case .key: state.keys += 1
        }
        return []
    }

    func view(_ state: State, into frame: inout FrameBuffer, cursor: inout CursorPosition?) {
        frame.write("[-]", x: 0, y: 0, style: .plain)
        frame.recordHit(Button.minus, in: Rect(x: 0, y: 0, width: 3, height: 1))
        frame.write("[+]", x: 4, y: 0, style: .plain)
        frame.recordHit(Button.plus, in: Rect(x: 4, y: 0, width: 3, height: 1))
        frame.write("count \(state.count) keys \(state.keys)", x: 0, y: 1, style: .plain)
    }

    func keyAction(for event: KeyEvent, state: State) -> Action? { event == .key(.ctrl("c")) ? nil : .key }

    func mouseAction(for input: MouseInput, state: State) -> Action? {
        guard case .click(.left) = input.gesture, let button = input.target(as: Button.self) else { return nil }
        return .clicked(button)
    }
}

@Suite struct MouseRuntimeTests {
    @Test("the runtime hit-tests the frame on screen and hands the app the target; keyAction never sees the mouse")
    func clicksReachTheTargetDrawn() async throws {
        let backend = TestBackend(width: 30, height: 3)
        let runtime = TerminalRuntime(app: ButtonsApp(), backend: backend)
        let run = Task { try await runtime.run(ButtonsApp.State()) }
        try await backend.waitForScreen(containing: "count 0 keys 0")
        // +, +, -, +: the cells of the buttons drawn there.
        for x in [5, 6, 1, 5] {
            backend.send(.input(.mouse(MouseEvent(.press(.left), x: x, y: 0))))
            backend.send(.input(.mouse(MouseEvent(.release(.left), x: x, y: 0))))
        }
        // A click beside the buttons, and a wheel notch, do nothing.
        backend.send(.input(.mouse(MouseEvent(.press(.left), x: 3, y: 0))))
        backend.send(.input(.mouse(MouseEvent(.release(.left), x: 3, y: 0))))
        backend.send(.input(.mouse(MouseEvent(.wheelDown, x: 5, y: 0))))
        backend.press(.char("x"))
        try await backend.waitForScreen(containing: "count 2 keys 1")
        backend.press(.ctrl("c"))
        let outcome = try await run.value
        #expect(outcome.state.count == 2)
        #expect(outcome.state.keys == 1)
    }
}
