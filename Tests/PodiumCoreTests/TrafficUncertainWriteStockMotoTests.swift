import AWSCore
import Foundation
import PodiumTestSupport
import Testing

@testable import PodiumCore

/// The traffic re-read against a peer nobody here wrote: stock `moto_server` 5.2.1 over real HTTP and SigV4. Stock
/// moto applies a shift at once and answers CurrentWeight and DesiredWeight both at the new value, never `Updating`;
/// podium must read that as landed. It has no fault injection, so the answer is lost on the client side: the
/// transport sends the request for real and throws the answer away (`Losing.afterSending`), or never sends it
/// (`Losing.beforeSending`), and reports a read timeout either way, as AsyncHTTPTransport would.
@Suite struct TrafficUncertainWriteStockMotoTests {
    static let timeout = TransportError.timedOut("no response from http://127.0.0.1 within 1 s")

    /// Which requests of one operation lose their answer, and whether they reach moto first.
    enum Losing: Sendable {
        case afterSending
        case beforeSending
    }

    /// The real HTTP transport, losing the answers of `operation`.
    struct LosingTransport: HTTPTransport {
        let operation: String
        let losing: Losing

        func execute(_ request: HTTPRequest, timeout: TransportTimeouts) async throws -> HTTPResponse {
            guard ScriptedAWS.operation(of: request) == operation else {
                return try await AsyncHTTPTransport.shared.execute(request, timeout: timeout)
            }
            if losing == .afterSending { _ = try await AsyncHTTPTransport.shared.execute(request, timeout: timeout) }
            throw TrafficUncertainWriteStockMotoTests.timeout
        }
    }

    struct Factory: AWSClientFactory {
        let endpoint: URL
        let transport: any HTTPTransport

        func makeClient(region: String, credentials: CredentialsConfig, readOnly: Bool) throws -> AWSClient {
            AWSClient(
                region: region,
                credentialProvider: AWSClient.FixedCredentials(
                    AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing")),
                endpoints: .url(endpoint), transport: transport, readOnly: readOnly, sleeper: ScriptedAWS.NoSleep())
        }
    }

    static let config = """
        environments:
          - name: dev
            region: us-east-1
            execution_role_arn: arn:aws:iam::123456789012:role/sagemaker-exec
            endpoints:
              - name: churn-ab
                model_package_group: churn
                variants:
                  - { name: champion, weight: 90, instance_type: ml.m5.large }
                  - { name: challenger, weight: 10, instance_type: ml.m5.large }
        """

    /// churn-ab on stock moto: two models and a config of champion 90 / challenger 10.
    static func makeEndpoint(_ moto: StockMotoProcess) async throws {
        let sageMaker = Factory(endpoint: moto.endpoint, transport: AsyncHTTPTransport.shared)
        let client = try sageMaker.makeClient(region: "us-east-1", credentials: CredentialsConfig(), readOnly: false)
        var variants: [ProductionVariant] = []
        for (name, version, weight) in [("champion", 3, 90.0), ("challenger", 4, 10.0)] {
            let model = "churn-ab-\(name)"
            _ = try await client.sageMaker.createModel(
                CreateModelInput(
                    modelName: model,
                    primaryContainer: ContainerDefinition(
                        modelPackageName: "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/\(version)"),
                    executionRoleArn: "arn:aws:iam::123456789012:role/sagemaker-exec"))
            var variant = ProductionVariant(variantName: name, modelName: model, initialVariantWeight: weight)
            variant.instanceType = "ml.m5.large"
            variant.initialInstanceCount = 1
            variants.append(variant)
        }
        _ = try await client.sageMaker.createEndpointConfig(
            CreateEndpointConfigInput(endpointConfigName: "churn-ab-1", productionVariants: variants))
        _ = try await client.sageMaker.createEndpoint(
            CreateEndpointInput(endpointName: "churn-ab", endpointConfigName: "churn-ab-1"))
    }

    /// Shifts churn-ab to 50/50 with the shift's answers lost as `losing` says; returns the result or the error,
    /// and the audit records.
    static func shift(_ moto: StockMotoProcess, losing: Losing) async throws -> (
        Result<EndpointVariants, any Error>, [AuditRecord]
    ) {
        let auditPath = RecordedCallTests.auditPath()
        defer { try? FileManager.default.removeItem(atPath: auditPath) }
        let session = try PodiumSession(
            config: try ConfigParser.parse(yaml: config, file: "test.yaml"),
            clientFactory: Factory(
                endpoint: moto.endpoint,
                transport: LosingTransport(operation: "UpdateEndpointWeightsAndCapacities", losing: losing)),
            auditLog: AuditLog(path: auditPath), pollInterval: .milliseconds(1), sleep: { _ in })
        let plan = try await session.planTrafficShift(
            environment: "dev", endpoint: "churn-ab", weights: [("champion", 50), ("challenger", 50)])
        #expect(plan.isAllowed, "\(plan.blockers)")
        let result: Result<EndpointVariants, any Error>
        do {
            result = .success(try await session.executeTraffic(plan))
        } catch {
            result = .failure(error)
        }
        return (result, try AuditLog(path: auditPath).read().records)
    }

    @Test func stockMotosAnswerAfterALostShiftIsReadAsLandedOrNot() async throws {
        let moto = try await StockMotoProcess.start()
        do {
            try await Self.makeEndpoint(moto)

            // Never sent: stock moto still shows 90/10 at both looks; the outcome is unknown, audited so.
            let (lost, lostRecords) = try await Self.shift(moto, losing: .beforeSending)
            var message = "no error"
            if case .failure(let error) = lost { message = (error as? PodiumError)?.message ?? "\(error)" }
            #expect(
                message.contains(
                    "re-read: DescribeEndpoint shows churn-ab InService with champion 90, challenger 10, not champion 50, challenger 50"
                ), "\(message)")
            #expect(lostRecords.map(\.outcome) == [.started, .unknown])

            // Sent and carried out, the answers thrown away: stock moto shows the weights current; followed.
            let (landed, landedRecords) = try await Self.shift(moto, losing: .afterSending)
            let final = try landed.get()
            #expect(final.variants.map(\.currentWeight) == [50, 50])
            #expect(landedRecords.map(\.outcome) == [.started, .success])
            #expect(
                landedRecords.last?.error
                    == "confirmed after UpdateEndpointWeightsAndCapacities churn-ab got no answer in 3 attempts (timed out (no response from http://127.0.0.1 within 1 s)): DescribeEndpoint shows churn-ab InService with champion 50, challenger 50"
            )
        } catch {
            await moto.stop()
            throw error
        }
        await moto.stop()
    }
}
