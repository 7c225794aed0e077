import Foundation
import PodiumTestSupport
import Testing

/// The fault matrix of issue 9 item 4 for the CLI: every fault of `MatrixFault` against `status`, `approve`,
/// `promote` (canary and all_at_once) and `rollback`, run by the real `podium` binary against the emulator.
///
/// Each case checks the outcome of `FaultMatrix.expected`, that the fault really happened (the emulator's request
/// log), that every run which sent a write left a `started` record and its outcome in the audit log, and that
/// running the command again without the fault converges. Two workers, each with its own emulator, run their
/// operations' cases in turn (faults are emulator-wide, so cases sharing an emulator cannot overlap).
@Suite struct FaultMatrixTests {
    /// The matrix world: dev all_at_once, prod canary without a gate, and a registry reached through a role, so
    /// every command goes through AssumeRole.
    static let config = CLITestWorld.config(
        prodGate: nil, prodStrategy: "canary", extraProd: "      canary_percent: 10\n      wait: 10m"
    ).replacingOccurrences(
        of: "registry: { region: us-east-1 }",
        with:
            "registry: { region: us-east-1, credentials: { role_arn: arn:aws:iam::123456789012:role/podium-approver } }"
    )

    /// One observed cell, for the printed table.
    struct Observed: Sendable {
        let fault: MatrixFault
        let operation: MatrixOperation
        let text: String
    }

    @Test func everyFaultAgainstEveryCommand() async throws {
        let groups: [[MatrixOperation]] = [[.status, .approve, .promoteCanary], [.promoteAllAtOnce, .rollback]]
        let observed = try await withThrowingTaskGroup(of: [Observed].self) { group in
            for operations in groups {
                group.addTask { try await Self.runWorker(operations) }
            }
            var all: [Observed] = []
            for try await part in group { all += part }
            return all
        }
        // The table as observed, for docs/reliability.md.
        var table = "| fault | " + MatrixOperation.allCases.map(\.rawValue).joined(separator: " | ") + " |\n"
        for fault in MatrixFault.allCases {
            let cells = MatrixOperation.allCases.map { operation in
                observed.first { $0.fault == fault && $0.operation == operation }?.text ?? "not run"
            }
            table += "| \(fault.rawValue) | " + cells.joined(separator: " | ") + " |\n"
        }
        print("FAULT MATRIX (observed)\n" + table)
        #expect(observed.count == MatrixFault.allCases.count * MatrixOperation.allCases.count)
    }

    /// Runs every fault against `operations`, in turn, in one world.
    static func runWorker(_ operations: [MatrixOperation]) async throws -> [Observed] {
        let world = try await CLITestWorld(config: config)
        do {
            try await prepare(world)
            var observed: [Observed] = []
            for operation in operations {
                for fault in MatrixFault.allCases {
                    observed.append(try await runCase(world, fault, operation))
                }
            }
            await world.stop()
            return observed
        } catch {
            await world.stop()
            throw error
        }
    }

    /// v1 in dev and prod, so every promote and rollback has something to replace.
    static func prepare(_ world: CLITestWorld) async throws {
        for args in [
            ["promote", "churn", "1", "--to", "dev", "--yes"],
            ["promote", "churn", "1", "--to", "prod", "--confirm", "churn-prod"],
        ] {
            let result = try await world.podium(args)
            guard result.code == 0 else { throw CLIWorldError("setup \(args) failed: \(result.stderr)") }
        }
    }

    /// The command of a case (after its setup) and the state a successful run leaves.
    struct Plan {
        let arguments: [String]
        let converged: @Sendable (CLITestWorld) async throws -> Bool
    }

