import Foundation
import PodiumTestSupport
import Testing

/// Every `--json` output with the hostile-string corpus in every string AWS gives back: the bytes podium prints
/// carry no control, C1, bidi or separator character raw (each is a `\uXXXX` escape), and a JSON parser gets the
/// original text back exactly.
@Suite(.serialized) struct HostileOutputTests {
    /// The whole corpus in one string, as AWS could send it (without U+0000: it reaches the emulator through a
    /// fixture's argv, which ends at a NUL).
    static let hostile = HostileStrings.all.joined(separator: " | ").replacingOccurrences(of: "\u{0}", with: "")

    /// A scalar that must never appear raw in JSON output (newlines between JSON tokens are fine).
    static func isRawHazard(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || [0x200E, 0x200F, 0x061C, 0x2028, 0x2029].contains(v)
    }

    /// Every string anywhere in a decoded JSON value.
    static func strings(in value: Any) -> [String] {
        switch value {
        case let s as String: return [s]
        case let list as [Any]: return list.flatMap(strings)
        case let object as [String: Any]: return object.keys.map { $0 } + object.values.flatMap(strings)
        default: return []
        }
    }

    /// A model package group whose description is `text` (boto3, an independent client).
    func hostileGroup(_ world: CLITestWorld, _ text: String) async throws {
        let script = """
            import sys, boto3
            sm = boto3.client("sagemaker", endpoint_url=sys.argv[1], region_name="us-east-1",
                aws_access_key_id="testing", aws_secret_access_key="testing")
            sm.create_model_package_group(ModelPackageGroupName="hostile", ModelPackageGroupDescription=sys.argv[2])
            """
        let r = try await ProcessRunner.run(
            pythonPath.path, ["-c", script, world.emulator.endpoint.absoluteString, text],
            environment: world.environment)
        #expect(r.code == 0, "\(r.stderr)")
    }

    @Test func everyJSONOutputEscapesInvisibleAndReorderingCharacters() async throws {
        let hostile = Self.hostile
        // The corpus really has what this test is about, so the checks below cannot pass vacuously.
        for v: UInt32 in [0x1B, 0x7F, 0x85, 0x9B, 0x202E, 0x2066, 0x200F, 0x061C, 0x2028] {
            #expect(hostile.unicodeScalars.contains { $0.value == v }, "corpus lacks U+\(String(v, radix: 16))")
        }
        try await withWorld { world in
            // The audit log keeps an error's first line, at most 300 characters: the invisibles go first.
            let reason = "boom \(HostileStrings.invisibles) \(hostile)"
            try await hostileGroup(world, "group \(hostile)")
            _ = try await world.fixtureJSON("hostile-version", "churn", hostile)
            #expect(try await world.podium(["promote", "churn", "1", "--to", "dev", "--yes"]).code == 0)
            try await world.emulator.failNextUpdate(
                endpoint: "churn-dev", mode: .failed, reason: reason, account: "111111111111")
            #expect(try await world.podium(["promote", "churn", "4", "--to", "dev", "--yes"]).code == 1)

            // Each command with the strings it must carry intact.
            let commands: [([String], [String])] = [
                (["groups", "--json"], ["group \(hostile)"]),
                // The list shows what ListModelPackages gives (the description); `show` adds the approval.
                (["versions", "churn", "--json"], ["desc \(hostile)"]),
                (["show", "churn", "4", "--json"], ["desc \(hostile)", "appr \(hostile)", "meta \(hostile)"]),
                (["status", "--json"], [reason]),
                (["audit", "--json"], ["boom \(HostileStrings.invisibles)"]),
            ]
            for (command, expected) in commands {
                let r = try await world.podium(command)
                #expect(r.code == 0, "\(command): \(r.stderr)")
                let raw = r.stdout.unicodeScalars.filter(Self.isRawHazard)
                #expect(raw.isEmpty, "\(command) printed raw \(raw.map { String($0.value, radix: 16) })")
                let value = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
                let found = Self.strings(in: value)
                for text in expected {
                    #expect(
                        found.contains { $0.contains(text) },
                        "\(command) lost \(text.debugDescription) in \(found.filter { $0.contains("boom") })")
                }
            }
            // The escapes are the standard ones: U+202E is written as \u202E.
            let show = try await world.podium(["show", "churn", "4", "--json"])
            #expect(show.stdout.contains("\\u202E") && show.stdout.contains("\\u009B"))
        }
    }
}
