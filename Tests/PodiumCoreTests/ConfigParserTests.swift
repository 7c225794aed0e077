import Foundation
import Testing

@testable import PodiumCore

@Suite struct ConfigParserTests {
    static let valid = """
        refresh: { registry: 30s, health: 15s }
        metrics_window: 60m
        registry:
          region: us-east-1
          credentials: { profile: ml-shared }
        keys: { approve: [a, A], quit: q }
        theme: mono
        environments:
          - name: dev
            region: us-east-1
            credentials: { profile: ml-dev }
            execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec
            kms_key_id: alias/podium-dev
            read_only: false
            endpoints:
              - name: churn-dev
                model_package_group: churn
                variant: AllTraffic
                instance_type: ml.m5.large
                instance_count: 1
          - name: prod
            region: eu-west-1
            credentials: { role_arn: arn:aws:iam::333333333333:role/podium-promoter, external_id: x-1 }
            execution_role_arn: arn:aws:iam::333333333333:role/sagemaker-exec
            gate: { requires: dev, healthy_for: 30m }
            confirm: typed
            accent: red
            deployment:
              strategy: canary
              canary_percent: 10
              wait: 10m
              auto_rollback_alarms: [churn-prod-5xx]
            thresholds:
              error_5xx_percent: { warn: 1, critical: 5 }
              error_4xx_percent: { warn: 5, critical: 20 }
              latency_p99_ms: { warn: 300, critical: 1000 }
            endpoints:
              - { name: churn-prod, model_package_group: churn, instance_type: ml.m5.xlarge, instance_count: 2 }
        """

    @Test func parsesTheIssueExample() throws {
        let config = try ConfigParser.parse(yaml: Self.valid, file: "podium.yaml")
        #expect(config.refresh.registry == .seconds(30))
        #expect(config.refresh.health == .seconds(15))
        #expect(config.metricsWindow == .seconds(3600))
        #expect(config.registry.credentials.profile == "ml-shared")
        #expect(config.keys["approve"] == ["a", "A"])
        #expect(config.keys["quit"] == ["q"])
        #expect(config.theme == "mono")
        #expect(config.environments.map(\.name) == ["dev", "prod"])
        let prod = try #require(config.environment(named: "prod"))
        #expect(prod.gate == GateConfig(requires: "dev", healthyFor: .seconds(1800)))
        #expect(prod.confirm == .typed)
        #expect(prod.deployment.kind == .canary)
        #expect(prod.deployment.canaryPercent == 10)
        #expect(prod.deployment.wait == .seconds(600))
        #expect(prod.deployment.autoRollbackAlarms == ["churn-prod-5xx"])
        #expect(prod.thresholds.latencyP99Ms == ThresholdPair(warn: 300, critical: 1000))
        #expect(prod.credentials.externalId == "x-1")
        #expect(prod.accountHint == "333333333333")
        #expect(prod.endpoints[0].variant == "AllTraffic")
        #expect(prod.endpoints[0].instanceCount == 2)
        #expect(config.environment(named: "dev")?.kmsKeyId == "alias/podium-dev")
    }

    @Test func registryDefaultsToTheFirstEnvironment() throws {
        let yaml = """
            environments:
              - name: dev
                region: eu-central-1
                credentials: { profile: ml-dev }
                endpoints: [{ name: e, model_package_group: g, instance_type: ml.m5.large }]
            """
        let config = try ConfigParser.parse(yaml: yaml, file: "c.yaml")
        #expect(config.registry.region == "eu-central-1")
        #expect(config.registry.credentials.profile == "ml-dev")
    }