    static func plan(_ operation: MatrixOperation, in world: CLITestWorld) async throws -> Plan {
        switch operation {
        case .status:
            return Plan(arguments: ["status"]) { _ in true }
        case .approve:
            try await expectZero(world, ["reject", "churn", "3", "--comment", "matrix setup"])
            return Plan(arguments: ["approve", "churn", "3", "--comment", "fault matrix"]) { world in
                try await packageStatus(world, version: 3) == "Approved"
            }
        case .promoteCanary, .promoteAllAtOnce:
            let env = operation == .promoteCanary ? "prod" : "dev"
            let current = try await version(world, env)
            let target = current == 1 ? 2 : 1
            let confirm = env == "prod" ? ["--confirm", "churn-prod"] : ["--yes"]
            return Plan(arguments: ["promote", "churn", "\(target)", "--to", env] + confirm) { world in
                try await version(world, env) == target
            }
        case .rollback:
            // v1 → v2, then roll back to v1. (After v2 → v1 a rollback would go to v2: `RollbackTargetTests`.)
            if try await version(world, "dev") != 1 {
                try await expectZero(world, ["promote", "churn", "1", "--to", "dev", "--yes"])
            }
            try await expectZero(world, ["promote", "churn", "2", "--to", "dev", "--yes"])
            return Plan(arguments: ["rollback", "dev", "churn-dev", "--yes"]) { world in
                try await version(world, "dev") == 1
            }
        }
    }

