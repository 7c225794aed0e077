import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// Opens the comment prompt for an approve or reject (only for a pending version).
    func askComment(_ state: inout ConsoleState, _ version: ModelVersion, _ decision: ApprovalStatus)
        -> [Effect<ConsoleAction>]
    {
        guard version.status == .pending else {
            state.toast("\(version.group) v\(version.version) is \(version.status), not pending", kind: .info)
            return []
        }
        state.overlay = .comment(
            CommentPrompt(
                key: VersionKey(group: version.group, version: version.version), decision: decision,
                seenStatus: version.status))
        return []
    }

    /// Sends the approval, expecting the status the operator saw.
    func submitApproval(_ state: inout ConsoleState, _ prompt: CommentPrompt, comment: String) -> [Effect<
        ConsoleAction
    >] {
        let service = self.service
        let key = prompt.key
        let decision = prompt.decision
        let seen = prompt.seenStatus
        state.toast("\(decision == .approved ? "approving" : "rejecting") \(key)…", kind: .info, lifetime: 3)
        return [
            .task(id: EffectID("approval.\(key.group).\(key.version)")) {
                do {
                    let result = try await service.setApproval(
                        group: key.group, version: key.version, decision: decision, comment: comment,
                        expectedStatus: seen)
                    return .approvalFinished(key, decision, .success(result))
                } catch {
                    return .approvalFinished(key, decision, .failure(ConsoleError(error)))
                }
            }
        ]
    }

    /// Shows the result; on success the version leaves the queue, so the cursor is on the next one.
    func approvalFinished(
        _ state: inout ConsoleState, _ key: VersionKey, _ decision: ApprovalStatus,
        _ result: Result<ApprovalResult, ConsoleError>
    ) -> [Effect<ConsoleAction>] {
        switch result {
        case .success(let approval):
            let verb = decision == .approved ? "Approved" : "Rejected"
            state.toast("\(verb) \(key)", kind: .success)
            for warning in approval.warnings { state.toast(warning, kind: .info, lifetime: 10) }
            state.pending.value?.removeAll { $0.group == key.group && $0.version == key.version }
            if let index = state.versions[key.group]?.value?.firstIndex(where: { $0.version == key.version }) {
                state.versions[key.group]?.value?[index] = approval.version
            }
            if state.details[key]?.value != nil { state.details[key]?.value?.version = approval.version }
            if let index = state.groups.value?.firstIndex(where: { $0.name == key.group }) {
                state.groups.value?[index].pending -= 1
                if decision == .approved { state.groups.value?[index].approved += 1 }
                if decision == .rejected { state.groups.value?[index].rejected += 1 }
            }
            state.clampCursor(ConsoleScreen.pending.listKey, count: state.pendingRows.count)
            // Re-read the registry now: others may have changed it too.
            state.groups.lastAttempt = nil
            state.audit.lastAttempt = nil
            return scheduleRefreshes(&state, force: false)
        case .failure(let error):
            state.toast(error.message, kind: .error, lifetime: 15)
            state.noteError(error.message, at: state.now)
            state.groups.lastAttempt = nil
            state.audit.lastAttempt = nil
            return scheduleRefreshes(&state, force: false)
        }
    }
}
