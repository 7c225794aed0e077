/// The VPC a model's containers run in (`CreateModel` `VpcConfig`).
public struct VPCSettings: Sendable, Equatable, Codable {
    /// Subnet ids.
    public var subnets: [String]
    /// Security group ids.
    public var securityGroupIds: [String]

    /// Creates VPC settings.
    public init(subnets: [String], securityGroupIds: [String]) {
        self.subnets = subnets
        self.securityGroupIds = securityGroupIds
    }
}
