import AWSCore
import Foundation
import PodiumTestSupport
import Testing

/// 10,000 damaged responses through the real client path of every operation (signing, transport, status and
/// error handling, awsJson / awsQuery XML / CloudWatch decoding): each call decodes, or fails with a typed
/// AWSCore error (`AWSClientError` or `AWSServiceError`). Never a crash, never an untyped error.
///
/// The responses start from the recorded samples (`Fixtures/shapes/output-samples.json`, one per operation):
/// members removed or given values of the wrong type, then sometimes the bytes damaged (cut short, flipped,
/// stray characters), sometimes an error status. Replay with `PODIUM_FUZZ_SEED`.
@Suite struct FuzzAWSResponseTests {
    static let iterations = 10_000

    /// The reply the transport gives next (one call at a time).
    final class NextReply: @unchecked Sendable {
        private let lock = NSLock()
        private var response = HTTPResponse(status: 200, headers: [], body: [])
        func set(_ value: HTTPResponse) { lock.withLock { response = value } }
        func get() -> HTTPResponse { lock.withLock { response } }
    }

    /// Calls an operation with a minimal valid input; the output is discarded (decoding it is the point).
    typealias Call = @Sendable (AWSClient) async throws -> Void

    static let calls: [String: Call] = {
        let arn = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/e"
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        return [
            "SageMaker.ListModelPackageGroups": { _ = try await $0.sageMaker.listModelPackageGroups() },
            "SageMaker.DescribeModelPackageGroup": {
                _ = try await $0.sageMaker.describeModelPackageGroup(.init(modelPackageGroupName: "g"))
            },
            "SageMaker.ListModelPackages": { _ = try await $0.sageMaker.listModelPackages() },
            "SageMaker.DescribeModelPackage": {
                _ = try await $0.sageMaker.describeModelPackage(.init(modelPackageName: "g/1"))
            },
            "SageMaker.UpdateModelPackage": {
                _ = try await $0.sageMaker.updateModelPackage(
                    .init(modelPackageArn: arn, modelApprovalStatus: "Approved"))
            },
            "SageMaker.CreateModel": { _ = try await $0.sageMaker.createModel(.init(modelName: "m")) },
            "SageMaker.DescribeModel": { _ = try await $0.sageMaker.describeModel(.init(modelName: "m")) },
            "SageMaker.CreateEndpointConfig": {
                _ = try await $0.sageMaker.createEndpointConfig(.init(endpointConfigName: "c", productionVariants: []))
            },
            "SageMaker.DescribeEndpointConfig": {
                _ = try await $0.sageMaker.describeEndpointConfig(.init(endpointConfigName: "c"))
            },
            "SageMaker.ListEndpointConfigs": { _ = try await $0.sageMaker.listEndpointConfigs() },
            "SageMaker.CreateEndpoint": {
                _ = try await $0.sageMaker.createEndpoint(.init(endpointName: "e", endpointConfigName: "c"))
            },
            "SageMaker.UpdateEndpoint": {
                _ = try await $0.sageMaker.updateEndpoint(.init(endpointName: "e", endpointConfigName: "c"))
            },
            "SageMaker.DescribeEndpoint": { _ = try await $0.sageMaker.describeEndpoint(.init(endpointName: "e")) },
            "SageMaker.ListEndpoints": { _ = try await $0.sageMaker.listEndpoints() },
            "SageMaker.AddTags": { _ = try await $0.sageMaker.addTags(.init(resourceArn: arn, tags: [])) },
            "SageMaker.ListTags": { _ = try await $0.sageMaker.listTags(.init(resourceArn: arn)) },
            "CloudWatch.GetMetricData": {
                _ = try await $0.cloudWatch.getMetricData(
                    .init(metricDataQueries: [.init(id: "q", expression: "1")], startTime: now, endTime: now))
            },
            "CloudWatch.DescribeAlarms": { _ = try await $0.cloudWatch.describeAlarms() },
            "STS.GetCallerIdentity": { _ = try await $0.sts.getCallerIdentity() },
            "STS.AssumeRole": {
                _ = try await $0.sts.assumeRole(
                    .init(roleArn: "arn:aws:iam::123456789012:role/r", roleSessionName: "s"))
            },
            "STS.AssumeRoleWithWebIdentity": {
                _ = try await $0.sts.assumeRoleWithWebIdentity(
                    .init(roleArn: "arn:aws:iam::123456789012:role/r", roleSessionName: "s", webIdentityToken: "t"))
            },
        ]
    }()

    /// Values of every wrong kind, for any member (immutable: JSONSerialization values are not Sendable).
    nonisolated(unsafe) static let strangeValues: [Any] = [
        NSNull(), "", "x", 0, -1, 1e308, -0.5, true, [Any](), [String: Any](), "2026-99-99T99:99:99Z", "1e999",
        "\u{1B}[2J\u{9B}\u{202E}", String(repeating: "A", count: 5000), ["nested": [1, [2, ["deep": NSNull()]]]],
    ]

