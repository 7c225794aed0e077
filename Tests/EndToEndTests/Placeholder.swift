import Testing

@Test func EndToEndTestsPlaceholder() {
    #expect(1 + 1 == 2)
}
