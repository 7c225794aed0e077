import Foundation
import Testing

@testable import AWSCore

@Suite("Endpoint resolution")
struct EndpointResolverTests {
    typealias Service = EndpointResolver.Service

    @Test(
        "Standard hosts and signing names per partition",
        arguments: [
            (Service.sageMaker, "eu-west-1", "https://api.sagemaker.eu-west-1.amazonaws.com", "sagemaker", "aws"),
            (Service.cloudWatch, "us-east-1", "https://monitoring.us-east-1.amazonaws.com", "monitoring", "aws"),
            (Service.sts, "ap-southeast-2", "https://sts.ap-southeast-2.amazonaws.com", "sts", "aws"),
            (Service.s3, "us-east-1", "https://s3.us-east-1.amazonaws.com", "s3", "aws"),
            (Service.ssm, "ca-central-1", "https://ssm.ca-central-1.amazonaws.com", "ssm", "aws"),
            (
                Service.cloudFormation, "eu-north-1", "https://cloudformation.eu-north-1.amazonaws.com",
                "cloudformation", "aws"
            ),
            (Service.logs, "me-south-1", "https://logs.me-south-1.amazonaws.com", "logs", "aws"),
            (
                Service.sageMaker, "cn-north-1", "https://api.sagemaker.cn-north-1.amazonaws.com.cn", "sagemaker",
                "aws-cn"
            ),
            (Service.sts, "cn-northwest-1", "https://sts.cn-northwest-1.amazonaws.com.cn", "sts", "aws-cn"),
            (
                Service.cloudWatch, "us-gov-west-1", "https://monitoring.us-gov-west-1.amazonaws.com", "monitoring",
                "aws-us-gov"
            ),
            (
                Service.sageMaker, "us-gov-east-1", "https://api.sagemaker.us-gov-east-1.amazonaws.com", "sagemaker",
                "aws-us-gov"
            ),
        ])
    func standardHosts(service: Service, region: String, url: String, signingName: String, partition: String) throws {
        let endpoint = try EndpointResolver(environment: inMemoryEnvironment()).resolve(service, region: region)
        #expect(endpoint.url.absoluteString == url)
        #expect(endpoint.signingName == signingName)
        #expect(endpoint.signingRegion == region)
        #expect(endpoint.partition.id == partition)
        #expect(endpoint.source == .standard)
        #expect(!endpoint.isCustom)
    }

