import AWSCore
import ArgumentParser
import Foundation
import PodiumCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The entry point: runs the command and maps every error to podium's exit codes
/// (0 success, 1 failed, 2 usage or config, 3 refused) with a readable message, never a stack trace.
@main
enum PodiumMain {
    static func main() async {
        // A closed pipe must not kill podium mid-change: writes report EPIPE instead (see StandardStream).
        signal(SIGPIPE, SIG_IGN)
        let code = await run()
        exit(finalCode(code))
    }

    /// The exit code once output is accounted for. The reader of stdout gone (EPIPE) turns success into 141,
    /// which shells expect from a writer ended by SIGPIPE, but only after the command ran to its end (a
    /// promotion piped to `head` still finishes and is audited). Any other failed write to stdout (a full
    /// disk) turns success into 1, with the reason on stderr. A command that failed keeps its own code.
    static func finalCode(_ code: Int32) -> Int32 {
        guard code == 0, let failure = StandardStream.output.failedWith else { return code }
        if failure == EPIPE { return 141 }
        Output.error("cannot write to standard output: \(String(cString: strerror(failure)))")
        return 1
    }

    private static func run() async -> Int32 {
        let code: Int32
        do {
            var command = try PodiumCommand.parseAsRoot()
            if !(command is ConfigCheckCommand) { warnAboutPlainHTTP() }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            code = 0
        } catch let exit as CLIExit {
            if !exit.message.isEmpty { Output.error(exit.message) }
            code = exit.code
        } catch let error as ConfigError {
            Output.error("invalid config:\n" + error.issues.map { "  " + $0.description }.joined(separator: "\n"))
            code = CLIExit.code(for: error)
        } catch let error as PodiumError {
            Output.error(error.description)
            code = CLIExit.code(for: error.kind)
        } catch let error as AWSServiceError {
            Output.error(PodiumError.describe(error))
            code = CLIExit.code(for: error)
        } catch let error as AWSClientError {
            Output.error(PodiumError.describe(error))
            code = CLIExit.code(for: error)
        } catch {
            let parserCode = PodiumCommand.exitCode(for: error)
            if parserCode == .success {
                Output.line(PodiumCommand.fullMessage(for: error))
                code = 0
            } else if error is ExitCode {
                code = parserCode.rawValue
            } else if isParserError(error) {
                var message = PodiumCommand.fullMessage(for: error)
                if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
                Output.error(message)
                code = CLIExit.code(for: .usage)
            } else {
                Output.error(PodiumError.describe(error))
                code = CLIExit.code(for: error)
            }
        }
        // Records the team's audit sink has not sent yet get one bounded last try; a sink that is down only
        // warns (the records stay queued in the local log), it never changes the exit code.
        await AuditSink.drainAll(timeout: .seconds(5))
        return code
    }

    /// Warns once when a configured endpoint is plain `http://` to another machine: the requests carry the
    /// session token unencrypted. Loopback (the emulator, moto) is fine. Resolved as the clients resolve it
    /// (`StandardClientFactory`: the `AWS_ENDPOINT_URL*` variables), for every service podium calls.
    private static func warnAboutPlainHTTP() {
        let variables = ProcessInfo.processInfo.environment
        let environment = AWSEnvironment(
            variables: variables,
            homeDirectory: variables["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory())
        let endpoints = EndpointResolver(environment: environment).endpointsCarryingCredentialsInTheClear([
            .sageMaker, .cloudWatch, .sts, .s3,
        ])
        guard !endpoints.isEmpty else { return }
        let names = endpoints.map { "\($0.url.absoluteString) (\(EndpointResolver.describe($0.source)))" }
        Output.warning(
            "plain http to another machine: AWS credentials (the session token) would cross the network "
                + "unencrypted to " + names.joined(separator: ", ") + "; use https, or a loopback address")
    }

    /// ArgumentParser's own errors (unknown option, missing argument, validation) are usage errors.
    private static func isParserError(_ error: any Error) -> Bool {
        PodiumCommand.exitCode(for: error) == .validationFailure || error is ValidationError
    }
}
