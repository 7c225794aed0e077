import Foundation
import Testing

@testable import AWSCore

/// The shared token cache: botocore's file names, its JSON, and safe writes.
@Suite("SSO token cache")
struct SSOTokenCacheTests {
    @Test(
        "file names are the SHA-1 botocore's SSOTokenLoader computes (values printed by botocore 1.44.8)",
        arguments: [
            ("corp", "ee0bfd2552fbd840c02cc48b6e823320543c450f"),
            ("my-sso", "0ad374308c5a4e22f723adf10145eafad7c4031c"),
            ("https://my-sso-portal.awsapps.com/start", "c7aaaf71fcc8777ae2475525ed049d39fe16c484"),
            ("dev-sso é", "9ddcc8a02c168596051bdc029af896652d7c0f35"),
        ])
    func hashing(key: String, expected: String) {
        #expect(SSOTokenCache.hashedKey(key) == expected)
        #expect(SSOTokenCache(directory: "/h/.aws/sso/cache").path(forKey: key) == "/h/.aws/sso/cache/\(expected).json")
    }

    @Test("the cache follows the environment's HOME")
    func followsHome() {
        let cache = SSOTokenCache(environment: inMemoryEnvironment(home: "/home/ops"))
        #expect(cache.directory == "/home/ops/.aws/sso/cache")
        #expect(SSOTokenCache(environment: inMemoryEnvironment(home: nil)).path(forKey: "corp") == nil)
    }

    @Test("a saved token reads back the same, with mode 0600 and no temporary file left")
    func roundTrip() throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        let cache = SSOTokenCache(environment: home.environment())
        let token = SSOFixtures.token(expiresIn: 3600, now: Date(timeIntervalSince1970: 1_800_000_000))
        try cache.save(token, forKey: "corp")
        let path = try #require(cache.path(forKey: "corp"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try cache.load(SSOFixtures.session) == token)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: cache.directory!) == [
                path.split(separator: "/").last.map(String.init)!
            ])
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: String])
        #expect(json["expiresAt"] == "2027-01-15T09:00:00Z")  // botocore's %Y-%m-%dT%H:%M:%SZ
        #expect(
            Set(json.keys) == [
                "startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt",
                "refreshToken",
            ])
    }

    @Test(
        "timestamps in the forms the SDKs write are read",
        arguments: [
            "2026-11-30T05:00:00Z", "2026-11-30T05:00:00.000Z", "2026-11-30T05:00:00+00:00", "2026-11-30T05:00:00UTC",
        ])
    func timestampForms(text: String) throws {
        let token = try SSOToken.decode(Data(#"{"accessToken":"a","expiresAt":"\#(text)"}"#.utf8))
        #expect(token.expiresAt == Date(timeIntervalSince1970: 1_796_014_800))
        #expect(token.canRefresh(at: Date(timeIntervalSince1970: 0)) == false)
    }

    @Test("a file that is not a token asks for a sign-in and never quotes the file")
    func unreadable() throws {
        let environment = inMemoryEnvironment(files: [
            "/home/tester/.aws/sso/cache/\(SSOTokenCache.hashedKey("corp")).json": #"{"accessToken":"SECRET-XYZ"}"#
        ])
        #expect {
            try SSOTokenCache(environment: environment).load(SSOFixtures.session)
        } throws: { error in
            guard let needed = (error as? SSOError)?.signInRequired,
                case .unreadableCache(_, let detail) = needed.reason
            else { return false }
            return detail == "expiresAt is missing" && !"\(error)".contains("SECRET-XYZ")
        }
    }
}
