import ArgumentParser

/// Options every podium command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The config file (default: $PODIUM_CONFIG, ./podium.yaml, $XDG_CONFIG_HOME/podium/config.yaml).")
    var config: String?

    @Flag(name: .long, help: "Build only read-only AWS clients: nothing can be changed.")
    var readOnly = false

    @Flag(name: .long, help: "Log every AWS call attempt to stderr.")
    var debug = false
}
