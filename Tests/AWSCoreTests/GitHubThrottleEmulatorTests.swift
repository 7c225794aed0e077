import AWSCore
import Foundation
import PodiumTestSupport
import Testing

/// The real HTTP transport, with each answer's status noted (what GitHub's stand-in really said).
private actor StatusLog {
    private(set) var statuses: [Int] = []
    func add(_ status: Int) { statuses.append(status) }
}

private struct NotingTransport: HTTPTransport {
    let inner: any HTTPTransport
    let log: StatusLog

    func execute(_ request: HTTPRequest, timeout: TransportTimeouts) async throws -> HTTPResponse {
        let response = try await inner.execute(request, timeout: timeout)
        await log.add(response.status)
        return response
    }
}

/// A clock that runs with real time plus every wait it was asked to skip, and the sleeper that skips them: the
/// client sees its waits pass (a rate limit lifts) while the test spends no time.
private final class SkippingClock: AWSSleeper, @unchecked Sendable {
    private let lock = NSLock()
    private var skipped: Double = 0
    private var waits: [Double] = []

    var now: Date { lock.withLock { Date().addingTimeInterval(skipped) } }
    var delays: [Double] { lock.withLock { waits } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        lock.withLock {
            skipped += seconds
            waits.append(seconds)
        }
    }
}

/// A run followed over real HTTP while the emulator's GitHub stand-in refuses calls as GitHub does (its throttle
/// knob): a secondary limit with `retry-after`, a 502, then a spent primary budget. The follow recovers from each
/// and sees the run to success; the waits are recorded, not slept.
@Suite struct GitHubThrottleEmulatorTests {
    @Test func aThrottledRunFollowRecovers() async throws {
        let emu = try await EmulatorProcess.start()
        do {
            let seeded = try await ProcessRunner.run(
                pythonPath.path, ["-c", GitHubClientEmulatorTests.world, emu.endpoint.absoluteString],
                environment: ProcessInfo.processInfo.environment)
            try #require(seeded.code == 0, "world setup failed: \(seeded.stderr)")
            let arn = seeded.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try await follow(emu, arn: arn)
        } catch {
            await emu.stop()
            throw error
        }
        await emu.stop()
    }

    private func follow(_ emu: EmulatorProcess, arn: String) async throws {
        let log = StatusLog()
        let clock = SkippingClock()
        let github = GitHubClient(
            token: GitHubClientEmulatorTests.token, baseURL: emu.endpoint.appendingPathComponent("_github"),
            transport: NotingTransport(inner: AsyncHTTPTransport.shared, log: log), sleeper: clock,
            now: { clock.now })
        let (owner, repo) = ("example-corp", "ml-deploy")
        let dispatched = try await github.dispatchWorkflow(
            owner: owner, repo: repo, workflow: "deploy.yml", ref: "main",
            inputs: ["environment": "dev", "model_package_arn": arn], returnRunDetails: true)
        let runId = try #require(dispatched.workflowRunId)

        try await emu.control(
            "POST", "/_podium/github", ["throttle_next": 2, "throttle": "secondary", "retry_after": 2])
        _ = try await github.getWorkflowRun(owner: owner, repo: repo, runId: runId)
        try await emu.control("POST", "/_podium/github", ["throttle_next": 1, "throttle": "server_error"])
        _ = try await github.listJobs(owner: owner, repo: repo, runId: runId)
        try await emu.control("POST", "/_podium/github", ["throttle_next": 1, "throttle": "primary", "retry_after": 5])

        let deadline = Date().addingTimeInterval(30)
        var run = try await github.getWorkflowRun(owner: owner, repo: repo, runId: runId)
        while !run.isCompleted {
            try #require(Date() < deadline, "run \(runId) still \(run.status ?? "?") after 30 s")
            try await Task.sleep(for: .milliseconds(100))
            run = try await github.getWorkflowRun(owner: owner, repo: repo, runId: runId)
        }
        #expect(run.conclusion == "success", "\(run)")
        #expect(try await github.listJobs(owner: owner, repo: repo, runId: runId).jobs.map(\.name) == ["deploy"])

        let statuses = await log.statuses
        #expect(Array(statuses.prefix(7)) == [200, 403, 403, 200, 502, 200, 403], "\(statuses)")
        #expect(statuses.dropFirst(7).allSatisfy { $0 == 200 })
        let delays = clock.delays
        try #require(delays.count == 4, "\(delays)")
        #expect(abs(delays[0] - 2) < 0.2 && abs(delays[1] - 2) < 0.2, "retry-after honoured: \(delays)")
        #expect(delays[2] <= 1, "a 502 on a read is retried after the first backoff (at most 1 s): \(delays)")
        // Until x-ratelimit-reset (the emulator's now + 5 s, whole seconds) plus a second, on a clock already moved
        // on by the earlier skipped waits.
        let skipped = delays[0] + delays[1] + delays[2]
        #expect(delays[3] > 6 - skipped - 2.5 && delays[3] <= 6 - skipped + 0.1, "\(delays)")
    }
}
