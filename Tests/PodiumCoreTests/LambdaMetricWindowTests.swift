import Foundation
import Testing

@testable import PodiumCore

/// The Lambda panel's own GetMetricData window. With `EndTime` = now, stock moto (which truncates the end to the
/// second and excludes points at or after it) drops an invocation recorded in the current second; CloudWatch
/// excludes points at `EndTime` too. The window ends after the period holding now.
@Suite("Lambda metric window")
struct LambdaMetricWindowTests {
    @Test("the end lies after now, on a period boundary; the start covers the hour shown, aligned down")
    func aligned() {
        let period = Double(LambdaMetricQueries.period)
        for offset in [0.0, 0.4, 59.999, 299.5] {
            let now = Date(timeIntervalSince1970: 1_796_000_100 + offset)
            let (start, end) = LambdaMetricQueries.window(endingAfter: now)
            #expect(end > now, "offset \(offset)")
            #expect(end.timeIntervalSince(now) <= period, "offset \(offset)")
            #expect(end.timeIntervalSince1970.truncatingRemainder(dividingBy: period) == 0)
            #expect(start.timeIntervalSince1970.truncatingRemainder(dividingBy: period) == 0)
            #expect(start <= now.addingTimeInterval(-LambdaMetricQueries.shown))
            #expect(start > now.addingTimeInterval(-LambdaMetricQueries.shown - period))
        }
    }

    @Test("now exactly on a boundary still ends a whole period later")
    func onBoundary() {
        let now = Date(timeIntervalSince1970: 1_796_000_100)
        #expect(now.timeIntervalSince1970.truncatingRemainder(dividingBy: 300) == 0)
        #expect(LambdaMetricQueries.window(endingAfter: now).end == now.addingTimeInterval(300))
    }
}