    /// One cell: set up, inject, run, check the outcome, the log, the audit, then re-run and check convergence.
    static func runCase(_ world: CLITestWorld, _ fault: MatrixFault, _ operation: MatrixOperation) async throws
        -> Observed
    {
        let cell = "\(fault.rawValue) × \(operation.rawValue)"
        let plan = try await plan(operation, in: world)
        let expected = FaultMatrix.expected(fault, operation)
        let auditBefore = try await world.audit().count
        try await world.emulator.clearRequests()
        var environment: [String: String] = [:]
        var arguments = plan.arguments
        switch fault {
        case .connectionRefused:
            environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:\(try closedLoopbackPort())"
        case .stall:
            environment["PODIUM_AWS_READ_TIMEOUT"] = MatrixFault.stallReadTimeout
            arguments.append("--debug")  // counts the attempts, so the test knows when the stalled ones are done
        default:
            break
        }
        try await fault.inject(into: world.emulator, operation: operation.target, service: "sagemaker")
        let run = try await world.podium(arguments, extraEnvironment: environment)
        try await world.emulator.clearFaults()
        if fault == .stall { try await waitForStalledRequests(world, stderr: run.stderr) }
        let log = try await world.emulator.requests()

        // The outcome.
        let message = errorLines(run.stderr)
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"), "\(cell): crashed")
        switch expected {
        case .retriedToSuccess:
            #expect(run.code == 0, "\(cell): expected success, got \(run.code): \(message)")
        case .typedFailure(let code, let says):
            #expect(run.code == code, "\(cell): expected exit \(code), got \(run.code): \(message)")
            #expect(message.contains(says), "\(cell): expected \"\(says)\" in: \(message)")
        case .confirmedAfterNoAnswer:
            #expect(run.code == 0, "\(cell): expected success, got \(run.code): \(message)")
            if operation == .approve {
                // The approval's warning (stderr) says the write got no answer and how the re-read confirmed it.
                #expect(
                    run.stderr.contains("UpdateModelPackage arn:") && run.stderr.contains("got no answer in 3 attempts")
                        && run.stderr.contains("Approved with this approval's description"),
                    "\(cell): expected the confirmation in: \(run.stderr)")
            } else {
                let endpoint = operation == .promoteCanary ? "churn-prod" : "churn-dev"
                let says = "\(operation.target) \(endpoint) got no answer in 3 attempts"
                // The progress lines (stdout without --json) say what happened.
                #expect(
                    run.stdout.contains(says) && run.stdout.contains("carrying on"),
                    "\(cell): expected \"\(says)\" in: \(run.stdout)")
            }
        }
        // The fault happened, and a retried call really was sent again.
        let faulted = log.filter { $0.fault != nil }
        if let kind = fault.loggedKind {
            #expect(faulted.contains { $0.fault == kind }, "\(cell): the emulator never applied \(kind)")
        } else {
            #expect(log.isEmpty, "\(cell): a request reached the emulator through a closed port")
        }
        if expected == .retriedToSuccess, let faultedCall = faulted.first {
            let calls = log.filter { $0.operation == faultedCall.operation && $0.service == faultedCall.service }
            #expect(calls.count > faulted.filter { $0.operation == faultedCall.operation }.count, "\(cell): no retry")
        }
        // Every run that sent a write has its started record and outcome.
        let writes = log.filter { isWrite($0.operation) }
        let records = Array(try await world.audit().dropFirst(auditBefore))
        var auditText = "no write sent, no record"
        if operation.mutates && !writes.isEmpty {
            let started = records.filter { $0["outcome"] as? String == "started" }
            let finished = records.filter { $0["outcome"] as? String != "started" }
            #expect(started.count == 1, "\(cell): expected one started record, got \(records)")
            #expect(finished.count == 1, "\(cell): expected one outcome record, got \(records)")
            let attempt = started.first?["attempt"] as? String
            #expect(attempt != nil && finished.first?["attempt"] as? String == attempt, "\(cell): attempt ids differ")
            let outcome = finished.first?["outcome"] as? String ?? "none"
            #expect(outcome == (run.code == 0 ? "success" : "failure"), "\(cell): audit outcome \(outcome)")
            auditText = "audit started→\(outcome)"
        } else if !records.isEmpty {
            auditText = "audit " + records.compactMap { $0["outcome"] as? String }.joined(separator: "→")
        }
        // A re-run without the fault converges.
        var rerunText = ""
        if run.code != 0 {
            // A write that timed out may still have been done (the emulator answers the stalled requests late):
            // then the change is already there and a refusal of the re-run (exit 3, with its reason) is fine.
            let alreadyDone = operation.mutates ? try await plan.converged(world) : false
            let rerun = try await world.podium(plan.arguments)
            #expect(
                rerun.code == 0 || (alreadyDone && rerun.code == 3),
                "\(cell): the re-run failed (\(rerun.code)): \(errorLines(rerun.stderr))")
            rerunText = "; re-run exit \(rerun.code)"
            if rerun.code != 0 { rerunText += " (already done: \(shorten(errorLines(rerun.stderr), to: 70)))" }
        }
        if operation.mutates {
            #expect(try await plan.converged(world), "\(cell): the state did not converge")
        }
        let outcomeText: String
        if run.code == 0, expected == .confirmedAfterNoAnswer {
            outcomeText = "exit 0 (no answer to \(faulted.count) attempts; the re-read showed the change: followed)"
        } else if run.code == 0 {
            let retries = faulted.count
            outcomeText = "exit 0 (\(retries) faulted \(retries == 1 ? "attempt" : "attempts") retried)"
        } else {
            outcomeText = "exit \(run.code): \(shorten(message, to: 110))"
        }
        let text = operation.mutates ? "\(outcomeText); \(auditText)\(rerunText)" : outcomeText
        return Observed(fault: fault, operation: operation, text: text)
    }

    // MARK: - Helpers

    static func isWrite(_ operation: String) -> Bool {
        ["Create", "Update", "Delete", "AddTags"].contains { operation.hasPrefix($0) }
    }

    /// The `podium: error:` lines (the debug log of the stall cases left out).
    static func errorLines(_ stderr: String) -> String {
        stderr.split(separator: "\n").filter { !$0.contains(" debug podium.aws:") }.joined(separator: "\n")
    }

    /// The start of the first error line, without the `podium: error: ` prefix, for the table.
    static func shorten(_ message: String, to limit: Int) -> String {
        var line = String(message.split(separator: "\n").first ?? "")
        for prefix in ["podium: error: ", "dev: ", "prod: "] where line.hasPrefix(prefix) {
            line.removeFirst(prefix.count)
        }
        line = line.replacingOccurrences(of: "|", with: "/")
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }

    /// Waits until the emulator has finished every request podium gave up on (it answers them late), so the
    /// re-run does not race them. podium's debug log says how many attempts got no response.
    static func waitForStalledRequests(_ world: CLITestWorld, stderr: String) async throws {
        let abandoned = stderr.split(separator: "\n").filter { $0.contains("aws.status=no response") }.count
        let done = try await eventually(timeout: 30) {
            try await world.emulator.requests().filter { $0.fault == "delay" }.count >= abandoned
        }
        #expect(done, "the emulator did not finish the \(abandoned) stalled requests")
    }

    static func expectZero(_ world: CLITestWorld, _ arguments: [String]) async throws {
        let result = try await world.podium(arguments)
        guard result.code == 0 else { throw CLIWorldError("setup \(arguments) failed: \(result.stderr)") }
    }

    static func version(_ world: CLITestWorld, _ env: String) async throws -> Int? {
        try await world.status(env).first?["version"] as? Int
    }

    static func packageStatus(_ world: CLITestWorld, version: Int) async throws -> String? {
        let result = try await world.podium(["versions", "churn", "--json"])
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        return list?.first { $0["version"] as? Int == version }?["status"] as? String
    }
}
