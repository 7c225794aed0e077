import Foundation

extension ModelVersion {
    /// Who changed the version last and when, as far as known: `by arn:… at 2027-01-15T08:00:00Z`, `at …`, or
    /// empty (refusals name it, so the operator knows whom to ask).
    public var lastChange: String {
        [lastModifiedBy.map { "by \($0)" }, lastModified.map { "at \(ISO8601.string($0))" }].compactMap { $0 }
            .joined(separator: " ")
    }
}
