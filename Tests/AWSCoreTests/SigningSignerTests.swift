import Crypto
import Foundation
import Testing

@testable import AWSCore

@Suite("SigV4Signer behaviour")
struct SigningSignerTests {
    let credentials = AWSCredentials(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z, the suite's instant

    @Test("Timestamps render in UTC across dates, leap days and the end of the year")
    func timestamps() {
        #expect(SigV4Timestamp(date).dateTime == "20150830T123600Z")
        #expect(SigV4Timestamp(date).date == "20150830")
        #expect(SigV4Timestamp(Date(timeIntervalSince1970: 0)).dateTime == "19700101T000000Z")
        #expect(SigV4Timestamp(Date(timeIntervalSince1970: 951_782_399)).dateTime == "20000228T235959Z")
        #expect(SigV4Timestamp(Date(timeIntervalSince1970: 951_782_400)).dateTime == "20000229T000000Z")
        #expect(SigV4Timestamp(Date(timeIntervalSince1970: 1_798_761_599.999)).dateTime == "20261231T235959Z")
        // Cross-check a spread of instants against Foundation's formatter.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        for seconds in stride(from: 0.0, to: 4_102_444_800, by: 7_919_993.0) {
            let instant = Date(timeIntervalSince1970: seconds)
            #expect(SigV4Timestamp(instant).dateTime == formatter.string(from: instant))
        }
    }

    @Test("The signed request carries Host (with a non-default port), X-Amz-Date and Authorization")
    func addsHeaders() throws {
        let request = HTTPRequest(
            method: "POST", url: URL(string: "http://127.0.0.1:49731/")!,
            headers: [("Content-Type", "application/x-amz-json-1.1")], body: Array("{}".utf8))
        let signed = SigV4Signer(service: "sagemaker", region: "us-east-1").sign(
            request, credentials: credentials, date: date)
        #expect(signed.header("Host") == "127.0.0.1:49731")
        #expect(signed.header("X-Amz-Date") == "20150830T123600Z")
        let authorization = try #require(signed.header("Authorization"))
        #expect(
            authorization.hasPrefix(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sagemaker/aws4_request, "))
        #expect(authorization.contains("SignedHeaders=content-type;host;x-amz-date, "))
        #expect(signed.header("X-Amz-Security-Token") == nil)
        #expect(signed.header("X-Amz-Content-SHA256") == nil)
    }

    @Test("Default ports are left out of Host")
    func defaultPorts() {
        #expect(
            SigV4Signer.hostHeaderValue(for: URL(string: "https://Sts.US-east-1.amazonaws.com:443/")!)
                == "sts.us-east-1.amazonaws.com")
        #expect(SigV4Signer.hostHeaderValue(for: URL(string: "http://localhost:80/x")!) == "localhost")
        #expect(SigV4Signer.hostHeaderValue(for: URL(string: "https://localhost:8443/x")!) == "localhost:8443")
    }

    @Test("Re-signing a signed request (a retry) replaces date, token and signature instead of adding more")
    func resignIsIdempotent() {
        let signer = SigV4Signer(service: "sts", region: "eu-west-1")
        let temporary = AWSCredentials(accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token-1")
        let request = HTTPRequest(method: "POST", url: URL(string: "https://sts.eu-west-1.amazonaws.com/")!)
        let first = signer.sign(request, credentials: temporary, date: date)
        var rotated = temporary
        rotated.sessionToken = "token-2"
        let second = signer.sign(first, credentials: rotated, date: date.addingTimeInterval(60))
        #expect(second.headers.filter { $0.name.lowercased() == "authorization" }.count == 1)
        #expect(second.headers.filter { $0.name.lowercased() == "x-amz-date" }.map(\.value) == ["20150830T123700Z"])
        #expect(second.headers.filter { $0.name.lowercased() == "x-amz-security-token" }.map(\.value) == ["token-2"])
        #expect(second.headers.filter { $0.name.lowercased() == "host" }.count == 1)
        // And equals signing the original request directly.
        let direct = signer.sign(request, credentials: rotated, date: date.addingTimeInterval(60))
        #expect(second.header("Authorization") == direct.header("Authorization"))
    }

    @Test("User-Agent and other volatile headers are sent but not signed")
    func unsignedHeaders() {
        let request = HTTPRequest(
            method: "GET", url: URL(string: "https://monitoring.us-east-1.amazonaws.com/")!,
            headers: [("User-Agent", "podium/1"), ("X-Amzn-Trace-Id", "Root=1"), ("Expect", "100-continue")])
        let (signed, result) = SigV4Signer(service: "monitoring", region: "us-east-1").signWithDetails(
            request, credentials: credentials, date: date)
        #expect(result.signedHeaderNames == "host;x-amz-date")
        #expect(signed.header("User-Agent") == "podium/1")
    }

    @Test("Non-S3 paths are normalised and double-encoded; S3 paths are kept and encoded once")
    func pathRules() {
        #expect(SigV4Canonical.canonicalPath("/a/./b/../c//d/", normalize: true, doubleEncode: true) == "/a/c/d/")
        #expect(SigV4Canonical.canonicalPath("/my%20key", normalize: true, doubleEncode: true) == "/my%2520key")
        #expect(
            SigV4Canonical.canonicalPath("/bucket/my%20key/../x", normalize: false, doubleEncode: false)
                == "/bucket/my%20key/../x")
        #expect(SigV4Canonical.canonicalPath("", normalize: true, doubleEncode: true) == "/")
        #expect(SigV4Canonical.canonicalPath("/ü", normalize: true, doubleEncode: true) == "/%C3%BC")
    }

