import Foundation
import Logging

extension AWSClient {
    /// Sends one operation with signing, retries and logging, and returns the successful (2xx) response.
    ///
    /// - Throws: `AWSClientError.readOnlyRefused` for a write on a read-only client (nothing is sent),
    ///   `AWSServiceError` for an error response, `AWSClientError.transport`/`.cancelled` when no response came.
    func send(
        _ operation: AWSOperation, service: AWSServiceDescription, signerOptions: SigV4Signer.Options = .standard,
        build: (URL) throws -> HTTPRequest
    ) async throws -> HTTPResponse {
        if readOnly && operation.access == .write {
            logger.debug(
                "aws call refused: read-only client",
                metadata: ["aws.service": "\(service.serviceId)", "aws.operation": "\(operation.name)"])
            throw AWSClientError.readOnlyRefused(service: service.serviceId, operation: operation.name)
        }
        let base: URL
        let unsigned: HTTPRequest
        do {
            base = try endpointURL(for: service)
            unsigned = try build(base)
        } catch let error as AWSClientError {
            throw error
        } catch {
            throw AWSClientError.invalidRequest(
                service: service.serviceId, operation: operation.name, reason: String(describing: error))
        }
        let quota = quota(for: service)
        let invocationId = UUID().uuidString.lowercased()
        let signer = SigV4Signer(service: service.signingName, region: region, options: signerOptions)
        var acquiredForLastRetry: Int?
        var refreshedCredentials = false
        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled {
                throw AWSClientError.cancelled(service: service.serviceId, operation: operation.name)
            }
            var request = unsigned
            request.headers.append(("amz-sdk-invocation-id", invocationId))
            request.headers.append(("amz-sdk-request", "attempt=\(attempt); max=\(retryPolicy.maxAttempts)"))
            if !operation.unsigned {
                let signingTime = now().addingTimeInterval(await clockSkew.offset)
                request = signer.sign(
                    request, credentials: try await credentials(service: service, operation: operation),
                    date: signingTime)
            }
            let failed: FailedAttempt
            switch try await attemptOnce(request, operation, service: service, attempt: attempt) {
            case .success(let response):
                await quota.release(acquiredForLastRetry ?? RetryQuota.noRetryIncrement)
                return response
            case .failure(let failure):
                failed = failure
            }
            // Corrected even on the last attempt, so the client's next call is signed right.
            let skewCorrected = await correctsClockSkew(failed)
            guard attempt < retryPolicy.maxAttempts else { throw failed.error }
            // A corrected clock or refreshed credentials fix the cause at once: retry without backoff or quota.
            var fixed = skewCorrected
            if !fixed { fixed = await refreshesExpiredCredentials(failed, &refreshedCredentials) }
            if fixed {
                logger.debug(
                    "aws retry after correcting the request",
                    metadata: [
                        "aws.service": "\(service.serviceId)", "aws.operation": "\(operation.name)",
                        "aws.attempt": "\(attempt)", "aws.error": "\(failed.outcome)",
                    ])
                continue
            }
            guard failed.outcome.isRetryable else { throw failed.error }
            let cost = failed.outcome.quotaCost
            guard await quota.acquire(cost) else {
                logger.debug(
                    "aws retry quota exhausted; not retrying",
                    metadata: ["aws.service": "\(service.serviceId)", "aws.operation": "\(operation.name)"])
                throw failed.error
            }
            acquiredForLastRetry = cost
            let delay = retryPolicy.backoff(afterAttempt: attempt, random: random())
            logger.debug(
                "aws retry",
                metadata: [
                    "aws.service": "\(service.serviceId)", "aws.operation": "\(operation.name)",
                    "aws.attempt": "\(attempt)", "aws.delay_ms": "\(delay.milliseconds)",
                ])
            do {
                try await sleeper.sleep(for: delay)
            } catch {
                throw AWSClientError.cancelled(service: service.serviceId, operation: operation.name)
            }
        }
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
            let transportError = AsyncHTTPTransport.map(error)
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
