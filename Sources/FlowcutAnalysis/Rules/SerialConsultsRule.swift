import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// `serial-consults`: consultations or field checks one after the other run
/// in parallel instead.
public struct SerialConsultsRule: SuggestionRule {
    public init() {}

    public let description = RuleDescription(
        id: "serial-consults",
        name: "Consult in parallel",
        nameVietnamese: "Lấy ý kiến đồng thời",
        explanation:
            "Consultations or field checks one after the other can be asked for at the same time: the lead time becomes the longer of them, not their sum.",
        explanationVietnamese: "Lấy ý kiến hoặc kiểm tra thực địa nối tiếp nhau có thể tiến hành đồng thời: thời gian bằng bước dài nhất, không phải tổng.",
        triggering: [
            """
            procedure "P"
            step ask1 "Lấy ý kiến Sở Nội vụ" 5d consult
            step ask2 "Lấy ý kiến Sở Tài chính" 5d consult
            step sum "Tổng hợp" 1d
            """
        ],
        nonTriggering: [
            """
            procedure "P"
            step ask1 "Lấy ý kiến Sở Nội vụ" 5d consult
            step sum "Tổng hợp" 1d
            step ask2 "Lấy ý kiến Sở Tài chính" 5d consult
            """
        ],
    )

    public func candidates(_ w: Workflow, _ a: ProcedureAnalysis) -> [Candidate] {
        let kinds: Set<StepKind> = [.consult, .field]
        var out: [Candidate] = []
        for arrow in w.arrows where arrow.probability > 0 {
            let x = w.steps[arrow.from]
            let y = w.steps[arrow.to]
            guard kinds.contains(x.kind), kinds.contains(y.kind), !w.isDecision(arrow.from), !w.isDecision(arrow.to),
                arrow.from != arrow.to
            else { continue }
            out.append(Candidate(change: .parallel(x.id, y.id), reason: .consultTogether(x.id, y.id)))
        }
        return out
    }
}
