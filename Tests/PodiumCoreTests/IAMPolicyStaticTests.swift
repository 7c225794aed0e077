import AWSCore
import Foundation
import PodiumTestSupport
import Testing

@testable import PodiumCore

/// The shipped IAM policies (`config/iam/*.json`), read as AWS reads them.
///
/// The end-to-end tests (`IAMPolicyTests`) run podium under these policies on moto, which cannot match ARN scopes
/// or evaluate conditions; this suite checks exactly that part: the scopes, the tag conditions that keep podium
/// to the endpoints it manages and keep rollback's tags unforgeable, and the separation of duties.
@Suite struct IAMPolicyStaticTests {
    /// One statement of a policy file.
    struct Statement {
        let sid: String
        let effect: String
        let actions: [String]
        let resources: [String]
        /// Operator → condition key → values.
        let conditions: [String: [String: [String]]]

        var isAllow: Bool { effect == "Allow" }

        func values(_ op: String, _ key: String) -> [String] { conditions[op]?[key] ?? [] }
    }

    static let names = ["readonly", "approver", "promoter"]

    /// Actions AWS checks on podium's behalf inside SageMaker's own calls (never an AWSCore operation).
    static let onBehalfActions: Set<String> = ["iam:PassRole", "kms:CreateGrant", "kms:DescribeKey"]

    /// Every operation podium's AWS clients can call, as IAM actions, with its access kind.
    static let podiumOperations: [String: AWSOperationAccess] = {
        var out: [String: AWSOperationAccess] = [:]
        for op in SageMakerClient.Operation.all { out["sagemaker:\(op.name)"] = op.access }
        for op in CloudWatchClient.Operation.all { out["cloudwatch:\(op.name)"] = op.access }
        for op in S3Client.Operation.all { out["s3:\(op.name)"] = op.access }
        // The reads of preflight and the pipeline view, the writes of the stack and pipeline routes and of the
        // audit sink. `CreateLogGroup` is left out: the team creates the audit group once; podium never calls it.
        let others: [(AWSServiceDescription, [AWSOperation])] = [
            (.ecr, ECRClient.Operation.all), (.kms, KMSClient.Operation.all), (.iam, IAMClient.Operation.all),
            (.cloudFormation, CloudFormationClient.Operation.all), (.ssm, SSMClient.Operation.all),
            (.eventBridge, EventBridgeClient.Operation.all), (.cloudWatchLogs, CloudWatchLogsClient.Operation.all),
            (.s3, [S3Client.headObjectOperation]),
        ]
        for (service, operations) in others {
            for op in operations where op.name != "CreateLogGroup" {
                out[AWSServiceDescription.iamAction(serviceId: service.serviceId, operation: op.name)] = op.access
            }
        }
        return out
    }()

    /// The audit sink's writes: every role that acts writes its audit records to the team's log group, so these
    /// are not deployment writes (the approver makes them too).
    static let auditTrailWrites: Set<String> = ["logs:CreateLogStream", "logs:PutLogEvents"]

