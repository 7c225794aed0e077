import AWSCore
import PodiumCore
import Testing

/// A change cut short by cancellation is audited as `interrupted`, whether Swift or AWSCore reported it: AWSCore
/// aborts a request whose task was cancelled with `AWSClientError.cancelled`, not `CancellationError`.
@Suite struct CancellationClassificationTests {
    @Test func bothFormsOfCancellationAreCancellation() {
        #expect(PodiumError.isCancellation(CancellationError()))
        #expect(
            PodiumError.isCancellation(AWSClientError.cancelled(service: "SageMaker", operation: "UpdateEndpoint")))
    }

    @Test func otherErrorsAreNot() {
        #expect(!PodiumError.isCancellation(PodiumError(.failed, "x")))
        #expect(
            !PodiumError.isCancellation(
                AWSClientError.undecodableResponse(
                    service: "SageMaker", operation: "DescribeEndpoint", httpStatus: 200, reason: "not JSON")))
    }
}
