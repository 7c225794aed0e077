import Crypto

/// The canonicalisation rules of SigV4: path, query, headers, encoding and hex digests.
enum SigV4Canonical {
    // MARK: - Path

    /// The canonical URI of a wire path (as it appears on the request line).
    ///
    /// With `normalize`, dot segments and empty segments are removed (RFC 3986 5.2.4 plus AWS's rule on repeated
    /// slashes). With `doubleEncode`, the path is percent-encoded again, so `%20` becomes `%2520`; without it
    /// (S3), existing `%XX` escapes are kept and only characters that are not URL-safe are encoded.
    static func canonicalPath(_ path: String, normalize: Bool, doubleEncode: Bool) -> String {
        var path = path.isEmpty ? "/" : path
        if normalize { path = removeDotSegments(path) }
        return percentEncode(path, keepSlash: true, keepPercent: !doubleEncode)
    }

    /// botocore's `remove_dot_segments`: drops `.`, resolves `..`, collapses repeated `/`.
    static func removeDotSegments(_ path: String) -> String {
        if path.isEmpty { return "/" }
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if !output.isEmpty { output.removeLast() }
            } else {
                output.append(segment)
            }
        }
        let first = path.hasPrefix("/") ? "/" : ""
        let last = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        return first + output.joined(separator: "/") + last
    }

    // MARK: - Query

    /// The canonical query string: each name and value decoded then re-encoded strictly, sorted by name then value.
    static func canonicalQuery(_ query: String?) -> String {
        guard let query, !query.isEmpty else { return "" }
        var pairs: [(String, String)] = []
        for component in query.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let equals = component.firstIndex(of: "=") {
                name = component[..<equals]
                value = component[component.index(after: equals)...]
            } else {
                name = component
                value = ""
            }
            pairs.append(
                (
                    percentEncode(bytes: percentDecode(name), keepSlash: false, keepPercent: false),
                    percentEncode(bytes: percentDecode(value), keepSlash: false, keepPercent: false)
                ))
        }
        pairs.sort { lhs, rhs in
            lhs.0 == rhs.0
                ? lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8) : lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8)
        }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    // MARK: - Headers

    /// The canonical header block (`name:value` lines, with a trailing newline) and the signed header names.
    static func canonicalHeaders(
        _ headers: [(name: String, value: String)], excluding excluded: Set<String>
    ) -> (block: String, signedHeaders: String) {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = lowercaseASCII(trimmed(header.name))
            if excluded.contains(name) { continue }
            if values[name] == nil {
                order.append(name)
                values[name] = [trimAll(header.value)]
            } else {
                values[name]!.append(trimAll(header.value))
            }
        }
        order.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var block = ""
        for name in order {
            block += name
            block += ":"
            block += values[name]!.joined(separator: ",")
            block += "\n"
        }
        return (block, order.joined(separator: ";"))
    }

    /// Trims leading and trailing whitespace and turns each inner run of whitespace (incl. folded lines) into one space.
    static func trimAll(_ value: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if isSpace(byte) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func trimmed(_ value: String) -> String {
        let bytes = Array(value.utf8)
        guard let start = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = bytes.lastIndex(where: { !isSpace($0) })!
        if start == 0 && end == bytes.count - 1 { return value }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    /// Lower-cases ASCII letters only, as HTTP header names are ASCII.
    static func lowercaseASCII(_ value: String) -> String {
        if !value.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return value }
        return String(decoding: value.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// Compares two ASCII header names without regard to case.
    static func equalsIgnoringASCIICase(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        for (a, b) in zip(lhs.utf8, rhs.utf8) {
            let la = a >= 0x41 && a <= 0x5A ? a + 0x20 : a
            let lb = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
            if la != lb { return false }
        }
        return true
    }

    // MARK: - Encoding

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
    private static let lowerHexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// RFC 3986 percent-encoding of UTF-8 bytes; only `A-Z a-z 0-9 - _ . ~` (and optionally `/`, `%`) stay as is.
    static func percentEncode<S: StringProtocol>(_ value: S, keepSlash: Bool, keepPercent: Bool) -> String {
        percentEncode(bytes: Array(value.utf8), keepSlash: keepSlash, keepPercent: keepPercent)
    }

    /// Percent-encodes raw bytes (see `percentEncode(_:keepSlash:keepPercent:)`).
    static func percentEncode(bytes: [UInt8], keepSlash: Bool, keepPercent: Bool) -> String {
        if bytes.allSatisfy({ isUnreserved($0) || (keepSlash && $0 == 0x2F) || (keepPercent && $0 == 0x25) }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            if isUnreserved(byte) || (keepSlash && byte == 0x2F) || (keepPercent && byte == 0x25) {
                out.append(byte)
            } else {
                out.append(0x25)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes into bytes; a malformed escape is kept literally.
    static func percentDecode<S: StringProtocol>(_ value: S) -> [UInt8] {
        let bytes = Array(value.utf8)
        guard bytes.contains(0x25) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x25, index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x7E
    }

    /// Lower-case hex of a digest or MAC.
    static func hexDigest<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(lowerHexDigits[Int(byte >> 4)])
            out.append(lowerHexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
