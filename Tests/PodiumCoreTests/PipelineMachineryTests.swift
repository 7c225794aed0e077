import Foundation
import PodiumCore
import Testing

/// The machinery's pure parts (issue 13): the first failed stack event of the latest operation, and the trigger
/// rules' hygiene.
struct PipelineMachineryTests {
    static func event(_ seconds: Double, _ id: String, _ status: String, _ reason: String? = nil) -> StackEventLine {
        StackEventLine(
            time: Date(timeIntervalSince1970: seconds), logicalId: id,
            resourceType: id == "s" ? "AWS::CloudFormation::Stack" : "AWS::SageMaker::\(id)", status: status,
            reason: reason)
    }

    @Test func theFirstFailedEventOfTheLatestOperation() {
        // Newest first, as DescribeStackEvents answers: an earlier update failed on Model; the latest one failed on
        // Endpoint first, then the stack rolled back and the rollback failed a cleanup.
        let events = [
            Self.event(10, "s", "UPDATE_ROLLBACK_COMPLETE"),
            Self.event(9, "Model", "DELETE_FAILED", "cleanup failed"),
            Self.event(
                8, "s", "UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) failed to update: [Endpoint]."),
            Self.event(7, "Endpoint", "UPDATE_FAILED", "canary alarm fired"),
            Self.event(6, "Endpoint", "UPDATE_IN_PROGRESS"),
            Self.event(5, "s", "UPDATE_IN_PROGRESS", "User Initiated"),
            Self.event(4, "Model", "UPDATE_FAILED", "old failure"),
            Self.event(3, "s", "UPDATE_IN_PROGRESS", "User Initiated"),
        ]
        let panel = StackPanel(name: "s", status: "UPDATE_ROLLBACK_COMPLETE", events: events)
        #expect(panel.firstFailed?.logicalId == "Endpoint")
        #expect(panel.firstFailed?.reason == "canary alarm fired")
        // A stack whose latest operation succeeded has no failed event to highlight.
        let clean = StackPanel(
            name: "s", status: "UPDATE_COMPLETE", events: [Self.event(5, "s", "UPDATE_COMPLETE")] + events.suffix(3))
        #expect(clean.firstFailed == nil)
    }

    @Test func aRuleThatDoesNotFilterOnApprovedIsFlagged() {
        let approved = """
            {"source":["aws.sagemaker"],"detail-type":["SageMaker Model Package State Change"],\
            "detail":{"ModelPackageGroupName":["churn"],"ModelApprovalStatus":["Approved"]}}
            """
        let every = #"{"source":["aws.sagemaker"],"detail-type":["SageMaker Model Package State Change"]}"#
        let anythingBut = """
            {"detail-type":["SageMaker Model Package State Change"],\
            "detail":{"ModelApprovalStatus":[{"anything-but":"Rejected"}]}}
            """
        let other = #"{"source":["aws.ssm"],"detail-type":["Parameter Store Change"]}"#
        #expect(TriggerRule.matchesPackageStateChange(approved))
        #expect(TriggerRule.matchesPackageStateChange(every))
        #expect(TriggerRule.matchesPackageStateChange(#"{"source":["aws.sagemaker"]}"#))
        #expect(!TriggerRule.matchesPackageStateChange(other))
        #expect(!TriggerRule.matchesPackageStateChange("not json"))
        #expect(
            TriggerRule(account: "registry", name: "ok", state: "ENABLED", pattern: approved, targets: []).warning
                == nil)
        for pattern in [every, anythingBut] {
            let rule = TriggerRule(account: "registry", name: "r", state: "ENABLED", pattern: pattern, targets: [])
            #expect(rule.warning?.contains("fires on every new, unapproved version") == true)
        }
        let rule = TriggerRule(
            account: "registry", name: "r", state: nil, pattern: every,
            targets: ["arn:aws:lambda:us-east-1:123456789012:function:deploy", "arn:aws:sqs:us-east-1:1:q"])
        #expect(rule.lambdaFunctions == ["deploy"])
    }
}
