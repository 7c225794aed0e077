import AWSCore
import Foundation

/// Checks, before a promotion writes anything, that what it deploys exists and is usable in the target account and
/// region (issue 12): each ECR image (DescribeImages, with its digest), each model data object (HeadObject), the
/// KMS key (DescribeKey, Enabled) and the execution role (GetRole, trusts `sagemaker.amazonaws.com`), plus
/// SageMaker's placement rules (no cross-region image pulls, model data in the endpoint's region, serverless
/// endpoints use images of their own account).
///
/// ```swift
/// let report = try await Preflight(client: targetClient).run(
///     PreflightTarget(containers: package.inferenceSpecification?.containers ?? [], environment: env, account: id))
/// if report.blocks { ... report.failures ... }
/// ```
///
/// Checks run bounded-concurrently (`concurrentMap`), and each request is bounded again by the client's shared
/// request limiter. Only cancellation throws; every other failure becomes that check's outcome.
public struct Preflight: Sendable {
    /// The target account and region's client (read-only is fine: every call is a read).
    public let client: AWSClient
    /// The most checks in flight.
    public let maxConcurrent: Int

    /// Creates a preflight on the target's client.
    public init(client: AWSClient, maxConcurrent: Int = 4) {
        self.client = client
        self.maxConcurrent = maxConcurrent
    }

    /// One check to make: its kind, subject, and either a decided outcome or the call that decides it.
    struct Planned: Sendable {
        let kind: PreflightCheckKind
        let subject: String
        let decided: PreflightOutcome?
    }

    /// The checks of a target, in report order, with those the rules decide already decided.
    static func plan(_ target: PreflightTarget) -> [Planned] {
        var planned: [Planned] = []
        for image in target.images {
            planned.append(Planned(kind: .image, subject: image, decided: PreflightRules.image(image, target: target)))
        }
        for url in target.modelDataURLs {
            planned.append(Planned(kind: .modelData, subject: url, decided: PreflightRules.modelData(url)))
        }
        planned.append(
            Planned(
                kind: .kmsKey, subject: target.kmsKeyId ?? "-",
                decided: PreflightRules.kmsKey(target.kmsKeyId, target: target)))
        planned.append(
            Planned(
                kind: .executionRole, subject: target.executionRoleArn ?? "-",
                decided: PreflightRules.executionRole(target.executionRoleArn, target: target)))
        return planned
    }

    /// Runs every check of `target`.
    /// - Throws: `CancellationError` when the task is cancelled; nothing else.
    public func run(_ target: PreflightTarget) async throws -> PreflightReport {
        let checks = try await concurrentMap(Self.plan(target), maxConcurrent: maxConcurrent) { planned in
            let outcome = try await self.outcome(of: planned, target: target)
            return PreflightCheck(kind: planned.kind, subject: planned.subject, outcome: outcome)
        }
        return PreflightReport(checks: checks)
    }

    private func outcome(of planned: Planned, target: PreflightTarget) async throws -> PreflightOutcome {
        if let decided = planned.decided { return decided }
        do {
            return try await call(planned)
        } catch {
            if Task.isCancelled || Self.isCancellation(error) { throw CancellationError() }
            return PreflightRules.outcome(of: error, kind: planned.kind, target: target)
        }
    }

    /// The one AWS read of a check that the rules left open.
    private func call(_ planned: Planned) async throws -> PreflightOutcome {
        switch planned.kind {
        case .image:
            guard let image = ECRImageReference(planned.subject) else {
                return .skipped(why: "not an ECR image URI")
            }
            let id = image.imageId
            let response = try await client.ecr.describeImages(
                .init(
                    registryId: image.account, repositoryName: image.repository,
                    imageIds: [ImageIdentifier(imageDigest: id.digest, imageTag: id.tag)]))
            return PreflightRules.image(response)
        case .modelData:
            guard let location = S3ObjectLocation(planned.subject) else {
                return .failed(reason: "not an s3:// URL")
            }
            return PreflightRules.modelData(
                try await client.s3.headObject(.init(bucket: location.bucket, key: location.key)))
        case .kmsKey:
            return PreflightRules.kmsKey(try await client.kms.describeKey(.init(keyId: planned.subject)))
        case .executionRole:
            guard let name = IAMClient.roleName(fromARN: planned.subject) else {
                return .failed(reason: "not an IAM role ARN")
            }
            return PreflightRules.executionRole(try await client.iam.getRole(.init(roleName: name)))
        }
    }

    private static func isCancellation(_ error: any Error) -> Bool {
        if error is CancellationError { return true }
        if case .cancelled = error as? AWSClientError { return true }
        return false
    }
}
