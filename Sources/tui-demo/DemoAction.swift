import Foundation
import TerminalUI

/// Everything that happens to the demo.
enum DemoAction: Sendable {
    /// A key, paste or resize.
    case input(KeyEvent)
    /// The clock ticked.
    case tick(Date)
    /// A simulated refresh finished.
    case refreshed(generation: Int, rows: [DemoEndpoint])
}
