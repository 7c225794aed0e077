import AWSCore
import Foundation
import Logging
import Testing

@testable import PodiumCore

/// The `aws:` config section and how the client factory shares request limits per (credentials, region).
@Suite struct RequestSettingsTests {
    static func yaml(_ aws: String) -> String {
        """
        \(aws)
        environments:
          - name: dev
            region: us-east-1
            endpoints:
              - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
        """
    }

    @Test func defaultsWithoutTheSection() throws {
        let config = try ConfigParser.parse(yaml: Self.yaml(""), file: "c.yaml")
        #expect(config.aws == AWSRequestSettings(maxConcurrentRequests: 8, adaptiveRetry: true))
    }

    @Test func readsTheSection() throws {
        let config = try ConfigParser.parse(
            yaml: Self.yaml("aws: { max_concurrent_requests: 3, adaptive_retry: false }"), file: "c.yaml")
        #expect(config.aws == AWSRequestSettings(maxConcurrentRequests: 3, adaptiveRetry: false))
    }

    @Test func refusesBadValuesWithTheirPlace() {
        for (text, message) in [
            ("aws: { max_concurrent_requests: 0 }", "aws.max_concurrent_requests must be between 1 and 64, found 0"),
            ("aws: { max_concurrent_requests: many }", "aws.max_concurrent_requests must be a whole number"),
            ("aws: { adaptive_retry: maybe }", "aws.adaptive_retry must be true or false"),
            ("aws: { max_inflight: 3 }", "max_inflight"),
        ] {
            #expect {
                _ = try ConfigParser.parse(yaml: Self.yaml(text), file: "c.yaml")
            } throws: { error in
                let description = "\(error)"
                return description.contains(message) && description.contains("c.yaml:1")
            }
        }
    }

    @Test func factorySharesLimitsPerCredentialsAndRegion() throws {
        let factory = StandardClientFactory(
            environment: ["HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"],
            logger: Logger(label: "test"), requests: AWSRequestSettings(maxConcurrentRequests: 5))
        let role = CredentialsConfig(roleArn: "arn:aws:iam::333333333333:role/podium-promoter")
        let registry = try factory.makeClient(region: "us-east-1", credentials: .defaultChain, readOnly: true)
        let dev = try factory.makeClient(region: "us-east-1", credentials: .defaultChain, readOnly: false)
        let prod = try factory.makeClient(region: "us-east-1", credentials: role, readOnly: false)
        let otherRegion = try factory.makeClient(region: "eu-west-1", credentials: .defaultChain, readOnly: false)
        #expect(registry.limits === dev.limits)
        #expect(prod.limits !== dev.limits)
        #expect(otherRegion.limits !== dev.limits)
        #expect(dev.limits.concurrency.limit == 5)
        #expect(dev.limits.adaptive)
    }
}
