import Foundation

/// Timestamp formats of the AWS protocols: epoch seconds in JSON, ISO 8601 in query and XML.
public enum AWSDateCoding {
    /// Formats a date as ISO 8601 in UTC with milliseconds when it has them (`2026-01-02T03:04:05.123Z`).
    public static func iso8601String(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        let millis = Int(((seconds - whole) * 1000).rounded())
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: whole))
        let base = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0,
            c.minute ?? 0, c.second ?? 0)
        return millis == 0 || millis == 1000 ? base + "Z" : base + String(format: ".%03dZ", millis)
    }

    /// Parses the forms AWS and moto send: epoch seconds (`1700000000.5`), ISO 8601 with or without
    /// fractional seconds and zone (a missing zone means UTC), with `T` or a space, and RFC 1123 HTTP dates.
    public static func parse(_ text: String) -> Date? {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s.isEmpty { return nil }
        if let seconds = Double(s) { return Date(timeIntervalSince1970: seconds) }
        if let date = parseISO8601(s) { return date }
        return parseHTTPDate(s)
    }

    /// Parses `YYYY-MM-DD[T ]hh:mm:ss[.fff…][Z|±hh:mm|±hhmm]`.
    static func parseISO8601(_ s: String) -> Date? {
        let chars = Array(s.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                let c = chars[i]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard chars.count >= 19, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
            chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " ") || chars[10] == UInt8(ascii: "t"),
            chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < chars.count, chars[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                fraction += Double(chars[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        if index < chars.count {
            let sign = chars[index]
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                index += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                guard let h = number(index + 1, 2) else { return nil }
                var m = 0
                if let mm = number(index + 4, 2), chars[index + 3] == UInt8(ascii: ":") {
                    m = mm
                    index += 6
                } else if let mm = number(index + 3, 2) {
                    m = mm
                    index += 5
                } else {
                    index += 3
                }
                offset = (h * 3600 + m * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            }
        }
        guard index == chars.count else { return nil }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        components.hour = hour
        components.minute = minute
        components.second = second
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components) else { return nil }
        return date.addingTimeInterval(fraction - Double(offset))
    }

    /// Parses an RFC 1123 date (`Tue, 03 Jun 2008 11:05:30 GMT`), as S3 sends in `Last-Modified`.
    static func parseHTTPDate(_ s: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: s)
    }

    /// A JSON encoder for awsJson bodies: timestamps as epoch seconds (a number), keys as the shapes declare.
    public static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// A JSON decoder for awsJson responses: timestamps as epoch seconds or, as moto sometimes sends, ISO 8601.
    public static func jsonDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let seconds = try? container.decode(Double.self) {
                return Date(timeIntervalSince1970: seconds)
            }
            let text = try container.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "unreadable timestamp \"\(text)\"")
            }
            return date
        }
        return decoder
    }
}
