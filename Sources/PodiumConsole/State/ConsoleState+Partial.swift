import Foundation
import PodiumCore

extension ConsoleState {
    /// Shows a group as soon as its versions are listed, while the registry pass goes on: its row in the groups
    /// list (added, or its counts replaced) and its pending versions in the queue. Only for the pass running now;
    /// the pass's final result replaces all of it.
    public mutating func applyPartial(_ progress: RegistryProgress, requested: Date) {
        guard let group = progress.group, groups.inFlight, groups.lastAttempt == requested else { return }
        var list = groups.value ?? []
        if let index = list.firstIndex(where: { $0.name == group.name }) {
            list[index] = group
        } else {
            list.append(group)
            list.sort { $0.name < $1.name }
        }
        groups.value = list
        let others = (pending.value ?? []).filter { $0.group != group.name }
        pending.value = fillingDescribed((others + progress.pending).sorted { $0.created < $1.created })
    }
}
