import Foundation
import PodiumCore
import TerminalUI

@testable import PodiumConsole

/// The incident of issue 17: churn-prod critical with three reasons (its alarm, 5xx over critical, p99 over
/// warn), as `make demo`'s traffic knob produces it.
enum Incident {
    static let reasons = ["alarm churn-prod-5xx ALARM", "5xx 8.3% >= 5%", "p99 565ms >= 300ms"]

    /// The fixture config with latency thresholds (p99 warn 300 ms, critical 1000 ms) everywhere.
    static func config(readOnly: Bool = false) -> PodiumConfig {
        var config = Fixtures.config(readOnly: readOnly)
        for index in config.environments.indices {
            config.environments[index].thresholds.latencyP99Ms = ThresholdPair(warn: 300, critical: 1000)
        }
        return config
    }

    /// Everything loaded; churn-prod is in the incident (and, with `deploying`, being updated).
    static func state(
        width: Int, height: Int, mode: ConsoleOptions.Mode = .console, deploying: Bool = false,
        readOnly: Bool = false
    ) -> ConsoleState {
        let config = config(readOnly: readOnly)
        var state = Fixtures.loadedState(config: config, mode: mode, width: width, height: height, updating: deploying)
        var prod = state.health["prod"]!.value!
        prod.endpoints[0].reasons = (deploying ? ["deploying (Updating)"] : []) + reasons
        prod.endpoints[0].metrics.recent.error5xxPercent = 8.3
        prod.endpoints[0].metrics.recent.latencyP99Ms = 565
        state.health["prod"]!.succeed(prod, at: Fixtures.now)
        return state
    }

    /// The cursor on churn-prod (the third dashboard row).
    static func selectChurnProd(_ state: inout ConsoleState) {
        state.cursors[ConsoleScreen.dashboard.listKey] = state.dashboardRows.firstIndex {
            $0.spec.name == "churn-prod"
        }
    }
}

/// The style of the first cell of `text` on the first row (from `startRow`) that contains it, or nil.
func style(of text: String, in frame: FrameBuffer, startRow: Int = 0) -> CellStyle? {
    for y in startRow..<frame.height {
        var line = ""
        var cellOfCharacter: [Int] = []
        for x in 0..<frame.width {
            let grapheme = frame[x, y].grapheme
            for _ in grapheme { cellOfCharacter.append(x) }
            line += grapheme
        }
        guard let range = line.range(of: text) else { continue }
        let offset = line.distance(from: line.startIndex, to: range.lowerBound)
        return frame[cellOfCharacter[offset], y].style
    }
    return nil
}

/// Every `p99 …` shown is a whole value (`p99 565ms`, `p99 –`), never a cut one (`p99 56`).
func cutNumbers(_ frame: FrameBuffer) -> [String] {
    var cut: [String] = []
    let pattern = /(p99|avg|4xx|5xx|cpu|mem) ([0-9.]+)(ms|%)?/
    for line in frame.textLines() {
        for match in line.matches(of: pattern) where match.output.3 == nil {
            cut.append(String(match.output.0))
        }
    }
    return cut
}
