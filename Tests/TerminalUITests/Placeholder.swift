import Testing

@Test func TerminalUITestsPlaceholder() {
    #expect(1 + 1 == 2)
}
