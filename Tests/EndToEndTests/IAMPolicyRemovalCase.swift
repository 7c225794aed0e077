import Foundation

/// One action taken out of one shipped policy, and the command that must then fail.
///
/// The cases are generated from the policy files (every action of every `Allow` statement); `probes` says how
/// each one is seen. An action added to a policy without a probe, or a probe left for an action no longer in a
/// policy, fails `IAMPolicyRemovalCase.all()`: the list cannot drift from the files. `Deny` statements are not
/// removal cases (taking an action out of a deny breaks no command); the role checks test them instead: the
/// approver cannot promote and the promoter cannot approve.
struct IAMPolicyRemovalCase: Sendable, CustomStringConvertible {
    /// How the missing action shows.
    enum Probe: Sendable {
        /// A read command as the reader: exit 1, the action named, nothing changed (stock moto).
        case read([String])
        /// `approve churn 5` as the approver: exit 1, the action named, v5 still pending (stock moto).
        case approve
        /// `promote churn 2` to a new endpoint as the promoter: exit 1, the action named, no endpoint; whatever the
        /// failed run created has the plan's deterministic name, and a re-run with the whole policy reuses it and
        /// finishes (stock moto).
        case promoteToNewEndpoint
        /// `promote churn 2` over an endpoint running v1 (the emulator: stock moto has no UpdateEndpoint). With
        /// `failsBeforeTheMove`, exit 1 and the endpoint still on v1; otherwise the call comes after the endpoint
        /// moved and is best effort: exit 0 with a warning that names the action.
        case promoteOverExistingEndpoint(failsBeforeTheMove: Bool)
        /// `rollback dev E` of an endpoint promoted to v2: exit 1, the action named, still on v2 (the emulator).
        case rollback
        /// Neither moto nor the emulator evaluates it (AWS checks it inside SageMaker's own calls); its scope and
        /// conditions are checked by `IAMPolicyStaticTests`.
        case checkedStatically(reason: String)

        /// Whether the case runs against the emulator rather than stock moto.
        var needsEmulator: Bool {
            switch self {
            case .promoteOverExistingEndpoint, .rollback: return true
            default: return false
            }
        }
    }

    /// `readonly`, `approver` or `promoter`.
    let policy: String
    /// The action taken out, as the policy file spells it.
    let action: String
    let probe: Probe
    /// A distinct endpoint (or version) per case, so cases can run at the same time.
    let index: Int

    var description: String { "\(policy) without \(action)" }

    /// The endpoint this case works on.
    var endpointName: String { "case\(index)-\(policy)" }

