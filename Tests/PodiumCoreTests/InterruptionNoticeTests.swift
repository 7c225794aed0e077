import Testing

@testable import PodiumCore

@Suite("Interruption notice")
struct InterruptionNoticeTests {
    private func notice(_ calls: [String], environment: String = "preprod", target: String = "churn-preprod")
        -> String
    {
        AuditAttempt.interruptionNotice(
            signalName: "SIGINT", summary: "promote of \(target) in \(environment)", id: "a1", calls: calls,
            environment: environment, target: target)
    }

    @Test("no write made: says so, and offers no cancel")
    func nothingWritten() {
        let text = notice([])
        #expect(text.contains("No AWS write had completed."))
        #expect(!text.contains("podium cancel"))
        #expect(text.hasPrefix("interrupted by SIGINT during promote of churn-preprod in preprod"))
    }

    @Test("direct route writes: SageMaker carries on, no cancel offered")
    func directRoute() {
        let text = notice(["CreateModel m", "CreateEndpointConfig c", "UpdateEndpoint churn-preprod"])
        #expect(text.contains("AWS writes made: CreateModel m, CreateEndpointConfig c, UpdateEndpoint churn-preprod"))
        #expect(text.contains("continues in SageMaker."))
        #expect(!text.contains("podium cancel"))
    }

    @Test("a stack update, a pin or a dispatch was written: the notice names the cancel command")
    func stackStarted() {
        for call in [
            "UpdateStack podium-churn-preprod", "PutParameter /models/churn/prod", "CreateWorkflowDispatch o/r",
        ] {
            let text = notice([call])
            #expect(text.contains("a CloudFormation update carries on by itself"), "\(call)")
            #expect(text.contains("podium cancel --env preprod churn-preprod"), "\(call)")
        }
    }

    @Test("hostile names are quoted for the shell")
    func quoted() {
        let text = notice(["UpdateStack s"], environment: "pre prod", target: "a;rm -rf")
        #expect(text.contains("podium cancel --env 'pre prod' 'a;rm -rf'"))
    }
}
