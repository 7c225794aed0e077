import Foundation
import PodiumCore
import TerminalUI

/// The console's whole state, as one value: what is loaded, where the operator is, what is open.
///
/// Only `ConsoleApp.update` changes it; views only read it.
public struct ConsoleState: Sendable {
    // MARK: - Settings

    /// The config (read-only flags already applied).
    public var config: PodiumConfig
    /// Mode, refresh overrides, rotation.
    public var options: ConsoleOptions
    /// The theme in use.
    public var theme: Theme
    /// The key map after config overrides (read-only filtering is applied per view).
    public var keyMap: KeyMap<ConsoleCommand>

    // MARK: - Time and size

    /// The time of the latest tick (what ages and the clock are computed from).
    public var now: Date
    /// Ticks so far (spinner frames).
    public var tickCount = 0
    /// The terminal size.
    public var size: TerminalSize

    // MARK: - Data

    /// The operator identity.
    public var identity = Loadable<CallerIdentity>()
    /// Health per environment.
    public var health: [String: Loadable<EnvironmentHealth>] = [:]
    /// The groups.
    public var groups = Loadable<[ModelGroupSummary]>()
    /// Every pending version, oldest first.
    public var pending = Loadable<[ModelVersion]>()
    /// Recent approval changes from the last registry pass (the newest decided versions of each group, and any
    /// whose status changed between passes), newest first.
    public var recentChanges: [ModelVersion] = []
    /// Versions described because a screen scrolled to them, by ARN: a refresh brings summaries again, and these
    /// fill them in while the approval status is the same (see `ConsoleState+Describe.swift`).
    public var describedRows: [String: ModelVersion] = [:]
    /// The versions (ARN and status) already asked for, so a row is described at most once per status.
    public var describeRequested: Set<String> = []
    /// Versions per group (loaded when a group is opened, or for the activity screen).
    public var versions: [String: Loadable<[ModelVersion]>] = [:]
    /// Version details (a few, most recent).
    public var details: [VersionKey: Loadable<ModelVersionDetail>] = [:]
    /// How many version details are kept (the most recently opened).
    public static let detailsKept = 8
    /// Order in which details were opened (oldest first), to bound `details`.
    public var detailOrder: [VersionKey] = []
    /// The audit log, newest first.
    public var audit = Loadable<[AuditRecord]>()
    /// Lines of the audit log skipped as unreadable (a torn last line); the activity screen says so.
    public var auditUnreadableLines = 0
    /// The pipeline ledger and machinery (read while the pipeline screen or page is shown).
    public var pipeline = Loadable<PipelineSnapshot>()
    /// The log view's endpoint and lines (kept after it closes, until another endpoint's log is opened).
    public var logFeed: LogFeed?

    // MARK: - Navigation

    /// The screens, root first; the last is shown.
    public var stack: [ConsoleScreen] = [.dashboard]
    /// Cursor per list (`ConsoleScreen.listKey`).
    public var cursors: [String: Int] = [:]
    /// Scroll offset per list.
    public var scrolls: [String: Int] = [:]
    /// Filter per list.
    public var filters: [String: String] = [:]
    /// The dashboard shows only this environment (`:env prod`).
    public var focusedEnvironment: String?
    /// The open overlay.
    public var overlay: ConsoleOverlay?
    /// The SSO sign-in under way (shown by the `.signIn` overlay), nil when none is.
    public var signIn: SignInPane?
    /// Themes named by environments (`theme:`), by environment name: their panels are drawn with them.
    public var environmentThemes: [String: Theme] = [:]
    /// Environments whose credentials `:profile` switched, and the profile names for completion.
    public var profiles = ProfileSwitches()

    // MARK: - Feedback

    /// The running (or last finished) deployment.
    public var deployment: DeploymentRun?
    /// Transient messages.
    public var toasts = ToastQueue(capacity: 4)
    /// The last error and when it happened.
    public var lastError: (message: String, at: Date)?
    /// The data source `lastError` came from (`health.dev`, `registry`, …); it clears the error on success.
    public var lastErrorSource: String?
    /// When watch mode last rotated the page.
    public var lastRotation: Date
    /// Set once the dashboard first has every environment loaded (for the time-to-complete measurement).
    public var dashboardCompleteAt: Date?
    /// When the console started.
    public let startedAt: Date

    /// Creates the initial state: nothing loaded, the dashboard shown.
    public init(
        config: PodiumConfig, options: ConsoleOptions, theme: Theme, keyMap: KeyMap<ConsoleCommand>, now: Date,
        size: TerminalSize
    ) {
        self.config = config
        self.options = options
        self.theme = theme
        self.keyMap = keyMap
        self.now = now
        self.size = size
        self.lastRotation = now
        self.startedAt = now
        for env in config.environments { health[env.name] = Loadable() }
        if options.isWatch, let first = options.pages.first { stack = [ConsoleScreen.root(of: first)] }
    }

    // MARK: - Derived

    /// The screen shown.
    public var screen: ConsoleScreen { stack.last ?? .dashboard }

    /// Whether nothing can be changed from this console (watch mode or `--read-only`).
    public var isReadOnly: Bool { options.isWatch || config.readOnly }

    /// Whether an environment is read-only (the console's or the environment's setting).
    public func isReadOnly(environment: String) -> Bool {
        isReadOnly || (config.environment(named: environment)?.readOnly ?? true)
    }

    /// The health refresh interval.
    public var healthInterval: Duration { options.refresh ?? config.refresh.health }
    /// The registry refresh interval.
    public var registryInterval: Duration { options.refresh ?? config.refresh.registry }
    /// The audit log refresh interval.
    public var auditInterval: Duration { min(registryInterval, .seconds(10)) }

    /// The filter of the current list.
    public var currentFilter: String { filters[screen.listKey] ?? "" }

    /// The cursor of a list.
    public func cursor(_ key: String) -> Int { cursors[key] ?? 0 }

    /// Whether every data source's latest attempt failed (the banner above the panels).
    public var allSourcesFailing: Bool {
        var sources: [Bool] = health.values.map { $0.isFailing }
        sources.append(groups.isFailing)
        return !sources.isEmpty && sources.allSatisfy { $0 }
    }

    /// Whether every source is failing because AWS cannot be reached at all: only then is it "NO CONNECTION".
    /// A 503 or an unreadable answer on every source is trouble too, but the connection is fine.
    public var allSourcesUnreachable: Bool {
        allSourcesFailing && health.values.allSatisfy(\.errorIsUnreachable) && groups.errorIsUnreachable
    }
}
