/// Existence checks made with a describe call.
enum ResourceProbe {
    /// Whether `probe` succeeds: any failure (not found, but also denied or unreachable) counts as absent, which
    /// is safe where it is used: the create that follows finds out, and an existing resource is then reused.
    static func exists(_ probe: () async throws -> Void) async -> Bool {
        do {
            try await probe()
            return true
        } catch {
            return false
        }
    }
}
