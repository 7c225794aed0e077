import AWSCore
import Foundation

/// The decisions of preflight that need no AWS call (SageMaker's placement rules, what there is to check) and
/// those that read an answer or an error. Pure: tested without AWS.
public enum PreflightRules {
    /// The service principal an execution role must trust.
    public static let sageMakerPrincipal = "sagemaker.amazonaws.com"

    // MARK: - Before any call: `nil` means "ask AWS"

    /// The outcome of an image check decided without AWS, or `nil` when DescribeImages must answer.
    public static func image(_ uri: String, target: PreflightTarget) -> PreflightOutcome? {
        guard let image = ECRImageReference(uri) else {
            return .skipped(why: "not an ECR image URI; only ECR images can be checked")
        }
        if image.region != target.region {
            return .failed(
                reason:
                    "Cross region ECR image pulls are not allowed: the image is in \(image.region), the endpoint in "
                    + target.region)
        }
        if target.serverless, let account = target.account, image.account != account {
            return .failed(
                reason:
                    "a serverless endpoint needs the image in its own account \(account); it is in \(image.account)")
        }
        return nil
    }

    /// The outcome of a model data check decided without AWS, or `nil` when HeadObject must answer.
    public static func modelData(_ url: String) -> PreflightOutcome? {
        guard let location = S3ObjectLocation(url) else {
            return .failed(reason: "not an s3:// URL; SageMaker reads model data from S3 only")
        }
        if location.isPrefix {
            return .skipped(why: "a prefix (uncompressed model data); HeadObject checks single objects")
        }
        return nil
    }

    /// The outcome of a KMS key check decided without AWS, or `nil` when DescribeKey must answer.
    public static func kmsKey(_ keyId: String?, target: PreflightTarget) -> PreflightOutcome? {
        guard let keyId, !keyId.isEmpty else { return .skipped(why: "no KMS key configured") }
        let parts = keyId.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count >= 6, parts[0] == "arn", parts[2] == "kms", parts[3] != target.region {
            return .failed(
                reason: "the key is in \(parts[3]); the endpoint in \(target.region) can only use a key of its region")
        }
        return nil
    }

    /// The outcome of an execution role check decided without AWS, or `nil` when GetRole must answer.
    public static func executionRole(_ arn: String?, target: PreflightTarget) -> PreflightOutcome? {
        guard let arn, !arn.isEmpty else { return .skipped(why: "no execution role configured") }
        guard IAMClient.roleName(fromARN: arn) != nil else {
            return .failed(reason: "not an IAM role ARN (arn:aws:iam::<account>:role/<name>)")
        }
        let roleAccount = String(arn.split(separator: ":", omittingEmptySubsequences: false)[4])
        if let account = target.account, roleAccount != account {
            return .failed(
                reason:
                    "the role is in account \(roleAccount); SageMaker in \(account) can only be passed its own roles")
        }
        return nil
    }

    // MARK: - Reading answers

    /// The outcome of DescribeImages for one image id.
    public static func image(_ response: DescribeImagesResponse) -> PreflightOutcome {
        guard let detail = response.imageDetails?.first else {
            return .failed(reason: "no such image in the repository")
        }
        let digest = detail.imageDigest ?? "unknown digest"
        return .passed(detail: digest)
    }

    /// The outcome of HeadObject.
    public static func modelData(_ head: HeadObjectOutput) -> PreflightOutcome {
        var detail = head.contentLength.map { "\($0) bytes" } ?? "exists"
        if let sse = head.serverSideEncryption { detail += ", encrypted \(sse)" }
        return .passed(detail: detail)
    }

    /// The outcome of DescribeKey.
    public static func kmsKey(_ response: DescribeKeyResponse) -> PreflightOutcome {
        guard let state = response.keyMetadata?.keyState, !state.isEmpty else {
            return .warning(reason: "DescribeKey did not say the key's state", missingAction: nil)
        }
        if state == "Enabled" { return .passed(detail: "Enabled") }
        return .failed(reason: "the key is \(state); SageMaker needs it Enabled")
    }

    /// The outcome of GetRole: the role must trust `sagemaker.amazonaws.com`.
    public static func executionRole(_ response: GetRoleResponse) -> PreflightOutcome {
        guard let text = response.role.trustPolicy, let policy = TrustPolicy(json: text) else {
            return .failed(reason: "the role has no readable trust policy")
        }
        guard policy.trusts(service: sageMakerPrincipal) else {
            return .failed(reason: "the role does not trust \(sageMakerPrincipal) (sts:AssumeRole)")
        }
        return .passed(detail: "trusts \(sageMakerPrincipal)")
    }

    // MARK: - Reading errors

    /// The outcome of a check whose call failed: a refusal is a warning naming the IAM action; an answer that the
    /// resource is missing (or, for S3, in another region) fails; anything else (no answer, an unreadable one) is
    /// a warning, since nothing was learnt about the resource.
    public static func outcome(of error: any Error, kind: PreflightCheckKind, target: PreflightTarget)
        -> PreflightOutcome
    {
        guard let service = error as? AWSServiceError else {
            return .warning(reason: "could not check: \(error)", missingAction: nil)
        }
        // A HEAD answer has no body: S3 refuses with a bare 403 (also for a missing key without s3:ListBucket).
        if service.isAccessDenied || (kind == .modelData && service.httpStatus == 403) {
            let action = service.iamAction
            var reason = "podium may not check this: AWS refused \(action)"
            if kind == .modelData { reason += " (S3 also answers 403 for a missing key without s3:ListBucket)" }
            return .warning(reason: reason, missingAction: action)
        }
        switch (kind, service.code) {
        case (.image, "ImageNotFoundException"): return .failed(reason: "no such image in the repository")
        case (.image, "RepositoryNotFoundException"): return .failed(reason: "no such ECR repository")
        case (.kmsKey, "NotFoundException"): return .failed(reason: "no such KMS key")
        case (.executionRole, "NoSuchEntity"): return .failed(reason: "no such IAM role")
        default: break
        }
        if kind == .modelData {
            switch service.httpStatus {
            case 404:
                return .failed(reason: service.code == "NoSuchBucket" ? "no such bucket" : "no such object")
            case 301, 307:
                return .failed(
                    reason: "the bucket is in another region; model data must be in the endpoint's region "
                        + target.region)
            case 400 where service.code == "HTTP400":
                // S3 answers a HEAD signed for the wrong region with a bare 400 (botocore redirects on it), but
                // expired credentials look the same without a body: say both, do not block.
                return .warning(
                    reason: "S3 answered HTTP 400 without a reason: the bucket may be in another region (model data "
                        + "must be in \(target.region)), or the credentials may have expired",
                    missingAction: nil)
            default: break
            }
        }
        return .warning(reason: "could not check: \(service)", missingAction: nil)
    }
}