    /// What each action is needed for, keyed `policy/action`.
    static let probes: [String: Probe] = [
        "readonly/sagemaker:ListModelPackageGroups": .read(["groups"]),
        "readonly/sagemaker:ListModelPackages": .read(["versions", "churn"]),
        "readonly/sagemaker:DescribeModelPackageGroup": .read(["show", "churn", "2"]),
        "readonly/sagemaker:DescribeModelPackage": .read(["show", "churn", "2"]),
        "readonly/sagemaker:ListEndpoints": .read(["status"]),
        "readonly/sagemaker:DescribeEndpoint": .read(["status"]),
        "readonly/sagemaker:DescribeEndpointConfig": .read(["status"]),
        "readonly/sagemaker:DescribeModel": .read(["status"]),
        "readonly/cloudwatch:GetMetricData": .read(["status"]),
        "readonly/cloudwatch:DescribeAlarms": .read(["status"]),
        "readonly/s3:GetObject": .read(["show", "churn", "2"]),
        // The ledger reads each endpoint's podium tags (what the last promotion moved it from: silent rollback).
        "readonly/sagemaker:ListTags": .read(["drift"]),
        "approver/sagemaker:UpdateModelPackage": .approve,
        "promoter/sagemaker:CreateModel": .promoteToNewEndpoint,
        "promoter/sagemaker:CreateEndpointConfig": .promoteToNewEndpoint,
        "promoter/sagemaker:CreateEndpoint": .promoteToNewEndpoint,
        // On AWS, CreateModel/CreateEndpointConfig/CreateEndpoint with tags also need AddTags (tag on create), so a
        // promotion without it fails at its first write; moto does not check that, so the call left is the tag
        // update of an endpoint that already moved.
        "promoter/sagemaker:AddTags": .promoteOverExistingEndpoint(failsBeforeTheMove: false),
        "promoter/sagemaker:UpdateEndpoint": .promoteOverExistingEndpoint(failsBeforeTheMove: true),
        "promoter/sagemaker:ListEndpointConfigs": .rollback,
        // moto checks every action against `*`, so the read-only policy's ListTags (scoped to endpoint/* on AWS)
        // covers the rollback's ListTags on endpoint configs here; on AWS only this statement grants it
        // (`IAMPolicyStaticTests` checks the scopes).
        "promoter/sagemaker:ListTags": .checkedStatically(
            reason: "the read-only policy's ListTags covers it under moto, which ignores resource scopes"),
        "promoter/iam:PassRole": .checkedStatically(
            reason: "SageMaker checks PassRole for the execution role inside CreateModel; moto does not"),
        "promoter/kms:CreateGrant": .checkedStatically(
            reason: "SageMaker asks KMS for a grant on the endpoint's volume key; moto has no such call"),
        "promoter/kms:DescribeKey": .checkedStatically(
            reason: "SageMaker describes the endpoint's volume key through KMS; moto has no such call"),
        "promoter/sagemaker:UpdateEndpointWeightsAndCapacities": .checkedStatically(
            reason: "needs a two-variant endpoint, which this world has not; TrafficEndToEndTests run podium traffic"),
        "promoter/cloudformation:UpdateStack": .checkedStatically(
            reason: "stock moto has no SageMaker stacks that update; RouteEndToEndTests run the stack route"),
        "promoter/cloudformation:CancelUpdateStack": .checkedStatically(
            reason: "stock moto has no CancelUpdateStack; RouteEndToEndTests cancel on the emulator"),
        "promoter/ssm:PutParameter": .checkedStatically(
            reason: "this world has no pipeline environment; RouteEndToEndTests move a pin on the emulator"),
        "promoter/logs:CreateLogStream": .checkedStatically(
            reason: "this world has no audit sink; a refused send is queued, never a failure (AuditSinkEmulatorTests)"),
        "promoter/logs:PutLogEvents": .checkedStatically(
            reason: "this world has no audit sink; a refused send is queued, never a failure (AuditSinkEmulatorTests)"),
        "approver/logs:CreateLogStream": .checkedStatically(
            reason: "this world has no audit sink; a refused send is queued, never a failure (AuditSinkEmulatorTests)"),
        "approver/logs:PutLogEvents": .checkedStatically(
            reason: "this world has no audit sink; a refused send is queued, never a failure (AuditSinkEmulatorTests)"),
    ]

    /// The reads of preflight and the pipeline view (issues 12, 13). A refused preflight read is a warning that
    /// names its action, never a failure (`PreflightStockMotoTests`, on stock moto with IAM enforced), and this world
    /// has no stacks, pins or trigger rules for the pipeline view to read, so no command here fails without them.
    static let preflightAndPipelineProbes: [String: Probe] = Dictionary(
        uniqueKeysWithValues: [
            "ecr:DescribeImages", "ecr:DescribeRepositories", "cloudformation:DetectStackDrift", "kms:DescribeKey",
            "iam:GetRole", "cloudformation:DescribeStacks",
            "cloudformation:DescribeStackEvents", "cloudformation:DescribeStackResources",
            "cloudformation:DescribeStackResourceDrifts", "cloudformation:DescribeStackDriftDetectionStatus",
            "ssm:GetParameter", "ssm:GetParameterHistory", "events:ListRules", "events:ListTargetsByRule",
            "events:DescribeRule", "logs:FilterLogEvents", "logs:GetLogEvents", "logs:DescribeLogStreams",
        ].map {
            ("readonly/\($0)", Probe.checkedStatically(reason: "\($0) refused is a warning or a panel, not a failure"))
        })

    /// Every action of every shipped policy, with its probe.
    static func all() throws -> [IAMPolicyRemovalCase] {
        var cases: [IAMPolicyRemovalCase] = []
        var seen = Set<String>()
        for name in IAMPolicyDocument.names {
            for action in try IAMPolicyDocument.load(name).allowedActions {
                let key = "\(name)/\(action)"
                guard let probe = probes[key] ?? preflightAndPipelineProbes[key] else {
                    throw IAMPolicyWorldError("\(key) has no probe: say which command needs it")
                }
                seen.insert(key)
                cases.append(IAMPolicyRemovalCase(policy: name, action: action, probe: probe, index: cases.count))
            }
        }
        let stale = Set(probes.keys).union(preflightAndPipelineProbes.keys).subtracting(seen)
        guard stale.isEmpty else {
            throw IAMPolicyWorldError("probes for actions no shipped policy has: \(stale.sorted())")
        }
        return cases
    }
}
