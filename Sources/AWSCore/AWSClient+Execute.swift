import Foundation
import Logging

extension AWSClient {
    /// Sends one operation with signing, retries and logging, and returns the successful (2xx) response.
    ///
    /// The steps, each a function of its own (soto-core's middleware, without the indirection): `prepare` (the
    /// read-only check, the endpoint, the unsigned request), then per attempt `sign`, `sendLimited` (the in-flight
    /// bound and the adaptive rate limiter around `attemptOnce`, which sends and classifies), and `retryDecision`.
    ///
    /// - Throws: `AWSClientError.readOnlyRefused` for a write on a read-only client (nothing is sent),
    ///   `AWSServiceError` for an error response, `AWSClientError.transport`/`.cancelled` when no response came.
    func send(
        _ operation: AWSOperation, service: AWSServiceDescription, signerOptions: SigV4Signer.Options = .standard,
        build: (URL) throws -> HTTPRequest
    ) async throws -> HTTPResponse {
        let unsigned = try prepare(operation, service: service, build: build)
        let quota = quota(for: service)
        let invocationId = UUID().uuidString.lowercased()
        let signer = SigV4Signer(
            service: service.signingName, region: service.signingRegion(forClientRegion: region), options: signerOptions
        )
        var state = RetryState()
        while true {
            state.attempt += 1
            if Task.isCancelled {
                throw AWSClientError.cancelled(service: service.serviceId, operation: operation.name)
            }
            let request = try await sign(
                unsigned, operation, service: service, signer: signer, invocationId: invocationId,
                attempt: state.attempt)
            let failed: FailedAttempt
            switch try await sendLimited(request, operation, service: service, attempt: state.attempt) {
            case .success(let response):
                await quota.release(state.acquiredForLastRetry ?? RetryQuota.noRetryIncrement)
                return response
            case .failure(let failure):
                failed = failure
            }
            if case .transport(let error) = failed.outcome, error.mayHaveReachedService { state.unanswered += 1 }
            switch await retryDecision(failed, quota: quota, state: &state) {
            case .giveUp:
                throw state.marking(failed.error)
            case .retryAtOnce:
                logger.debug(
                    "aws retry after correcting the request",
                    metadata: [
                        "aws.service": "\(service.serviceId)", "aws.operation": "\(operation.name)",
                        "aws.attempt": "\(state.attempt)", "aws.error": "\(failed.outcome)",
                    ])
            case .quotaExhausted:
                logger.debug(
                    "aws retry quota exhausted; not retrying",
                    metadata: ["aws.service": "\(service.serviceId)", "aws.operation": "\(operation.name)"])
                throw state.marking(failed.error)
            case .backOff(let delay):
                logger.debug(
                    "aws retry",
                    metadata: [
                        "aws.service": "\(service.serviceId)", "aws.operation": "\(operation.name)",
                        "aws.attempt": "\(state.attempt)", "aws.delay_ms": "\(delay.milliseconds)",
                    ])
                do {
                    try await sleeper.sleep(for: delay)
                } catch {
                    throw AWSClientError.cancelled(service: service.serviceId, operation: operation.name)
                }
            }
        }
    }

    /// What the retry loop remembers between attempts of one call.
    struct RetryState {
        /// The attempt number, from 1.
        var attempt = 0
        /// The quota taken for the retry now running, given back if it succeeds.
        var acquiredForLastRetry: Int?
        /// Whether credentials were already refreshed once for this call.
        var refreshedCredentials = false
        /// The attempts that were sent and never answered (`TransportError.mayHaveReachedService`).
        var unanswered = 0

        /// The error to throw: a service error answering a retry after an unanswered attempt says so.
        func marking(_ error: any Error) -> any Error {
            guard unanswered > 0, var service = error as? AWSServiceError else { return error }
            service.afterUnansweredAttempt = true
            return service
        }
    }

    /// What to do after a failed attempt.
    enum RetryDecision: Equatable {
        /// Throw the attempt's error.
        case giveUp
        /// The cause was fixed (clock corrected, credentials refreshed): retry without backoff or quota.
        case retryAtOnce
        /// Retryable, but the retry quota is spent.
        case quotaExhausted
        /// Retry after this delay (quota taken).
        case backOff(Duration)
    }

