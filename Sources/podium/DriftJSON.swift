import Foundation
import PodiumCore

/// `podium drift --json` (schema in docs/cli.md): plain JSON objects, so that every documented key is present and
/// an unknown value is an explicit `null`, as in the other commands' JSON.
enum DriftJSON {
    static func report(_ ledger: Ledger) -> [String: Any] {
        ["time": ISO8601.string(ledger.time), "flagged": ledger.hasFlags, "rows": ledger.rows.map(row)]
    }

    static func row(_ row: LedgerRow) -> [String: Any] {
        let f = row.facts
        return [
            "group": f.group, "environment": f.environment, "endpoint": f.endpoint,
            "latest_approved": f.latestApproved.map { ["version": $0.version, "arn": $0.arn] as [String: Any] }
                ?? NSNull(),
            "running": f.running.map(running) ?? NSNull(),
            "pin": f.pin.map { ["name": $0.name, "value": value($0.value)] as [String: Any] } ?? NSNull(),
            "stack": f.stack.map(stack) ?? NSNull(),
            "last_promotions": f.lastPromotions.map(promotion),
            "flags": row.flags.map { ["kind": $0.kind.rawValue, "reason": $0.reason] },
            "problems": f.problems,
        ]
    }

    static func running(_ r: LedgerFacts.Running) -> [String: Any] {
        [
            "exists": r.exists, "status": value(r.status), "changing": r.changing,
            "endpoint_config": value(r.endpointConfig), "package_arn": value(r.packageArn),
            "version": r.version.map { $0 as Any } ?? NSNull(), "package_status": value(r.packageStatus?.rawValue),
            "package_listed": r.packageListed.map { $0 as Any } ?? NSNull(),
        ]
    }

    static func stack(_ s: LedgerFacts.Stack) -> [String: Any] {
        [
            "name": s.name, "exists": s.exists, "status": value(s.status), "status_reason": value(s.statusReason),
            "parameter": s.parameter, "parameter_value": value(s.parameterValue), "drift_status": value(s.driftStatus),
            "drift_checked": value(s.driftChecked.map(ISO8601.string)),
            "last_updated": value(s.lastUpdated.map(ISO8601.string)),
        ]
    }

    static func promotion(_ p: LedgerFacts.Promotion) -> [String: Any] {
        [
            "source": p.source.rawValue, "endpoint_config": value(p.endpointConfig), "package_arn": value(p.packageArn),
            "previous_endpoint_config": value(p.previousEndpointConfig),
            "previous_package_arn": value(p.previousPackageArn), "time": value(p.time.map(ISO8601.string)),
            "by": value(p.by),
        ]
    }

    private static func value(_ text: String?) -> Any { text.map { $0 as Any } ?? NSNull() }
}