    /// Parses and returns the issues, failing the test if the config was accepted.
    private func issues(_ yaml: String) -> [ConfigIssue] {
        do {
            _ = try ConfigParser.parse(yaml: yaml, file: "bad.yaml")
            Issue.record("expected a ConfigError")
            return []
        } catch let error as ConfigError {
            return error.issues
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test func unknownKeyHasLineColumnAndDidYouMean() {
        let found = issues(Self.valid.replacingOccurrences(of: "    kms_key_id:", with: "    kms_keyid:"))
        #expect(found.count == 1)
        let issue = found[0]
        #expect(issue.file == "bad.yaml")
        #expect(issue.line == 13)
        #expect(issue.column == 5)
        #expect(issue.message.contains("unknown key \"kms_keyid\""))
        #expect(issue.hint == "did you mean \"kms_key_id\"?")
        #expect(issue.description.hasPrefix("bad.yaml:13:5: unknown key"))
    }

    @Test func badDurationPointsAtTheValue() {
        let found = issues(Self.valid.replacingOccurrences(of: "health: 15s", with: "health: 15"))
        #expect(found.count == 1)
        #expect(found.first?.line == 1)
        #expect(found.first?.column == 35)
        #expect(found.first?.message.contains("duration") == true)
        #expect(found.first?.hint == "add a unit, e.g. 15s or 15m")
    }

    @Test func semanticErrorsAreLocated() {
        var yaml = Self.valid.replacingOccurrences(of: "requires: dev", with: "requires: dve")
        yaml = yaml.replacingOccurrences(of: "{ warn: 1, critical: 5 }", with: "{ warn: 5, critical: 1 }")
        yaml = yaml.replacingOccurrences(of: "confirm: typed", with: "confirm: typd")
        yaml = yaml.replacingOccurrences(of: "      wait: 10m\n", with: "")
        let found = issues(yaml)
        let messages = found.map(\.message)
        #expect(found.count == 4)
        #expect(messages.contains { $0.contains("gate.requires must name an earlier environment") })
        #expect(found.first { $0.message.contains("gate.requires") }?.hint == "did you mean \"dev\"?")
        #expect(messages.contains { $0.contains("warn (5) must be lower than critical (1)") })
        #expect(messages.contains { $0.contains("confirm must be one of yes, typed") })
        #expect(messages.contains { $0.contains("strategy canary needs \"wait\"") })
        #expect(found.allSatisfy { $0.line > 0 && $0.column > 0 })
        #expect(found.map(\.line) == found.map(\.line).sorted())
    }

    @Test func gateMustNameAnEarlierEnvironment() {
        let yaml = """
            environments:
              - name: dev
                region: us-east-1
                gate: { requires: prod, healthy_for: 1m }
                endpoints: [{ name: e, model_package_group: g, instance_type: ml.m5.large }]
              - name: prod
                region: us-east-1
                endpoints: [{ name: e2, model_package_group: g, instance_type: ml.m5.large }]
            """
        let found = issues(yaml)
        #expect(found.count == 1)
        #expect(found.first?.line == 4)
        #expect(found.first?.message.contains("there is none before this one") == true)
    }

    @Test func duplicateNamesAndBadARNs() {
        let yaml = """
            environments:
              - name: dev
                region: us-east-1
                execution_role_arn: arn:aws:iam::1111:role/x
                credentials: { role_arn: not-an-arn }
                kms_key_id: my-key
                endpoints:
                  - { name: e, model_package_group: g, instance_type: ml.m5.large }
                  - { name: e, model_package_group: g, instance_type: m5.large }
              - name: dev
                region: useast1
                endpoints: [{ name: bad_name!, model_package_group: g, instance_type: ml.m5.large }]
            """
        let messages = issues(yaml).map(\.message)
        #expect(messages.contains { $0.contains("execution_role_arn must be an IAM role ARN") })
        #expect(messages.contains { $0.contains("role_arn must be an IAM role ARN") })
        #expect(messages.contains { $0.contains("kms_key_id must be") })
        #expect(messages.contains { $0.contains("instance_type must be a SageMaker instance type") })
        #expect(messages.contains { $0.contains("endpoint \"e\" is listed twice") })
        #expect(messages.contains { $0.contains("environment name \"dev\" is used twice") })
        #expect(messages.contains { $0.contains("\"useast1\" is not an AWS region") })
        #expect(messages.contains { $0.contains("must be a SageMaker endpoint name") })
    }

    @Test func strategyKeysMustFitTheStrategy() {
        let yaml = """
            environments:
              - name: dev
                region: us-east-1
                deployment: { strategy: rolling, canary_percent: 10, wait: 5m }
                endpoints: [{ name: e, model_package_group: g, instance_type: ml.m5.large }]
            """
        let messages = issues(yaml).map(\.message)
        #expect(messages.contains { $0.contains("strategy rolling needs \"batch_percent\"") })
        #expect(messages.contains { $0.contains("\"canary_percent\" only applies to strategy canary") })
    }

    @Test func yamlSyntaxErrorHasLineAndColumn() {
        let found = issues("environments:\n  - name: dev\n    region: [us-east-1\n")
        #expect(found.count == 1)
        #expect(found.first?.line ?? 0 >= 3)
        #expect(found.first?.column ?? 0 > 0)
        #expect(found.first?.message.hasPrefix("invalid YAML") == true)
    }

    @Test func emptyAndWrongShapes() {
        #expect(issues("").first?.message.contains("empty") == true)
        #expect(issues("- a\n- b\n").first?.message.contains("must be a mapping") == true)
        #expect(issues("theme: x\n").first?.message.contains("missing required key \"environments\"") == true)
    }

    @Test func lookupOrder() {
        let env = ["HOME": "/home/u", "PODIUM_CONFIG": "/etc/p.yaml", "XDG_CONFIG_HOME": "/xdg"]
        #expect(
            ConfigLoader.candidates(explicit: "/a.yaml", environment: env, currentDirectory: "/cwd").map(\.path) == [
                "/a.yaml"
            ])
        #expect(
            ConfigLoader.candidates(explicit: nil, environment: env, currentDirectory: "/cwd").map(\.path) == [
                "/etc/p.yaml"
            ])
        var noVar = env
        noVar["PODIUM_CONFIG"] = nil
        #expect(
            ConfigLoader.candidates(explicit: nil, environment: noVar, currentDirectory: "/cwd").map(\.path)
                == ["/cwd/podium.yaml", "/xdg/podium/config.yaml"])
        noVar["XDG_CONFIG_HOME"] = nil
        #expect(
            ConfigLoader.candidates(explicit: nil, environment: noVar, currentDirectory: "/cwd").map(\.path)
                == ["/cwd/podium.yaml", "/home/u/.config/podium/config.yaml"])
    }

    @Test func shippedConfigsAreValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for name in ["config/podium.example.yaml", "config/demo.yaml"] {
            let path = root.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else {
                Issue.record("\(name) is missing")
                continue
            }
            let config = try ConfigLoader.load(path: path)
            #expect(!config.environments.isEmpty)
        }
    }
}
