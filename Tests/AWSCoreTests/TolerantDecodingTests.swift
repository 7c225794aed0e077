import AWSCore
import Foundation
import Testing

/// Every generated operation output decodes as Smithy's client error correction does: a missing required
/// member gets its zero value, unknown members and enum values never fail. The samples and the decoder table
/// are generated from botocore's model with the shapes, so a new operation is covered when it is generated.
@Suite struct TolerantDecodingTests {
    static let samples = OutputSample.load()

    private func decoder(_ sample: OutputSample) throws -> OutputDecoder {
        try #require(tolerantDecodingCatalog[sample.key], "no decoder generated for \(sample.key)")
    }

    @Test func theSamplesCoverEveryGeneratedOperation() {
        #expect(Set(Self.samples.map(\.key)) == Set(tolerantDecodingCatalog.keys))
        #expect(Self.samples.count >= 21)
    }

    @Test(arguments: samples)
    func removingEachMemberDecodesToItsZeroValue(_ sample: OutputSample) throws {
        let decoder = try decoder(sample)
        let full = try sample.body(sample.sample)
        #expect(try decoder.same(full, full))
        for member in sample.members {
            let stripped = JSONPatch.removing(member.path, in: sample.sample)
            let expected =
                member.zero.map { JSONPatch.setting(member.path, to: $0, in: sample.sample) } ?? stripped
            let label = "\(sample.key) without \(member.path)"
            #expect(try decoder.same(sample.body(stripped), sample.body(expected)), "\(label)")
            // The member is really read: taking it away changes the result (the sample's values are never zero).
            if !JSONPatch.equal(expected, sample.sample) {
                #expect(try !decoder.same(sample.body(stripped), full), "\(label) decodes like the full sample")
            }
        }
    }

    @Test(arguments: samples)
    func everyStructureEmptiedAtOnceDecodesToItsZeroValue(_ sample: OutputSample) throws {
        let decoder = try decoder(sample)
        for structure in sample.structures {
            let emptied = JSONPatch.setting(structure.path, to: [String: Any](), in: sample.sample)
            let expected = JSONPatch.setting(structure.path, to: structure.zero ?? [:], in: sample.sample)
            #expect(
                try decoder.same(sample.body(emptied), sample.body(expected)),
                "\(sample.key) with \(structure.path) = {}")
        }
        #expect(try decoder.same(sample.body([String: Any]()), sample.body(sample.structures[0].zero ?? [:])))
    }

    @Test(arguments: samples.filter { !$0.isXML })
    func nullMembersDecodeLikeMissingOnes(_ sample: OutputSample) throws {
        let decoder = try decoder(sample)
        let top = (sample.sample as? [String: Any] ?? [:]).mapValues { _ in NSNull() as Any }
        #expect(try decoder.same(sample.body(top), sample.body([String: Any]())))
    }

    @Test(arguments: samples)
    func unknownMembersAreIgnoredAtEveryLevel(_ sample: OutputSample) throws {
        let decoder = try decoder(sample)
        var widened = sample.sample
        for structure in sample.structures {
            widened = JSONPatch.edit(structure.path[...], in: widened) { node in
                var object = node as? [String: Any] ?? [:]
                object["PodiumUnknownMember"] = ["Nested": [1, "two"], "Flag": "x"] as [String: Any]
                return object
            }
        }
        #expect(try decoder.same(sample.body(widened), sample.body(sample.sample)))
    }

    @Test(arguments: samples.filter { s in !s.isXML && s.members.contains { $0.kind != nil } })
    func unknownEnumValuesAreKeptAndTimestampsReadInEveryForm(_ sample: OutputSample) throws {
        let decoder = try decoder(sample)
        for member in sample.members where member.kind == "enum" {
            let body = try sample.body(JSONPatch.setting(member.path, to: "SomeFutureValue", in: sample.sample))
            let decoded = try #require(try decoder.roundTrip(body))
            let json = try JSONSerialization.jsonObject(with: decoded)
            #expect(JSONPatch.value(at: member.path, in: json) as? String == "SomeFutureValue", "\(member.path)")
        }
        for member in sample.members where member.kind == "timestamp" {
            for form in ["2023-11-14T22:13:20Z", "2023-11-14T22:13:20.000000", "2023-11-14 22:13:20+00:00"] {
                let body = try sample.body(JSONPatch.setting(member.path, to: form, in: sample.sample))
                #expect(try decoder.same(body, sample.body(sample.sample)), "\(member.path) = \(form)")
            }
        }
    }

    @Test func stsMissingCredentialsDecodeToEmptyValues() throws {
        let xml = "<AssumeRoleResponse><AssumeRoleResult><Credentials/></AssumeRoleResult></AssumeRoleResponse>"
        let root = try AWSXMLElement.parse(Array(xml.utf8))
        let out = try AssumeRoleResponse(xml: try #require(root.child("AssumeRoleResult")))
        #expect(out.credentials?.accessKeyId == "")
        #expect(out.credentials?.expiration == Date(timeIntervalSince1970: 0))
    }
}
