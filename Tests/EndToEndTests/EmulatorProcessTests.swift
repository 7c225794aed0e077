import Foundation
import PodiumTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The emulator helper against a real emulator process: start, control API, request log, faults, stop by PID.
@Suite struct EmulatorProcessTests {
    /// A SageMaker JSON 1.1 call with a syntactically valid (unverified) SigV4 header, as moto routes it.
    private func sageMaker(_ emu: EmulatorProcess, _ operation: String, region: String = "us-east-1") async throws -> (
        Int, String
    ) {
        var request = URLRequest(url: emu.endpoint)
        request.httpMethod = "POST"
        request.httpBody = Data("{}".utf8)
        request.setValue("application/x-amz-json-1.1", forHTTPHeaderField: "Content-Type")
        request.setValue("SageMaker.\(operation)", forHTTPHeaderField: "X-Amz-Target")
        request.setValue("20261127T000000Z", forHTTPHeaderField: "X-Amz-Date")
        request.setValue(
            "AWS4-HMAC-SHA256 Credential=testing/20261127/\(region)/sagemaker/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=\(String(repeating: "0", count: 64))",
            forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func startInjectFaultReadLogAndStop() async throws {
        let emu = try await EmulatorProcess.start()
        let pid = emu.pid
        #expect(emu.port > 0)
        #expect(emu.endpoint.host == "127.0.0.1")
        #expect(await emu.isHealthy())

        let faultID = try await emu.injectFault(
            operation: "ListEndpoints", kind: .throttle, count: 1, service: "sagemaker")
        #expect(!faultID.isEmpty)
        let (throttledStatus, throttledBody) = try await sageMaker(emu, "ListEndpoints", region: "eu-west-1")
        #expect(throttledStatus == 400)
        #expect(throttledBody.contains("ThrottlingException"))
        let (okStatus, okBody) = try await sageMaker(emu, "ListEndpoints", region: "eu-west-1")
        #expect(okStatus == 200)
        #expect(okBody.contains("\"Endpoints\""))

        let log = try await emu.requests()
        #expect(log.map(\.operation) == ["ListEndpoints", "ListEndpoints"])
        #expect(log.map(\.status) == [400, 200])
        #expect(log.map(\.fault) == ["throttle", nil])
        #expect(
            log.allSatisfy { $0.service == "sagemaker" && $0.account == "123456789012" && $0.region == "eu-west-1" })
        #expect(log[0].date != nil)

        try await emu.clearRequests()
        #expect(try await emu.requests().isEmpty)

        try await emu.injectFault(kind: .http503, count: nil, service: "sagemaker")
        #expect(try await sageMaker(emu, "ListEndpoints").0 == 503)
        #expect(try await sageMaker(emu, "ListEndpoints").0 == 503)
        try await emu.clearFaults()
        #expect(try await sageMaker(emu, "ListEndpoints").0 == 200)

        try await emu.injectFault(operation: "DescribeEndpoint", kind: .reset, count: 1)
        await #expect(throws: (any Error).self) { _ = try await sageMaker(emu, "DescribeEndpoint") }
        #expect(try await emu.requests().last?.fault == "reset")
        #expect(try await sageMaker(emu, "DescribeEndpoint").0 == 400)  // the real answer: no such endpoint

        try await emu.setEndpointTimings(create: 1, update: 2)
        try await emu.failNextUpdate(endpoint: "churn-prod", mode: .rollback, reason: "canary alarm")
        try await emu.reset()
        #expect(try await emu.requests().isEmpty)

        await emu.stop()
        #expect(kill(pid, 0) == -1)
        #expect(errno == ESRCH)
    }

    @Test func iamModeRejectsAnUnverifiableSignature() async throws {
        let emu = try await EmulatorProcess.start()
        let user = try await emu.createIAMUser(
            name: "viewer",
            policyJSON:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sagemaker:List*","Resource":"*"}]}"#
        )
        #expect(user.accessKeyId.hasPrefix("AKIA"))
        #expect(user.arn == "arn:aws:iam::123456789012:user/viewer")
        #expect(try await sageMaker(emu, "ListEndpoints").0 == 200)
        try await emu.enableIAM()
        let (status, body) = try await sageMaker(emu, "ListEndpoints")
        #expect(status == 403)
        #expect(body.contains("InvalidClientTokenId") || body.contains("SignatureDoesNotMatch"))
        await emu.stop()
    }

    @Test func twoEmulatorsGetTheirOwnPorts() async throws {
        async let first = EmulatorProcess.start()
        async let second = EmulatorProcess.start()
        let (a, b) = try await (first, second)
        #expect(a.port != b.port)
        #expect(a.pid != b.pid)
        await a.stop()
        await b.stop()
    }
}
