import Foundation
import Testing

@testable import PodiumCore

/// `audit: { cloudwatch_logs: { group, region, credentials, stream } }`: defaults from the registry, errors with
/// their line and column.
@Suite struct AuditSinkConfigTests {
    static func yaml(_ audit: String) -> String {
        """
        registry: { region: eu-west-1, credentials: { profile: ml-registry } }
        environments:
          - name: dev
            region: us-east-1
            endpoints:
              - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
        \(audit)
        """
    }

    @Test func defaultsToTheRegistrysRegionAndCredentials() throws {
        let config = try ConfigParser.parse(
            yaml: Self.yaml("audit:\n  cloudwatch_logs: { group: /podium/audit }"), file: "c.yaml")
        let sink = try #require(config.audit)
        #expect(sink.group == "/podium/audit")
        #expect(sink.region == "eu-west-1")
        #expect(sink.credentials == CredentialsConfig(profile: "ml-registry"))
        #expect(sink.stream == nil)
        #expect(try ConfigParser.parse(yaml: Self.yaml(""), file: "c.yaml").audit == nil)
    }

    @Test func explicitSettingsWin() throws {
        let config = try ConfigParser.parse(
            yaml: Self.yaml(
                """
                audit:
                  cloudwatch_logs:
                    group: team/audit
                    region: us-west-2
                    credentials: { role_arn: arn:aws:iam::444444444444:role/audit-writer }
                    stream: bastion-1
                """), file: "c.yaml")
        let sink = try #require(config.audit)
        #expect(sink.region == "us-west-2")
        #expect(sink.credentials.roleArn == "arn:aws:iam::444444444444:role/audit-writer")
        #expect(sink.stream == "bastion-1")
    }

    @Test func mistakesAreLocatedErrors() {
        let cases: [(String, String)] = [
            (
                "audit:\n  cloudwatch_logs: { region: us-east-1 }",
                "c.yaml:8:20: audit.cloudwatch_logs: missing required key \"group\""
            ),
            ("audit:\n  cloudwatch_logs: { group: \"bad group*\" }", "is not a log group name"),
            ("audit:\n  cloudwatch_logs: { group: g, stream: \"a:b\" }", "is not a log stream name"),
            ("audit:\n  cloudwatch_logs: { group: g, region: mars }", "is not an AWS region name"),
            ("audit:\n  cloudwatchlogs: { group: g }", "cloudwatchlogs"),
        ]
        for (audit, message) in cases {
            let error = #expect(throws: ConfigError.self) {
                try ConfigParser.parse(yaml: Self.yaml(audit), file: "c.yaml")
            }
            let text = error?.issues.map(\.description).joined(separator: "\n") ?? ""
            #expect(text.contains(message), "\(audit) gave: \(text)")
        }
    }

    @Test func theDefaultStreamIsAValidName() {
        let stream = AuditSinkConfig.defaultStream(host: "bastion:1", user: "al*ce")
        #expect(stream == "podium-bastion_1-al_ce")
        #expect(AuditSinkConfig.isValidStream(stream))
    }
}