    /// The read-only check, the endpoint and the unsigned request; nothing is sent.
    func prepare(
        _ operation: AWSOperation, service: AWSServiceDescription, build: (URL) throws -> HTTPRequest
    ) throws -> HTTPRequest {
        if readOnly && operation.access == .write {
            logger.debug(
                "aws call refused: read-only client",
                metadata: ["aws.service": "\(service.serviceId)", "aws.operation": "\(operation.name)"])
            throw AWSClientError.readOnlyRefused(service: service.serviceId, operation: operation.name)
        }
        do {
            return try build(try endpointURL(for: service))
        } catch let error as AWSClientError {
            throw error
        } catch {
            throw AWSClientError.invalidRequest(
                service: service.serviceId, operation: operation.name, reason: String(describing: error))
        }
    }

    /// One attempt's request: the SDK headers, then SigV4 with the skew-corrected clock (unless unsigned).
    func sign(
        _ unsigned: HTTPRequest, _ operation: AWSOperation, service: AWSServiceDescription, signer: SigV4Signer,
        invocationId: String, attempt: Int
    ) async throws -> HTTPRequest {
        var request = unsigned
        request.headers.append(("amz-sdk-invocation-id", invocationId))
        request.headers.append(("amz-sdk-request", "attempt=\(attempt); max=\(retryPolicy.maxAttempts)"))
        guard !operation.unsigned else { return request }
        let signingTime = now().addingTimeInterval(await clockSkew.offset)
        return signer.sign(
            request, credentials: try await credentials(service: service, operation: operation), date: signingTime)
    }

    /// `attemptOnce` inside the shared limits: waits for an in-flight slot (FIFO) and, after a throttle, for the
    /// adaptive rate limiter's token; the slot is held only while the request is on the wire, never during a
    /// backoff. Throws only for cancellation.
    func sendLimited(
        _ request: HTTPRequest, _ operation: AWSOperation, service: AWSServiceDescription, attempt: Int
    ) async throws -> AttemptResult {
        let rateLimiter = limits.rateLimiter(for: service)
        do {
            try await rateLimiter?.beforeSend()
            try await limits.concurrency.acquire()
        } catch {
            throw AWSClientError.cancelled(service: service.serviceId, operation: operation.name)
        }
        let result: AttemptResult
        do {
            result = try await attemptOnce(request, operation, service: service, attempt: attempt)
        } catch {
            await limits.concurrency.release()
            throw error
        }
        await limits.concurrency.release()
        if let rateLimiter {
            var throttled = false
            if case .failure(let failed) = result, case .serviceError(_, _, _, true) = failed.outcome {
                throttled = true
            }
            await rateLimiter.afterResponse(throttled: throttled)
            if throttled {
                let rate = await rateLimiter.sendRate
                logger.debug(
                    "aws client-side rate limit",
                    metadata: [
                        "aws.service": "\(service.serviceId)", "aws.operation": "\(operation.name)",
                        "aws.send_rate": "\(rate)",
                    ])
            }
        }
        return result
    }

    /// Decides what follows a failed attempt: a clock skew is corrected (even on the last attempt, so the
    /// client's next call is signed right), expired credentials are refreshed once, otherwise standard-mode
    /// retries with the quota and backoff.
    func retryDecision(_ failed: FailedAttempt, quota: RetryQuota, state: inout RetryState) async -> RetryDecision {
        let skewCorrected = await correctsClockSkew(failed)
        guard state.attempt < retryPolicy.maxAttempts else { return .giveUp }
        if skewCorrected { return .retryAtOnce }
        if await refreshesExpiredCredentials(failed, &state.refreshedCredentials) { return .retryAtOnce }
        guard failed.outcome.isRetryable else { return .giveUp }
        let cost = failed.outcome.quotaCost
        guard await quota.acquire(cost) else { return .quotaExhausted }
        state.acquiredForLastRetry = cost
        return .backOff(retryPolicy.backoff(afterAttempt: state.attempt, random: random()))
    }

    /// A failed attempt: how the retry logic sees it, the error to throw if it is the last, and the response.
    struct FailedAttempt {
        let outcome: RetryOutcome
        let error: any Error
        let response: HTTPResponse?
    }

    /// The result of one attempt.
    enum AttemptResult {
        case success(HTTPResponse)
        case failure(FailedAttempt)
    }

