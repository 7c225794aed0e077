import AWSCore
import Foundation
import PodiumTestSupport

/// Runs `body` with an `AWSClient` on a fresh unpatched moto_server (real HTTP, SigV4 with the test credentials),
/// stopping the server by its PID afterwards whatever happens.
func withStockMoto(
    region: String = "eu-west-1", readOnly: Bool = false, _ body: (AWSClient, StockMotoProcess) async throws -> Void
) async throws {
    let moto = try await StockMotoProcess.start()
    let aws = AWSClient(
        region: region, credentialProvider: AWSClient.FixedCredentials(testCredentials),
        endpoints: .url(moto.endpoint), readOnly: readOnly)
    do {
        try await body(aws, moto)
    } catch {
        await moto.stop()
        throw error
    }
    await moto.stop()
}
