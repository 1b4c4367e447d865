import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// `benchmark`: a critical-path step longer than 4 h, with the average cut
/// that Bình Định's 2025 plan reached for its category. A target to discuss,
/// never applied by default.
public struct BenchmarkRule: SuggestionRule {
    public init() {}

    public var isTargetOnly: Bool { true }

    /// Average cuts by step category in Bình Định's approved plan (407
    /// procedures; ANALYSIS.md). Approvals take the mean of the two leader
    /// figures (−54,38% and −52,49%): −53,4%.
    public static let averageCut: [StepKind: Double] = [
        .intake: 43.02, .delivery: 43.02, .work: 47.57, .approval: 53.4,
        .consult: 32.08, .field: 51.91, .clerical: 39.95,
    ]

    public let description = RuleDescription(
        id: "benchmark",
        name: "Bình Định's average cut",
        nameVietnamese: "Mức cắt giảm bình quân của tỉnh Bình Định",
        explanation:
            "A step on the critical path longer than 4 hours, shortened by the average cut Bình Định's approved plan reached for steps of its kind: a target to discuss, not applied by default.",
        explanationVietnamese:
            "Bước trên đường găng dài hơn 4 giờ, rút ngắn theo mức cắt giảm bình quân của loại bước đó trong phương án của tỉnh Bình Định: mục tiêu để thảo luận, không tự động áp dụng.",
        triggering: [
            """
            procedure "P"
            step review "Thẩm định" 3d
            """
        ],
        nonTriggering: [
            """
            procedure "P"
            step review "Thẩm định" 4h
            """,
            """
            procedure "P"
            step pass "Chuyển hồ sơ" 1d handoff
            """,
        ])

    public func candidates(_ w: Workflow, _ a: ProcedureAnalysis) -> [Candidate] {
        a.criticalPath.steps.compactMap { s in
            let step = w.steps[s]
            guard step.duration.mean > 4 + 1e-9, let cut = Self.averageCut[step.kind] else { return nil }
            return Candidate(
                change: .shortenBy(step.id, percent: cut),
                reason: .benchmark(kind: step.kind, percent: cut))
        }
    }
}
