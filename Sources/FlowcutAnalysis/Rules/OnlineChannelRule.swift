import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// `online-channel`: a paper step in a procedure with an online service
/// moves online (level 3/4 dossiers are received online only from 2022).
public struct OnlineChannelRule: SuggestionRule {
    public init() {}

    public let description = RuleDescription(
        id: "online-channel",
        name: "Receive and handle online",
        nameVietnamese: "Tiếp nhận, giải quyết trực tuyến",
        explanation: "Level 3/4 procedures are received and handled online only, without paper (from Q1 2022): a paper step moves online.",
        explanationVietnamese: "Thủ tục mức độ 3, 4 tiếp nhận và giải quyết trực tuyến, không nhận bản giấy (từ quý 1/2022): chuyển bước giấy sang trực tuyến.",
        triggering: [
            """
            procedure "P"
              service level3
            step receive "Tiếp nhận" 4h intake paper
            """
        ],
        nonTriggering: [
            """
            procedure "P"
              service level2
            step receive "Tiếp nhận" 4h intake paper
            """,
            """
            procedure "P"
              service level4
            step receive "Tiếp nhận" 4h intake online
            """,
        ])

    public func candidates(_ w: Workflow, _ a: ProcedureAnalysis) -> [Candidate] {
        guard w.service.acceptsOnlineDossiers else { return [] }
        return w.steps.filter { $0.channel == .paper }.map {
            Candidate(change: .online([$0.id], duration: nil), reason: .onlineOnly)
        }
    }
}
