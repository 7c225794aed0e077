import AWSCore
import Foundation
import Testing

@testable import PodiumCore

@Suite struct DurationAndDistanceTests {
    @Test(arguments: [
        ("500ms", 500), ("15s", 15_000), ("10m", 600_000), ("2h", 7_200_000), ("1h30m", 5_400_000), ("0s", 0),
    ])
    func parsesDurations(text: String, milliseconds: Int64) {
        #expect(DurationFormat.parse(text).map(DurationFormat.milliseconds) == milliseconds)
    }

    @Test(arguments: ["", "15", "s", "1.5s", "10 minutes", "-5s", "5x", "ms10"])
    func rejectsNonDurations(text: String) {
        #expect(DurationFormat.parse(text) == nil)
    }

    @Test func formatsRoundTrip() {
        for text in ["500ms", "15s", "10m", "2h", "1h30m"] {
            #expect(DurationFormat.format(DurationFormat.parse(text)!) == text)
        }
        #expect(DurationFormat.human(seconds: 65) == "1m05s")
        #expect(DurationFormat.human(seconds: 3725) == "1h02m")
    }

    @Test func didYouMean() {
        #expect(EditDistance.distance("kitten", "sitting") == 3)
        #expect(EditDistance.suggestion(for: "regoin", among: ["region", "name"]) == "region")
        #expect(EditDistance.suggestion(for: "zzzzzz", among: ["region", "name"]) == nil)
    }
}

@Suite struct NamingTests {
    let arn = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/4"

    @Test func namesAreDeterministicValidAndShort() {
        let a = SageMakerNames.resourceName(endpoint: "churn-prod", version: 4, packageArn: arn)
        #expect(a == SageMakerNames.resourceName(endpoint: "churn-prod", version: 4, packageArn: arn))
        #expect(a.hasPrefix("churn-prod-v4-"))
        #expect(SageMakerNames.isValid(a))
        #expect(a != SageMakerNames.resourceName(endpoint: "churn-prod", version: 5, packageArn: arn))
        #expect(a != SageMakerNames.resourceName(endpoint: "churn-prod", version: 4, packageArn: arn + "x"))
        let long = String(repeating: "very-long-endpoint-name-", count: 4) + "x"
        let b = SageMakerNames.resourceName(endpoint: long, version: 123_456, packageArn: arn)
        #expect(b.count <= 63)
        #expect(SageMakerNames.isValid(b))
        #expect(b.hasPrefix(SageMakerNames.resourcePrefix(endpoint: long)))
    }

    @Test func arnShapes() {
        #expect(ARNShape.isIAMRole("arn:aws:iam::111111111111:role/path/x"))
        #expect(!ARNShape.isIAMRole("arn:aws:iam::111:role/x"))
        #expect(ARNShape.isKMSKey("alias/podium"))
        #expect(ARNShape.isKMSKey("arn:aws:kms:eu-west-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
        #expect(!ARNShape.isKMSKey("my key"))
        #expect(ARNShape.modelPackage(arn)?.group == "churn")
        #expect(ARNShape.modelPackage(arn)?.version == 4)
        #expect(ARNShape.modelPackage("arn:aws:sagemaker:us-east-1:1:model/x") == nil)
    }
}

@Suite struct ApprovalDescriptionTests {
    let caller = "arn:aws:sts::123456789012:assumed-role/ml-lead/alice"
    let time = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func includesCommentCallerAndTime() {
        let text = ApprovalDescription.make(comment: "beats v3", decision: .approved, callerArn: caller, at: time)
        #expect(text == "beats v3 — approved by \(caller) at 2027-01-15T08:00:00Z")
        let parsed = ApprovalDescription.parse(text)
        #expect(parsed?.actor == caller)
        #expect(parsed?.time == time)
    }

    @Test func staysWithin1024Characters() {
        let comment = String(repeating: "ü", count: 5000)
        let text = ApprovalDescription.make(comment: comment, decision: .rejected, callerArn: caller, at: time)
        #expect(text.count == 1024)
        #expect(text.contains("…"))
        #expect(text.hasSuffix("rejected by \(caller) at 2027-01-15T08:00:00Z"))
    }

