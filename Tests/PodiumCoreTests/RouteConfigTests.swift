import Foundation
import Testing

@testable import PodiumCore

/// `promotion:` parsing: each route with its parts, and a clear, located error for each mistake.
@Suite struct RouteConfigTests {
    static func config(_ promotion: String) -> String {
        """
        environments:
          - name: prod
            region: eu-west-1
            promotion:
        \(promotion.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
            endpoints:
              - { name: churn-prod, model_package_group: churn, instance_type: ml.m5.large }
        """
    }

    static func parse(_ promotion: String) throws -> EnvironmentConfig {
        try #require(try ConfigParser.parse(yaml: config(promotion), file: "p.yaml").environments.first)
    }

    static func problems(_ promotion: String) -> String {
        do {
            _ = try ConfigParser.parse(yaml: config(promotion), file: "p.yaml")
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func withoutPromotionTheRouteIsDirect() throws {
        let env = try #require(
            try ConfigParser.parse(yaml: Self.config("route: direct"), file: "p.yaml").environments.first)
        #expect(env.route == .direct)
        #expect(env.promotion?.stack == nil)
    }

    @Test func stackRouteKeepsTheStackPatternAndParameter() throws {
        let env = try Self.parse(
            """
            route: stack
            stack: { name: "{endpoint}-stack", parameter: ModelPackageArn }
            """)
        #expect(env.route.rawValue == "stack")
        #expect(env.promotion?.stack == StackTarget(name: "{endpoint}-stack", parameter: "ModelPackageArn"))
        #expect(
            env.promotion?.stack?.stackName(endpoint: "churn-prod", group: "churn", environment: "prod")
                == "churn-prod-stack")
    }

    @Test func pipelineTriggers() throws {
        var env = try Self.parse(
            """
            route: pipeline
            stack: { name: s, parameter: P }
            pipeline: { pin: "/models/{group}/{env}", start_timeout: 90s }
            """)
        #expect(
            env.promotion?.pipeline
                == PipelineSettings(trigger: .pin("/models/{group}/{env}"), startTimeout: .seconds(90)))
        env = try Self.parse(
            """
            route: pipeline
            stack: { name: s, parameter: P }
            pipeline:
              github: { repo: example-corp/ml-deploy, workflow: deploy.yml, token_env: PODIUM_GITHUB_TOKEN, api_url: "http://127.0.0.1:9/_github" }
            """)
        let github = GitHubWorkflowConfig(
            repo: "example-corp/ml-deploy", workflow: "deploy.yml", ref: "main", tokenEnv: "PODIUM_GITHUB_TOKEN",
            apiURL: "http://127.0.0.1:9/_github")
        #expect(env.promotion?.pipeline == PipelineSettings(trigger: .github(github)))
        #expect(github.owner == "example-corp" && github.name == "ml-deploy")
        env = try Self.parse(
            """
            route: pipeline
            stack: { name: s, parameter: P }
            pipeline: { approve_only: true }
            """)
        #expect(env.promotion?.pipeline?.trigger == .approveOnly)
    }

    @Test func mistakesAreLocatedAndExplained() {
        let cases: [(String, String)] = [
            (
                "route: stak",
                "p.yaml:5:14: environment \"prod\": promotion.route must be one of direct, stack, pipeline, found \"stak\" (did you mean \"stack\"?)"
            ),
            ("route: stack", "route stack needs \"stack: { name, parameter }\""),
            ("route: pipeline\nstack: { name: s, parameter: P }", "route pipeline needs \"pipeline:\""),
            ("route: stack\nstack: { name: s }", "missing required key \"parameter\""),
            ("route: stack\nstack: { name: \"{endpiont}-stack\", parameter: P }", "unknown placeholder {endpiont}"),
            ("route: stack\nstak: { name: s, parameter: P }", "did you mean \"stack\"?"),
            (
                "route: pipeline\nstack: { name: s, parameter: P }\npipeline: { pin: /a, approve_only: true }",
                "give one of pin, github or approve_only"
            ),
            (
                "route: pipeline\nstack: { name: s, parameter: P }\npipeline: { start_timeout: 5m }",
                "missing one of pin, github or approve_only"
            ),
            (
                "route: pipeline\nstack: { name: s, parameter: P }\npipeline: { pin: /a, start_timeout: 5 }",
                "add a unit"
            ),
            (
                "route: pipeline\nstack: { name: s, parameter: P }\npipeline: { github: { repo: just-a-name, workflow: d.yml } }",
                "repo must be owner/name"
            ),
            (
                "route: pipeline\nstack: { name: s, parameter: P }\npipeline: { github: { repo: a/b, workflow: d.yml, token_env: ghp_abc-123 } }",
                "must name an environment variable"
            ),
        ]
        for (promotion, expected) in cases {
            let problems = Self.problems(promotion)
            #expect(problems.contains(expected), "\(promotion)\n→ \(problems)")
        }
    }
}
