import Foundation
import PodiumTestSupport
import Testing

/// The real binary with its stdout read by `head -n 1`, or by a reader that has already gone: podium never
/// crashes (it once died of SIGILL on EPIPE, mid-deployment), finishes what it started, and exits 141 when the
/// reader was gone, as shells expect.
///
/// Both ways run under a Python parent that restores SIGPIPE to its default in the child (`subprocess`'s
/// `restore_signals`), so podium itself must ignore it: were it killed by the signal, the closed-pipe run reports
/// `-13`, not 141.
@Suite(.serialized) struct PipeTests {
    /// How stdout is wired.
    enum Reader: String {
        /// A shell pipe into `head -n 1`; `exit=` is podium's status as bash reports it (`PIPESTATUS`).
        case head
        /// A pipe whose reading end was closed before podium started: every write fails with EPIPE.
        case closed
    }

    static let wrapper = """
        import os, subprocess, sys
        mode, argv = sys.argv[1], sys.argv[2:]
        if mode == "head":
            script = '"$@" | head -n 1; echo "exit=${PIPESTATUS[0]}" >&2'
            code = subprocess.run(["bash", "-c", script, "bash"] + argv).returncode
            sys.exit(code)
        read, write = os.pipe()
        os.close(read)
        code = subprocess.run(argv, stdout=write).returncode
        sys.stderr.write("\\nexit=%d\\n" % code)
        """

    /// Runs podium with `arguments` (plus the world's config) with stdout wired to `reader`.
    func run(_ world: CLITestWorld, _ arguments: [String], _ reader: Reader) async throws -> (
        code: Int32?, stdout: String, stderr: String
    ) {
        let result = try await ProcessRunner.run(
            pythonPath.path,
            ["-c", Self.wrapper, reader.rawValue, CLITestWorld.podium] + arguments + ["--config", world.configPath],
            environment: world.environment)
        let marker = result.stderr.components(separatedBy: "\n").last { $0.hasPrefix("exit=") }
        return (marker.flatMap { Int32($0.dropFirst(5)) }, result.stdout, result.stderr)
    }

    /// No trace of a crash: no signal, no Swift runtime trap, no register dump.
    func clean(_ stderr: String) -> Bool {
        !["Fatal error", "Illegal instruction", "Current stack trace", "Stack dump", "SIGILL"].contains {
            stderr.contains($0)
        }
    }

    @Test func everyCommandSurvivesItsReaderGoing() async throws {
        try await withWorld { world in
            // Read-only commands: first line as without the pipe; 141 when the reader was gone, else 0.
            let commands: [[String]] = [
                ["groups"], ["groups", "--json"], ["versions", "churn"], ["versions", "churn", "--json"],
                ["show", "churn", "2"], ["show", "churn", "2", "--json"], ["status"], ["status", "--json"],
                ["audit"], ["audit", "--json"], ["config", "check"], ["--help"], ["versions", "--help"],
                ["promote", "churn", "1", "--to", "dev", "--plan"],
            ]
            for command in commands {
                let plain = try await world.podium(command)
                #expect(plain.code == 0, "\(command): \(plain.stderr)")
                let firstLine = plain.stdout.components(separatedBy: "\n").first ?? ""
                #expect(!firstLine.isEmpty, "\(command) printed nothing")

                let head = try await run(world, command, .head)
                #expect(head.code == 0 || head.code == 141, "\(command) | head: exit \(String(describing: head.code))")
                #expect(head.stdout == firstLine + "\n", "\(command) | head")
                #expect(clean(head.stderr), "\(command) | head: \(head.stderr)")

                let closed = try await run(world, command, .closed)
                #expect(closed.code == 141, "\(command) > closed pipe: exit \(String(describing: closed.code))")
                #expect(clean(closed.stderr), "\(command) > closed pipe: \(closed.stderr)")
            }

            // A failing command keeps its own exit code.
            let refused = try await run(world, ["promote", "churn", "3", "--to", "dev", "--yes"], .closed)
            #expect(refused.code == 3, "\(refused.stderr)")
            #expect(refused.stderr.contains("PendingManualApproval, not Approved"))

            // The console and watch mode draw a full screen: they refuse a pipe instead of drawing into it.
            for command in [["watch"], ["console"]] {
                let r = try await run(world, command, .head)
                #expect(r.code == 2, "\(command): \(r.stderr)")
                #expect(r.stderr.contains("needs a terminal on standard output"))
                #expect(r.stdout.isEmpty)
            }
        }
    }

    @Test func changesPipedIntoHeadFinishAndAreAudited() async throws {
        try await withWorld { world in
            // The plan's first line reaches head; the deployment goes on after head has gone, and completes.
            var r = try await run(world, ["promote", "churn", "1", "--to", "dev", "--yes"], .head)
            #expect(r.code == 141, "\(r.stderr)")
            #expect(r.stdout.hasPrefix("promote churn-dev in dev"))
            #expect(clean(r.stderr), "\(r.stderr)")
            var dev = try await world.status("dev")
            #expect(dev.first?["version"] as? Int == 1)
            #expect(dev.first?["status"] as? String == "InService")

            r = try await run(world, ["promote", "churn", "2", "--to", "dev", "--yes"], .closed)
            #expect(r.code == 141, "\(r.stderr)")
            dev = try await world.status("dev")
            #expect(dev.first?["version"] as? Int == 2)

            r = try await run(world, ["rollback", "dev", "churn-dev", "--yes"], .closed)
            #expect(r.code == 141, "\(r.stderr)")
            dev = try await world.status("dev")
            #expect(dev.first?["version"] as? Int == 1)

            r = try await run(world, ["approve", "churn", "3", "--comment", "ok"], .closed)
            #expect(r.code == 141, "\(r.stderr)")
            #expect(try await world.fixtureJSON("package", "churn", "3")["status"] as? String == "Approved")
            r = try await run(world, ["reject", "churn", "3", "--comment", "no"], .head)
            #expect(r.code == 0 || r.code == 141, "\(r.stderr)")
            #expect(try await world.fixtureJSON("package", "churn", "3")["status"] as? String == "Rejected")

            // Every change has its outcome in the audit log, as without a pipe.
            let records = try await world.audit()
            let outcomes = records.filter { $0["outcome"] as? String != "started" }
            #expect(
                outcomes.map { $0["action"] as? String } == ["promote", "promote", "rollback", "approve", "reject"])
            #expect(outcomes.allSatisfy { $0["outcome"] as? String == "success" }, "\(outcomes)")
        }
    }
}
