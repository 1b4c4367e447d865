import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// `same-actor`: two steps of the same actor with only a handoff between:
/// the handoff moves nothing anywhere; cut it.
public struct SameActorRule: SuggestionRule {
    public init() {}

    public let description = RuleDescription(
        id: "same-actor",
        name: "No handoff to oneself",
        nameVietnamese: "Bỏ bước tự chuyển hồ sơ cho chính mình",
        explanation: "A handoff between two steps of the same actor hands the dossier to the same person: cut it.",
        explanationVietnamese: "Bước chuyển hồ sơ giữa hai bước của cùng một người/bộ phận là thừa: bỏ bước chuyển.",
        triggering: [
            """
            procedure "P"
            actor cv "Chuyên viên"
            step draft "Dự thảo" by cv 1d
            step pass "Chuyển hồ sơ" 2h handoff
            step finish "Hoàn thiện" by cv 4h
            """
        ],
        nonTriggering: [
            """
            procedure "P"
            actor cv "Chuyên viên"
            actor ldp "Lãnh đạo phòng"
            step draft "Dự thảo" by cv 1d
            step pass "Chuyển hồ sơ" 2h handoff
            step check "Xem xét" by ldp 4h approval
            """
        ])

    public func candidates(_ w: Workflow, _ a: ProcedureAnalysis) -> [Candidate] {
        var out: [Candidate] = []
        for (h, step) in w.steps.enumerated() where step.kind == .handoff && !step.isFixed {
            let before = w.predecessors(h)
            let after = w.successors(h)
            guard before.count == 1, after.count == 1, let x = w.steps[before[0]].actor, x == w.steps[after[0]].actor else { continue }
            out.append(Candidate(change: .cut(step.id), reason: .handsToItself(actor: x)))
        }
        return out
    }
}
