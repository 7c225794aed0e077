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
                request = signer.sign(
                    request, credentials: try await credentials(service: service, operation: operation), date: now())
            }
            let clock = ContinuousClock()
            let started = clock.now
            let outcome: RetryOutcome
            let failure: any Error
            do {
                let response = try await transport.execute(request, timeout: timeouts)
                let latency = clock.now - started
                let requestId =
                    response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id") ?? "-"
                if (200..<300).contains(response.status) {
                    log(
                        service, operation, attempt, status: "\(response.status)", latency: latency,
                        requestId: requestId)
                    await quota.release(acquiredForLastRetry ?? RetryQuota.noRetryIncrement)
                    return response
                }
                let error = AWSErrorDecoder.decode(response, service: service.serviceId, operation: operation.name)
                log(
                    service, operation, attempt, status: "\(response.status)", latency: latency,
                    requestId: error.requestId ?? requestId, error: error.code)
                outcome = .serviceError(
                    code: error.code, httpStatus: error.httpStatus, isRetryable: error.isRetryable,
                    isThrottling: error.isThrottling)
                failure = error
            } catch {
                let transportError = AsyncHTTPTransport.map(error)
                log(
                    service, operation, attempt, status: "no response", latency: clock.now - started, requestId: "-",
                    error: "\(transportError)")
                if transportError == .cancelled || Task.isCancelled {
                    throw AWSClientError.cancelled(service: service.serviceId, operation: operation.name)
                }
                outcome = .transport(transportError)
                failure = AWSClientError.transport(
                    service: service.serviceId, operation: operation.name, error: transportError, attempts: attempt)
            }
            guard outcome.isRetryable, attempt < retryPolicy.maxAttempts else { throw failure }
            let cost = outcome.quotaCost
            guard await quota.acquire(cost) else {
                logger.debug(
                    "aws retry quota exhausted; not retrying",
                    metadata: ["aws.service": "\(service.serviceId)", "aws.operation": "\(operation.name)"])
                throw failure
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
