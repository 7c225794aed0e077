import Foundation

/// SageMaker (awsJson 1.1): the model registry and real-time endpoints. Obtain it from `AWSClient.sageMaker`.
public struct SageMakerClient: Sendable {
    /// The client carrying region, credentials, transport, retries and the read-only flag.
    public let client: AWSClient
    /// The service description.
    public static let service = AWSServiceDescription.sageMaker

    /// Every operation of this client with its access kind.
    public enum Operation {
        /// ListModelPackageGroups (read).
        public static let listModelPackageGroups = AWSOperation("ListModelPackageGroups", .read)
        /// DescribeModelPackageGroup (read).
        public static let describeModelPackageGroup = AWSOperation("DescribeModelPackageGroup", .read)
        /// ListModelPackages (read).
        public static let listModelPackages = AWSOperation("ListModelPackages", .read)
        /// DescribeModelPackage (read).
        public static let describeModelPackage = AWSOperation("DescribeModelPackage", .read)
        /// UpdateModelPackage (write: approval status, metadata).
        public static let updateModelPackage = AWSOperation("UpdateModelPackage", .write)
        /// CreateModel (write).
        public static let createModel = AWSOperation("CreateModel", .write)
        /// DescribeModel (read).
        public static let describeModel = AWSOperation("DescribeModel", .read)
        /// CreateEndpointConfig (write).
        public static let createEndpointConfig = AWSOperation("CreateEndpointConfig", .write)
        /// DescribeEndpointConfig (read).
        public static let describeEndpointConfig = AWSOperation("DescribeEndpointConfig", .read)
        /// ListEndpointConfigs (read).
        public static let listEndpointConfigs = AWSOperation("ListEndpointConfigs", .read)
        /// CreateEndpoint (write).
        public static let createEndpoint = AWSOperation("CreateEndpoint", .write)
        /// UpdateEndpoint (write: deployments and rollbacks).
        public static let updateEndpoint = AWSOperation("UpdateEndpoint", .write)
        /// DescribeEndpoint (read).
        public static let describeEndpoint = AWSOperation("DescribeEndpoint", .read)
        /// ListEndpoints (read).
        public static let listEndpoints = AWSOperation("ListEndpoints", .read)
        /// UpdateEndpointWeightsAndCapacities (write: shifts traffic between variants without a new config).
        public static let updateEndpointWeightsAndCapacities = AWSOperation(
            "UpdateEndpointWeightsAndCapacities", .write)
        /// AddTags (write).
        public static let addTags = AWSOperation("AddTags", .write)
        /// ListTags (read).
        public static let listTags = AWSOperation("ListTags", .read)

        /// All of them.
        public static let all: [AWSOperation] = [
            listModelPackageGroups, describeModelPackageGroup, listModelPackages, describeModelPackage,
            updateModelPackage, createModel, describeModel, createEndpointConfig, describeEndpointConfig,
            listEndpointConfigs, createEndpoint, updateEndpoint, describeEndpoint, listEndpoints, addTags, listTags,
            updateEndpointWeightsAndCapacities,
        ]
    }

    /// Wraps a client.
    public init(client: AWSClient) {
        self.client = client
    }

    // MARK: - Model registry

    /// Lists model package groups.
    public func listModelPackageGroups(_ input: ListModelPackageGroupsInput = .init()) async throws
        -> ListModelPackageGroupsOutput
    {
        try await client.json(Operation.listModelPackageGroups, service: Self.service, input: input)
    }

    /// Describes a model package group.
    public func describeModelPackageGroup(_ input: DescribeModelPackageGroupInput) async throws
        -> DescribeModelPackageGroupOutput
    {
        try await client.json(Operation.describeModelPackageGroup, service: Self.service, input: input)
    }

    /// Lists model packages (versions), e.g. of one group.
    public func listModelPackages(_ input: ListModelPackagesInput = .init()) async throws -> ListModelPackagesOutput {
        try await client.json(Operation.listModelPackages, service: Self.service, input: input)
    }

    /// Describes a model package version.
    public func describeModelPackage(_ input: DescribeModelPackageInput) async throws -> DescribeModelPackageOutput {
        try await client.json(Operation.describeModelPackage, service: Self.service, input: input)
    }

    /// Updates a model package (approval status and description, customer metadata). A write.
    public func updateModelPackage(_ input: UpdateModelPackageInput) async throws -> UpdateModelPackageOutput {
        try await client.json(Operation.updateModelPackage, service: Self.service, input: input)
    }

    // MARK: - Models and endpoints

