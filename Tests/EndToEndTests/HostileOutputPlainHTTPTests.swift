import Foundation
import PodiumTestSupport
import Testing

/// A configured endpoint on plain `http://` to another machine would carry the session token in the clear:
/// podium warns once on stderr. Loopback (the emulator) is fine. The non-loopback hosts here are never
/// contacted: `groups` talks only to SageMaker (the emulator), so no request needs them to exist.
@Suite(.serialized) struct HostileOutputPlainHTTPTests {
    static func warnings(_ r: CLIResult) -> [String] {
        r.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("podium: warning: plain http") }
    }

    @Test func plainHTTPToAnotherMachineIsWarnedOnceLoopbackIsNot() async throws {
        try await withWorld { world in
            var r = try await world.podium(["groups"])
            #expect(r.code == 0, "\(r.stderr)")
            #expect(Self.warnings(r).isEmpty, "\(r.stderr)")
            // Loopback names and addresses in every form stay quiet.
            for url in ["http://localhost:1", "http://127.0.0.2:1", "http://[::1]:1", "http://api.localhost:1"] {
                r = try await world.podium(["groups"], extraEnvironment: ["AWS_ENDPOINT_URL_STS": url])
                #expect(Self.warnings(r).isEmpty, "\(url): \(r.stderr)")
            }

            r = try await world.podium(
                ["groups"],
                extraEnvironment: [
                    "AWS_ENDPOINT_URL_STS": "http://sts.podium-test.invalid:8080",
                    "AWS_ENDPOINT_URL_S3": "http://10.255.255.1:9000",
                ])
            #expect(r.code == 0, "\(r.stderr)")
            let found = Self.warnings(r)
            #expect(found.count == 1, "\(r.stderr)")
            #expect(found.first?.contains("http://sts.podium-test.invalid:8080 (AWS_ENDPOINT_URL_STS)") == true)
            #expect(found.first?.contains("http://10.255.255.1:9000 (AWS_ENDPOINT_URL_S3)") == true)

            // https to the same hosts is fine.
            r = try await world.podium(
                ["groups"], extraEnvironment: ["AWS_ENDPOINT_URL_STS": "https://sts.podium-test.invalid:8080"])
            #expect(Self.warnings(r).isEmpty, "\(r.stderr)")
        }
    }
}
