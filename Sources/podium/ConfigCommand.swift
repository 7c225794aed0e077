import ArgumentParser
import Foundation
import PodiumCore

/// `podium config`: config tools.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Config tools.", subcommands: [ConfigCheckCommand.self])
}

/// `podium config check [PATH]`: validates a config and prints the resolved environments.
struct ConfigCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate a config and print the resolved environments.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The config file (default: the usual lookup).") var path: String?

    func run() async throws {
        var config = try ConfigLoader.load(explicit: path ?? global.config)
        if global.readOnly { config = config.forcingReadOnly() }
        Output.line("\(config.sourcePath): ok")
        Output.line(
            "refresh: registry \(DurationFormat.format(config.refresh.registry)), health \(DurationFormat.format(config.refresh.health)); metrics window \(DurationFormat.format(config.metricsWindow))"
        )
        Output.line("registry: \(config.registry.region), credentials \(config.registry.credentials.summary)")
        for (index, env) in config.environments.enumerated() {
            Output.line("")
            Output.line(
                "\(index + 1). \(env.name)  region \(env.region)" + (env.accountHint.map { "  account \($0)" } ?? "")
                    + (env.readOnly ? "  READ-ONLY" : ""))
            Output.line("   credentials: \(env.credentials.summary)")
            Output.line("   execution role: \(env.executionRoleArn ?? "(none: promotion impossible)")")
            if let kms = env.kmsKeyId { Output.line("   kms key: \(kms)") }
            if let vpc = env.vpc {
                Output.line(
                    "   vpc: subnets \(vpc.subnets.joined(separator: ",")); security groups \(vpc.securityGroupIds.joined(separator: ","))"
                )
            }
            Output.line(
                "   gate: "
                    + (env.gate.map { "runs healthy in \($0.requires) for \(DurationFormat.format($0.healthyFor))" }
                        ?? "none"))
            Output.line("   confirm: \(env.confirm.rawValue)" + (env.accent.map { "  accent: \($0)" } ?? ""))
            Output.line("   deployment: \(env.deployment.summary)")
            var thresholds: [String] = []
            let t = env.thresholds
            if let p = t.error5xxPercent { thresholds.append("5xx \(n(p.warn))%/\(n(p.critical))%") }
            if let p = t.error4xxPercent { thresholds.append("4xx \(n(p.warn))%/\(n(p.critical))%") }
            if let p = t.latencyP99Ms { thresholds.append("p99 \(n(p.warn))ms/\(n(p.critical))ms") }
            Output.line(
                "   thresholds (warn/critical): " + (thresholds.isEmpty ? "none" : thresholds.joined(separator: ", ")))
            for endpoint in env.endpoints {
                Output.line(
                    "   endpoint \(endpoint.name): group \(endpoint.modelPackageGroup), variant \(endpoint.variant), \(endpoint.instanceType) × \(endpoint.instanceCount)"
                        + (endpoint.alarms.isEmpty ? "" : ", alarms \(endpoint.alarms.joined(separator: ", "))"))
            }
        }
        if let theme = config.theme { Output.line("\ntheme: \(theme)") }
        if !config.keys.isEmpty {
            Output.line(
                "key overrides: "
                    + config.keys.keys.sorted().map { "\($0)=\(config.keys[$0]!.joined(separator: "|"))" }.joined(
                        separator: ", "))
        }
    }

    private func n(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
