import Foundation
import PodiumCore
import TerminalUI

/// One thing the console keeps fresh, as a row of the refresh table: what it loads, how often, and where the
/// result lands in the state. `wanted(by:)` is the table itself (which sources the screen shows need now);
/// `ConsoleApp.scheduleRefreshes` starts the due ones, and `update` lands each result with `Loadable.apply`
/// and `ConsoleState.record`.
///
/// | source | loads | interval | lands in |
/// | --- | --- | --- | --- |
/// | `identity` | STS caller identity, until it is known | health | `identity` |
/// | `health(env)` | one environment's endpoints and metrics, always | health | `health[env]` |
/// | `registry` | groups, pending and recent changes in one paged pass, always | registry | `groups`, `pending` |
/// | `versions(group)` | a group's versions, while its list or a version's detail is open | registry | `versions[group]` |
/// | `detail(key)` | one version's detail, while it is shown | registry | `details[key]` (at most 8 kept) |
/// | `audit` | podium's audit log (a local file) on the activity screen or page, and once at start | audit | `audit` |
/// | `pipeline` | the ledger, then the machinery, on the pipeline screen or page | registry | `pipeline` |
/// | `logs(env, endpoint)` | the endpoint's new log lines (a tailer's cursor), on its log view | 2 s at most | `logFeed` |
public enum DataSource: Hashable, Sendable {
    /// The operator's identity.
    case identity
    /// One environment's health.
    case health(environment: String)
    /// The registry pass: groups, pending versions, recent approval changes.
    case registry
    /// One group's versions.
    case versions(group: String)
    /// One version's detail.
    case detail(VersionKey)
    /// The audit log.
    case audit
    /// The pipeline ledger and machinery.
    case pipeline
    /// An endpoint's new log lines (`restart`: from the start of the window, for a feed that has none yet).
    case logs(environment: String, endpoint: String, restart: Bool)

    /// The sources the state needs now, in the order their fetches start.
    public static func wanted(by state: ConsoleState) -> [DataSource] {
        var sources: [DataSource] = []
        // Identity: once; retried at the health interval while it fails.
        if state.identity.value == nil { sources.append(.identity) }
        // Health and the registry: always (the dashboard, the pending count and the status bar use them everywhere).
        sources += state.config.environments.map { .health(environment: $0.name) }
        sources.append(.registry)
        sources += groupsNeedingVersions(state).map { .versions(group: $0) }
        if case .detail(let key) = state.screen { sources.append(.detail(key)) }
        if state.screen == .activity || state.options.isWatch && state.options.pages.contains(.activity)
            || state.audit.value == nil
        {
            sources.append(.audit)
        }
        if state.screen == .pipeline || state.options.isWatch && state.options.pages.contains(.pipeline) {
            sources.append(.pipeline)
        }
        if case .logs(let environment, let endpoint) = state.screen, let feed = state.logFeed,
            feed.environment == environment, feed.endpoint == endpoint
        {
            sources.append(.logs(environment: environment, endpoint: endpoint, restart: feed.poll.lastSuccess == nil))
        }
        return sources
    }

    /// The groups whose version lists what is on screen needs (the activity screen lists no group's versions:
    /// its approval changes come from the registry pass and podium's own audit records).
    static func groupsNeedingVersions(_ state: ConsoleState) -> [String] {
        var seen = Set<String>()
        return state.stack.compactMap { screen -> String? in
            switch screen {
            case .versions(let group): return group
            case .detail(let key): return key.group
            default: return nil
            }
        }.filter { seen.insert($0).inserted }
    }

    /// The source's name: its effect id (a newer request replaces a running one) and the source of its errors in
    /// the status bar (a later success clears them).
    public var id: String {
        switch self {
        case .identity: return "identity"
        case .health(let environment): return "health." + environment
        case .registry: return "registry"
        case .versions(let group): return "versions." + group
        case .detail(let key): return "detail.\(key.group).\(key.version)"
        case .audit: return "audit"
        case .pipeline: return "pipeline"
        case .logs(let environment, let endpoint, _): return "logs.\(environment).\(endpoint)"
        }
    }

    /// What the status bar puts before its error (`prod: timed out after 20s`).
    public var label: String {
        switch self {
        case .identity: return "identity"
        case .health(let environment): return environment
        case .registry: return "registry"
        case .versions(let group): return group
        case .detail(let key): return key.description
        case .audit: return "audit log"
        case .pipeline: return "pipeline"
        case .logs(_, let endpoint, _): return "\(endpoint) logs"
        }
    }

    /// How often the source is refreshed.
    public func interval(in state: ConsoleState) -> Duration {
        switch self {
        case .identity, .health: return state.healthInterval
        case .registry, .versions, .detail, .pipeline: return state.registryInterval
        case .audit: return state.auditInterval
        case .logs: return min(state.healthInterval, .seconds(2))
        }
    }

    /// Whether a fetch should start now (`force`: the operator asked for a refresh).
    ///
    /// A registry pass still running is never started again, not even by a forced refresh: at 10,000 versions
    /// it can outlast its interval, and restarting it would throw away the groups already listed.
    public func isDue(in state: ConsoleState, force: Bool) -> Bool {
        func due<T>(_ loadable: Loadable<T>?) -> Bool {
            force
                || (loadable ?? Loadable()).isDue(
                    now: state.now, interval: interval(in: state), timeout: state.options.fetchTimeout,
                    tolerance: ConsoleApp.tickInterval / 2)
        }
        switch self {
        case .identity: return due(state.identity)
        case .health(let environment): return due(state.health[environment])
        case .registry: return !state.groups.inFlight && due(state.groups)
        case .versions(let group): return due(state.versions[group])
        case .detail(let key): return due(state.details[key])
        case .audit: return due(state.audit)
        case .pipeline: return due(state.pipeline)
        case .logs: return due(state.logFeed?.poll)
        }
    }

    /// Marks the fetch as started where its result will land (a detail also joins the few details kept).
    public func begin(in state: inout ConsoleState) {
        let now = state.now
        switch self {
        case .identity: state.identity.begin(at: now)
        case .health(let environment): state.health[environment, default: Loadable()].begin(at: now)
        case .registry:
            state.groups.begin(at: now)
            state.pending.begin(at: now)
        case .versions(let group): state.versions[group, default: Loadable()].begin(at: now)
        case .detail(let key):
            state.details[key, default: Loadable()].begin(at: now)
            state.detailOrder.removeAll { $0 == key }
            state.detailOrder.append(key)
            while state.detailOrder.count > ConsoleState.detailsKept {
                state.details[state.detailOrder.removeFirst()] = nil
            }
        case .audit: state.audit.begin(at: now)
        case .pipeline: state.pipeline.begin(at: now)
        case .logs: state.logFeed?.poll.begin(at: now)
        }
    }
}
