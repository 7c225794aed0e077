import Foundation
import PodiumCore
import TerminalUI

/// Everything that can happen to the console: keys, ticks, and the results effects post back.
public enum ConsoleAction: Sendable {
    /// A key or a paste.
    case input(KeyEvent)
    /// A click or a wheel notch over what the last frame drew (`mouse: true` in the config).
    case mouse(MouseInput)
    /// The terminal was resized.
    case resize(TerminalSize)
    /// The timer ticked.
    case tick(Date)
    // Results carry when they finished (`at`) and when their request started (`requested`; nil means `at`):
    // a result of an older request never replaces a newer one.

    /// The operator identity arrived (or failed).
    case identityLoaded(Result<CallerIdentity, ConsoleError>, at: Date, requested: Date? = nil)
    /// One environment's health arrived (or failed).
    case healthLoaded(environment: String, Result<EnvironmentHealth, ConsoleError>, at: Date, requested: Date? = nil)
    /// Groups and pending versions arrived (or failed).
    case registryLoaded(Result<RegistrySnapshot, ConsoleError>, at: Date, requested: Date? = nil)
    /// The running registry pass (requested at `requested`) has listed more groups.
    case registryProgress(RegistryProgress, requested: Date)
    /// A group's versions arrived (or failed).
    case versionsLoaded(group: String, Result<[ModelVersion], ConsoleError>, at: Date, requested: Date? = nil)
    /// Versions scrolled into view were described (author, approval comment, last modified).
    case rowsDescribed([ModelVersion])
    /// A version's detail arrived (or failed).
    case detailLoaded(VersionKey, Result<ModelVersionDetail, ConsoleError>, at: Date, requested: Date? = nil)
    /// The audit log was read (or could not be).
    case auditLoaded(
        Result<[AuditRecord], ConsoleError>, at: Date, requested: Date? = nil, unreadable: Int = 0,
        teamError: String? = nil)
    /// The pipeline ledger and machinery were read (or could not be).
    case pipelineLoaded(Result<PipelineSnapshot, ConsoleError>, at: Date, requested: Date? = nil)
    /// An endpoint's new log lines arrived (or could not be read).
    case logLinesLoaded(
        environment: String, endpoint: String, Result<[LogLine], ConsoleError>, at: Date, requested: Date? = nil)
    /// An approve/reject finished.
    case approvalFinished(VersionKey, ApprovalStatus, Result<ApprovalResult, ConsoleError>)
    /// A promotion target's plan arrived (for the picker).
    case targetPlanned(VersionKey, environment: String, endpoint: String, Result<DeploymentPlan, ConsoleError>)
    /// A rollback plan arrived.
    case rollbackPlanned(environment: String, endpoint: String, Result<DeploymentPlan, ConsoleError>)
    /// The running deployment reported progress.
    case deploymentProgress(DeploymentProgress)
    /// The running deployment finished.
    case deploymentFinished(Result<DeploymentOutcome, ConsoleError>, at: Date)
    /// CancelUpdateStack was asked for the running deployment's stack: the stack's name, or why not.
    case stackCancelRequested(Result<String, ConsoleError>)
    /// A theme was loaded for `:theme`.
    case themeLoaded(name: String, Theme, warning: String?)
    /// `:reload` read the config and the theme again.
    case reloaded(ConsoleReload)
    /// The sign-in flow has a URL and code to show.
    case signInPrompted(SignInPrompt)
    /// The sign-in flow ended (nil: signed in).
    case signInFinished(profile: String, ConsoleError?)
    /// The traffic pane's plan, progress or result (issue 15).
    case traffic(TrafficEvent)
    /// The plan of a challenger or shadow promotion from the picker (shown in the traffic pane).
    case variantPlanned(Result<TrafficPlan, ConsoleError>)
    /// A `:profile` switch, reset or listing finished (`ConsoleApp+Profiles`).
    case credentialsSwitched(CredentialSwitch, Result<CredentialSwitchOutcome, ConsoleError>)
}

/// The registry as one refresh sees it: groups, every pending version and the recent approval changes
/// (PodiumCore's one-pass overview; the console shows it as it comes).
public typealias RegistrySnapshot = RegistryOverview