    @Test("Query names and values are re-encoded strictly and sorted by name, then value")
    func queryRules() {
        #expect(SigV4Canonical.canonicalQuery("b=2&a=z&a=y&c") == "a=y&a=z&b=2&c=")
        #expect(SigV4Canonical.canonicalQuery("k=a%20b%2fc~%7E*") == "k=a%20b%2Fc~~%2A")
        #expect(SigV4Canonical.canonicalQuery("bad=%zz") == "bad=%25zz")
        #expect(SigV4Canonical.canonicalQuery(nil) == "")
    }

    @Test("Header values are trimmed and inner whitespace runs collapse")
    func headerValues() {
        #expect(SigV4Canonical.trimAll("  a \t b\n   c  ") == "a b c")
        #expect(SigV4Canonical.trimAll("") == "")
        let block = SigV4Canonical.canonicalHeaders(
            [("X-B", " 2 "), ("x-a", "1"), ("X-B", "3")], excluding: SigV4Signer.unsignedHeaderNames)
        #expect(block.block == "x-a:1\nx-b:2,3\n")
        #expect(block.signedHeaders == "x-a;x-b")
    }

    @Test("UNSIGNED-PAYLOAD is used as the hash and sent as X-Amz-Content-SHA256")
    func unsignedPayload() {
        let signer = SigV4Signer(
            service: "s3", region: "us-east-1", options: SigV4Signer.Options(unsignedPayload: true))
        let (signed, result) = signer.signWithDetails(
            HTTPRequest(method: "PUT", url: URL(string: "https://s3.us-east-1.amazonaws.com/b/k")!, body: [1, 2, 3]),
            credentials: credentials, date: date)
        #expect(result.payloadHash == "UNSIGNED-PAYLOAD")
        #expect(result.canonicalRequest.hasSuffix("\nUNSIGNED-PAYLOAD"))
        #expect(signed.header("X-Amz-Content-SHA256") == "UNSIGNED-PAYLOAD")
    }

    @Test("S3 options send the body's SHA-256 in X-Amz-Content-SHA256 and sign it")
    func s3ContentHash() {
        let body = Array("hello".utf8)
        let (signed, result) = SigV4Signer(service: "s3", region: "eu-west-1", options: .s3).signWithDetails(
            HTTPRequest(method: "PUT", url: URL(string: "https://s3.eu-west-1.amazonaws.com/b/k")!, body: body),
            credentials: credentials, date: date)
        let expected = SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
        #expect(signed.header("X-Amz-Content-SHA256") == expected)
        #expect(result.signedHeaderNames.contains("x-amz-content-sha256"))
    }

    @Test("A different secret, region, service or date changes the signature")
    func signatureDependsOnInputs() {
        let request = HTTPRequest(method: "GET", url: URL(string: "https://sts.us-east-1.amazonaws.com/")!)
        func signature(_ signer: SigV4Signer, _ creds: AWSCredentials, _ when: Date) -> String {
            signer.signWithDetails(request, credentials: creds, date: when).result.signature
        }
        let base = signature(SigV4Signer(service: "sts", region: "us-east-1"), credentials, date)
        var other = credentials
        other.secretAccessKey += "x"
        #expect(signature(SigV4Signer(service: "sts", region: "us-east-1"), other, date) != base)
        #expect(signature(SigV4Signer(service: "sts", region: "us-east-2"), credentials, date) != base)
        #expect(signature(SigV4Signer(service: "iam", region: "us-east-1"), credentials, date) != base)
        #expect(
            signature(SigV4Signer(service: "sts", region: "us-east-1"), credentials, date.addingTimeInterval(1)) != base
        )
    }
}
