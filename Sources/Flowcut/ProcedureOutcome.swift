import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutSimulation
import FlowcutTiming

/// Which after process to compare with (ANALYSIS.md, "Before and after").
public enum AfterChoice: Sendable, Hashable {
    /// The file's first proposal, else the suggested changes.
    case firstProposal
    /// The proposal of this name.
    case proposal(String)
    /// The suggested changes, even where the file has proposals.
    case suggested
    /// Every proposal and the suggested changes, side by side.
    case compare
}

/// What to analyse and how.
public struct AnalysisRequest: Sendable {
    /// Cases to simulate; nil for the default (fewer for a process too big
    /// to simulate that often: `AnalysisOptions.defaultRuns(steps:limits:)`).
    public var runs: Int?
    public var seed: UInt64
    public var after: AfterChoice
    /// Run the suggestion rules (for processes of at most `Suggester.stepLimit` steps).
    public var suggestions: Bool
    /// What one case, and the whole simulation, may do (`loopReturns`, `stepCases`).
    public var limits: Limits

    public init(
        runs: Int? = nil, seed: UInt64 = Simulator.defaultSeed, after: AfterChoice = .firstProposal, suggestions: Bool = true,
        limits: Limits = .standard
    ) {
        self.runs = runs
        self.seed = seed
        self.after = after
        self.suggestions = suggestions
        self.limits = limits
    }

    /// The analysis options for a process of `steps` steps, and a note when
    /// the default number of cases was lowered for it. (Cases asked for
    /// that `limits.stepCases` cannot hold are refused first: `tooManyCases`.)
    public func options(steps: Int, joins: Int = 0) -> (options: AnalysisOptions, note: ProcedureOutcome.Note?) {
        if let runs { return (AnalysisOptions(runs: runs, seed: seed, limits: limits), nil) }
        let most = AnalysisOptions.defaultRuns(steps: steps, joins: joins, limits: limits)
        let note = most < Simulator.defaultRuns ? ProcedureOutcome.Note.fewerCases(steps: steps, joins: joins, runs: most) : nil
        return (AnalysisOptions(runs: most, seed: seed, limits: limits), note)
    }

    /// Why the cases asked for are too many for a process of `steps` steps
    /// (cases × steps over `limits.stepCases`), or nil.
    public func tooManyCases(steps: Int) -> String? {
        guard let runs, runs > 0, runs > limits.mostRuns(steps: steps) else { return nil }
        let most = limits.mostRuns(steps: steps)
        return "--runs \(grouped(runs)) cases of \(grouped(steps)) steps is over the limit of \(grouped(limits.stepCases)) step-cases; "
            + (most > 0 ? "ask for at most \(grouped(most)) cases, or " : "")
            + "raise the limit with --max-step-cases"
    }
}

/// One procedure analysed: before, suggestions, the comparisons asked for,
/// and what could not be done.
public struct ProcedureOutcome: Sendable {
    public var before: ProcedureAnalysis
    public var suggestions: [Suggestion]
    public var comparisons: [Comparison]
    /// A change of the chosen proposal that cannot be applied.
    public var failure: ApplyError?
    /// `AfterChoice.proposal` named a proposal the file does not have.
    public var missingProposal: String?
    /// Things left undone on purpose.
    public var notes: [Note] = []

    /// Something left undone on purpose, not a problem.
    public enum Note: Sendable, Hashable, CustomStringConvertible {
        /// The default number of cases was lowered for a big process.
        case fewerCases(steps: Int, joins: Int, runs: Int)
        /// No suggestion is measured for a process this big.
        case noSuggestions(steps: Int)
        /// Candidates left unmeasured: each needed a full simulation, and
        /// together they would pass `Suggester.resimulationBudget`.
        case suggestionsLeftOut(Int)

        public var description: String {
            switch self {
            case .fewerCases(let steps, let joins, let runs):
                "\(grouped(steps)) steps\(joins > 0 ? " and \(grouped(joins)) joins" : ""): simulated \(grouped(runs)) cases instead of \(grouped(Simulator.defaultRuns)) (give --runs to choose)"
            case .suggestionsLeftOut(let count):
                "\(grouped(count)) candidate \(count == 1 ? "change was" : "changes were") not measured: each needs this process simulated again in full, and together they would cost more than 25 default simulations"
            case .noSuggestions(let steps):
                "\(grouped(steps)) steps: suggestions are measured for processes of at most \(grouped(Suggester.stepLimit)) steps; none here"
            }
        }
    }
}

extension Flowcut {
    /// Analyses one checked workflow (ANALYSIS.md): the critical path and
    /// simulation, the suggestions measured, and the comparisons asked for.
    public static func analyze(_ w: Workflow, _ request: AnalysisRequest = AnalysisRequest()) -> ProcedureOutcome {
        let note = request.options(steps: w.steps.count, joins: w.joinCount).note
        // The trace is large: it goes with `ready` once the comparisons are made.
        let ready = ReadyProcedure(w, request)
        let traced = ready.traced
        let suggestions = ready.suggestions
        let (suggested, suggestedAfter) = Suggester.suggestedSet(suggestions, to: w)
        var outcome = ProcedureOutcome(before: ready.before, suggestions: suggestions, comparisons: [])
        if let note { outcome.notes.append(note) }
        if request.suggestions, w.steps.count > Suggester.stepLimit {
            outcome.notes.append(.noSuggestions(steps: w.steps.count))
        }
        if ready.leftOut > 0 { outcome.notes.append(.suggestionsLeftOut(ready.leftOut)) }
        // ANALYSIS.md: the named proposal; else the file's first; else the suggested changes.
        var wanted: [(AfterOrigin, [Change])] = []
        switch request.after {
        case .compare:
            wanted = w.proposals.map { (.proposal($0.name), $0.changes) } + [(.suggested, suggested)]
        case .proposal(let name):
            guard let p = w.proposals.first(where: { $0.name == name }) else {
                outcome.missingProposal = name
                return outcome
            }
            wanted = [(.proposal(p.name), p.changes)]
        case .firstProposal where !w.proposals.isEmpty:
            wanted = [(.proposal(w.proposals[0].name), w.proposals[0].changes)]
        case .firstProposal, .suggested:
            wanted = [(.suggested, suggested)]
        }
        for (origin, changes) in wanted where !changes.isEmpty {
            // The traced analysis: its trace may spare the after simulation
            // (the comparison keeps the before analysis without it).
            let applied = origin == .suggested ? suggestedAfter : nil
            switch Comparison.make(traced, origin: origin, changes: changes, applied: applied) {
            case .success(let c): outcome.comparisons.append(c)
            case .failure(let e): outcome.failure = outcome.failure ?? e
            }
        }
        return outcome
    }
}