    @Test("The AWSServiceDescription entry point agrees with the table")
    func serviceDescriptions() throws {
        let resolver = EndpointResolver(environment: inMemoryEnvironment())
        #expect(
            try resolver.resolve(AWSServiceDescription.sageMaker, region: "eu-west-1")
                == resolver.resolve(Service.sageMaker, region: "eu-west-1"))
        #expect(try resolver.resolve(AWSServiceDescription.cloudWatch, region: "us-east-1").signingName == "monitoring")
        #expect(try resolver.urlResolver(.sts, "eu-west-2").absoluteString == "https://sts.eu-west-2.amazonaws.com")
    }

    @Test("Environment variable names: service id upper-cased, spaces as underscores")
    func variableNames() {
        #expect(Service.sageMaker.environmentVariable == "AWS_ENDPOINT_URL_SAGEMAKER")
        #expect(Service.cloudWatch.environmentVariable == "AWS_ENDPOINT_URL_CLOUDWATCH")
        #expect(Service.sts.environmentVariable == "AWS_ENDPOINT_URL_STS")
        #expect(Service.s3.environmentVariable == "AWS_ENDPOINT_URL_S3")
        #expect(Service.logs.environmentVariable == "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS")
        #expect(Service.logs.servicesSectionKey == "cloudwatch_logs")
    }

    static let config = """
        [default]
        endpoint_url = http://profile-global:1
        services = local
        [services local]
        sagemaker =
          endpoint_url = http://services-sagemaker:2
        [profile quiet]
        endpoint_url = http://profile-global:1
        ignore_configured_endpoint_urls = true
        """

    func resolve(_ service: Service, _ variables: [String: String], profile: String? = nil) throws -> ResolvedEndpoint {
        let environment = inMemoryEnvironment(variables, files: ["/home/tester/.aws/config": Self.config])
        let store = try AWSProfileStore.load(from: environment)
        return try EndpointResolver(environment: environment, profiles: store, profileName: profile)
            .resolve(service, region: "us-east-1")
    }

    @Test("botocore's order: service variable, global variable, [services] section, profile endpoint_url")
    func overrideOrder() throws {
        let all = ["AWS_ENDPOINT_URL_SAGEMAKER": "http://env-sagemaker:3", "AWS_ENDPOINT_URL": "http://env-global:4"]
        var endpoint = try resolve(.sageMaker, all)
        #expect(endpoint.url.absoluteString == "http://env-sagemaker:3")
        #expect(endpoint.source == .serviceEnvironmentVariable("AWS_ENDPOINT_URL_SAGEMAKER"))
        #expect(endpoint.signingName == "sagemaker")
        #expect(endpoint.isCustom)

        endpoint = try resolve(.sageMaker, ["AWS_ENDPOINT_URL": "http://env-global:4"])
        #expect(endpoint.url.absoluteString == "http://env-global:4")
        #expect(endpoint.source == .globalEnvironmentVariable)

        endpoint = try resolve(.sageMaker, [:])
        #expect(endpoint.url.absoluteString == "http://services-sagemaker:2")
        #expect(endpoint.source == .servicesSection(profile: "default", section: "local"))

        endpoint = try resolve(.cloudWatch, [:])  // not in the services section
        #expect(endpoint.url.absoluteString == "http://profile-global:1")
        #expect(endpoint.source == .profile("default"))
        #expect(endpoint.signingName == "monitoring")

        // Another service's variable does not apply.
        endpoint = try resolve(.sts, ["AWS_ENDPOINT_URL_SAGEMAKER": "http://env-sagemaker:3"])
        #expect(endpoint.url.absoluteString == "http://profile-global:1")
    }

    @Test("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS and the profile's ignore flag turn overrides off")
    func ignoring() throws {
        let all = ["AWS_ENDPOINT_URL_SAGEMAKER": "http://env-sagemaker:3", "AWS_ENDPOINT_URL": "http://env-global:4"]
        var endpoint = try resolve(.sageMaker, all.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "TRUE"]) { $1 })
        #expect(endpoint.source == .standard)
        #expect(endpoint.url.absoluteString == "https://api.sagemaker.us-east-1.amazonaws.com")

        endpoint = try resolve(.sageMaker, [:], profile: "quiet")
        #expect(endpoint.source == .standard)
        // The variable, when set, decides over the profile (false re-enables).
        endpoint = try resolve(.sageMaker, ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"], profile: "quiet")
        #expect(endpoint.source == .profile("quiet"))
    }

    @Test("Bad endpoint URLs and regions are clear errors")
    func invalidInput() throws {
        #expect(throws: AWSConfigError.invalidEndpointURL(value: "ftp://x", source: "AWS_ENDPOINT_URL")) {
            try resolve(.sts, ["AWS_ENDPOINT_URL": "ftp://x"])
        }
        #expect(throws: AWSConfigError.invalidEndpointURL(value: "localhost:4566", source: "AWS_ENDPOINT_URL_STS")) {
            try resolve(.sts, ["AWS_ENDPOINT_URL_STS": "localhost:4566"])
        }
        #expect(throws: AWSConfigError.self) {
            try EndpointResolver(environment: inMemoryEnvironment()).resolve(Service.sts, region: "evil.com/")
        }
    }

    @Test("Partitions by region name")
    func partitions() {
        #expect(AWSPartition.of(region: "us-east-1").id == "aws")
        #expect(AWSPartition.of(region: "il-central-1").id == "aws")
        #expect(AWSPartition.of(region: "cn-north-1").dnsSuffix == "amazonaws.com.cn")
        #expect(AWSPartition.of(region: "us-gov-west-1").id == "aws-us-gov")
        #expect(AWSPartition.of(region: "us-iso-east-1").id == "aws-iso")
        #expect(AWSPartition.of(region: "us-isob-east-1").id == "aws-iso-b")
        #expect(AWSPartition.of(region: "mars-1").id == "aws")  // unknown: botocore falls back to aws
    }
}
