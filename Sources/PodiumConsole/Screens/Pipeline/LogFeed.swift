import PodiumCore

/// The log view's part of the state: the endpoint followed, its bounded buffer, how far the operator scrolled up
/// (0: following; more: paused) and the lines that came while paused.
public struct LogFeed: Sendable, Equatable {
    /// The environment of the endpoint.
    public var environment: String
    /// The endpoint.
    public var endpoint: String
    /// The lines kept (bounded).
    var buffer = LogBuffer()
    /// Lines scrolled up from the end (0: following).
    public var scrollBack = 0
    /// New lines that arrived while paused.
    public var unseen = 0
    /// The polls: when the last ran, its error (the count of lines it brought is the value).
    public var poll = Loadable<Int>()

    /// A feed of an endpoint, empty until the first poll lands.
    public init(environment: String, endpoint: String) {
        self.environment = environment
        self.endpoint = endpoint
    }

    /// Lands a poll's lines: appended; while paused the view stays on the lines it shows, and counts the new ones.
    mutating func append(_ lines: [LogLine], filter: String) {
        buffer.append(lines)
        guard scrollBack > 0 else { return }
        let shown = filter.isEmpty ? lines.count : LogBuffer.matchingCount(lines, filter)
        scrollBack = min(scrollBack + shown, max(0, buffer.matching(filter).count - 1))
        unseen += shown
    }
}
