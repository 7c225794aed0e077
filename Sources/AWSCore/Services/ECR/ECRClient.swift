import Foundation

/// ECR (awsJson 1.1, host `api.ecr.<region>`): the container images a model runs, for preflight. Obtain it from
/// `AWSClient.ecr`.
public struct ECRClient: Sendable {
    /// The client carrying region, credentials, transport, retries and the read-only flag.
    public let client: AWSClient
    /// The service description.
    public static let service = AWSServiceDescription.ecr

    /// Every operation of this client with its access kind.
    public enum Operation {
        /// DescribeImages (read).
        public static let describeImages = AWSOperation("DescribeImages", .read)
        /// DescribeRepositories (read).
        public static let describeRepositories = AWSOperation("DescribeRepositories", .read)
        /// All of them.
        public static let all: [AWSOperation] = [describeImages, describeRepositories]
    }

    /// Wraps a client.
    public init(client: AWSClient) {
        self.client = client
    }

    /// Describes images of a repository (one page); with `imageIds`, only those. AWS answers
    /// `ImageNotFoundException` for an id that is not there and `RepositoryNotFoundException` for the repository.
    public func describeImages(_ input: DescribeImagesRequest) async throws -> DescribeImagesResponse {
        try await client.json(Operation.describeImages, service: Self.service, input: input)
    }

    /// Describes repositories (one page).
    public func describeRepositories(_ input: DescribeRepositoriesRequest = .init()) async throws
        -> DescribeRepositoriesResponse
    {
        try await client.json(Operation.describeRepositories, service: Self.service, input: input)
    }
}