    /// Creates a model. A write.
    public func createModel(_ input: CreateModelInput) async throws -> CreateModelOutput {
        try await client.json(Operation.createModel, service: Self.service, input: input)
    }

    /// Describes a model.
    public func describeModel(_ input: DescribeModelInput) async throws -> DescribeModelOutput {
        try await client.json(Operation.describeModel, service: Self.service, input: input)
    }

    /// Creates an endpoint configuration. A write.
    public func createEndpointConfig(_ input: CreateEndpointConfigInput) async throws -> CreateEndpointConfigOutput {
        try await client.json(Operation.createEndpointConfig, service: Self.service, input: input)
    }

    /// Describes an endpoint configuration.
    public func describeEndpointConfig(_ input: DescribeEndpointConfigInput) async throws
        -> DescribeEndpointConfigOutput
    {
        try await client.json(Operation.describeEndpointConfig, service: Self.service, input: input)
    }

    /// Lists endpoint configurations.
    public func listEndpointConfigs(_ input: ListEndpointConfigsInput = .init()) async throws
        -> ListEndpointConfigsOutput
    {
        try await client.json(Operation.listEndpointConfigs, service: Self.service, input: input)
    }

    /// Creates an endpoint. A write.
    public func createEndpoint(_ input: CreateEndpointInput) async throws -> CreateEndpointOutput {
        try await client.json(Operation.createEndpoint, service: Self.service, input: input)
    }

    /// Updates an endpoint to a new configuration (a deployment). A write.
    public func updateEndpoint(_ input: UpdateEndpointInput) async throws -> UpdateEndpointOutput {
        try await client.json(Operation.updateEndpoint, service: Self.service, input: input)
    }

    /// Describes an endpoint: status, variants, deployment in progress.
    public func describeEndpoint(_ input: DescribeEndpointInput) async throws -> DescribeEndpointOutput {
        try await client.json(Operation.describeEndpoint, service: Self.service, input: input)
    }

    /// Changes variant weights (and instance counts) of a running endpoint; it is `Updating` until they are
    /// current. A write.
    public func updateEndpointWeightsAndCapacities(_ input: UpdateEndpointWeightsAndCapacitiesInput) async throws
        -> UpdateEndpointWeightsAndCapacitiesOutput
    {
        try await client.json(Operation.updateEndpointWeightsAndCapacities, service: Self.service, input: input)
    }

    /// Lists endpoints.
    public func listEndpoints(_ input: ListEndpointsInput = .init()) async throws -> ListEndpointsOutput {
        try await client.json(Operation.listEndpoints, service: Self.service, input: input)
    }

    // MARK: - Tags

    /// Adds tags to a resource. A write.
    public func addTags(_ input: AddTagsInput) async throws -> AddTagsOutput {
        try await client.json(Operation.addTags, service: Self.service, input: input)
    }

    /// Lists the tags of a resource.
    public func listTags(_ input: ListTagsInput) async throws -> ListTagsOutput {
        try await client.json(Operation.listTags, service: Self.service, input: input)
    }

    // MARK: - Paginators

    /// All pages of `listModelPackageGroups`.
    public func listModelPackageGroupsPaginator(_ input: ListModelPackageGroupsInput = .init())
        -> AWSPaginator<ListModelPackageGroupsInput, ListModelPackageGroupsOutput>
    {
        AWSPaginator(
            input: input, fetch: { try await self.listModelPackageGroups($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }

    /// All pages of `listModelPackages`.
    public func listModelPackagesPaginator(_ input: ListModelPackagesInput = .init())
        -> AWSPaginator<ListModelPackagesInput, ListModelPackagesOutput>
    {
        AWSPaginator(
            input: input, fetch: { try await self.listModelPackages($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }

    /// All pages of `listEndpoints`.
    public func listEndpointsPaginator(_ input: ListEndpointsInput = .init())
        -> AWSPaginator<ListEndpointsInput, ListEndpointsOutput>
    {
        AWSPaginator(
            input: input, fetch: { try await self.listEndpoints($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }

    /// All pages of `listEndpointConfigs`.
    public func listEndpointConfigsPaginator(_ input: ListEndpointConfigsInput = .init())
        -> AWSPaginator<ListEndpointConfigsInput, ListEndpointConfigsOutput>
    {
        AWSPaginator(
            input: input, fetch: { try await self.listEndpointConfigs($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }

    /// All pages of `listTags`.
    public func listTagsPaginator(_ input: ListTagsInput) -> AWSPaginator<ListTagsInput, ListTagsOutput> {
        AWSPaginator(
            input: input, fetch: { try await self.listTags($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }
}
