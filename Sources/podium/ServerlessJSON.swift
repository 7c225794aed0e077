/// A serverless variant's settings in JSON.
struct ServerlessJSON: Encodable {
    let memoryMB: Int
    let maxConcurrency: Int

    enum CodingKeys: String, CodingKey {
        case memoryMB = "memory_mb"
        case maxConcurrency = "max_concurrency"
    }
}
