import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension EmulatorProcess {
    /// A JSON control call under `/_podium/` (stacks, pipelines, GitHub and stack knobs, preflight data: see
    /// `/work/team/EMULATOR.md` and `Emulator/README.md`); returns the decoded JSON object (empty when none).
    @discardableResult
    nonisolated public func control(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws
        -> [String: Any]
    {
        var request = URLRequest(
            url: endpoint.appendingPathComponent(path.hasPrefix("/") ? String(path.dropFirst()) : path))
        request.httpMethod = method
        request.timeoutInterval = 60
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw EmulatorError.controlCallFailed(
                path: path, status: status, body: String(decoding: data, as: UTF8.self))
        }
        if data.isEmpty { return [:] }
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
