/// An AWS partition: a group of regions sharing a DNS suffix (aws, aws-cn, aws-us-gov, ...).
public struct AWSPartition: Sendable, Equatable {
    /// The partition id (`aws`, `aws-cn`, `aws-us-gov`).
    public var id: String
    /// The DNS suffix of its endpoints (`amazonaws.com`, `amazonaws.com.cn`).
    public var dnsSuffix: String
    /// The first label of region names in it, matched as `<prefix>-<word>-<digits>` (botocore's regexes).
    let regionPrefixes: [String]

    /// The commercial partition.
    public static let aws = AWSPartition(
        id: "aws", dnsSuffix: "amazonaws.com", regionPrefixes: ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"])
    /// China (Beijing, Ningxia).
    public static let awsCN = AWSPartition(id: "aws-cn", dnsSuffix: "amazonaws.com.cn", regionPrefixes: ["cn"])
    /// AWS GovCloud (US).
    public static let awsUSGov = AWSPartition(id: "aws-us-gov", dnsSuffix: "amazonaws.com", regionPrefixes: ["us-gov"])
    /// The isolated partitions, for completeness.
    public static let awsISO = AWSPartition(id: "aws-iso", dnsSuffix: "c2s.ic.gov", regionPrefixes: ["us-iso"])
    /// ISO-B.
    public static let awsISOB = AWSPartition(id: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov", regionPrefixes: ["us-isob"])

    /// Every known partition, most specific first.
    public static let all: [AWSPartition] = [awsUSGov, awsISOB, awsISO, awsCN, aws]

    /// The partition of a region; unknown regions fall back to `aws`, as botocore's endpoint rules do.
    public static func of(region: String) -> AWSPartition {
        for partition in all where partition.matches(region) { return partition }
        return .aws
    }

    /// Whether `region` is `<prefix>-<letters>-<digits>` for one of the partition's prefixes.
    func matches(_ region: String) -> Bool {
        for prefix in regionPrefixes where region.hasPrefix(prefix + "-") {
            let parts = region.dropFirst(prefix.count + 1).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let word = parts[0]
            let number = parts[1]
            if !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !number.isEmpty,
                number.allSatisfy(\.isNumber)
            {
                return true
            }
        }
        return false
    }
}
