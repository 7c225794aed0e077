import Testing

@testable import TerminalUI

@Suite struct LineEditorTests {
    func type(_ text: String, into editor: inout LineEditor) {
        for c in text { _ = editor.handle(.key(.char(c))) }
    }

    @Test func insertsAndMovesTheCursor() {
        var e = LineEditor()
        type("helo", into: &e)
        #expect(e.handle(.key(.left)) == .moved)
        type("l", into: &e)
        #expect(e.text == "hello")
        #expect(e.cursor == 4)
        _ = e.handle(.key(.home))
        #expect(e.cursor == 0)
        _ = e.handle(.key(.ctrl("e")))
        #expect(e.cursor == 5)
        _ = e.handle(.key(.ctrl("a")))
        #expect(e.cursor == 0)
        _ = e.handle(.key(.left))
        #expect(e.cursor == 0)
        _ = e.handle(.key(.end))
        _ = e.handle(.key(.right))
        #expect(e.cursor == 5)
    }

    @Test func deletes() {
        var e = LineEditor(text: "deploy model v12")
        #expect(e.handle(.key(.backspace)) == .edited)
        #expect(e.text == "deploy model v1")
        _ = e.handle(.key(.ctrl("w")))
        #expect(e.text == "deploy model ")
        _ = e.handle(.key(.ctrl("w")))
        #expect(e.text == "deploy ")
        _ = e.handle(.key(.home))
        #expect(e.handle(.key(.delete)) == .edited)
        #expect(e.text == "eploy ")
        #expect(e.handle(.key(.backspace)) == .ignored)
        _ = e.handle(.key(.right))
        _ = e.handle(.key(.right))
        _ = e.handle(.key(.ctrl("u")))
        #expect(e.text == "loy ")
        #expect(e.cursor == 0)
        _ = e.handle(.key(.ctrl("k")))
        #expect(e.text == "")
    }

    @Test func pasteIsSanitizedAndCapped() {
        var e = LineEditor(maxLength: 12)
        #expect(e.handle(.paste("prod\u{1B}[2J\nendpoint\r")) == .edited)
        #expect(e.text == "prod endpoin")
        #expect(e.handle(.key(.char("x"))) == .ignored)
    }

    @Test func enterSubmitsEscapeCancels() {
        var e = LineEditor(text: "abc")
        #expect(e.handle(.key(.enter)) == .submitted("abc"))
        #expect(e.handle(.key(.escape)) == .cancelled)
        #expect(e.handle(.key(.f(3))) == .ignored)
        #expect(e.handle(.resize(width: 1, height: 1)) == .ignored)
    }

    @Test func tabCompletesCommonPrefixThenCycles() {
        var e = LineEditor(candidates: ["pending", "env dev", "env preprod", "env prod", "groups"])
        type("e", into: &e)
        #expect(e.handle(.key(.tab)) == .completed)
        #expect(e.text == "env ")
        type("p", into: &e)
        #expect(e.matchingCandidates == ["env preprod", "env prod"])
        #expect(e.handle(.key(.tab)) == .completed)
        #expect(e.text == "env pr")
        #expect(e.nextCompletion == "env preprod")
        _ = e.handle(.key(.tab))
        #expect(e.text == "env preprod")
        _ = e.handle(.key(.tab))
        #expect(e.text == "env prod")
        _ = e.handle(.key(.tab))
        #expect(e.text == "env preprod")
        var single = LineEditor(candidates: ["pending", "groups"])
        type("g", into: &single)
        _ = single.handle(.key(.tab))
        #expect(single.text == "groups")
        var none = LineEditor(candidates: ["pending"])
        type("x", into: &none)
        #expect(none.handle(.key(.tab)) == .ignored)
    }

    @Test func wideCharactersMoveTheCursorByTwoColumns() {
        var e = LineEditor(text: "漢字a")
        #expect(e.cursorColumn == 5)
        _ = e.handle(.key(.left))
        _ = e.handle(.key(.left))
        #expect(e.cursorColumn == 2)
    }

    @Test func typedConfirmationNeedsTheExactText() {
        var modal = ConfirmationModal(title: "t", message: "m", mode: .typed(expected: "fraud-prod"), destructive: true)
        for c in "fraud-pro" { #expect(modal.handle(.key(.char(c))) == .pending) }
        #expect(modal.handle(.key(.enter)) == .pending)
        #expect(modal.mismatch)
        _ = modal.handle(.key(.char("d")))
        #expect(!modal.mismatch)
        #expect(modal.handle(.key(.char("y"))) == .pending)
        _ = modal.handle(.key(.backspace))
        #expect(modal.handle(.key(.enter)) == .confirmed)
        var other = ConfirmationModal(title: "t", message: "m", mode: .typed(expected: "x"))
        #expect(other.handle(.key(.escape)) == .cancelled)
        var yn = ConfirmationModal(title: "t", message: "m")
        #expect(yn.handle(.key(.char("x"))) == .pending)
        #expect(yn.handle(.key(.char("n"))) == .cancelled)
        #expect(yn.handle(.paste("y")) == .pending)
    }
}
