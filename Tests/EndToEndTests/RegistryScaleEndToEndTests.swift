import Foundation
import PodiumTestSupport
import Testing

/// Issue 11 end to end: the console in tmux over a registry of 40 groups × 250 versions (10,000, a quarter
/// pending) made by the emulator's bulk control call. The registry, pending and activity screens load
/// completely, and the emulator's request log shows what the idle console costs: no DescribeModelPackage at
/// all after the first load, and per registry refresh no more than the paged-list minimum (1
/// ListModelPackageGroups + 40 × 3 ListModelPackages).
@Suite(.serialized) struct RegistryScaleEndToEndTests {
    static let groups = 40
    static let versions = 250
    /// round(250 × 0.25) per group, as Python rounds (half to even).
    static let pendingPerGroup = 62
    static let listsPerPass = 40 * 3

    @Test func consoleAtTenThousandVersionsLoadsAndIdlesWithoutDescribes() async throws {
        let emulator = try await EmulatorProcess.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-scale-\(UUID())")
        var tmux: TmuxSession?
        defer {
            tmux?.kill()
            try? FileManager.default.removeItem(at: directory)
        }
        do {
            try await emulator.bulkRegistry(groups: Self.groups, versions: Self.versions, pendingFraction: 0.25)
            for sub in ["home", "state", "xdg-config"] {
                try FileManager.default.createDirectory(
                    at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            // The demo config with a 2 s registry refresh, so a few seconds of idle span several refreshes.
            let demo = try String(contentsOf: repoRoot.appendingPathComponent("config/demo.yaml"), encoding: .utf8)
            let original = "refresh: { registry: 30s, health: 15s }"
            #expect(demo.contains(original))
            let configPath = directory.appendingPathComponent("podium.yaml").path
            try demo.replacingOccurrences(of: original, with: "refresh: { registry: 2s, health: 15s }")
                .write(toFile: configPath, atomically: true, encoding: .utf8)
            try await emulator.clearRequests()
            let session = try TmuxSession.start(
                command: [ConsoleE2EWorld.podium, "console", "--config", configPath], width: 160, height: 48,
                environment: [
                    "HOME": directory.appendingPathComponent("home").path,
                    "XDG_STATE_HOME": directory.appendingPathComponent("state").path,
                    "XDG_CONFIG_HOME": directory.appendingPathComponent("xdg-config").path,
                    "AWS_CONFIG_FILE": directory.appendingPathComponent("home/aws-config").path,
                    "AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("home/aws-credentials").path,
                    "AWS_ENDPOINT_URL": emulator.endpoint.absoluteString, "AWS_ACCESS_KEY_ID": "testing",
                    "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
                ], workingDirectory: directory)
            tmux = session

            // Pending: every pending version of every group, counted in the title.
            try session.sendKeys("3")
            try await session.waitFor(
                text: "Pending approval (\(Self.groups * Self.pendingPerGroup))", timeout: .seconds(60))
            // Registry: the groups with their counts, loaded (no "loading", the refresh time shown).
            try session.sendKeys("2")
            let registry = try await session.waitUntil("the registry loaded", timeout: .seconds(60)) {
                $0.contains("Registry · model package groups") && $0.contains("model-000") && $0.contains("updated")
                    && !$0.contains("loading groups")
            }
            let firstGroup = try #require(registry.split(separator: "\n").first { $0.contains("model-000") })
            #expect(firstGroup.contains("\(Self.pendingPerGroup)"))
            // Activity: recent approval changes from the registry pass (no per-group scan).
            try session.sendKeys("4")
            try await session.waitUntil("approval changes on the activity screen", timeout: .seconds(60)) {
                $0.contains("Approved") && $0.contains("model-0") && !$0.contains("Pending approval")
            }

            // Idle: clear the log, then watch at least three registry refreshes go by.
            try await emulator.clearRequests()
            let deadline = ContinuousClock.now + .seconds(60)
            var log: [EmulatorRequest] = []
            while ContinuousClock.now < deadline {
                log = try await emulator.requests()
                if log.filter({ $0.operation == "ListModelPackageGroups" }).count >= 4 { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            let ordered = log.sorted { $0.seq < $1.seq }
            let passStarts = ordered.indices.filter { ordered[$0].operation == "ListModelPackageGroups" }
            #expect(passStarts.count >= 4, "fewer than 4 registry refreshes in 60 s")
            #expect(ordered.filter { $0.operation == "DescribeModelPackage" }.isEmpty)
            #expect(ordered.filter { $0.operation == "DescribeModelPackageGroup" }.isEmpty)
            // Each complete pass (between two ListModelPackageGroups calls): exactly the paged lists, never two
            // passes interleaved.
            for (start, end) in zip(passStarts, passStarts.dropFirst()) {
                let lists = ordered[start..<end].filter { $0.operation == "ListModelPackages" }.count
                #expect(lists == Self.listsPerPass, "a registry refresh made \(lists) ListModelPackages calls")
            }

            // Scrolling to the end of the pending queue describes the rows brought into view (beyond the first
            // screenful the list came with), and only those: at most a page either side of the cursor.
            try await emulator.clearRequests()
            try session.sendKeys("3")
            try session.sendKeys("G")
            var describes: [EmulatorRequest] = []
            let scrollDeadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < scrollDeadline {
                describes = try await emulator.requests().filter { $0.operation == "DescribeModelPackage" }
                if !describes.isEmpty { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(!describes.isEmpty, "scrolling to the end described nothing")
            let page = 48 - 8
            #expect(describes.count <= 2 * page + 1, "\(describes.count) describes for one scroll")
        } catch {
            tmux?.kill()
            tmux = nil
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }
}
