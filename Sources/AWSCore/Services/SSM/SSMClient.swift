import Foundation

/// SSM Parameter Store (awsJson 1.1): the pins a promotion pipeline reads (`/models/{group}/{env}`). Obtain it
/// from `AWSClient.ssm`.
public struct SSMClient: Sendable {
    /// The client carrying region, credentials, transport, retries and the read-only flag.
    public let client: AWSClient
    /// The service description.
    public static let service = AWSServiceDescription.ssm

    /// Every operation of this client with its access kind.
    public enum Operation {
        /// GetParameter (read).
        public static let getParameter = AWSOperation("GetParameter", .read)
        /// PutParameter (write).
        public static let putParameter = AWSOperation("PutParameter", .write)
        /// GetParameterHistory (read).
        public static let getParameterHistory = AWSOperation("GetParameterHistory", .read)
        /// All of them.
        public static let all: [AWSOperation] = [getParameter, putParameter, getParameterHistory]
    }

    /// Wraps a client.
    public init(client: AWSClient) {
        self.client = client
    }

    /// Reads one parameter. AWS answers `ParameterNotFound` when it does not exist (see `isParameterNotFound`).
    public func getParameter(_ input: GetParameterRequest) async throws -> GetParameterResult {
        try await client.json(Operation.getParameter, service: Self.service, input: input)
    }

    /// Writes a parameter (`overwrite: true` to replace an existing value); returns the new version.
    public func putParameter(_ input: PutParameterRequest) async throws -> PutParameterResult {
        try await client.json(Operation.putParameter, service: Self.service, input: input)
    }

    /// One page of a parameter's versions, oldest first.
    public func getParameterHistory(_ input: GetParameterHistoryRequest) async throws -> GetParameterHistoryResult {
        try await client.json(Operation.getParameterHistory, service: Self.service, input: input)
    }

    /// All pages of `getParameterHistory`.
    public func getParameterHistoryPaginator(_ input: GetParameterHistoryRequest)
        -> AWSPaginator<GetParameterHistoryRequest, GetParameterHistoryResult>
    {
        AWSPaginator(
            input: input, fetch: { try await self.getParameterHistory($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }

    /// Whether an error is SSM's answer for a parameter that does not exist.
    public static func isParameterNotFound(_ error: any Error) -> Bool {
        (error as? AWSServiceError)?.code == "ParameterNotFound"
    }
}
