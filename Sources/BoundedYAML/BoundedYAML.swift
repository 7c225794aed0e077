import CYaml
import Yams

/// YAML composition with bounded work, for files podium reads from users (the config, themes).
///
/// Yams resolves an alias by copying the anchored node, and compares mapping keys by hashing whole subtrees,
/// so a few kilobytes of nested anchors ("billion laughs") cost minutes of CPU before podium sees a single node.
/// Podium's files have no use for anchors, so a first pass over libyaml's event stream (linear in the file)
/// refuses any anchor or alias, and bounds the nesting depth and the node count, before Yams builds the tree.
public enum BoundedYAML {
    /// The most nodes a document may have (the example config has about 400).
    public static let maxNodes = 100_000
    /// The deepest nesting allowed (the config needs 6 levels).
    public static let maxDepth = 64

    /// Checks `yaml` with ``check(_:)``, then composes it with Yams.
    public static func compose(yaml: String) throws -> Node? {
        try check(yaml)
        return try Yams.compose(yaml: yaml)
    }

    /// Throws a ``BoundedYAMLError`` at the first anchor, alias, or excess of depth or size.
    ///
    /// A syntax error ends the check quietly: Yams reports it next, with its own position and wording.
    public static func check(_ yaml: String) throws {
        let bytes = Array(yaml.utf8)
        // libyaml asserts on a null input pointer, which an empty array may give.
        guard !bytes.isEmpty else { return }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var nodes = 0
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                func fail(_ message: String) -> BoundedYAMLError {
                    BoundedYAMLError(line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: message)
                }
                var anchored = false
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_ALIAS_EVENT:
                    throw fail("YAML aliases (*name) are not supported; write the value out")
                case YAML_SCALAR_EVENT:
                    anchored = event.data.scalar.anchor != nil
                    nodes += 1
                case YAML_SEQUENCE_START_EVENT:
                    anchored = event.data.sequence_start.anchor != nil
                    nodes += 1
                    depth += 1
                case YAML_MAPPING_START_EVENT:
                    anchored = event.data.mapping_start.anchor != nil
                    nodes += 1
                    depth += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
                if anchored { throw fail("YAML anchors (&name) are not supported; write the value out") }
                if depth > maxDepth { throw fail("nested more than \(maxDepth) levels deep") }
                if nodes > maxNodes { throw fail("more than \(maxNodes) values in one file") }
            }
        }
    }
}
