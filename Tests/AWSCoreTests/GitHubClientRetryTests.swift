import Foundation
import Testing

@testable import AWSCore

/// A sleeper that records each wait and moves the test clock by it, so waits "until the reset" end on time.
actor ClockSleeper: AWSSleeper {
    let clock: AuthTestClock
    private(set) var delays: [Double] = []

    init(_ clock: AuthTestClock) { self.clock = clock }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        let seconds = GitHubRetryPolicy.seconds(duration)
        delays.append(seconds)
        clock.advance(by: seconds)
    }
}

/// GitHubClient's retries on the recording transport with an injected clock (nothing sleeps): 5xx and connection
/// failures on reads, GitHub's primary and secondary rate limits, and a dispatch that is never resent blindly.
@Suite struct GitHubClientRetryTests {
    static let token = "ghp_SECRETTOKEN1234567890"
    let clock = AuthTestClock()

    func client(_ transport: RecordingTransport, sleeper: ClockSleeper, retry: GitHubRetryPolicy = .standard)
        -> GitHubClient
    {
        GitHubClient(
            token: Self.token, baseURL: URL(string: "https://api.github.com")!, transport: transport, retry: retry,
            sleeper: sleeper, random: .constant(0.5), now: clock.function)
    }

    static func reply(_ status: Int, _ body: String = "", headers: [(name: String, value: String)] = [])
        -> RecordingTransport.Reply
    {
        .response(
            HTTPResponse(
                status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers,
                body: Array(body.utf8)))
    }

    static let run = reply(200, #"{"id":7,"status":"in_progress"}"#)
    static let secondary =
        #"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api"}"#

    func getRun(_ github: GitHubClient) async throws -> GitHubWorkflowRun {
        try await github.getWorkflowRun(owner: "acme", repo: "models", runId: 7)
    }

    func dispatch(_ github: GitHubClient) async throws {
        try await github.dispatchWorkflow(
            owner: "acme", repo: "models", workflow: "deploy.yml", ref: "main", inputs: ["environment": "prod"])
    }

    // MARK: - 5xx and connection failures

    @Test func readsRetry5xxWithCappedJitteredBackoff() async throws {
        let transport = RecordingTransport(script: [Self.reply(502), Self.reply(503), Self.reply(500), Self.run])
        let sleeper = ClockSleeper(clock)
        #expect(try await getRun(client(transport, sleeper: sleeper)).id == 7)
        #expect(await transport.requests.count == 4)
        // random 0.5 × min(2^(n−1), 20): the AWS standard mode's full jitter
        #expect(await sleeper.delays == [0.5, 1, 2])
    }

    @Test func readsGiveUpAfterMaxAttemptsNamingTheCountAndTheCause() async throws {
        let reset = RecordingTransport.Reply.failure(.connectionReset("connection reset by peer"))
        let transport = RecordingTransport(script: [reset, reset, reset, reset, Self.run])
        let sleeper = ClockSleeper(clock)
        do {
            _ = try await getRun(client(transport, sleeper: sleeper))
            Issue.record("four resets did not fail")
        } catch let error as GitHubError {
            #expect(
                error
                    == .retriesExhausted(
                        attempts: 4,
                        last: .transport(
                            operation: "getWorkflowRun", error: .connectionReset("connection reset by peer"))))
            #expect("\(error)".contains("no answer") && "\(error)".contains("after 4 attempts"))
        }
        #expect(await transport.requests.count == 4)
        #expect(await sleeper.delays.count == 3)
    }

