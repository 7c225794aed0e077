/// Maps `items` with at most `maxConcurrent` calls of `transform` running at once and returns the results in the
/// order of `items`. The one fan-out helper of AWSCore and PodiumCore: a hand-written task group that adds one
/// task per item starts them all at once, which is what throttles an account at scale.
///
/// The first error thrown by `transform` cancels the calls still running and is rethrown; no further item
/// is started after it.
/// - Parameters:
///   - items: the inputs, in the order the results are returned.
///   - maxConcurrent: the most calls in flight; values below 1 count as 1.
///   - transform: the work for one item.
public func concurrentMap<T: Sendable, R: Sendable>(
    _ items: [T], maxConcurrent: Int, _ transform: @escaping @Sendable (T) async throws -> R
) async rethrows -> [R] {
    if items.isEmpty { return [] }
    let width = max(1, min(maxConcurrent, items.count))
    return try await withThrowingTaskGroup(of: (Int, R).self, returning: [R].self) { group in
        var results = [R?](repeating: nil, count: items.count)
        var next = 0
        func startNext() {
            guard next < items.count else { return }
            let index = next
            let item = items[index]
            next += 1
            group.addTask { (index, try await transform(item)) }
        }
        for _ in 0..<width { startNext() }
        while let (index, value) = try await group.next() {
            results[index] = value
            startNext()
        }
        return results.map { $0! }
    }
}
