import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// What people read when AWS says no: what failed and what to do, never a raw body, JSON or a type dump.
@Suite struct ErrorMessageTests {
    static let config = """
        environments:
          - name: dev
            region: us-east-1
            endpoints:
              - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large }
        """

    /// Runs `groups()` against an AWS that always gives `response`, and returns the error and the attempts.
    func failGroups(with response: HTTPResponse) async throws -> (
        message: String, attempts: Int, kind: PodiumError.Kind
    ) {
        let aws = ScriptedAWS()
        aws.on("ListModelPackageGroups") { _ in response }
        let session = try aws.session(
            config: try ConfigParser.parse(yaml: Self.config, file: "t.yaml"), auditPath: "/nonexistent/audit.jsonl")
        do {
            _ = try await session.groups()
            Issue.record("groups() succeeded against a failing AWS")
            return ("", 0, .usage)
        } catch {
            return (PodiumError.describe(error), await aws.operations().count, PodiumError.kind(of: error))
        }
    }

    @Test func expiredCredentialsSayToRefreshThem() async throws {
        let (message, attempts, kind) = try await failGroups(
            with: ScriptedAWS.json(
                [
                    "__type": "ExpiredTokenException",
                    "message": "The security token included in the request is expired",
                ],
                status: 400))
        #expect(
            message
                == "SageMaker ListModelPackageGroups failed: ExpiredTokenException (HTTP 400): The security token "
                + "included in the request is expired. The credentials have expired; refresh them (e.g. aws sso login) "
                + "and retry")
        #expect(attempts == 1)  // not retried: new credentials are needed
        #expect(kind == .failed)
    }

    @Test func throttlingIsRetriedThenNamedWithWhatToDo() async throws {
        let (message, attempts, _) = try await failGroups(
            with: ScriptedAWS.json(["__type": "ThrottlingException", "message": "Rate exceeded"], status: 400))
        #expect(attempts == 3)  // the SDKs' standard retry mode: 3 attempts
        #expect(
            message.hasPrefix("SageMaker ListModelPackageGroups failed: ThrottlingException (HTTP 400): Rate exceeded.")
        )
        #expect(message.contains("AWS is throttling requests; wait and retry"))
    }

    @Test func anUnreadableAnswerIsDescribedNotDumped() async throws {
        let garbage = HTTPResponse(
            status: 200, headers: [("Content-Type", "application/x-amz-json-1.1")],
            body: Array("\u{1B}[31m<<garbage {\"not\": json>>".utf8))
        let (message, _, _) = try await failGroups(with: garbage)
        #expect(
            message.contains("SageMaker ListModelPackageGroups answered HTTP 200 with a response podium cannot read"))
        #expect(!message.contains("garbage") && !message.contains("{") && !message.contains("\u{1B}"))
    }

    @Test func serviceMessagesEndInOnePeriodBeforeTheAdvice() {
        let error = AWSServiceError(
            service: "SageMaker", operation: "ListEndpoints", code: "ServiceUnavailable",
            message: "Service is unavailable. Please try again.", httpStatus: 503)
        #expect(
            PodiumError.describe(error)
                == "SageMaker ListEndpoints failed: ServiceUnavailable (HTTP 503): Service is unavailable. Please try "
                + "again. The service had a server-side failure; retrying later may help")
    }

    /// An error type with no description of its own.
    enum Opaque: Error { case broken(Int) }

    @Test func unknownErrorsAreNotTypeDumps() {
        let message = PodiumError.describe(Opaque.broken(42))
        #expect(message.hasPrefix("unexpected internal error (Opaque)"))
        #expect(!message.contains("broken(42)"))
    }
}