    @Test func aBodyThatIsNotJSONAfterARetryIsStillADecodingError() async throws {
        let transport = RecordingTransport(script: [Self.reply(502), Self.reply(200, "<html>unicorn</html>")])
        await #expect {
            _ = try await getRun(client(transport, sleeper: ClockSleeper(clock)))
        } throws: { error in
            if case .undecodableResponse("getWorkflowRun", 200, _) = error as? GitHubError { return true }
            return false
        }
        #expect(await transport.requests.count == 2)
    }

    @Test(arguments: [
        RecordingTransport.Reply.failure(.timedOut("read: deadline exceeded")),
        .failure(.connectionReset("remote closed the connection")),
        reply(502, #"{"message":"Server Error"}"#),
    ])
    func aDispatchThatMayHaveLandedIsNeverResent(_ first: RecordingTransport.Reply) async throws {
        let transport = RecordingTransport(script: [first, Self.reply(204)])
        do {
            try await dispatch(client(transport, sleeper: ClockSleeper(clock)))
            Issue.record("the dispatch was resent or its failure hidden")
        } catch let error as GitHubError {
            guard case .outcomeUnknown("dispatchWorkflow", _) = error else {
                Issue.record("expected outcomeUnknown, got \(error)")
                return
            }
            #expect("\(error)".contains("may have been carried out"))
            #expect("\(error)".contains("check the workflow's runs before dispatching again"))
        }
        #expect(await transport.requests.count == 1)
    }

    @Test func aDispatchWhoseConnectionWasRefusedIsSentAgain() async throws {
        let transport = RecordingTransport(script: [.failure(.connectFailed("connection refused")), Self.reply(204)])
        try await dispatch(client(transport, sleeper: ClockSleeper(clock)))
        #expect(await transport.requests.map(\.method) == ["POST", "POST"])
    }

    // MARK: - Rate limits

    @Test func aSecondaryLimitWaitsRetryAfterForReadsAndDispatches() async throws {
        let limited = Self.reply(403, Self.secondary, headers: [("retry-after", "30")])
        let transport = RecordingTransport(script: [
            limited, Self.run, Self.reply(429, "{}", headers: [("Retry-After", "5")]), Self.reply(204),
        ])
        let sleeper = ClockSleeper(clock)
        let github = client(transport, sleeper: sleeper)
        #expect(try await getRun(github).id == 7)
        // GitHub refused the dispatch, so nothing ran: sending it again after the wait is safe.
        try await dispatch(github)
        #expect(await sleeper.delays == [30, 5])
        #expect(await transport.requests.map(\.method) == ["GET", "GET", "POST", "POST"])
    }

    @Test func aSecondaryLimitThatStatesNoWaitWaitsAMinuteThenLongerThenStops() async throws {
        let limited = Self.reply(403, Self.secondary, headers: [("x-ratelimit-remaining", "4000")])
        let transport = RecordingTransport(script: [limited, limited, limited, Self.run])
        let sleeper = ClockSleeper(clock)
        let start = clock.now
        do {
            _ = try await getRun(client(transport, sleeper: sleeper))
            Issue.record("a third secondary limit did not stop the call")
        } catch let error as GitHubError {
            // 60 s, then 120 s (within the 2-minute bound), then 240 s: over the bound, so it fails naming the time
            guard case .rateLimited("getWorkflowRun", .secondary, let retryAt, let message) = error else {
                Issue.record("expected rateLimited, got \(error)")
                return
            }
            #expect(retryAt == start.addingTimeInterval(180 + 240))
            #expect(message?.contains("secondary rate limit") == true)
            #expect("\(error)".contains(GitHubClient.timestamp(retryAt)))
        }
        #expect(await sleeper.delays == [60, 120])
        #expect(await transport.requests.count == 3)
    }

    @Test func thePrimaryLimitWaitsUntilTheResetWhenItIsNear() async throws {
        let reset = Int(clock.now.timeIntervalSince1970) + 45
        let transport = RecordingTransport(script: [
            Self.reply(
                403, #"{"message":"API rate limit exceeded for user ID 1."}"#,
                headers: [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", String(reset))]),
            Self.run,
        ])
        let sleeper = ClockSleeper(clock)
        #expect(try await getRun(client(transport, sleeper: sleeper)).id == 7)
        #expect(await sleeper.delays == [46])  // until the reset, plus a second for whole-second resets
    }

    @Test func aFarResetIsATypedErrorAndLaterCallsWaitWithoutSending() async throws {
        let reset = Int(clock.now.timeIntervalSince1970) + 3600
        let transport = RecordingTransport(script: [
            Self.reply(
                429, #"{"message":"API rate limit exceeded for user ID 1."}"#,
                headers: [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", String(reset))]),
            Self.run,
        ])
        let sleeper = ClockSleeper(clock)
        let github = client(transport, sleeper: sleeper)
        for _ in 0..<2 {
            do {
                _ = try await getRun(github)
                Issue.record("an hour-long limit was waited for")
            } catch let error as GitHubError {
                guard case .rateLimited(_, .primary, let retryAt, _) = error else {
                    Issue.record("expected rateLimited, got \(error)")
                    return
                }
                #expect(retryAt == Date(timeIntervalSince1970: Double(reset + 1)))
                #expect("\(error)".contains("the API rate limit is used up"))
                #expect(!"\(error)".contains(Self.token))
            }
        }
        #expect(await transport.requests.count == 1, "the second call must not reach GitHub while it is limited")
        #expect(await sleeper.delays.isEmpty)
    }

    @Test func aSpentBudgetOnASuccessHoldsTheNextCallUntilTheReset() async throws {
        let reset = Int(clock.now.timeIntervalSince1970) + 20
        let transport = RecordingTransport(script: [
            Self.reply(
                200, #"{"id":7}"#, headers: [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", String(reset))]),
            Self.run,
        ])
        let sleeper = ClockSleeper(clock)
        let github = client(transport, sleeper: sleeper)
        _ = try await getRun(github)
        _ = try await getRun(github)
        #expect(await sleeper.delays == [20])
        #expect(await transport.requests.count == 2)
    }

    @Test func aForbiddenWithoutGitHubsRateLimitSignsIsNotRetried() async throws {
        let transport = RecordingTransport(script: [
            Self.reply(403, #"{"message":"Resource not accessible by integration"}"#), Self.run,
        ])
        await #expect {
            _ = try await getRun(client(transport, sleeper: ClockSleeper(clock)))
        } throws: {
            ($0 as? GitHubError)
                == .http(operation: "getWorkflowRun", status: 403, message: "Resource not accessible by integration")
        }
        #expect(await transport.requests.count == 1)
    }

    @Test func theRateLimitSignalReadsGitHubsHeaders() {
        let now = clock.now
        func signal(_ status: Int, _ message: String?, _ headers: [(name: String, value: String)]) -> GitHubRateLimit? {
            GitHubRateLimit.from(HTTPResponse(status: status, headers: headers), message: message, now: now)
        }
        #expect(signal(403, "Resource not accessible by integration", []) == nil)
        #expect(signal(500, nil, [("retry-after", "3")]) == nil)
        #expect(signal(429, nil, [])?.kind == .secondary)
        #expect(signal(403, "You have triggered an abuse detection mechanism", [])?.kind == .secondary)
        let primary = signal(
            403, "API rate limit exceeded", [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1800000100")])
        #expect(
            primary
                == GitHubRateLimit(kind: .primary, resetAt: Date(timeIntervalSince1970: 1_800_000_100), exhausted: true)
        )
        let date = signal(403, nil, [("Retry-After", "Fri, 15 Jan 2027 08:00:10 GMT")])
        let expected = Date(timeIntervalSince1970: 1_800_000_000 + 10).timeIntervalSince(now)
        #expect(date?.retryAfter.map { abs($0 - expected) < 0.001 } == true)
    }
}