    /// Sends one signed attempt and classifies its answer; throws only for cancellation.
    private func attemptOnce(
        _ request: HTTPRequest, _ operation: AWSOperation, service: AWSServiceDescription, attempt: Int
    ) async throws -> AttemptResult {
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let response = try await transport.execute(request, timeout: timeouts)
            let latency = clock.now - started
            let requestId = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id") ?? "-"
            if (200..<300).contains(response.status) {
                log(service, operation, attempt, status: "\(response.status)", latency: latency, requestId: requestId)
                return .success(response)
            }
            let error = AWSErrorDecoder.decode(response, service: service.serviceId, operation: operation.name)
            log(
                service, operation, attempt, status: "\(response.status)", latency: latency,
                requestId: error.requestId ?? requestId, error: error.code)
            let outcome = RetryOutcome.serviceError(
                code: error.code, httpStatus: error.httpStatus, isRetryable: error.isRetryable,
                isThrottling: error.isThrottling)
            return .failure(FailedAttempt(outcome: outcome, error: error, response: response))
        } catch {
            let transportError = TransportError(error)
            log(
                service, operation, attempt, status: "no response", latency: clock.now - started, requestId: "-",
                error: "\(transportError)")
            if transportError == .cancelled || Task.isCancelled {
                throw AWSClientError.cancelled(service: service.serviceId, operation: operation.name)
            }
            let failure = AWSClientError.transport(
                service: service.serviceId, operation: operation.name, error: transportError, attempts: attempt)
            return .failure(FailedAttempt(outcome: .transport(transportError), error: failure, response: nil))
        }
    }

    /// Whether the attempt failed on clock skew that the server's `Date` header let us correct.
    private func correctsClockSkew(_ failed: FailedAttempt) async -> Bool {
        guard case .serviceError(let code, _, _, _) = failed.outcome, let response = failed.response else {
            return false
        }
        return await clockSkew.correct(code: code, dateHeader: response.header("Date"), localNow: now())
    }

    /// botocore refreshes credentials only by their expiry time and never retries `ExpiredToken`; the Go SDK
    /// expires its cached credentials on that answer and retries. Podium does the latter, once per call, when
    /// the provider can refresh (static keys would only fail again).
    private func refreshesExpiredCredentials(_ failed: FailedAttempt, _ refreshed: inout Bool) async -> Bool {
        guard !refreshed, case .serviceError(let code, _, _, _) = failed.outcome,
            Self.expiredTokenCodes.contains(code),
            let provider = credentialProvider as? any RefreshableCredentialProvider
        else { return false }
        refreshed = true
        await provider.invalidate()
        return true
    }

    /// The codes AWS answers expired session credentials with.
    static let expiredTokenCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException"]

    /// Gets credentials, turning a provider failure into a typed error.
    private func credentials(service: AWSServiceDescription, operation: AWSOperation) async throws -> AWSCredentials {
        guard let credentialProvider else {
            throw AWSClientError.credentialsUnavailable(
                service: service.serviceId, operation: operation.name, reason: "no credentials provider configured")
        }
        do {
            return try await credentialProvider.getCredentials()
        } catch let error as AWSClientError {
            throw error
        } catch let error as AWSServiceError {
            throw error
        } catch is CancellationError {
            throw AWSClientError.cancelled(service: service.serviceId, operation: operation.name)
        } catch SSOError.signInRequired(let needed) {
            // Typed, not flattened: the console opens its sign-in pane on it, the CLI names `podium login`.
            throw AWSClientError.signInRequired(service: service.serviceId, operation: operation.name, needed)
        } catch let error as CredentialProviderError where error.isUnreachable {
            throw AWSClientError.credentialsUnreachable(
                service: service.serviceId, operation: operation.name, reason: String(describing: error))
        } catch {
            throw AWSClientError.credentialsUnavailable(
                service: service.serviceId, operation: operation.name, reason: String(describing: error))
        }
    }

    /// One debug line per attempt. Only these fields are logged: never headers, bodies or credentials.
    private func log(
        _ service: AWSServiceDescription, _ operation: AWSOperation, _ attempt: Int, status: String,
        latency: Duration, requestId: String, error: String? = nil
    ) {
        var metadata: Logger.Metadata = [
            "aws.service": "\(service.serviceId)", "aws.operation": "\(operation.name)", "aws.attempt": "\(attempt)",
            "aws.status": "\(status)", "aws.latency_ms": "\(latency.milliseconds)", "aws.request_id": "\(requestId)",
        ]
        if let error { metadata["aws.error"] = "\(error)" }
        logger.debug("aws call", metadata: metadata)
    }
}

extension Duration {
    /// The duration in milliseconds, with three decimals.
    var milliseconds: String {
        String(format: "%.3f", Double(nanosecondsClamped) / 1_000_000)
    }
}
