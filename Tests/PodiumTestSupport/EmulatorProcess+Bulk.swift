import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension EmulatorProcess {
    /// `POST /_podium/bulk-registry`: `groups` groups (`model-000`…) of `versions` versions each, the newest
    /// `pendingFraction` of each group pending, created in the emulator's process (seconds, not minutes).
    public func bulkRegistry(groups: Int, versions: Int, pendingFraction: Double) async throws {
        var request = URLRequest(url: endpoint.appendingPathComponent("_podium/bulk-registry"))
        request.httpMethod = "POST"
        request.timeoutInterval = 300
        request.httpBody = try JSONSerialization.data(withJSONObject: [
            "groups": groups, "versions": versions, "pending_fraction": pendingFraction,
        ])
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw EmulatorError.controlCallFailed(
                path: "/_podium/bulk-registry", status: status, body: String(decoding: data, as: UTF8.self))
        }
    }
}
