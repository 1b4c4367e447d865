import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// `rework`: a decision sends 10% or more of the dossiers back for more
/// documents: one-time guidance and checks in the online form halve it.
public struct ReworkRule: SuggestionRule {
    public init() {}

    public let description = RuleDescription(
        id: "rework",
        name: "Halve the requests for more documents",
        nameVietnamese: "Giảm một nửa số lần yêu cầu bổ sung hồ sơ",
        explanation:
            "When 10% or more of the dossiers go back for more documents, one-time guidance at the desk and checks in the online form halve that share.",
        explanationVietnamese: "Khi từ 10% hồ sơ trở lên phải bổ sung, hướng dẫn một lần và kiểm tra ngay trên biểu mẫu trực tuyến giảm một nửa tỷ lệ này.",
        triggering: [
            """
            procedure "P"
            step review "Thẩm định" 2d
            step more "Yêu cầu bổ sung" 4h rework wait 5d
            step sign "Ký" 4h
            review -> sign
            review -> more 15%
            more -> review
            """
        ],
        nonTriggering: [
            """
            procedure "P"
            step review "Thẩm định" 2d
            step more "Yêu cầu bổ sung" 4h rework wait 5d
            step sign "Ký" 4h
            review -> sign
            review -> more 5%
            more -> review
            """
        ])

    public func candidates(_ w: Workflow, _ a: ProcedureAnalysis) -> [Candidate] {
        var out: [Candidate] = []
        for arrow in w.arrows where arrow.writtenProbability != nil || w.isDecision(arrow.from) {
            guard w.steps[arrow.to].kind == .rework, arrow.probability >= 0.1 - 1e-12, w.graph.outgoing(arrow.from).count > 1 else { continue }
            let half = arrow.probability * 100 / 2
            out.append(
                Candidate(
                    change: .chance(from: w.steps[arrow.from].id, to: w.steps[arrow.to].id, percent: half),
                    reason: .fewerRequests))
        }
        return out
    }
}
