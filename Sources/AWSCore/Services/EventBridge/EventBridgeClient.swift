import Foundation

/// EventBridge (awsJson 1.1, `events.<region>`): the rules that start a promotion pipeline and their targets.
/// Obtain it from `AWSClient.eventBridge`.
public struct EventBridgeClient: Sendable {
    /// The client carrying region, credentials, transport, retries and the read-only flag.
    public let client: AWSClient
    /// The service description.
    public static let service = AWSServiceDescription.eventBridge

    /// Every operation of this client with its access kind.
    public enum Operation {
        /// ListRules (read).
        public static let listRules = AWSOperation("ListRules", .read)
        /// ListTargetsByRule (read).
        public static let listTargetsByRule = AWSOperation("ListTargetsByRule", .read)
        /// DescribeRule (read).
        public static let describeRule = AWSOperation("DescribeRule", .read)
        /// All of them.
        public static let all: [AWSOperation] = [listRules, listTargetsByRule, describeRule]
    }

    /// Wraps a client.
    public init(client: AWSClient) {
        self.client = client
    }

    /// One page of rules (of the default bus unless `eventBusName` says otherwise).
    public func listRules(_ input: ListRulesRequest = .init()) async throws -> ListRulesResponse {
        try await client.json(Operation.listRules, service: Self.service, input: input)
    }

    /// One page of a rule's targets.
    public func listTargetsByRule(_ input: ListTargetsByRuleRequest) async throws -> ListTargetsByRuleResponse {
        try await client.json(Operation.listTargetsByRule, service: Self.service, input: input)
    }

    /// Describes one rule, with its event pattern (a JSON string).
    public func describeRule(_ input: DescribeRuleRequest) async throws -> DescribeRuleResponse {
        try await client.json(Operation.describeRule, service: Self.service, input: input)
    }

    /// All pages of `listRules`.
    public func listRulesPaginator(_ input: ListRulesRequest = .init())
        -> AWSPaginator<ListRulesRequest, ListRulesResponse>
    {
        AWSPaginator(
            input: input, fetch: { try await self.listRules($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }

    /// All pages of `listTargetsByRule`.
    public func listTargetsByRulePaginator(_ input: ListTargetsByRuleRequest)
        -> AWSPaginator<ListTargetsByRuleRequest, ListTargetsByRuleResponse>
    {
        AWSPaginator(
            input: input, fetch: { try await self.listTargetsByRule($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }
}
