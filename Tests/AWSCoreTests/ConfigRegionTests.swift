import Testing

@testable import AWSCore

@Suite("Region resolution")
struct ConfigRegionTests {
    let files = [
        "/home/tester/.aws/config":
            "[default]\nregion = eu-west-1\n[profile cn]\nregion = cn-north-1\n[profile bad]\nregion = us-east-1.evil.com/x\n"
    ]

    func resolver(_ variables: [String: String]) throws -> RegionResolver {
        let environment = inMemoryEnvironment(variables, files: files)
        return RegionResolver(environment: environment, profiles: try AWSProfileStore.load(from: environment))
    }

    @Test("AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region")
    func order() throws {
        #expect(
            try resolver(["AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "us-east-2"]).resolve()?.region
                == "us-west-2")
        #expect(try resolver(["AWS_DEFAULT_REGION": "us-east-2"]).resolve()?.region == "us-east-2")
        let fromProfile = try #require(try resolver([:]).resolve())
        #expect(fromProfile.region == "eu-west-1")
        #expect(fromProfile.source.contains("profile \"default\""))
        #expect(try resolver(["AWS_PROFILE": "cn"]).resolve()?.region == "cn-north-1")
        #expect(try resolver([:]).resolve(profileName: "cn")?.region == "cn-north-1")
        #expect(try resolver(["AWS_REGION": ""]).resolve()?.region == "eu-west-1")  // empty = unset
    }

    @Test("No region anywhere is nil, or a clear error from require()")
    func none() throws {
        let environment = inMemoryEnvironment([:])
        let resolver = RegionResolver(environment: environment, profiles: try AWSProfileStore.load(from: environment))
        #expect(try resolver.resolve() == nil)
        #expect(throws: AWSConfigError.noRegion(profile: "default")) { try resolver.require() }
    }

    @Test("A region that is not a DNS label sequence is refused")
    func invalid() throws {
        #expect(throws: AWSConfigError.self) { try resolver(["AWS_PROFILE": "bad"]).resolve() }
        #expect(throws: AWSConfigError.invalidRegion(region: "EU WEST", source: "AWS_REGION")) {
            try resolver(["AWS_REGION": "EU WEST"]).resolve()
        }
    }
}
