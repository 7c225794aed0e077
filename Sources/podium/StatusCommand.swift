import AWSCore
import ArgumentParser
import Foundation
import PodiumCore

/// `podium status`: every configured endpoint with its version and health.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show endpoints: environment, endpoint, status, group, version, health, reasons.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only this environment.") var env: String?
    @Flag(name: .long, help: "Print JSON (see docs/cli.md).") var json = false

    func run() async throws {
        let context = try CommandContext(options: global)
        try await context.reportingDenials { try await report(context) }
    }

    private func report(_ context: CommandContext) async throws {
        let names =
            try env.map { [try context.session.environment($0).name] } ?? context.config.environments.map(\.name)
        var records: [EndpointHealth] = []
        var failures: [(environment: String, message: String)] = []
        // One health refresh per environment, a few at a time (each is bounded by its account's request limiter).
        let results = await concurrentMap(names, maxConcurrent: 4) { name -> Result<EnvironmentHealth, PodiumError> in
            do {
                return .success(try await context.session.health(environment: name))
            } catch {
                return .failure(PodiumError(.failed, PodiumError.describe(error)))
            }
        }
        for (name, result) in zip(names, results) {
            switch result {
            case .success(let health):
                records += health.endpoints
                for error in health.errors { Output.warning("\(health.environment): \(error)") }
            case .failure(let error): failures.append((name, error.message))
            }
        }
        if json {
            try Output.json(records.map(JSONEndpointStatus.init))
        } else if !records.isEmpty || failures.isEmpty {
            Output.table(
                ["ENVIRONMENT", "ENDPOINT", "STATUS", "GROUP", "VERSION", "HEALTH", "REASONS"],
                records.map { h in
                    let d = h.deployment
                    return [
                        h.environment, d.endpointName, d.exists ? (d.status?.rawValue ?? "-") : "NotDeployed",
                        d.group ?? d.spec.modelPackageGroup, d.version.map { "v\($0)" } ?? "-", h.level.rawValue,
                        h.reasons.joined(separator: "; "),
                    ]
                })
        }
        // Each failure says what failed and what to do (throttling, credentials, network...); environments that
        // failed alike (one expired SSO session behind several) are named together, once.
        for line in Self.grouped(failures) { Output.error(line) }
        if !failures.isEmpty { throw CLIExit(.failed) }
    }

    /// `dev, prod: <message>`: the failures with the same message under one line, in the order first seen.
    static func grouped(_ failures: [(environment: String, message: String)]) -> [String] {
        var order: [String] = []
        var environments: [String: [String]] = [:]
        for failure in failures {
            if environments[failure.message] == nil { order.append(failure.message) }
            environments[failure.message, default: []].append(failure.environment)
        }
        return order.map { message in (environments[message] ?? []).joined(separator: ", ") + ": " + message }
    }
}
