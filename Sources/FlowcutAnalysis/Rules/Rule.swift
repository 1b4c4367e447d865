import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// What a rule is, in words and examples; the examples drive its tests and
/// the rule list in docs/suggestions.md.
public struct RuleDescription: Sendable {
    public let id: String
    public let name: String
    public let explanation: String
    /// The same in Vietnamese, for the reviewers' reports.
    public let explanationVietnamese: String
    /// .flow files in which the rule fires.
    public let triggering: [String]
    /// .flow files in which it does not.
    public let nonTriggering: [String]
}

/// A rule's identity (`paper-handoff`, …): what a suggestion says it came
/// from (the suggestion carries the rule's description itself).
public struct RuleID: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }
}

/// A change a rule proposes, with the reason in plain words.
public struct Candidate: Sendable, Hashable {
    public var change: ChangeAction
    public var reason: String
}

/// A suggestion rule (ANALYSIS.md, "Suggestions"): looks at a workflow and
/// its analysis, proposes change statements.
public protocol SuggestionRule: Sendable {
    var description: RuleDescription { get }
    func candidates(_ workflow: Workflow, _ analysis: ProcedureAnalysis) -> [Candidate]
    /// Shown as a target, never applied by default.
    var isTargetOnly: Bool { get }
}

extension SuggestionRule {
    public var isTargetOnly: Bool { false }
}

/// Every rule, in the order of ANALYSIS.md.
public let suggestionRules: [any SuggestionRule] = [
    PaperHandoffRule(), OnlineChannelRule(), SerialApprovalsRule(), SerialConsultsRule(),
    SameActorRule(), QueueWaitRule(), ReworkRule(), BenchmarkRule(),
]

extension Workflow {
    /// Predecessor and successor steps through taken arrows.
    func predecessors(_ s: Int) -> [Int] { graph.incoming(s).filter { arrows[$0].probability > 0 }.map { arrows[$0].from } }
    func successors(_ s: Int) -> [Int] { graph.outgoing(s).filter { arrows[$0].probability > 0 }.map { arrows[$0].to } }
}
