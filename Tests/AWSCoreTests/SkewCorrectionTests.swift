import Foundation
import Testing

@testable import AWSCore

/// Clock skew: the client learns AWS's time from the `Date` of a skew error, signs with it and retries.
@Suite struct SkewCorrectionTests {
    /// `Date` header text of `testDate + seconds`.
    static func httpDate(_ seconds: TimeInterval) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: testDate.addingTimeInterval(seconds))
    }

    static func skewError(_ code: String, serverAhead seconds: TimeInterval?, status: Int = 400)
        -> RecordingTransport.Reply
    {
        let headers: [(name: String, value: String)] = seconds.map { [("Date", httpDate($0))] } ?? []
        return jsonReply(#"{"__type":"\#(code)","message":"Signature expired"}"#, status: status, headers: headers)
    }

    let ok = jsonReply(#"{"Endpoints":[]}"#)

    @Test func parsesIMFFixdate() {
        let date = ClockSkew.parseHTTPDate("Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(date == Date(timeIntervalSince1970: 784_111_777))
        #expect(ClockSkew.parseHTTPDate(Self.httpDate(900)) == testDate.addingTimeInterval(900))
        #expect(ClockSkew.parseHTTPDate("yesterday") == nil)
        #expect(ClockSkew.parseHTTPDate("Sun, 06 Foo 1994 08:49:37 GMT") == nil)
        #expect(ClockSkew.parseHTTPDate("Sun, 06 Nov 1994 25:49:37 GMT") == nil)
    }

    @Test(arguments: ["RequestTimeTooSkewed", "InvalidSignatureException", "SignatureDoesNotMatch", "RequestExpired"])
    func skewErrorIsCorrectedFromDateAndRetried(code: String) async throws {
        let transport = RecordingTransport(script: [Self.skewError(code, serverAhead: 900, status: 403), ok, ok])
        let sleeper = RecordingSleeper()
        let client = makeTestClient(transport: transport, sleeper: sleeper)
        _ = try await client.sageMaker.listEndpoints()
        let dates = await transport.requests.map { $0.header("X-Amz-Date") }
        #expect(
            dates == [SigV4Timestamp(testDate).dateTime, SigV4Timestamp(testDate.addingTimeInterval(900)).dateTime])
        #expect(await client.clockSkew.offset == 900)
        #expect(await sleeper.delays.isEmpty, "the cause is fixed: no backoff")
        // The next call is signed with the corrected clock at once.
        _ = try await client.sageMaker.listEndpoints()
        let third = await transport.requests.last?.header("X-Amz-Date")
        #expect(third == SigV4Timestamp(testDate.addingTimeInterval(900)).dateTime)
        #expect(await transport.requests.count == 3)
    }

    @Test func serverBehindIsCorrectedToo() async throws {
        let transport = RecordingTransport(script: [Self.skewError("RequestTimeTooSkewed", serverAhead: -3600), ok])
        let client = makeTestClient(transport: transport)
        _ = try await client.sageMaker.listEndpoints()
        #expect(await client.clockSkew.offset == -3600)
        #expect(await transport.requests.count == 2)
    }

    @Test func offsetFollowsTheServerBackWhenClocksAgreeAgain() async throws {
        // A correction is not sticky: once the local clock is fixed (or the server's was wrong), the next skew
        // error measured against the corrected clock brings the offset back (aws-sdk-go-v2#3187 kept it).
        let transport = RecordingTransport(script: [
            Self.skewError("RequestTimeTooSkewed", serverAhead: 900), ok,
            Self.skewError("RequestTimeTooSkewed", serverAhead: 0), ok,
        ])
        let client = makeTestClient(transport: transport)
        _ = try await client.sageMaker.listEndpoints()
        #expect(await client.clockSkew.offset == 900)
        _ = try await client.sageMaker.listEndpoints()
        #expect(await client.clockSkew.offset == 0)
        let last = await transport.requests.last?.header("X-Amz-Date")
        #expect(last == SigV4Timestamp(testDate).dateTime)
    }

    @Test func copiesOfAClientShareTheCorrection() async throws {
        let transport = RecordingTransport(script: [Self.skewError("RequestTimeTooSkewed", serverAhead: 900), ok, ok])
        let client = makeTestClient(transport: transport)
        _ = try await client.sageMaker.listEndpoints()
        let copy = client.with(region: "eu-west-1", readOnly: true)
        _ = try await copy.sageMaker.listEndpoints()
        #expect(await transport.requests.count == 3, "the copy signed right the first time")
        #expect(await copy.clockSkew.offset == 900)
    }

    @Test func signatureMismatchWithoutSkewIsNotRetried() async throws {
        // A wrong secret key: the server's clock agrees with ours, so nothing is corrected or retried.
        let transport = RecordingTransport(script: [Self.skewError("SignatureDoesNotMatch", serverAhead: 2), ok])
        let client = makeTestClient(transport: transport)
        await #expect(throws: AWSServiceError.self) { _ = try await client.sageMaker.listEndpoints() }
        #expect(await transport.requests.count == 1)
        #expect(await client.clockSkew.offset == 0)
    }

    @Test func skewErrorWithoutDateFailsClearly() async throws {
        let transport = RecordingTransport(script: [Self.skewError("RequestTimeTooSkewed", serverAhead: nil), ok])
        let client = makeTestClient(transport: transport)
        do {
            _ = try await client.sageMaker.listEndpoints()
            Issue.record("expected RequestTimeTooSkewed")
        } catch let error as AWSServiceError {
            #expect(error.code == "RequestTimeTooSkewed")
        }
        #expect(await transport.requests.count == 1)
    }

    @Test func unrelatedCodeWithSkewedDateIsNotCorrected() async throws {
        let transport = RecordingTransport(script: [
            jsonReply(
                #"{"__type":"ValidationException","message":"no"}"#, status: 400,
                headers: [("Date", Self.httpDate(3600))])
        ])
        let client = makeTestClient(transport: transport)
        await #expect(throws: AWSServiceError.self) { _ = try await client.sageMaker.listEndpoints() }
        #expect(await client.clockSkew.offset == 0)
    }

    @Test func skewThatPersistsIsBoundedByMaxAttempts() async throws {
        // A server whose Date keeps moving (a broken proxy): the offset follows, but attempts stay at 3.
        let transport = RecordingTransport(script: [
            Self.skewError("RequestTimeTooSkewed", serverAhead: 900),
            Self.skewError("RequestTimeTooSkewed", serverAhead: 1800),
            Self.skewError("RequestTimeTooSkewed", serverAhead: 2700),
            ok,
        ])
        let client = makeTestClient(transport: transport)
        await #expect(throws: AWSServiceError.self) { _ = try await client.sageMaker.listEndpoints() }
        #expect(await transport.requests.count == 3)
    }
}
