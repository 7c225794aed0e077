import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// Starts the fetches that are due (or, with `force`, every fetch the current screen shows).
    ///
    /// Each source has its own effect id, so a forced refresh replaces a running fetch instead of doubling it.
    func scheduleRefreshes(_ state: inout ConsoleState, force: Bool) -> [Effect<ConsoleAction>] {
        var effects: [Effect<ConsoleAction>] = []
        let now = state.now
        let timeout = state.options.fetchTimeout
        let service = self.service
        let clock = self.clock

        func due<T>(_ loadable: Loadable<T>, _ interval: Duration) -> Bool {
            force
                || loadable.isDue(
                    now: now, interval: interval, timeout: timeout, tolerance: ConsoleApp.tickInterval / 2)
        }

        // Identity: once; retried at the health interval while it fails.
        if state.identity.value == nil && due(state.identity, state.healthInterval) {
            state.identity.begin(at: now)
            effects.append(
                .task(id: "identity") {
                    let result = await Deadline.run(limit: timeout) { try await service.consoleIdentity() }
                    return .identityLoaded(result, at: clock.now(), requested: now)
                })
        }
        // Health: every environment, always (the dashboard and the status bar use it everywhere).
        for env in state.config.environments {
            let loadable = state.health[env.name] ?? Loadable()
            guard due(loadable, state.healthInterval) else { continue }
            state.health[env.name, default: Loadable()].begin(at: now)
            let name = env.name
            effects.append(
                .task(id: EffectID("health." + name)) {
                    let result = await Deadline.run(limit: timeout) {
                        try await service.consoleHealth(environment: name)
                    }
                    return .healthLoaded(environment: name, result, at: clock.now(), requested: now)
                })
        }
        // Registry: groups, pending and recent approval changes in one paged pass (the pending count shows
        // everywhere). A pass still running is never started again, not even by a forced refresh: at 10,000
        // versions it can outlast its interval, and restarting it would throw away the groups already listed.
        // It fails only when it stops making progress for the fetch timeout.
        if !state.groups.inFlight && due(state.groups, state.registryInterval) {
            state.groups.begin(at: now)
            state.pending.begin(at: now)
            effects.append(
                .run(id: "registry") { send in
                    let result = await ProgressDeadline.run(stall: timeout) { madeProgress in
                        try await service.consoleRegistryOverview { progress in
                            madeProgress()
                            send(.registryProgress(progress, requested: now))
                        }
                    }
                    send(.registryLoaded(result, at: clock.now(), requested: now))
                })
        }
        // Versions: the group on screen, or every group for the activity screen.
        for group in groupsNeedingVersions(state) {
            let loadable = state.versions[group] ?? Loadable()
            guard due(loadable, state.registryInterval) else { continue }
            state.versions[group, default: Loadable()].begin(at: now)
            effects.append(
                .task(id: EffectID("versions." + group)) {
                    let result = await Deadline.run(limit: timeout) { try await service.consoleVersions(group: group) }
                    return .versionsLoaded(group: group, result, at: clock.now(), requested: now)
                })
        }
        // Detail: the version on screen.
        if case .detail(let key) = state.screen {
            let loadable = state.details[key] ?? Loadable()
            if due(loadable, state.registryInterval) {
                effects += loadDetail(&state, key)
            }
        }
        // Audit log (a local file): on the activity screen, or always in watch mode when it is a page.
        if state.screen == .activity || state.options.isWatch && state.options.pages.contains(.activity)
            || state.audit.value == nil
        {
            if due(state.audit, state.auditInterval) {
                state.audit.begin(at: now)
                effects.append(
                    .task(id: "audit") {
                        let result = await Deadline.run(limit: timeout) {
                            try await service.consoleAuditPage(limit: 200)
                        }
                        return .auditLoaded(
                            result.map(\.records), at: clock.now(), requested: now,
                            unreadable: (try? result.get())?.unreadableLines ?? 0)
                    })
            }
        }
        return effects
    }

    /// Starts loading a version's detail (and bounds how many details are kept).
    func loadDetail(_ state: inout ConsoleState, _ key: VersionKey) -> [Effect<ConsoleAction>] {
        let timeout = state.options.fetchTimeout
        let service = self.service
        let clock = self.clock
        let requested = state.now
        state.details[key, default: Loadable()].begin(at: requested)
        state.detailOrder.removeAll { $0 == key }
        state.detailOrder.append(key)
        while state.detailOrder.count > 8 {
            let old = state.detailOrder.removeFirst()
            state.details[old] = nil
        }
        return [
            .task(id: EffectID("detail.\(key.group).\(key.version)")) {
                let result = await Deadline.run(limit: timeout) {
                    try await service.consoleDetail(group: key.group, version: key.version)
                }
                return .detailLoaded(key, result, at: clock.now(), requested: requested)
            }
        ]
    }

    /// The groups whose version lists are needed by what is on screen.
    func groupsNeedingVersions(_ state: ConsoleState) -> [String] {
        var groups: [String] = []
        for screen in state.stack {
            switch screen {
            case .versions(let group): groups.append(group)
            case .detail(let key): groups.append(key.group)
            default: break
            }
        }
        // The activity screen lists no group's versions: its approval changes come from the registry pass
        // (`RegistrySnapshot.recentChanges`) and podium's own audit records.
        var seen = Set<String>()
        return groups.filter { seen.insert($0).inserted }
    }
}
