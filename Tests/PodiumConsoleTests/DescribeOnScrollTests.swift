import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// Rows below the first screenful of a long pending queue arrive as ListModelPackages summaries; scrolling to them
/// describes them (once per version and approval status), and a refresh that brings summaries again keeps what
/// was described.
@Suite struct DescribeOnScrollTests {
    static func summaries(_ count: Int, status: String = "PendingManualApproval") -> [ModelVersion] {
        (1...count).map { number in
            var version = Fixtures.version("big", number, status: status)
            version.createdBy = nil
            return version
        }
    }

    @Test func scrollingDescribesTheRowsNearTheCursorOnceEach() async {
        let service = RecordingService()
        let app = Fixtures.app(service)
        var state = Fixtures.loadedState(width: 120, height: 30)
        state.pending.succeed(Self.summaries(200), at: Fixtures.now)
        state.stack = [.pending]

        // At the top: the rows a page around the cursor (22 rows a page at 30 lines) are asked for, once.
        var effects: [Effect<ConsoleAction>] = []
        for _ in 0..<3 { effects += press(app, &state, .pageDown) }
        #expect(effects.count == 3)
        #expect(taskIDs(effects).allSatisfy { $0.hasPrefix("describe.rows.") })
        for action in await runEffects(effects) { _ = app.update(&state, action) }
        let cursor = state.cursor(ConsoleScreen.pending.listKey)
        #expect(cursor == 66)
        let rows = state.pendingRows
        #expect(rows[cursor].createdBy == "arn:aws:iam::123456789012:user/author-\(rows[cursor].version)")
        #expect(rows[cursor - 22].createdBy != nil && rows[cursor + 22].createdBy != nil)
        #expect(rows[150].createdBy == nil, "rows far from the cursor are not described")

        // The same rows are never asked for again; moving one row asks only for the one newly in reach.
        let before = service.calls.filter { $0.hasPrefix("describe") }.count
        effects = press(app, &state, .up)
        #expect(effects.isEmpty)
        #expect(press(app, &state, .down).isEmpty)
        effects = press(app, &state, .down)
        #expect(taskIDs(effects).count == 1)
        _ = await runEffects(effects)
        let asked = service.calls.filter { $0.hasPrefix("describe") }
        #expect(asked.count == before + 1)
        #expect(asked.last == "describe big/90")

        // A refresh brings summaries again: the described rows stay described, and nothing is asked for.
        effects = app.update(
            &state,
            .registryLoaded(
                .success(RegistrySnapshot(groups: Fixtures.groups, pending: Self.summaries(200))),
                at: Fixtures.now.addingTimeInterval(30)))
        #expect(!taskIDs(effects).contains { $0.hasPrefix("describe.rows") })
        #expect(state.pendingRows[66].createdBy != nil)
    }

    @Test func aVersionWhoseStatusChangedIsDescribedAgain() {
        var state = Fixtures.loadedState(width: 120, height: 30)
        state.stack = [.pending]
        let pending = Self.summaries(5)
        state.pending.succeed(pending, at: Fixtures.now)
        let first = state.rowsToDescribe()
        #expect(first.count == 5)
        state.noteDescribeRequested(first)
        #expect(state.rowsToDescribe().isEmpty)
        var described = pending[0]
        described.createdBy = "arn:aws:iam::123456789012:user/a"
        state.applyDescribed([described])
        // Same status: filled in from what was described; another status: a summary again, to be described.
        #expect(state.fillingDescribed(pending)[0].createdBy == "arn:aws:iam::123456789012:user/a")
        var approved = pending[0]
        approved.status = .approved
        #expect(state.fillingDescribed([approved])[0].createdBy == nil)
        state.pending.succeed([approved], at: Fixtures.now.addingTimeInterval(1))
        #expect(state.rowsToDescribe().map(\.version) == [1])
    }
}

/// A long registry pass shows each group as soon as its versions are listed (issue 11: partial results as they
/// arrive), and only for the pass running now.
@Suite struct PartialRegistryResultsTests {
    @Test func eachListedGroupShowsBeforeThePassEnds() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        let started = Fixtures.now.addingTimeInterval(30)
        state.groups.begin(at: started)
        state.pending.begin(at: started)
        var churn = Fixtures.groups[0]
        churn.pending = 3
        let new = [Fixtures.version("churn", 6), Fixtures.version("churn", 7)]
        let progress = RegistryProgress(groupsDone: 1, groupsTotal: 40, group: churn, pending: new)
        _ = app.update(&state, .registryProgress(progress, requested: started))
        #expect(state.groups.value?.first { $0.name == "churn" }?.pending == 3)
        #expect(state.pending.value?.filter { $0.group == "churn" }.map(\.version) == [6, 7])
        #expect(state.pending.value?.contains { $0.group == "fraud" } == true, "other groups' rows stay")
        #expect(state.groups.progress == "groups 1/40")

        // A group the last pass did not have is added.
        let fresh = ModelGroupSummary(
            name: "aaa-new", arn: "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/aaa-new",
            description: nil, created: Fixtures.now, pending: 0, approved: 1, rejected: 0, latestVersion: 1,
            latestStatus: .approved)
        _ = app.update(
            &state,
            .registryProgress(RegistryProgress(groupsDone: 2, groupsTotal: 40, group: fresh), requested: started))
        #expect(state.groups.value?.first?.name == "aaa-new")

        // A report from an older pass changes nothing.
        var stale = churn
        stale.pending = 99
        _ = app.update(
            &state,
            .registryProgress(
                RegistryProgress(groupsDone: 3, groupsTotal: 40, group: stale), requested: Fixtures.now))
        #expect(state.groups.value?.first { $0.name == "churn" }?.pending == 3)
    }
}
