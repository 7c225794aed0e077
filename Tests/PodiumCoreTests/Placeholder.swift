import Testing

@Test func PodiumCoreTestsPlaceholder() {
    #expect(1 + 1 == 2)
}
