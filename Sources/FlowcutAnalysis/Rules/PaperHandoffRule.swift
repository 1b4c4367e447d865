import FlowcutCore

/// `paper-handoff`: a handoff step in a procedure served online at level 3/4
/// is done by the one-stop software; cut it.
public struct PaperHandoffRule: SuggestionRule {
    public init() {}

    public let description = RuleDescription(
        id: "paper-handoff",
        name: "Handoff done by the one-stop software",
        explanation: "In a procedure with an online service (level 3/4, một phần, toàn trình) the one-stop software routes the dossier: a handoff step can be cut.",
        explanationVietnamese: "Thủ tục đã có dịch vụ công trực tuyến (mức độ 3, 4, một phần, toàn trình) thì phần mềm một cửa chuyển hồ sơ: có thể bỏ bước chuyển hồ sơ.",
        triggering: ["""
            procedure "P"
              service level4
            step receive "Tiếp nhận" 4h intake
            step route "Chuyển hồ sơ" 4h handoff
            step review "Thẩm định" 2d
            """],
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
        ])

    public func candidates(_ w: Workflow, _ a: ProcedureAnalysis) -> [Candidate] {
        guard w.service.acceptsOnlineDossiers else { return [] }
        return w.steps.filter { $0.kind == .handoff && !$0.isFixed }.map {
            Candidate(change: .cut($0.id), reason: "the one-stop software routes the dossier")
        }
    }
}
