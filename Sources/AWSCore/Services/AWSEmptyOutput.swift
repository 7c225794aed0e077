import Foundation

/// The output of an operation whose model declares none (CloudWatch Logs CreateLogGroup, CloudFormation
/// CancelUpdateStack): whatever the body holds is ignored, so an answer with extra members still succeeds.
public struct AWSEmptyOutput: Codable, Sendable, Equatable, AWSXMLDecodable {
    /// Creates the empty output.
    public init() {}

    /// Ignores the element (`<Op>Result`, usually absent).
    public init(xml: AWSXMLElement) throws {}

    /// Ignores whatever the JSON body holds.
    public init(from decoder: any Decoder) throws {}

    /// Encodes nothing.
    public func encode(to encoder: any Encoder) throws {}
}
