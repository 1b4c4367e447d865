import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// `serial-approvals`: an approval followed directly by another approval of
/// a different actor: merge them, the first approver signing (delegation).
public struct SerialApprovalsRule: SuggestionRule {
    public init() {}

    public let description = RuleDescription(
        id: "serial-approvals",
        name: "Delegate the signature",
        nameVietnamese: "Ủy quyền ký",
        explanation: "Two approvals in a row by different leaders: the first can sign on behalf of the second (delegated signing), one step instead of two.",
        explanationVietnamese: "Hai bước xem xét, ký liên tiếp của hai lãnh đạo khác nhau: ủy quyền cho lãnh đạo thứ nhất ký, còn một bước.",
        triggering: [
            """
            procedure "P"
            actor ldp "Lãnh đạo phòng"
            actor lds "Lãnh đạo Sở"
            step check "Xem xét, trình ký" by ldp 1d approval
            step sign "Ký" by lds 1d approval
            """
        ],
        nonTriggering: [
            """
            procedure "P"
            actor ldp "Lãnh đạo phòng"
            step check "Xem xét" by ldp 1d approval
            step sign "Ký" by ldp 1d approval
            """,
            """
            procedure "P"
            actor ldp "Lãnh đạo phòng"
            actor lds "Lãnh đạo Sở"
            step check "Xem xét" by ldp 1d approval
            step sign "Ký" by lds 1d approval fixed
            """,
        ])

    public func candidates(_ w: Workflow, _ a: ProcedureAnalysis) -> [Candidate] {
        var out: [Candidate] = []
        for (s, step) in w.steps.enumerated() where step.kind == .approval && !step.isFixed {
            let next = w.successors(s)
            guard w.graph.outgoing(s).count == 1, next.count == 1 else { continue }
            let t = next[0]
            let second = w.steps[t]
            guard second.kind == .approval, !second.isFixed, w.graph.incoming(t).count == 1,
                let x = step.actor, let y = second.actor, x != y
            else { continue }
            out.append(
                Candidate(
                    change: .merge(step.id, second.id, actor: x, duration: nil),
                    reason: .delegatedSigning(signer: x, onBehalfOf: y)))
        }
        return out
    }
}
