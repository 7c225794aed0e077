import Foundation
import Testing

@testable import AWSCore

/// The vectors that `scripts/gen_sigv4_vectors.py` generated with botocore's `SigV4Auth`.
struct BotocoreSigV4Vector: Decodable, CustomTestStringConvertible {
    struct Credentials: Decodable {
        var accessKeyId: String
        var secretAccessKey: String
        var sessionToken: String?
    }
    struct Request: Decodable {
        var method: String
        var url: String
        var headers: [[String]]
        var body: String
    }
    struct Expected: Decodable {
        var canonicalRequest: String
        var stringToSign: String
        var authorization: String
        var headers: [[String]]
    }

    var name: String
    var description: String
    var service: String
    var region: String
    var s3: Bool
    var unsignedPayload: Bool
    var timestamp: String
    var credentials: Credentials
    var request: Request
    var expected: Expected

    var testDescription: String { name }

    /// The committed fixture, read next to this file (no SwiftPM resources needed).
    static let fixtureURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sigv4/botocore-vectors.json")

    struct Document: Decodable {
        var botocore: String
        var vectors: [BotocoreSigV4Vector]
    }

    static func load() throws -> [BotocoreSigV4Vector] {
        try JSONDecoder().decode(Document.self, from: Data(contentsOf: fixtureURL)).vectors
    }

    static let all: [BotocoreSigV4Vector] = (try? load()) ?? []
}

@Suite("SigV4 against botocore-generated vectors")
struct SigningBotocoreVectorTests {
    @Test("The fixture loads and covers the required request kinds")
    func fixtureCoversRequiredKinds() throws {
        let vectors = try BotocoreSigV4Vector.load()
        let targets = vectors.compactMap { vector in
            vector.request.headers.first { $0[0].lowercased() == "x-amz-target" }?[1]
        }
        #expect(targets.contains { $0.hasPrefix("SageMaker.") })
        #expect(
            vectors.contains { vector in
                vector.request.headers.contains { $0 == ["x-amzn-query-mode", "true"] }
                    && vector.request.headers.contains { $0[1] == "application/x-amz-json-1.0" }
            })
        #expect(
            vectors.contains { $0.service == "sts" && $0.request.method == "POST" && $0.request.body.contains("%") })
        #expect(vectors.contains { $0.credentials.sessionToken != nil })
    }

    @Test("Exact Authorization, canonical request and string to sign", arguments: BotocoreSigV4Vector.all)
    func matchesBotocore(vector: BotocoreSigV4Vector) throws {
        let url = try #require(URL(string: vector.request.url))
        let request = HTTPRequest(
            method: vector.request.method, url: url,
            headers: vector.request.headers.map { (name: $0[0], value: $0[1]) },
            body: Array(vector.request.body.utf8))
        var options: SigV4Signer.Options = vector.s3 ? .s3 : .standard
        options.unsignedPayload = vector.unsignedPayload
        let signer = SigV4Signer(service: vector.service, region: vector.region, options: options)
        let credentials = AWSCredentials(
            accessKeyId: vector.credentials.accessKeyId, secretAccessKey: vector.credentials.secretAccessKey,
            sessionToken: vector.credentials.sessionToken)
        let date = try #require(ISO8601DateFormatter().date(from: vector.timestamp))

        let (signed, result) = signer.signWithDetails(request, credentials: credentials, date: date)
        #expect(result.canonicalRequest == vector.expected.canonicalRequest)
        #expect(result.stringToSign == vector.expected.stringToSign)
        #expect(result.authorization == vector.expected.authorization)
        #expect(signed.header("Authorization") == vector.expected.authorization)
        // Every header botocore put on the wire is on ours too, with the same value (we add Host explicitly).
        for pair in vector.expected.headers {
            #expect(signed.header(pair[0]) == pair[1], "header \(pair[0])")
        }
    }
}
