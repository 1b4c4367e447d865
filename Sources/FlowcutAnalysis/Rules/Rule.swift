import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// What a rule is, in words and examples; the examples drive its tests and
/// the rule list in docs/suggestions.md.
public struct RuleDescription: Sendable {
    public let id: String
    public let name: String
    /// The name in Vietnamese, for the reviewers' reports.
    public let nameVietnamese: String
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

/// Why a rule proposes a change, as data: each report says it in its own
/// language and names the steps and actors (`Words.reason`). `english` is
/// the wording of the `.flow` comment `flowcut suggest` writes.
public enum SuggestionReason: Sendable, Hashable {
    /// paper-handoff: the one-stop software routes the dossier.
    case softwareRoutes
    /// online-channel: level 3/4 dossiers are received online only.
    case onlineOnly
    /// serial-approvals: the first signer (actor ID) signs for the second.
    case delegatedSigning(signer: String, onBehalfOf: String)
    /// serial-consults: the two consultations (step IDs) at the same time.
    case consultTogether(String, String)
    /// same-actor: the actor (ID) hands the dossier to itself.
    case handsToItself(actor: String)
    /// queue-wait: a service standard halves the wait before the step (ID).
    case halvedWait(step: String)
    /// rework: guidance and checks in the online form halve the requests.
    case fewerRequests
    /// benchmark: Bình Định's plan cut steps of this kind by this percent.
    case benchmark(kind: StepKind, percent: Double)

    public var english: String {
        switch self {
        case .softwareRoutes: "the one-stop software routes the dossier"
        case .onlineOnly: "level 3/4 dossiers are received online only"
        case .delegatedSigning(let x, let y): "\(x) signs on behalf of \(y) (delegated signing)"
        case .consultTogether(let a, let b): "ask \(a) and \(b) at the same time"
        case .handsToItself(let x): "\(x) hands the dossier to itself"
        case .halvedWait(let s): "a service standard halves the wait before \(s)"
        case .fewerRequests: "one-time guidance and checks in the online form halve the requests for more documents"
        case .benchmark(let kind, let cut):
            "Bình Định's plan cut \(kind.rawValue) steps by \(formatNumber(cut, decimals: 2))% on average"
        }
    }
}

/// A change a rule proposes, with its reason.
public struct Candidate: Sendable, Hashable {
    public var change: ChangeAction
    public var reason: SuggestionReason
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
