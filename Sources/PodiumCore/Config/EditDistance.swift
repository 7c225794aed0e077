import TextSupport

/// The shared `EditDistance` (target `TextSupport`, which TerminalUI uses too), under the name PodiumCore's
/// config and session code have always used: there is one implementation, not a copy per layer.
public typealias EditDistance = TextSupport.EditDistance
