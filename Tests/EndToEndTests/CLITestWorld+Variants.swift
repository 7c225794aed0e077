import Foundation
import PodiumTestSupport

extension CLITestWorld {
    /// `Fixtures/variants_fixture.py`: multi-variant endpoints, per-variant metrics and read-backs in the emulator.
    static let variantsFixturePath = repoRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/variants_fixture.py")
        .path

    /// Runs the variants fixture (`endpoint ACCOUNT REGION NAME variant:version:weight…`, `metrics …`,
    /// `describe …`) against this world's emulator.
    func variantsFixture(_ arguments: [String]) async throws -> CLIResult {
        try await Self.run(
            pythonPath.path, [Self.variantsFixturePath, emulator.endpoint.absoluteString] + arguments,
            environment: environment)
    }

    /// `variantsFixture` with its arguments listed.
    func variantsFixture(_ arguments: String...) async throws -> CLIResult {
        try await variantsFixture(arguments)
    }
}
