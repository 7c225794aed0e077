/// How the console runs: interactive or watch mode, refresh overrides and page rotation.
public struct ConsoleOptions: Sendable, Equatable {
    /// Interactive console or read-only wall screen.
    public enum Mode: Sendable, Equatable {
        /// `podium` / `podium console`.
        case console
        /// `podium watch`.
        case watch
    }

    /// The mode.
    public var mode: Mode
    /// Overrides both refresh intervals (watch `--refresh`).
    public var refresh: Duration?
    /// Rotate pages at this interval (watch `--rotate`).
    public var rotate: Duration?
    /// The pages shown (and rotated through) in watch mode.
    public var pages: [ConsoleTab]
    /// How long a fetch may take before it counts as failed.
    public var fetchTimeout: Duration

    /// Creates options.
    public init(
        mode: Mode = .console, refresh: Duration? = nil, rotate: Duration? = nil,
        pages: [ConsoleTab] = ConsoleTab.standardPages, fetchTimeout: Duration = .seconds(20)
    ) {
        self.mode = mode
        self.refresh = refresh
        self.rotate = rotate
        self.pages = pages.isEmpty ? ConsoleTab.standardPages : pages
        self.fetchTimeout = fetchTimeout
    }

    /// Whether this is watch mode.
    public var isWatch: Bool { mode == .watch }
}