    @Test func countsUTF16UnitsAsSageMakerDoes() {
        // 🚀 is one Character but two UTF-16 units: 1024 Characters of it would be rejected by SageMaker.
        let comment = String(repeating: "🚀", count: 2000)
        let text = ApprovalDescription.make(comment: comment, decision: .approved, callerArn: caller, at: time)
        #expect(text.utf16.count <= 1024)
        #expect(text.utf16.count >= 1023)  // filled up to the limit (a rocket may not fit in the last unit)
        #expect(text.hasSuffix("approved by \(caller) at 2027-01-15T08:00:00Z"))
        #expect(text.contains("🚀…"))
    }

    @Test func lineBreaksAndControlCharactersBecomeSpaces() {
        let text = ApprovalDescription.make(
            comment: "line one\r\nline two\u{2028}\u{1B}[31mred\tend", decision: .approved, callerArn: caller, at: time)
        #expect(text.hasPrefix("line one  line two  [31mred end — approved by"))
        #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }
}

@Suite struct EvaluationReportTests {
    @Test func parsesModelQualityJSON() {
        let json = """
            {"binary_classification_metrics": {"auc": {"value": 0.91, "standard_deviation": 0.01},
             "accuracy": {"value": 0.88}, "confusion_matrix": {"0": {"0": 10}}, "flag": {"value": true}}}
            """
        let report = EvaluationReport.parse(Data(json.utf8), s3Uri: "s3://b/k")
        #expect(report.state == .loaded)
        #expect(report.metrics.map(\.name) == ["accuracy", "auc"])
        #expect(report.value(of: "auc") == 0.91)
        #expect(report.metrics.first { $0.name == "auc" }?.standardDeviation == 0.01)
    }

    @Test(arguments: ["{\"binary_classification_metrics\": {\"auc\": ", "[1,2]", "{\"other\": 1}"])
    func malformedReportsAreUnreadableNotThrown(body: String) {
        let report = EvaluationReport.parse(Data(body.utf8), s3Uri: "s3://b/k")
        #expect(report.state == .unreadable)
        #expect(report.problem != nil)
    }
}

@Suite struct DeploymentConfigBuilderTests {
    @Test func canaryWithAutoRollback() {
        let config = DeploymentConfigBuilder.deploymentConfig(
            for: DeploymentStrategy(kind: .canary, canaryPercent: 10, wait: .seconds(600), autoRollbackAlarms: ["a5xx"])
        )
        let routing = config.blueGreenUpdatePolicy?.trafficRoutingConfiguration
        #expect(routing?.type == "CANARY")
        #expect(routing?.canarySize == CapacitySize(type: "CAPACITY_PERCENT", value: 10))
        #expect(routing?.waitIntervalInSeconds == 600)
        #expect(config.autoRollbackConfiguration?.alarms?.map(\.alarmName) == ["a5xx"])
        #expect(config.rollingUpdatePolicy == nil)
    }

    @Test func linearAllAtOnceAndRolling() {
        let linear = DeploymentConfigBuilder.deploymentConfig(
            for: DeploymentStrategy(kind: .linear, linearPercent: 25, wait: .seconds(60)))
        #expect(linear.blueGreenUpdatePolicy?.trafficRoutingConfiguration.type == "LINEAR")
        #expect(linear.blueGreenUpdatePolicy?.trafficRoutingConfiguration.linearStepSize?.value == 25)
        #expect(linear.autoRollbackConfiguration == nil)
        let all = DeploymentConfigBuilder.deploymentConfig(for: DeploymentStrategy())
        #expect(all.blueGreenUpdatePolicy?.trafficRoutingConfiguration.type == "ALL_AT_ONCE")
        let rolling = DeploymentConfigBuilder.deploymentConfig(
            for: DeploymentStrategy(
                kind: .rolling, batchPercent: 50, rollbackBatchPercent: 100, wait: .seconds(120),
                maxExecutionTimeout: .seconds(3600)))
        #expect(rolling.blueGreenUpdatePolicy == nil)
        #expect(rolling.rollingUpdatePolicy?.maximumBatchSize.value == 50)
        #expect(rolling.rollingUpdatePolicy?.waitIntervalInSeconds == 120)
        #expect(rolling.rollingUpdatePolicy?.maximumExecutionTimeoutInSeconds == 3600)
        #expect(rolling.rollingUpdatePolicy?.rollbackMaximumBatchSize?.value == 100)
    }
}
