import Foundation
import PodiumTestSupport
import Testing

extension ConsoleE2E {
    /// The console's layout on resize, and its rendering without colour.
    @Suite struct ConsoleFlowLayoutTests {
        /// The environment accounts as they appear in the dashboard's panel titles.
        static let accounts = ["111111111111", "222222222222", "333333333333"]

        /// Lines of a capture.
        static func lines(_ screen: String) -> [Substring] {
            var lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
            return lines
        }

        /// A line holds every environment's panel title: side by side.
        static func isSideBySide(_ screen: String) -> Bool {
            lines(screen).contains { line in accounts.allSatisfy { line.contains($0) } }
        }

        /// No line holds two environment titles, and dev's title is there: stacked.
        static func isStacked(_ screen: String) -> Bool {
            screen.contains(accounts[0])
                && !lines(screen).contains { line in accounts.filter { line.contains($0) }.count > 1 }
        }

        /// podium has drawn a frame at this size (not tmux's cut or padded copy of the previous one): `height`
        /// rows, the title bar's clock at the right edge of row 0, the help bar on the last row.
        static func isRedrawn(_ screen: String, width: Int, height: Int) -> Bool {
            let rows = lines(screen)
            guard rows.count == height, let first = rows.first, let last = rows.last else { return false }
            return !ConsoleE2EScreen.clocks(in: first).isEmpty && first.count >= width - 2 && last.contains("help")
        }

        /// The screen fits `width`×`height`, has exactly one title bar (row 0, with the clock) and one help bar
        /// (last row), so nothing of an earlier size is left over.
        static func expectWellFormed(
            _ screen: String, width: Int, height: Int, sourceLocation: SourceLocation = #_sourceLocation
        ) {
            let rows = lines(screen)
            #expect(
                rows.count == height, "\(rows.count) rows for a \(height)-row pane:\n\(screen)",
                sourceLocation: sourceLocation)
            for row in rows {
                #expect(row.count <= width, "row wider than \(width): \(row)", sourceLocation: sourceLocation)
            }
            #expect(
                rows.first?.contains("Podium") == true, "no title bar on row 0:\n\(screen)",
                sourceLocation: sourceLocation)
            #expect(
                ConsoleE2EScreen.titleClock(screen) != nil, "no clock on the title bar:\n\(screen)",
                sourceLocation: sourceLocation)
            let titleRows = rows.filter { $0.contains("Podium") && !ConsoleE2EScreen.clocks(in: $0).isEmpty }
            #expect(titleRows.count == 1, "\(titleRows.count) title bars:\n\(screen)", sourceLocation: sourceLocation)
            let helpRows = rows.filter { $0.contains("help") && $0.contains("quit") }
            #expect(helpRows.count == 1, "\(helpRows.count) help bars:\n\(screen)", sourceLocation: sourceLocation)
            #expect(
                rows.last.map { $0.contains("help") } == true, "no help bar on the last row:\n\(screen)",
                sourceLocation: sourceLocation)
        }

        @Test func adaptsTheLayoutWhenResizedTo60x20AndTo250x70() async throws {
            try await ConsoleE2EWorld.with { world in
                let tmux = try world.launch(["console"], width: 160, height: 48)
                _ = try await ConsoleFlowTests.waitForLoadedDashboard(tmux)

                try tmux.resize(width: 250, height: 70)
                let wide = try await tmux.waitUntil("the side-by-side layout at 250×70", timeout: .seconds(30)) {
                    Self.isRedrawn($0, width: 250, height: 70) && Self.isSideBySide($0)
                }
                let size = try tmux.paneSize()
                #expect(size.width == 250 && size.height == 70)
                Self.expectWellFormed(wide, width: 250, height: 70)

                try tmux.resize(width: 60, height: 20)
                let small = try await tmux.waitUntil("the 60×20 layout", timeout: .seconds(30)) {
                    $0.lowercased().contains("enlarge")
                        || (Self.isRedrawn($0, width: 60, height: 20) && Self.isStacked($0))
                }
                if small.lowercased().contains("enlarge") {
                    // Below the minimum: a message naming the size it needs, nothing else half-drawn.
                    #expect(small.contains("at least"), "\(small)")
                    #expect(!Self.isSideBySide(small))
                } else {
                    #expect(Self.isStacked(small), "not stacked at 60×20:\n\(small)")
                    Self.expectWellFormed(small, width: 60, height: 20)
                }

                // And back: the wide layout again, nothing left of the small one.
                try tmux.resize(width: 250, height: 70)
                let again = try await tmux.waitUntil("the side-by-side layout again", timeout: .seconds(30)) {
                    Self.isRedrawn($0, width: 250, height: 70) && Self.isSideBySide($0)
                }
                Self.expectWellFormed(again, width: 250, height: 70)
                #expect(ConsoleE2EScreen.isRunning(tmux))
            }
        }

        @Test func rendersWithAttributesOnlyForMonoTerminalsAndNoColor() async throws {
            try await ConsoleE2EWorld.with { world in
                struct Case {
                    let name: String
                    let term: String
                    let environment: [String: String]
                    let expectColour: Bool
                }
                let cases = [
                    // The control: the same screen in colour, so the check below can fail.
                    Case(name: "tmux-256color", term: "tmux-256color", environment: [:], expectColour: true),
                    Case(name: "TERM=xterm-mono", term: "xterm-mono", environment: [:], expectColour: false),
                    Case(
                        name: "NO_COLOR=1", term: "tmux-256color", environment: ["NO_COLOR": "1"], expectColour: false),
                ]
                for item in cases {
                    let tmux = try world.launch(["console"], term: item.term, extraEnvironment: item.environment)
                    _ = try await ConsoleFlowTests.waitForLoadedDashboard(tmux)
                    #expect(ConsoleE2EScreen.isRunning(tmux))
                    let text = try tmux.captureWithAttributes()
                    let sequences = ConsoleE2EScreen.sgrParameters(text)
                    let colours = ConsoleE2EScreen.colourParameters(sequences)
                    let attributes = Set(sequences.flatMap { $0 }).intersection(["1", "2", "4", "7"])
                    if item.expectColour {
                        #expect(!colours.isEmpty, "\(item.name): no colour at all in the control run")
                    } else {
                        #expect(
                            colours.isEmpty,
                            "\(item.name): colour SGR sequences \(Array(Set(colours)).sorted().prefix(10))")
                        #expect(
                            attributes.contains("1") || attributes.contains("7"),
                            "\(item.name): no bold/reverse: \(Set(sequences.flatMap { $0 }))")
                    }
                    print(
                        "ConsoleFlowLayoutTests \(item.name): \(sequences.count) SGR sequences, colour \(colours.count), attributes \(attributes.sorted())"
                    )
                    tmux.kill()
                }
            }
        }
    }
}
