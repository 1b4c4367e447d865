import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// `queue-wait`: a wait on the critical path is halved (a service standard).
public struct QueueWaitRule: SuggestionRule {
    public init() {}

    public let description = RuleDescription(
        id: "queue-wait",
        name: "Halve a wait on the critical path",
        nameVietnamese: "Rút ngắn một nửa thời gian chờ trên đường găng",
        explanation: "A dossier waiting in a queue on the critical path adds its wait to the lead time: a service standard halves it.",
        explanationVietnamese: "Thời gian chờ trên đường găng cộng thẳng vào thời gian giải quyết: áp dụng chuẩn phục vụ, giảm một nửa.",
        triggering: [
            """
            procedure "P"
            step review "Thẩm định" 1d wait 2d
            step sign "Ký" 4h
            """
        ],
        nonTriggering: [
            """
            procedure "P"
            step review "Thẩm định" 1d
            step sign "Ký" 4h
            """
        ])

    public func candidates(_ w: Workflow, _ a: ProcedureAnalysis) -> [Candidate] {
        a.criticalPath.steps.filter { !w.steps[$0].wait.isZero }.map { s in
            Candidate(
                change: .shortenWait(w.steps[s].id, to: w.steps[s].wait.scaled(by: 0.5)),
                reason: .halvedWait(step: w.steps[s].id))
        }
    }
}
