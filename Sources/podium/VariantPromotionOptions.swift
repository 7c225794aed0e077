import ArgumentParser
import PodiumCore

/// `podium promote GROUP VERSION --to ENV --as-variant NAME --weight W` (a challenger) or `--as-shadow NAME
/// --sample P` (a shadow test): the version is added beside what runs, through a new endpoint config.
struct VariantPromotionOptions: ParsableArguments {
    @Option(name: .long, help: "Add the version as a challenger variant with this name (with --weight).")
    var asVariant: String?
    @Option(name: .long, help: "The challenger's weight (the others keep theirs).") var weight: Double?
    @Option(name: .long, help: "Add the version as a shadow variant with this name (with --sample).")
    var asShadow: String?
    @Option(name: .long, help: "The percentage of requests copied to the shadow variant (1-100).") var sample: Double?
    @Option(name: .long, help: "The endpoint, when several in the environment serve the group.") var endpoint: String?

    /// Whether a variant promotion was asked for (instead of replacing what runs).
    var isRequested: Bool { asVariant != nil || asShadow != nil }

    func validate() throws {
        if asVariant != nil, asShadow != nil { throw ValidationError("give --as-variant or --as-shadow, not both") }
        if asVariant != nil, weight == nil { throw ValidationError("--as-variant needs --weight") }
        if asShadow != nil, sample == nil { throw ValidationError("--as-shadow needs --sample") }
        if asVariant == nil, weight != nil { throw ValidationError("--weight goes with --as-variant") }
        if asShadow == nil, sample != nil { throw ValidationError("--sample goes with --as-shadow") }
    }

    /// Plans and runs the variant promotion with `confirmation`'s flags.
    func run(group: String, version: Int, to environment: String, confirmation: ConfirmOptions, context: CommandContext)
        async throws
    {
        let name = asVariant ?? asShadow ?? ""
        let addition: VariantPromotionPlanner.Addition =
            asShadow != nil ? .shadow(samplePercent: sample ?? 0) : .challenger(weight: weight ?? 0)
        let plan = try await context.session.planVariantPromotion(
            group: group, version: version, to: environment, endpoint: endpoint, name: name, addition: addition)
        try await context.failIfAccessWasDenied()
        try await TrafficPlanRunner(
            plan: confirmation.plan, yes: confirmation.yes, confirm: confirmation.confirm, json: confirmation.json
        ).run(plan, session: context.session)
    }
}
