import Foundation

extension GitHubClient {
    /// Sends a request until it gets a 2xx answer or a reason to stop (`GitHubRetryPolicy` has the rules):
    ///
    /// - before each attempt, a closed `rateLimitGate` is waited for (within `maxRateLimitWait`) or is an error
    ///   naming when it lifts, without sending;
    /// - a rate-limit answer (403/429 as GitHub documents it) closes the gate for the stated wait and is retried,
    ///   whatever the method: GitHub refused the request, so nothing happened;
    /// - a 5xx or a connection failure is retried with capped, jittered exponential backoff, for GET only; a
    ///   POST that may have reached GitHub is `GitHubError.outcomeUnknown`, never resent;
    /// - anything else (4xx, an undecodable body later) is final at once.
    func send(_ request: HTTPRequest, operation: String) async throws -> HTTPResponse {
        var attempts = 0
        var rateLimitWaits = 0
        var secondaryWaits = 0
        var waitedUntil: Date?
        let idempotent = GitHubRetryPolicy.isIdempotent(request.method)
        while true {
            waitedUntil = try await waitForGate(operation, alreadyWaitedUntil: waitedUntil)
            attempts += 1
            let response: HTTPResponse
            do {
                response = try await transport.execute(request, timeout: timeouts)
            } catch {
                let transportError = TransportError(error)
                if transportError == .cancelled || Task.isCancelled {
                    throw GitHubError.cancelled(operation: operation)
                }
                let failure = GitHubError.transport(operation: operation, error: transportError)
                guard GitHubRetryPolicy.mayResend(method: request.method, failure: .transport(transportError)) else {
                    throw GitHubError.outcomeUnknown(operation: operation, cause: "\(transportError)")
                }
                guard attempts < retry.maxAttempts else { throw Self.final(failure, attempts: attempts) }
                try await pause(retry.backoff.backoff(afterAttempt: attempts, random: random()), operation)
                continue
            }
            if let spent = GitHubRateLimit.spentUntil(response) {
                await rateLimitGate.close(until: spent, kind: .primary)
            }
            if (200..<300).contains(response.status) { return response }

            let message = message(of: response)
            if let limit = GitHubRateLimit.from(response, message: message, now: now()) {
                let wait = limit.wait(
                    now: now(), secondaryRetries: secondaryWaits,
                    minimumSecondaryWait: GitHubRetryPolicy.seconds(retry.minimumSecondaryWait))
                let until = now().addingTimeInterval(wait)
                await rateLimitGate.close(until: until, kind: limit.kind)
                guard rateLimitWaits < retry.maxRateLimitRetries,
                    wait <= GitHubRetryPolicy.seconds(retry.maxRateLimitWait)
                else {
                    throw GitHubError.rateLimited(
                        operation: operation, kind: limit.kind, retryAt: until, message: message)
                }
                rateLimitWaits += 1
                if limit.kind == .secondary { secondaryWaits += 1 }
                continue  // the wait is the gate's, at the top of the loop
            }

            let failure = GitHubError.http(operation: operation, status: response.status, message: message)
            guard GitHubRetryPolicy.transientStatuses.contains(response.status) else {
                throw Self.final(failure, attempts: attempts)
            }
            guard idempotent else {
                throw GitHubError.outcomeUnknown(
                    operation: operation, cause: "HTTP \(response.status)" + (message.map { ": \($0)" } ?? ""))
            }
            guard attempts < retry.maxAttempts else { throw Self.final(failure, attempts: attempts) }
            var delay = retry.backoff.backoff(afterAttempt: attempts, random: random())
            // A 503 may say how long to stay away; honour it when it is within the bound.
            if let stated = GitHubRateLimit.retryAfter(response, now: now()),
                stated <= GitHubRetryPolicy.seconds(retry.maxRateLimitWait)
            {
                delay = max(delay, Self.duration(stated))
            }
            try await pause(delay, operation)
        }
    }

    /// Waits for a closed gate when it lifts within the bound (once per closure), or fails naming when it lifts.
    /// Returns the closure waited for.
    private func waitForGate(_ operation: String, alreadyWaitedUntil: Date?) async throws -> Date? {
        let start = now()
        guard let closure = await rateLimitGate.closed(at: start) else { return alreadyWaitedUntil }
        if let alreadyWaitedUntil, closure.until <= alreadyWaitedUntil { return alreadyWaitedUntil }
        let wait = closure.until.timeIntervalSince(start)
        guard wait <= GitHubRetryPolicy.seconds(retry.maxRateLimitWait) else {
            throw GitHubError.rateLimited(
                operation: operation, kind: closure.kind, retryAt: closure.until, message: nil)
        }
        try await pause(Self.duration(wait), operation)
        return closure.until
    }

    private func pause(_ delay: Duration, _ operation: String) async throws {
        do {
            try await sleeper.sleep(for: delay)
        } catch {
            throw GitHubError.cancelled(operation: operation)
        }
    }

    /// The error a call ends with: the attempt's own, wrapped with the count when it was retried.
    private static func final(_ error: GitHubError, attempts: Int) -> GitHubError {
        attempts > 1 ? .retriesExhausted(attempts: attempts, last: error) : error
    }

    private static func duration(_ seconds: Double) -> Duration {
        .nanoseconds(Int64((max(0, seconds) * 1_000_000_000).rounded(.up)))
    }
}
