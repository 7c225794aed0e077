/// A semantic role that drawing code asks the theme for; themes map roles to colours and attributes.
///
/// The raw value is the name used in theme files (`health.ok`). A role a theme leaves out takes the
/// style of its `fallback` (ultimately `text`).
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    /// Ordinary text.
    case text = "text"
    /// Secondary text (timestamps, hints).
    case textDim = "text.dim"
    /// Emphasised text.
    case textStrong = "text.strong"
    /// Application title in the title bar.
    case title = "title"
    /// The title bar background row.
    case titleBar = "title.bar"
    /// Breadcrumbs in the title bar.
    case titleBreadcrumb = "title.breadcrumb"
    /// Panel borders.
    case border = "border"
    /// The border of the focused panel.
    case borderFocused = "border.focused"
    /// Panel titles.
    case panelTitle = "panel.title"
    /// The title of the focused panel.
    case panelTitleFocused = "panel.title.focused"
    /// Table header row.
    case tableHeader = "table.header"
    /// Selected row in a focused list.
    case selectionFocused = "selection.focused"
    /// Selected row in an unfocused list.
    case selectionUnfocused = "selection.unfocused"
    /// Healthy.
    case healthOK = "health.ok"
    /// Degraded.
    case healthWarn = "health.warn"
    /// Failing.
    case healthCritical = "health.critical"
    /// Not known (no data).
    case healthUnknown = "health.unknown"
    /// Pending approval.
    case statusPending = "status.pending"
    /// Approved.
    case statusApproved = "status.approved"
    /// Rejected.
    case statusRejected = "status.rejected"
    /// In progress (Updating, Creating).
    case statusRunning = "status.running"
    /// Failed.
    case statusFailed = "status.failed"
    /// Environment accent (the theme's default; environments give their own colour by name).
    case envAccent = "env.accent"
    /// READ-ONLY badge.
    case badgeReadOnly = "badge.readonly"
    /// STALE badge.
    case badgeStale = "badge.stale"
    /// A neutral badge (environment tags, counts).
    case badge = "badge"
    /// Error banner (NO CONNECTION).
    case bannerError = "banner.error"
    /// Warning banner.
    case bannerWarning = "banner.warning"
    /// Informational toast.
    case toastInfo = "toast.info"
    /// Success toast.
    case toastSuccess = "toast.success"
    /// Error toast.
    case toastError = "toast.error"
    /// Sparkline bars.
    case sparkline = "sparkline"
    /// Gauge fill, normal.
    case gaugeOK = "gauge.ok"
    /// Gauge fill, warning level.
    case gaugeWarn = "gauge.warn"
    /// Gauge fill, critical level.
    case gaugeCritical = "gauge.critical"
    /// Gauge empty part.
    case gaugeEmpty = "gauge.empty"
    /// Key names in the help bar and help screen.
    case helpKey = "help.key"
    /// Descriptions in the help bar and help screen.
    case helpDesc = "help.desc"
    /// Disabled bindings in the help screen.
    case helpDisabled = "help.disabled"
    /// Status bar.
    case statusBar = "statusbar"
    /// Error text in the status bar.
    case statusBarError = "statusbar.error"
    /// Input line text.
    case input = "input"
    /// Input prompt (`/`, `:`).
    case inputPrompt = "input.prompt"
    /// The cursor cell of an input line.
    case inputCursor = "input.cursor"
    /// Completion candidates.
    case completion = "completion"
    /// The completion candidate Tab would pick.
    case completionSelected = "completion.selected"
    /// Filter matches highlighted in lists.
    case match = "match"
    /// Modal pane body.
    case modal = "modal"
    /// Modal pane border.
    case modalBorder = "modal.border"
    /// Modal pane title.
    case modalTitle = "modal.title"
    /// Danger wording in a modal (production, destructive).
    case modalDanger = "modal.danger"
    /// Progress step done.
    case progressDone = "progress.done"
    /// Progress step running.
    case progressRunning = "progress.running"
    /// Progress step pending.
    case progressPending = "progress.pending"
    /// Progress step failed.
    case progressFailed = "progress.failed"
    /// Big digits on wall screens.
    case bigDigits = "bigdigits"
    /// Scrollbar.
    case scrollbar = "scrollbar"

    /// The role used when a theme does not define this one.
    public var fallback: ThemeRole? {
        switch self {
        case .text: return nil
        case .panelTitleFocused: return .panelTitle
        case .borderFocused: return .border
        case .selectionUnfocused: return .selectionFocused
        case .statusBarError: return .statusBar
        case .completionSelected: return .selectionFocused
        case .modalBorder: return .border
        case .modalTitle: return .title
        case .modalDanger: return .healthCritical
        case .progressDone: return .healthOK
        case .progressRunning: return .statusRunning
        case .progressPending: return .textDim
        case .progressFailed: return .healthCritical
        case .gaugeOK: return .healthOK
        case .gaugeWarn: return .healthWarn
        case .gaugeCritical: return .healthCritical
        case .gaugeEmpty: return .textDim
        case .helpDisabled: return .textDim
        case .titleBreadcrumb: return .title
        case .badgeReadOnly, .badgeStale: return .badge
        case .toastSuccess, .toastError: return .toastInfo
        case .bannerWarning: return .bannerError
        default: return .text
        }
    }

    /// Attributes used in mono (attributes-only) mode when the theme gives no `mono:` for the role.
    public var defaultMonoAttributes: TextAttributes {
        switch self {
        case .text, .healthOK, .statusApproved, .input, .modal, .sparkline, .gaugeOK, .scrollbar,
            .completion, .helpDesc, .border:
            return []
        case .textDim, .healthUnknown, .statusRejected, .helpDisabled, .progressPending, .gaugeEmpty:
            return .dim
        case .textStrong, .title, .panelTitle, .tableHeader, .helpKey, .statusPending, .healthWarn,
            .statusRunning, .progressRunning, .modalTitle, .bigDigits, .inputPrompt, .progressDone,
            .borderFocused, .gaugeWarn:
            return .bold
        case .panelTitleFocused, .titleBreadcrumb: return [.bold, .underline]
        case .selectionFocused, .completionSelected: return [.reverse, .bold]
        case .selectionUnfocused, .titleBar, .statusBar, .badge, .badgeReadOnly, .badgeStale, .toastInfo,
            .toastSuccess, .inputCursor, .envAccent:
            return .reverse
        case .healthCritical, .statusFailed, .bannerError, .bannerWarning, .toastError, .statusBarError,
            .modalDanger, .progressFailed, .gaugeCritical:
            return [.bold, .reverse]
        case .match: return [.bold, .underline]
        case .modalBorder: return .bold
        }
    }

    /// All role names, for messages and did-you-mean suggestions.
    public static var allNames: [String] { allCases.map(\.rawValue) }
}
