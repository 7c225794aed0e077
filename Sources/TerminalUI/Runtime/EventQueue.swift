import Foundation

/// A multi-producer, single-consumer queue that hands the consumer every pending element at once.
///
/// Producers (effect tasks, the input thread, the timer) call `post` from any thread; the run loop awaits
/// `nextBatch()`, which suspends (no polling) while the queue is empty. Handing out whole batches is what
/// lets the runtime draw at most one frame per batch of actions.
final class EventQueue<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []
    private var waiter: CheckedContinuation<[Element], Never>?
    private var coalescedIndex: [String: Int] = [:]

    /// Appends an element and wakes the consumer.
    func post(_ element: Element) {
        lock.lock()
        items.append(element)
        wakeLocked()
    }

    /// Appends an element, or replaces a pending element posted with the same `key` (ticks, resizes).
    func post(_ element: Element, coalescingKey key: String) {
        lock.lock()
        if let index = coalescedIndex[key] {
            items[index] = element
            lock.unlock()
            return
        }
        coalescedIndex[key] = items.count
        items.append(element)
        wakeLocked()
    }

    /// Waits until at least one element is pending and returns all pending elements, oldest first.
    func nextBatch() async -> [Element] {
        await withCheckedContinuation { (continuation: CheckedContinuation<[Element], Never>) in
            lock.lock()
            if items.isEmpty {
                waiter = continuation
                lock.unlock()
            } else {
                let batch = takeLocked()
                lock.unlock()
                continuation.resume(returning: batch)
            }
        }
    }

    /// Returns all pending elements without waiting (possibly none).
    func drain() -> [Element] {
        lock.lock()
        defer { lock.unlock() }
        return takeLocked()
    }

    /// The number of pending elements.
    var count: Int { lock.withLock { items.count } }

    private func takeLocked() -> [Element] {
        let batch = items
        items = []
        coalescedIndex = [:]
        return batch
    }

    private func wakeLocked() {
        if let waiter {
            self.waiter = nil
            let batch = takeLocked()
            lock.unlock()
            waiter.resume(returning: batch)
        } else {
            lock.unlock()
        }
    }
}
