import AWSCore
import ArgumentParser
import Foundation
import PodiumCore

/// `podium logs ENDPOINT --env E`: the endpoint's container logs (`/aws/sagemaker/Endpoints/<name>`) from
/// CloudWatch Logs, read with FilterLogEvents and a cursor; `--follow` keeps polling. Every line is sanitised
/// (escape sequences, C1 controls and bidi overrides become `?`); `--json` prints one JSON object per line.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print (or follow) an endpoint's CloudWatch Logs.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The endpoint name.") var endpoint: String
    @Option(name: .long, help: "The environment the endpoint runs in.") var env: String
    @Option(name: .long, help: "How far back to start (e.g. 30s, 10m, 2h).") var since = "10m"
    @Option(name: .long, help: "A CloudWatch Logs filter pattern (e.g. ERROR).") var filter: String?
    @Flag(name: .long, help: "Keep printing new lines until interrupted.") var follow = false
    @Flag(name: .long, help: "Print one JSON object per line: time, stream, message (see docs/cli.md).") var json =
        false

    func validate() throws {
        guard DurationFormat.parse(since) != nil else {
            throw ValidationError("--since \(since) is not a duration (e.g. 30s, 10m, 2h)")
        }
    }

    func run() async throws {
        let context = try CommandContext(options: global)
        let session = context.session
        let client = try session.client(for: env)
        let window = DurationFormat.parse(since) ?? .seconds(600)
        let tailer = LogTailer(
            client: client, logGroup: LogTailer.endpointLogGroup(endpoint),
            since: session.now().addingTimeInterval(-Double(window.components.seconds)), filterPattern: filter)
        let interval = min(session.pollInterval, .seconds(2))
        var warnedMissing = false
        while true {
            do {
                try print(await tailer.poll())
            } catch let error as PodiumError where error.kind == .notFound && follow {
                // Following an endpoint that has not logged yet: wait for its log group to appear.
                if !warnedMissing { Output.warning("\(error.message); waiting for it") }
                warnedMissing = true
            }
            if !follow { return }
            try await Task.sleep(for: interval)
        }
    }

    /// One compact object per line (JSON Lines), sorted keys, ISO 8601 times.
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.string(date))
        }
        return encoder
    }

    private func print(_ lines: [LogLine]) throws {
        for line in lines {
            if json {
                let data = try Self.encoder.encode(line)
                StandardStream.output.write(Output.escapingInvisibles(String(decoding: data, as: UTF8.self)) + "\n")
            } else {
                Output.line(
                    "\(ISO8601.string(line.time)) \(Output.sanitize(line.stream)) \(Output.sanitize(line.message))")
            }
        }
    }
}
