import Foundation

/// Where a direct rollback goes: the config the endpoint ran just before the current one.
///
/// Two tags say it, and they can disagree. An endpoint config's `podium:previous-endpoint-config` is written once,
/// when podium creates the config; the endpoint's own tag of that name is rewritten at every UpdateEndpoint. A
/// promotion that reuses an existing config (v1 → v2 → v1: v1's config is found and reused, as the names are
/// deterministic) leaves the config's tag describing its first deployment (`none`), while the endpoint's tag names
/// v2's config. Rolling back then goes to v2, the version before the current one, like the stack and pipeline
/// routes (`PackageChange.previous`) and `kubectl rollout undo`: rolling back twice returns to where it started.
extension DeploymentPlanner {
    /// A rollback target: the config and what it serves.
    struct RollbackTarget: Equatable {
        var config: String
        var version: Int?
        var packageArn: String?
    }

    /// The config the endpoint's own tags name as the one before the current config, when those tags describe the
    /// current config (their package is the one the current config serves: a failed or skipped AddTags leaves
    /// them describing an earlier change) and it is one podium created for this endpoint (in `history`, found by
    /// its own `podium:endpoint` tag, written only at creation).
    static func endpointTaggedPrevious(_ facts: RollbackFacts, currentConfig: String) -> DeploymentHistoryEntry? {
        let tags = facts.routeFacts.endpointTags
        guard let previous = tags[PodiumTags.previousEndpointConfig], previous != "none", previous != currentConfig,
            let entry = facts.history.first(where: { $0.endpointConfigName == previous })
        else { return nil }
        let served =
            facts.history.first { $0.endpointConfigName == currentConfig }?.modelPackageArn
            ?? facts.current.modelPackageArn
        guard let tagged = tags[PodiumTags.packageArn], let served, tagged == served else { return nil }
        return entry
    }

    /// The rollback target, unless an unfinished rollback is being confirmed: the endpoint's tag when it is the
    /// better witness (the current config's own tag is missing or gone, agrees with it, or predates it: the
    /// current config is older than the one the endpoint ran before it, so it was reused or rolled back to), else
    /// the current config's tag, else the newest config created before the current one.
    static func rollbackTarget(_ facts: RollbackFacts, currentConfig: String) -> RollbackTarget? {
        let history = facts.history
        let currentCreated = history.first { $0.endpointConfigName == currentConfig }?.created
        let configTagged = facts.taggedPrevious.flatMap { $0.exists ? $0 : nil }
        if let entry = endpointTaggedPrevious(facts, currentConfig: currentConfig) {
            let reused = (currentCreated.map { created in (entry.created ?? .distantPast) > created }) ?? false
            if configTagged == nil || configTagged?.name == entry.endpointConfigName || reused {
                return RollbackTarget(
                    config: entry.endpointConfigName, version: entry.version, packageArn: entry.modelPackageArn)
            }
        }
        if let previous = configTagged {
            return RollbackTarget(config: previous.name, version: previous.version, packageArn: previous.packageArn)
        }
        let older = history.first {
            $0.endpointConfigName != currentConfig
                && (currentCreated == nil || ($0.created ?? .distantPast) < currentCreated!)
        }
        return older.map {
            RollbackTarget(config: $0.endpointConfigName, version: $0.version, packageArn: $0.modelPackageArn)
        }
    }
}
