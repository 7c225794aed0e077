import Foundation

/// The per-client correction of a local clock that disagrees with AWS's.
///
/// SigV4 signatures carry their time, and AWS refuses ones more than 5 minutes off its own clock
/// (`RequestTimeTooSkewed`, `RequestExpired`, `InvalidSignatureException: Signature expired…`,
/// `SignatureDoesNotMatch: Signature not yet current…`). As the AWS SDKs for Java v2, JavaScript v3 and Go v2 do
/// (botocore itself does not correct skew), the client then reads the server's `Date` response header, keeps the
/// difference as an offset added to its clock when signing, and retries the call. The offset is only changed
/// when the error is one of those codes and the `Date` header really is more than `threshold` away, so an
/// ordinary `SignatureDoesNotMatch` (a wrong secret key) is not retried.
public actor ClockSkew {
    /// How far the server's `Date` must be from the corrected local clock to count as skew (4 minutes, as the
    /// Java SDK's `ClockSkew`; AWS's own tolerance is 5 minutes).
    public static let threshold: TimeInterval = 4 * 60

    /// The error codes AWS answers a badly-timed signature with (the Java SDK's clock skew codes).
    public static let codes: Set<String> = [
        "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture", "InvalidSignatureException",
        "SignatureDoesNotMatch", "AuthFailure",
    ]

    /// The seconds added to the local clock when signing (server time minus local time).
    public private(set) var offset: TimeInterval = 0

    /// Creates a correction of zero.
    public init() {}

    /// Updates the offset from an error response, if the error is a skew error and the response's `Date` shows
    /// the skew; returns whether it did (the caller then retries).
    public func correct(code: String, dateHeader: String?, localNow: Date) -> Bool {
        guard Self.codes.contains(code), let dateHeader, let serverTime = Self.parseHTTPDate(dateHeader) else {
            return false
        }
        let measured = serverTime.timeIntervalSince(localNow)
        guard abs(measured - offset) > Self.threshold else { return false }
        offset = measured
        return true
    }

    /// Parses an HTTP `Date` (RFC 7231 IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`); `nil` when it is not one.
    public static func parseHTTPDate(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT" || parts[5] == "UTC",
            let day = Int(parts[1]), let year = Int(parts[3]),
            let month = months.firstIndex(of: String(parts[2]))
        else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, (1...31).contains(day), (0..<24).contains(time[0]), (0..<60).contains(time[1]),
            (0...60).contains(time[2])
        else { return nil }
        var components = DateComponents()
        components.year = year
        components.month = month + 1
        components.day = day
        components.hour = time[0]
        components.minute = time[1]
        components.second = time[2]
        return utcCalendar.date(from: components)
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()
}
