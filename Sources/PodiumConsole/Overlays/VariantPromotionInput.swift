import Foundation
import PodiumCore
import TerminalUI

/// The two questions of a challenger or shadow promotion from the picker: the variant's name (offered as
/// `challenger` / `shadow`), then its weight (a challenger) or the percentage of requests it samples (a shadow).
/// A value that does not fit is refused with a message and stays in the line to be corrected.
public struct VariantPromotionInput: Sendable, Equatable {
    /// Which question is asked.
    public enum Step: Sendable, Equatable {
        /// The variant name.
        case name
        /// The weight (challenger) or the sample percentage (shadow).
        case amount
    }

    /// What a key leaves.
    public enum Outcome: Sendable, Equatable {
        /// Still asking (maybe with a refusal message).
        case editing
        /// Esc on the name: back to the targets, nothing asked for.
        case back
        /// Both answers taken.
        case submitted(name: String, addition: VariantPromotionPlanner.Addition)
    }

    /// Challenger or shadow (never `replace`).
    public let mode: VariantPromotionMode
    /// The environment of the chosen target.
    public let environment: String
    /// The endpoint of the chosen target.
    public let endpoint: String
    /// The question asked.
    public private(set) var step: Step = .name
    /// The name line.
    public private(set) var name: LineEditor
    /// The weight or sample line.
    public private(set) var amount = LineEditor(maxLength: 12)
    /// Why the last Enter was refused.
    public private(set) var error: String?

    /// Asks for a `mode` variant on the target, the name line holding the mode's default name.
    public init(mode: VariantPromotionMode, environment: String, endpoint: String) {
        self.mode = mode
        self.environment = environment
        self.endpoint = endpoint
        name = LineEditor(text: mode.defaultName, maxLength: SageMakerNames.maxLength)
    }

    /// The line being edited.
    public var editor: LineEditor { step == .name ? name : amount }

    /// The question, as the pane asks it.
    public var prompt: String {
        switch (step, mode) {
        case (.name, _): return "Variant name (letters, digits and hyphens):"
        case (.amount, .shadow): return "Percentage of requests the shadow samples (1-100):"
        case (.amount, _): return "Weight of \(name.text) (the other variants keep theirs; e.g. 10 beside 90):"
        }
    }

    /// Feeds the line a key the table translated (Enter takes the value, Esc goes one step back).
    public mutating func handle(_ event: KeyEvent) -> Outcome {
        var editor = self.editor
        let result = editor.handle(event)
        if step == .name { name = editor } else { amount = editor }
        switch result {
        case .cancelled:
            error = nil
            if step == .name { return .back }
            step = .name
            return .editing
        case .submitted(let text):
            return submit(text.trimmingCharacters(in: .whitespaces))
        case .edited:
            error = nil
            return .editing
        default:
            return .editing
        }
    }

    /// Takes the line's value when it fits, else says why (the text stays to be corrected).
    mutating func submit(_ text: String) -> Outcome {
        switch step {
        case .name:
            guard SageMakerNames.isValid(text) else {
                error =
                    text.isEmpty
                    ? "A variant name is required."
                    : "\(text) is not a SageMaker variant name (letters, digits and hyphens, at most 63)."
                return .editing
            }
            name = LineEditor(text: text, maxLength: SageMakerNames.maxLength)
            error = nil
            step = .amount
            return .editing
        case .amount:
            let value = Double(text)
            switch mode {
            case .shadow:
                guard let value, (1...100).contains(value) else {
                    error = "The sample is a percentage from 1 to 100, not \(text.isEmpty ? "nothing" : text)."
                    return .editing
                }
                error = nil
                return .submitted(name: name.text, addition: .shadow(samplePercent: value))
            case .challenger, .replace:
                guard let value, value.isFinite, value > 0 else {
                    error = "The weight is a number above 0, not \(text.isEmpty ? "nothing" : text)."
                    return .editing
                }
                error = nil
                return .submitted(name: name.text, addition: .challenger(weight: value))
            }
        }
    }
}
