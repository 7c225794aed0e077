import Testing

@Test func AWSCoreTestsPlaceholder() {
    #expect(1 + 1 == 2)
}
