import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// `paper-handoff`: a handoff step in a procedure served online at level 3/4
/// is done by the one-stop software; cut it. A handoff step that is also a
/// decision (it sends some dossiers back) is kept: routing software passes a
/// dossier on, it does not decide where it goes.
public struct PaperHandoffRule: SuggestionRule {
    public init() {}

    public let description = RuleDescription(
        id: "paper-handoff",
        name: "Handoff done by the one-stop software",
        nameVietnamese: "Chuyển hồ sơ trên phần mềm một cửa",
        explanation:
            "In a procedure with an online service (level 3/4, một phần, toàn trình) the one-stop software routes the dossier: a handoff step can be cut (not one that also decides where the dossier goes).",
        explanationVietnamese:
            "Thủ tục đã có dịch vụ công trực tuyến (mức độ 3, 4, một phần, toàn trình) thì phần mềm một cửa chuyển hồ sơ: có thể bỏ bước chuyển hồ sơ (trừ bước còn quyết định hồ sơ đi tiếp hay bị trả lại).",
        triggering: [
            """
            procedure "P"
              service level4
            step receive "Tiếp nhận" 4h intake
            step route "Chuyển hồ sơ" 4h handoff
            step review "Thẩm định" 2d
            """
        ],
        nonTriggering: [
            """
            procedure "P"
              service level2
            step receive "Tiếp nhận" 4h intake
            step route "Chuyển hồ sơ" 4h handoff
            step review "Thẩm định" 2d
            """,
            """
            procedure "P"
              service full
            step receive "Tiếp nhận" 4h intake
            step review "Thẩm định" 2d
            """,
            """
            procedure "P"
              service level4
            step receive "Tiếp nhận" 4h intake
            step route "Chuyển hồ sơ" 4h handoff
            step fix "Bổ sung hồ sơ" 1d rework
            step review "Thẩm định" 2d
            receive -> route
            route -> review 90%
            route -> fix 10%
            fix -> route
            """,
        ])

    public func candidates(_ w: Workflow, _ a: ProcedureAnalysis) -> [Candidate] {
        guard w.service.acceptsOnlineDossiers else { return [] }
        return w.steps.indices.filter { w.steps[$0].kind == .handoff && !w.steps[$0].isFixed && !w.isDecision($0) }.map {
            Candidate(change: .cut(w.steps[$0].id), reason: .softwareRoutes)
        }
    }
}
