import Testing

@Test func PodiumConsoleTestsPlaceholder() {
    #expect(1 + 1 == 2)
}
