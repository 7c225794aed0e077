import Foundation

/// The CUBIC send-rate curve of botocore's adaptive retry mode (`botocore/retries/throttling.py`): on a
/// throttle the rate drops to `beta` times the current one; afterwards it grows back along a cubic curve that is
/// flat around the rate at which the last throttle happened (`wMax`) and steep away from it.
public struct CubicCalculator: Sendable, Equatable {
    /// How fast the curve grows (botocore's `_SCALE_CONSTANT`).
    public let scaleConstant: Double
    /// The factor the rate is multiplied by on a throttle (botocore's `_BETA`).
    public let beta: Double
    /// The rate when the last throttle happened.
    public private(set) var wMax: Double
    /// The time, after the last throttle, at which the curve is back at `wMax`.
    public private(set) var k: Double
    /// When the last throttle happened, in seconds of the limiter's clock.
    public private(set) var lastFail: Double

    /// Creates the curve with botocore's constants.
    public init(startingMaxRate: Double, startTime: Double, scaleConstant: Double = 0.4, beta: Double = 0.7) {
        self.scaleConstant = scaleConstant
        self.beta = beta
        wMax = startingMaxRate
        lastFail = startTime
        k = 0
        k = zeroPoint()
    }

    private func zeroPoint() -> Double {
        let scaled = (wMax * (1 - beta)) / scaleConstant
        return Foundation.cbrt(scaled)
    }

    /// The rate allowed at `timestamp` after a successful response.
    public func successReceived(at timestamp: Double) -> Double {
        let dt = timestamp - lastFail
        return scaleConstant * Foundation.pow(dt - k, 3) + wMax
    }

    /// Records a throttle at `timestamp` while sending at `currentRate`; returns the reduced rate.
    public mutating func errorReceived(currentRate: Double, at timestamp: Double) -> Double {
        wMax = currentRate
        k = zeroPoint()
        lastFail = timestamp
        return currentRate * beta
    }
}
