import Foundation

/// Deterministic, valid SageMaker resource names for what podium creates.
public enum SageMakerNames {
    /// SageMaker's limit for model, endpoint config and endpoint names.
    public static let maxLength = 63

    /// Whether a name matches SageMaker's `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}` pattern.
    public static func isValid(_ name: String) -> Bool {
        name.count <= maxLength
            && name.range(of: #"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$"#, options: .regularExpression) != nil
    }

    /// The name of the model and endpoint config podium creates for `version` of `packageArn` on `endpoint`:
    /// `<endpoint, truncated>-v<version>-<8 hex of FNV-1a(endpoint|version|package ARN)>`, at most 63 characters.
    /// Re-running a promotion therefore finds and reuses what an interrupted run created.
    public static func resourceName(endpoint: String, version: Int, packageArn: String) -> String {
        let hash = String(format: "%08x", fold(fnv1a("\(endpoint)|\(version)|\(packageArn)")))
        let suffix = "-v\(version)-\(hash)"
        return base(endpoint: endpoint, room: maxLength - suffix.count) + suffix
    }

    /// The part of every resource name that comes from the endpoint (for finding them with `NameContains`).
    public static func resourcePrefix(endpoint: String) -> String {
        base(endpoint: endpoint, room: maxLength - "-v9999999-12345678".count)
    }

    private static func base(endpoint: String, room: Int) -> String {
        var base = String(endpoint.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        if base.count > room { base = String(base.prefix(room)) }
        while base.hasSuffix("-") { base.removeLast() }
        return base.isEmpty ? "podium" : base
    }

    /// 64-bit FNV-1a: stable across runs and platforms (unlike `Hasher`).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func fold(_ value: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: value >> 32) ^ UInt32(truncatingIfNeeded: value)
    }
}
