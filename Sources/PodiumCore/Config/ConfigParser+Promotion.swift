import BoundedYAML
import Foundation
import Yams

extension ConfigParser {
    static let promotionKeys = ["route", "stack", "pipeline"]
    static let stackKeys = ["name", "parameter"]
    static let pipelineKeys = ["pin", "github", "approve_only", "start_timeout"]
    static let githubKeys = ["repo", "workflow", "ref", "token_env", "api_url"]

    /// `promotion: { route, stack: { name, parameter }, pipeline: { pin | github | approve_only, start_timeout } }`.
    /// Every problem is reported with its line; the route's required parts are checked against the route. Parts
    /// another route uses are kept (switching an environment to `direct` for a while need not delete them).
    static func decodePromotion(_ node: Node, context env: String, reader: ConfigNodeReader) -> PromotionConfig? {
        let context = "\(env): promotion"
        guard let fields = reader.mapping(node, context: context, allowed: promotionKeys) else { return nil }
        var promotion = PromotionConfig()
        if let n = fields["route"] {
            guard
                let name = reader.choice(n, "\(context).route", among: DeploymentRoute.allCases.map(\.rawValue)),
                let route = DeploymentRoute(rawValue: name)
            else { return nil }
            promotion.route = route
        }
        if let n = fields["stack"] { promotion.stack = decodeStack(n, context: "\(context).stack", reader: reader) }
        if let n = fields["pipeline"] {
            promotion.pipeline = decodePipeline(n, context: "\(context).pipeline", reader: reader)
        }
        switch promotion.route.rawValue {
        case "stack" where fields["stack"] == nil:
            reader.report(
                fields.keyNode("route") ?? node, "\(context): route stack needs \"stack: { name, parameter }\"",
                hint: "e.g. stack: { name: \"{endpoint}-stack\", parameter: ModelPackageArn }")
        case "pipeline" where fields["pipeline"] == nil:
            reader.report(
                fields.keyNode("route") ?? node,
                "\(context): route pipeline needs \"pipeline:\" with one of pin, github or approve_only",
                hint: "e.g. pipeline: { pin: \"/models/{group}/{env}\", start_timeout: 5m }")
        default:
            break
        }
        return promotion
    }

    private static func decodeStack(_ node: Node, context: String, reader: ConfigNodeReader) -> StackTarget? {
        guard let sub = reader.mapping(node, context: context, allowed: stackKeys) else { return nil }
        let name = requiredString(sub, "name", context: context, reader: reader, what: "the stack name or a pattern")
        let parameter = requiredString(
            sub, "parameter", context: context, reader: reader, what: "the parameter that holds the package ARN")
        if let name, let n = sub["name"] { checkPattern(name, node: n, what: "\(context).name", reader: reader) }
        guard let name, let parameter else { return nil }
        return StackTarget(name: name, parameter: parameter)
    }

    private static func decodePipeline(_ node: Node, context: String, reader: ConfigNodeReader) -> PipelineSettings? {
        guard let sub = reader.mapping(node, context: context, allowed: pipelineKeys) else { return nil }
        let triggers = ["pin", "github", "approve_only"].filter { sub[$0] != nil }
        if triggers.count > 1 {
            reader.report(
                sub.keyNode(triggers[1]),
                "\(context): give one of pin, github or approve_only, found \(triggers.joined(separator: " and "))")
            return nil
        }
        var trigger: PipelineSettings.Trigger?
        if let n = sub["pin"], let pin = reader.string(n, "\(context).pin") {
            if pin.hasPrefix("/") || !pin.contains("/") {
                checkPattern(pin, node: n, what: "\(context).pin", reader: reader)
                trigger = .pin(pin)
            } else {
                reader.report(
                    n, "\(context).pin must be an SSM parameter name such as /models/{group}/{env}, found \"\(pin)\"")
            }
        } else if let n = sub["github"] {
            trigger = decodeGitHub(n, context: "\(context).github", reader: reader).map { .github($0) }
        } else if let n = sub["approve_only"], let value = reader.bool(n, "\(context).approve_only") {
            if value {
                trigger = .approveOnly
            } else {
                reader.report(n, "\(context).approve_only: false starts nothing; give pin or github instead")
            }
        } else if triggers.isEmpty {
            reader.report(
                node, "\(context): missing one of pin, github or approve_only (what starts the pipeline)")
        }
        var timeout = Duration.seconds(300)
        if let n = sub["start_timeout"],
            let value = reader.duration(
                n, "\(context).start_timeout", minimum: .seconds(1), maximum: .seconds(6 * 3600))
        {
            timeout = value
        }
        return trigger.map { PipelineSettings(trigger: $0, startTimeout: timeout) }
    }

    private static func decodeGitHub(_ node: Node, context: String, reader: ConfigNodeReader) -> GitHubWorkflowConfig? {
        guard let sub = reader.mapping(node, context: context, allowed: githubKeys) else { return nil }
        let repo = requiredString(sub, "repo", context: context, reader: reader, what: "owner/name")
        let workflow = requiredString(
            sub, "workflow", context: context, reader: reader, what: "the workflow file, e.g. deploy.yml")
        if let repo, let n = sub["repo"] {
            let parts = repo.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count != 2 || parts.contains(where: \.isEmpty) {
                reader.report(n, "\(context).repo must be owner/name, found \"\(repo)\"")
            }
        }
        guard let repo, let workflow else { return nil }
        var config = GitHubWorkflowConfig(repo: repo, workflow: workflow)
        if let n = sub["ref"], let ref = reader.string(n, "\(context).ref") { config.ref = ref }
        if let n = sub["token_env"], let name = reader.string(n, "\(context).token_env") {
            if name.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil {
                config.tokenEnv = name
            } else {
                reader.report(
                    n,
                    "\(context).token_env must name an environment variable (letters, digits, _), not hold the token",
                    hint: "put the token in an environment variable such as PODIUM_GITHUB_TOKEN and name it here")
            }
        }
        if let n = sub["api_url"], let url = reader.string(n, "\(context).api_url") {
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil {
                config.apiURL = url
            } else {
                reader.report(n, "\(context).api_url must be an http(s) URL, found \"\(url)\"")
            }
        }
        return config
    }

    private static func requiredString(
        _ fields: OrderedFields, _ key: String, context: String, reader: ConfigNodeReader, what: String
    ) -> String? {
        guard let n = fields[key] else {
            reader.report(fields.node, "\(context): missing required key \"\(key)\" (\(what))")
            return nil
        }
        return reader.string(n, "\(context).\(key)")
    }

    private static func checkPattern(_ pattern: String, node: Node, what: String, reader: ConfigNodeReader) {
        guard let unknown = PromotionPattern.unknownPlaceholder(in: pattern) else { return }
        let suggestion = EditDistance.suggestion(for: unknown, among: PromotionPattern.placeholders)
        reader.report(
            node,
            "\(what): unknown placeholder \(unknown); use \(PromotionPattern.placeholders.joined(separator: ", "))",
            hint: suggestion.map { "did you mean \"\($0)\"?" })
    }
}
