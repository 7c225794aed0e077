import Foundation

/// The pages of a paginated operation, fetched lazily as the sequence is iterated.
///
/// Iteration starts with the input as given, then repeats the call with the previous page's `NextToken`
/// until a page has none (or repeats the token it was given, which would loop forever).
public struct AWSPaginator<Input: Sendable, Output: Sendable>: AsyncSequence, Sendable {
    /// Each element is one page.
    public typealias Element = Output

    let input: Input
    let fetch: @Sendable (Input) async throws -> Output
    let nextToken: @Sendable (Output) -> String?
    let withToken: @Sendable (Input, String) -> Input

    /// Creates a paginator from a call and the two token accessors.
    public init(
        input: Input, fetch: @escaping @Sendable (Input) async throws -> Output,
        nextToken: @escaping @Sendable (Output) -> String?, withToken: @escaping @Sendable (Input, String) -> Input
    ) {
        self.input = input
        self.fetch = fetch
        self.nextToken = nextToken
        self.withToken = withToken
    }

    /// Creates the iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(paginator: self, next: input)
    }

    /// Fetches one page per `next()`.
    public struct Iterator: AsyncIteratorProtocol {
        let paginator: AWSPaginator
        var next: Input?
        var lastToken: String?

        /// The next page, or `nil` after the last one.
        public mutating func next() async throws -> Output? {
            guard let input = next else { return nil }
            next = nil
            let page = try await paginator.fetch(input)
            if let token = paginator.nextToken(page), !token.isEmpty, token != lastToken {
                lastToken = token
                next = paginator.withToken(input, token)
            }
            return page
        }
    }
}