    static func mutatedValue(_ sample: OutputSample, _ random: inout SeededRandom) -> Any {
        var value = sample.sample
        // The root stays an object (JSONSerialization cannot write anything else); damaged bytes cover the rest.
        let paths = (sample.members.map(\.path) + sample.structures.map(\.path)).filter { !$0.isEmpty }
        guard !paths.isEmpty else { return value }
        for _ in 0..<(1 + random.below(3)) {
            let path = paths[random.below(paths.count)]
            if random.below(3) == 0 {
                value = JSONPatch.removing(path, in: value)
            } else {
                value = JSONPatch.setting(path, to: strangeValues[random.below(strangeValues.count)], in: value)
            }
        }
        return value
    }

    static func damagedBytes(_ body: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = body
        for _ in 0..<(1 + random.below(3)) where !bytes.isEmpty {
            let at = random.below(bytes.count)
            switch random.below(5) {
            case 0: bytes.removeSubrange(at...)  // cut short
            case 1: bytes[at] ^= UInt8(1) << UInt8(random.below(8))
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(16)))
            case 3:
                let stray: [[UInt8]] = [[0x7B], [0x7D], [0x22], [0x3C], [0x3E], [0x26], [0x5C], [0], [0xFF], [0xC3]]
                bytes.insert(contentsOf: stray[random.below(stray.count)], at: at)
            default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 32)], at: random.below(bytes.count))
            }
        }
        return bytes
    }

    /// Found by this fuzz test (seed 2708860962, #115): Foundation's XMLParser trapped on this body.
    @Test func anElementNameThatIsNotUTF8IsMalformedNotACrash() {
        let body = Array("<AssumeRoleResponse><Assume".utf8) + [0xFF] + Array("RoleResult/></AssumeRoleResponse>".utf8)
        #expect(throws: AWSXMLError.malformed("the body is not UTF-8 text")) { try AWSXMLElement.parse(body) }
    }

    @Test func damagedResponsesDecodeOrFailTyped() async throws {
        let samples = OutputSample.load().filter { Self.calls[$0.key] != nil }
        #expect(samples.count == Self.calls.count, "every operation has a recorded sample")
        let seed = SeededRandom.seed(fallback: 0xA175_F022)
        var random = SeededRandom(seed: seed)
        print(
            "AWS response fuzz: \(Self.iterations) responses over \(samples.count) operations, seed \(seed) "
                + "(replay: PODIUM_FUZZ_SEED=\(seed))")
        let next = NextReply()
        let transport = RecordingTransport(fallback: { _ in .response(next.get()) })
        let client = AWSClient(
            region: "us-east-1", credentialProvider: AWSClient.FixedCredentials(testCredentials),
            endpoints: .url(URL(string: "http://127.0.0.1:4566")!), transport: transport, readOnly: false,
            logger: .init(label: "fuzz"), sleeper: RecordingSleeper(), random: .constant(0.5), now: { testDate })
        var decoded = 0
        var clientErrors = 0
        var serviceErrors = 0
        var untyped: [String] = []
        for index in 0..<Self.iterations {
            let sample = samples[random.below(samples.count)]
            var body = Array(try sample.body(Self.mutatedValue(sample, &random)))
            if random.below(2) == 0 { body = Self.damagedBytes(body, &random) }
            let statuses = [200, 200, 200, 200, 200, 200, 400, 403, 404, 409, 500]
            let status = statuses[random.below(statuses.count)]
            let contentType = sample.isXML ? "text/xml" : "application/x-amz-json-1.1"
            next.set(HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: body))
            // A crash ends the process before any report: `PODIUM_FUZZ_LAST=FILE` keeps the input it died on.
            if let last = ProcessInfo.processInfo.environment["PODIUM_FUZZ_LAST"] {
                try Data("#\(index) \(sample.key) HTTP \(status)\n".utf8 + body).write(to: URL(fileURLWithPath: last))
            }
            do {
                try await Self.calls[sample.key]!(client)
                decoded += 1
            } catch is AWSClientError {
                clientErrors += 1
            } catch is AWSServiceError {
                serviceErrors += 1
            } catch {
                untyped.append("#\(index) \(sample.key) HTTP \(status): \(type(of: error)): \(error)")
            }
            if index % 500 == 0 { await transport.clear() }
        }
        print(
            "AWS response fuzz: seed \(seed): \(decoded) decoded, \(clientErrors) AWSClientError, "
                + "\(serviceErrors) AWSServiceError, \(untyped.count) untyped")
        #expect(decoded + clientErrors + serviceErrors + untyped.count == Self.iterations)
        #expect(decoded > 0 && clientErrors > 0 && serviceErrors > 0, "each outcome is exercised (seed \(seed))")
        #expect(untyped.isEmpty, "seed \(seed): \(untyped.prefix(10).joined(separator: "\n"))")
    }
}
