import Foundation
import PodiumCore
import TerminalUI

/// The comment prompt of an approve or reject.
public struct CommentPrompt: Sendable, Equatable {
    /// The version acted on.
    public var key: VersionKey
    /// Approve or reject.
    public var decision: ApprovalStatus
    /// The status the operator saw (sent as the expected status).
    public var seenStatus: ApprovalStatus
    /// The editor.
    public var editor: LineEditor
    /// Set after Enter on an empty comment.
    public var emptyRefused = false

    /// Creates a prompt.
    public init(key: VersionKey, decision: ApprovalStatus, seenStatus: ApprovalStatus) {
        self.key = key
        self.decision = decision
        self.seenStatus = seenStatus
        self.editor = LineEditor(maxLength: 600)
    }
}

extension CommentPrompt {
    /// What a key leaves.
    public enum Outcome: Equatable, Sendable {
        /// Still editing (or an empty comment was refused).
        case editing
        /// Cancelled.
        case cancelled
        /// Submitted with this (trimmed, non-empty) comment.
        case submitted(String)
    }

    /// Feeds the editor; an empty comment is refused (the prompt says so) rather than submitted.
    public mutating func handle(_ event: KeyEvent) -> Outcome {
        switch editor.handle(event) {
        case .submitted(let text):
            let comment = text.trimmingCharacters(in: .whitespaces)
            if comment.isEmpty {
                emptyRefused = true
                return .editing
            }
            return .submitted(comment)
        case .cancelled:
            return .cancelled
        default:
            emptyRefused = false
            return .editing
        }
    }
}