    static func load(_ name: String) throws -> [Statement] {
        let url = repoRoot.appendingPathComponent("config/iam/podium-\(name).json")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any], "\(name) is not JSON")
        #expect(object["Version"] as? String == "2012-10-17", "\(name): Version")
        #expect(Set(object.keys) == ["Version", "Statement"], "\(name): unexpected top-level keys")
        let raw = try #require(object["Statement"] as? [[String: Any]], "\(name): Statement is not a list")
        return try raw.map { statement in
            let allowed: Set<String> = ["Sid", "Effect", "Action", "Resource", "Condition"]
            #expect(Set(statement.keys).isSubset(of: allowed), "\(name): unexpected keys \(statement.keys.sorted())")
            var conditions: [String: [String: [String]]] = [:]
            for (op, body) in statement["Condition"] as? [String: [String: Any]] ?? [:] {
                conditions[op] = body.mapValues(strings)
            }
            return Statement(
                sid: try #require(statement["Sid"] as? String, "\(name): a statement without Sid"),
                effect: statement["Effect"] as? String ?? "", actions: strings(statement["Action"]),
                resources: strings(statement["Resource"]), conditions: conditions)
        }
    }

    static func strings(_ value: Any?) -> [String] {
        if let one = value as? String { return [one] }
        return value as? [String] ?? []
    }

    static func allowed(_ name: String) throws -> Set<String> {
        Set(try load(name).filter(\.isAllow).flatMap(\.actions))
    }

    // MARK: - Shape and names

    @Test(arguments: names) func isWellFormedWithRealActionNames(name: String) throws {
        let statements = try Self.load(name)
        #expect(!statements.isEmpty)
        #expect(Set(statements.map(\.sid)).count == statements.count, "\(name): Sids repeat")
        for statement in statements {
            #expect(["Allow", "Deny"].contains(statement.effect), "\(statement.sid): Effect \(statement.effect)")
            #expect(!statement.actions.isEmpty && !statement.resources.isEmpty, "\(statement.sid)")
            // An unconditional deny is what the moto translation (which drops conditions) keeps exactly.
            #expect(statement.isAllow || statement.conditions.isEmpty, "\(name)/\(statement.sid): conditional deny")
            for action in statement.actions {
                // Every action is one podium calls (so its name is AWS's: the clients are generated from
                // botocore's models), or one AWS checks for podium inside SageMaker's calls.
                #expect(
                    Self.podiumOperations[action] != nil || Self.onBehalfActions.contains(action),
                    "\(name)/\(statement.sid): \(action) is not an action podium needs")
                #expect(!action.contains("*"), "\(name)/\(statement.sid): wildcard action \(action)")
            }
            for resource in statement.resources where resource != "*" {
                #expect(resource.hasPrefix("arn:aws:"), "\(statement.sid): \(resource)")
            }
        }
    }

    /// Every call podium can make is granted by some policy (GetCallerIdentity needs no permission; AssumeRole is
    /// granted by the role's trust policy and the caller's own policy, outside podium's).
    @Test func everyPodiumOperationIsGrantedSomewhere() throws {
        var granted = Set<String>()
        for name in Self.names { granted.formUnion(try Self.allowed(name)) }
        #expect(Set(Self.podiumOperations.keys).subtracting(granted).isEmpty)
    }

    // MARK: - Roles

    @Test func readOnlyGrantsOnlyReads() throws {
        for action in try Self.allowed("readonly") {
            #expect(Self.podiumOperations[action] == .read, "read-only grants \(action)")
        }
    }

    @Test func oneRoleNeverBothApprovesAndPromotes() throws {
        let deployWrites = Set(Self.podiumOperations.filter { $0.value == .write }.keys).subtracting([
            "sagemaker:UpdateModelPackage"
        ]).subtracting(Self.auditTrailWrites)
        let approver = try Self.load("approver")
        #expect(try Self.allowed("approver") == Self.auditTrailWrites.union(["sagemaker:UpdateModelPackage"]))
        let approverDenies = Set(
            approver.filter { !$0.isAllow && $0.resources == ["*"] && $0.conditions.isEmpty }
                .flatMap(\.actions))
        #expect(
            deployWrites.isSubset(of: approverDenies),
            "the approver must deny \(deployWrites.subtracting(approverDenies))")

        let promoter = try Self.load("promoter")
        #expect(!(try Self.allowed("promoter")).contains("sagemaker:UpdateModelPackage"))
        #expect(
            promoter.contains {
                !$0.isAllow && $0.actions.contains("sagemaker:UpdateModelPackage") && $0.resources == ["*"]
                    && $0.conditions.isEmpty
            }, "the promoter must deny UpdateModelPackage outright")
    }

    @Test func approvalOnlySetsApprovedOrRejectedOnModelPackages() throws {
        let statement = try #require(
            try Self.load("approver").first { $0.isAllow && $0.actions.contains("sagemaker:UpdateModelPackage") })
        #expect(statement.resources == ["arn:aws:sagemaker:*:*:model-package/*"])
        #expect(Set(statement.values("StringEquals", "sagemaker:ModelApprovalStatus")) == ["Approved", "Rejected"])
    }

    // MARK: - Scopes and conditions

    /// Every statement that grants a write names its resources, and every SageMaker write is bound to a tag.
    @Test(arguments: names) func everyWriteIsScopedAndConditioned(name: String) throws {
        for statement in try Self.load(name) where statement.isAllow {
            // An on-behalf action podium also calls itself as a read (preflight's kms:DescribeKey) is a read here;
            // the promoter's on-behalf grant of it keeps its condition (`passRoleAndKeyGrantsOnlyForSageMaker`).
            let writes = statement.actions.filter {
                Self.podiumOperations[$0] == .write
                    || (Self.onBehalfActions.contains($0) && Self.podiumOperations[$0] != .read)
            }
            guard !writes.isEmpty else { continue }
            #expect(!statement.resources.contains("*"), "\(name)/\(statement.sid) grants \(writes) on every resource")
            // The audit trail's writes are bound to the one named log group instead (CloudWatch Logs has no
            // condition that would say more than the group's name).
            if Set(writes).isSubset(of: Self.auditTrailWrites) {
                #expect(
                    statement.resources.allSatisfy {
                        $0.hasPrefix("arn:aws:logs:*:*:log-group:/") && !$0.contains("group:*")
                    },
                    "\(name)/\(statement.sid) writes logs outside one named group")
                continue
            }
            #expect(!statement.conditions.isEmpty, "\(name)/\(statement.sid) grants \(writes) without a condition")
        }
    }

    /// Create* only with podium's managed-by tag in the request; UpdateEndpoint only on resources carrying it.
    @Test func promoterWritesOnlyWhatPodiumManages() throws {
        let statements = try Self.load("promoter").filter(\.isAllow)
        let tag = PodiumTags.managedBy
        for action in ["sagemaker:CreateModel", "sagemaker:CreateEndpointConfig", "sagemaker:CreateEndpoint"] {
            for statement in statements where statement.actions.contains(action) {
                #expect(statement.values("StringEquals", "aws:RequestTag/\(tag)") == ["podium"], "\(statement.sid)")
            }
        }
        let updates = statements.filter { $0.actions.contains("sagemaker:UpdateEndpoint") }
        #expect(!updates.isEmpty)
        for statement in updates {
            #expect(statement.values("StringEquals", "aws:ResourceTag/\(tag)") == ["podium"], "\(statement.sid)")
            #expect(statement.actions == ["sagemaker:UpdateEndpoint"], "\(statement.sid) shares its condition")
        }
    }

    /// AddTags either happens as part of podium's own Create calls, or on a podium endpoint with podium's keys
    /// only. Endpoint configs are never re-tagged, so `podium:previous-endpoint-config` (what rollback trusts) is
    /// written once, at creation, by the promoter, and nobody can rewrite it.
    @Test func rollbackTagsCannotBeForged() throws {
        let podiumKeys = Set(try Self.sentTags().map(\.key))
        #expect(podiumKeys.contains(PodiumTags.previousEndpointConfig))
        var tagOnCreate = false
        var tagEndpoints = false
        for statement in try Self.load("promoter")
        where statement.isAllow && statement.actions.contains("sagemaker:AddTags") {
            #expect(statement.actions == ["sagemaker:AddTags"], "\(statement.sid) shares its condition")
            let taggingActions = statement.values("StringEquals", "sagemaker:TaggingAction")
            if !taggingActions.isEmpty {
                tagOnCreate = true
                #expect(Set(taggingActions) == ["CreateModel", "CreateEndpointConfig", "CreateEndpoint"])
                #expect(statement.values("ForAllValues:StringLike", "aws:TagKeys") == ["podium:*"])
            } else {
                tagEndpoints = true
                #expect(statement.resources == ["arn:aws:sagemaker:*:*:endpoint/*"], "re-tags more than endpoints")
                #expect(statement.values("StringEquals", "aws:ResourceTag/\(PodiumTags.managedBy)") == ["podium"])
                #expect(statement.values("StringEquals", "aws:RequestTag/\(PodiumTags.managedBy)") == ["podium"])
                let keys = Set(statement.values("ForAllValues:StringEquals", "aws:TagKeys"))
                #expect(keys == podiumKeys, "allowed keys \(keys.sorted()) vs sent \(podiumKeys.sorted())")
            }
        }
        #expect(tagOnCreate && tagEndpoints)
        for name in ["readonly", "approver"] {
            #expect(!(try Self.allowed(name)).contains("sagemaker:AddTags"), "\(name) may tag")
        }
    }

    /// The tags the policies rely on are the ones podium sends: `podium:managed-by=podium` among them.
    @Test func conditionsMatchTheTagsPodiumSends() throws {
        let tags = try Self.sentTags()
        #expect(tags.contains { $0.key == PodiumTags.managedBy && $0.value == "podium" })
        #expect(tags.allSatisfy { $0.key.hasPrefix("podium:") })
    }

    /// The stack route updates (and cancels) only stacks the team tagged `podium:route=stack`; the pipeline route
    /// only moves pins that already exist under `/models/` (Overwrite); neither can be done by the approver.
    @Test func routeWritesAreOptInAndScoped() throws {
        let statements = try Self.load("promoter").filter(\.isAllow)
        let stacks = try #require(statements.first { $0.actions.contains("cloudformation:UpdateStack") })
        #expect(Set(stacks.actions) == ["cloudformation:UpdateStack", "cloudformation:CancelUpdateStack"])
        #expect(stacks.resources == ["arn:aws:cloudformation:*:*:stack/*/*"])
        #expect(stacks.values("StringEquals", "aws:ResourceTag/podium:route") == ["stack"])
        let pins = try #require(statements.first { $0.actions.contains("ssm:PutParameter") })
        #expect(pins.resources == ["arn:aws:ssm:*:*:parameter/models/*"])
        #expect(pins.values("StringEquals", "ssm:Overwrite") == ["true"])
        for action in ["cloudformation:UpdateStack", "cloudformation:CancelUpdateStack", "ssm:PutParameter"] {
            #expect(!(try Self.allowed("approver")).contains(action))
            #expect(!(try Self.allowed("readonly")).contains(action))
        }
    }

    /// ListTags is split by scope: the reader may read endpoints' tags (the ledger, the drift guard), only the
    /// promoter the history tags of endpoint configs (rollback). moto ignores scopes, so this is checked here.
    @Test func listTagsScopes() throws {
        let reader = try Self.load("readonly").filter { $0.isAllow && $0.actions.contains("sagemaker:ListTags") }
        #expect(reader.flatMap(\.resources) == ["arn:aws:sagemaker:*:*:endpoint/*"])
        let promoter = try Self.load("promoter").filter { $0.isAllow && $0.actions.contains("sagemaker:ListTags") }
        #expect(promoter.flatMap(\.resources) == ["arn:aws:sagemaker:*:*:endpoint-config/*"])
    }

    @Test func passRoleAndKeyGrantsOnlyForSageMaker() throws {
        let statements = try Self.load("promoter").filter(\.isAllow)
        let passRole = try #require(statements.first { $0.actions.contains("iam:PassRole") })
        #expect(passRole.values("StringEquals", "iam:PassedToService") == ["sagemaker.amazonaws.com"])
        #expect(passRole.resources.allSatisfy { $0.hasPrefix("arn:aws:iam::") && $0.contains(":role/") })
        let grant = try #require(statements.first { $0.actions.contains("kms:CreateGrant") })
        #expect(grant.values("Bool", "kms:GrantIsForAWSResource") == ["true"])
        #expect(grant.values("StringLike", "kms:ViaService") == ["sagemaker.*.amazonaws.com"])
        let describe = try #require(statements.first { $0.actions.contains("kms:DescribeKey") })
        #expect(describe.values("StringLike", "kms:ViaService") == ["sagemaker.*.amazonaws.com"])
    }

    /// The tags `execute` puts on what it creates, for a promotion with every field set.
    static func sentTags() throws -> [AWSCore.Tag] {
        let plan = DeploymentPlan(
            action: .promote, environment: "dev", region: "us-east-1", endpoint: "churn-dev", group: "churn",
            currentVersion: 3, currentEndpointConfig: "churn-dev-v3", newVersion: 4,
            newPackageArn: RecordedCallTests.packageArn, newEndpointConfig: "churn-dev-v4-abcd",
            modelName: "churn-dev-v4-abcd", createsEndpoint: false, variantSummary: "", strategy: "", alarms: [],
            steps: [], blockers: [], warnings: [], confirm: .yes)
        return DeploymentExecutor.podiumTags(plan: plan, operatorArn: "arn:aws:iam::111111111111:role/podium")
    }
}
