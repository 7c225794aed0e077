import AWSCore
import Foundation
import Testing

/// `Headers`: one case-insensitive lookup for requests, responses and the signer, order kept.
@Suite struct HeadersTests {
    @Test func lookupIgnoresASCIICaseAndReturnsTheFirstValue() {
        let headers: Headers = [("Content-Type", "application/json"), ("X-Amz-Meta-A", "1"), ("x-amz-meta-a", "2")]
        #expect(headers["content-type"] == "application/json")
        #expect(headers["X-AMZ-META-A"] == "1")
        #expect(headers["missing"] == nil)
        #expect(headers.contains(name: "CONTENT-type"))
        // Only ASCII letters fold: a name differing in a non-ASCII letter is another name.
        let accented: Headers = [("X-Caf\u{E9}", "1")]
        #expect(accented["x-caf\u{C9}"] == nil)
        #expect(accented["x-caf\u{E9}"] == "1")
    }

    @Test func replaceAndRemoveKeepTheOrderOfTheRest() {
        var headers: Headers = [("A", "1"), ("x-amz-date", "old"), ("B", "2"), ("X-Amz-Date", "older")]
        headers.replace("X-Amz-Date", with: "new")
        #expect(headers.map(\.name) == ["A", "B", "X-Amz-Date"])
        #expect(headers["x-amz-date"] == "new")
        headers.remove(name: "a")
        #expect(headers.map(\.name) == ["B", "X-Amz-Date"])
        headers.append(("C", "3"))
        #expect(headers.count == 3)
    }

    @Test func requestsAndResponsesUseIt() {
        let request = HTTPRequest(
            method: "GET", url: URL(string: "https://example.com")!, headers: [("X-Amz-Target", "T")])
        #expect(request.header("x-amz-target") == "T")
        #expect(request.headers["X-AMZ-TARGET"] == "T")
        let response = HTTPResponse(status: 200, headers: [("x-amzn-RequestId", "r-1")])
        #expect(response.header("X-Amzn-RequestId") == "r-1")
    }
}
