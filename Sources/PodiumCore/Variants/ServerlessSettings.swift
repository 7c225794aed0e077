/// A serverless variant's memory and concurrency (`serverless: { memory_mb, max_concurrency }`).
public struct ServerlessSettings: Sendable, Equatable, Codable {
    /// The memory sizes SageMaker accepts (1 GB steps from 1024 to 6144 MB).
    public static let memorySizes = [1024, 2048, 3072, 4096, 5120, 6144]
    /// SageMaker's range for the maximum concurrency.
    public static let concurrencyRange = 1...200

    /// Memory in MB.
    public var memoryMB: Int
    /// The most invocations served at once.
    public var maxConcurrency: Int

    /// Creates serverless settings.
    public init(memoryMB: Int, maxConcurrency: Int) {
        self.memoryMB = memoryMB
        self.maxConcurrency = maxConcurrency
    }

    /// `serverless 2048 MB × 5`.
    public var summary: String { "serverless \(memoryMB) MB × \(maxConcurrency)" }
}
