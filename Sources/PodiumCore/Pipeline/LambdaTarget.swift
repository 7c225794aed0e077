/// A rule's Lambda target, read from its ARN (`arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`): where its
/// metrics live decides whether they can ride in an environment's health call.
struct LambdaTarget: Sendable, Equatable {
    /// The function name.
    var function: String
    /// The region in the ARN.
    var region: String
    /// The account in the ARN.
    var account: String

    /// The target of `arn`, or `nil` when it is not a Lambda function's ARN.
    init?(arn: String) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 7, parts[2] == "lambda", parts[5] == "function", !parts[6].isEmpty else { return nil }
        function = String(parts[6])
        region = String(parts[3])
        account = String(parts[4])
    }

    /// The key of an account and region (`us-east-1/111111111111`).
    static func home(region: String, account: String) -> String { "\(region)/\(account)" }

    /// This target's account and region key.
    var home: String { Self.home(region: region, account: account) }
}
