import Foundation

/// A version's evaluation metrics from its `ModelMetrics.ModelQuality.Statistics` S3 JSON.
public struct EvaluationReport: Sendable, Equatable, Codable {
    /// Whether and how the report could be read.
    public enum State: String, Sendable, Equatable, Codable {
        /// The package names no model-quality report.
        case missing
        /// The report was read and parsed.
        case loaded
        /// The report could not be fetched or parsed; `problem` says why.
        case unreadable
    }

    /// The state.
    public var state: State
    /// The report's S3 URI, when the package names one.
    public var s3Uri: String?
    /// The metrics, in report order (`accuracy`, `auc`, `rmse`…).
    public var metrics: [EvaluationMetric]
    /// Why the report could not be read.
    public var problem: String?

    /// Creates a report.
    public init(state: State, s3Uri: String? = nil, metrics: [EvaluationMetric] = [], problem: String? = nil) {
        self.state = state
        self.s3Uri = s3Uri
        self.metrics = metrics
        self.problem = problem
    }

    /// The value of a metric by name.
    public func value(of name: String) -> Double? {
        metrics.first { $0.name == name }?.value
    }

    /// Parses SageMaker's model-quality JSON: `{"<problem>_metrics": {"<name>": {"value": x, "standard_deviation": y}}}`.
    /// Entries without a numeric `value` (confusion matrices, curves) are skipped.
    public static func parse(_ data: Data, s3Uri: String?) -> EvaluationReport {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            return EvaluationReport(state: .unreadable, s3Uri: s3Uri, problem: "the report is not valid JSON")
        }
        guard case .object(let object) = root else {
            return EvaluationReport(state: .unreadable, s3Uri: s3Uri, problem: "the report is not a JSON object")
        }
        var metrics: [EvaluationMetric] = []
        for sectionName in object.keys.sorted() where sectionName.hasSuffix("_metrics") {
            guard case .object(let section) = object[sectionName] else { continue }
            for name in section.keys.sorted() {
                guard case .object(let entry) = section[name], case .number(let value) = entry["value"],
                    value.isFinite
                else { continue }
                var deviation: Double?
                if case .number(let d) = entry["standard_deviation"], d.isFinite { deviation = d }
                metrics.append(
                    EvaluationMetric(name: name, value: value, standardDeviation: deviation, section: sectionName))
            }
        }
        if metrics.isEmpty {
            return EvaluationReport(
                state: .unreadable, s3Uri: s3Uri,
                problem: "the report has no model-quality metrics (expected e.g. binary_classification_metrics)")
        }
        return EvaluationReport(state: .loaded, s3Uri: s3Uri, metrics: metrics)
    }
}

/// One evaluation metric.
public struct EvaluationMetric: Sendable, Equatable, Codable {
    /// The metric name (`accuracy`, `auc`, `rmse`).
    public var name: String
    /// Its value.
    public var value: Double
    /// Its standard deviation, when reported.
    public var standardDeviation: Double?
    /// The report section (`binary_classification_metrics`).
    public var section: String

    /// Creates a metric.
    public init(name: String, value: Double, standardDeviation: Double?, section: String) {
        self.name = name
        self.value = value
        self.standardDeviation = standardDeviation
        self.section = section
    }
}
