import FlowcutCore
import FlowcutLanguage
import FlowcutSimulation
import FlowcutTiming

/// A change a rule proposes, measured: applied alone and analysed again
/// with the same runs and seed as the before analysis.
public struct Suggestion: Sendable {
    /// The rule that proposed it, with its explanations.
    public var ruleDescription: RuleDescription
    public var rule: RuleID { RuleID(ruleDescription.id) }
    public var change: ChangeAction
    /// The change as a statement of a proposal.
    public var statement: String
    /// Why, as data; `reason` is its English wording.
    public var because: SuggestionReason
    public var reason: String { because.english }
    /// Expected lead time saved per dossier (hours; the main lead time when
    /// there is no simulation).
    public var savingHours: Double
    /// `savingHours` × the latest year's dossiers.
    public var savingPerYearHours: Double
    /// Shown as a target, never applied by default (`benchmark`).
    public var isTargetOnly: Bool
}

public enum Suggester {
    /// Suggestions are measured for processes up to this many steps: the
    /// candidates grow with the steps and each costs at least a pass over
    /// the process, so a 1 000 000-step file would take hours (3 600 steps:
    /// about 12 s with 10 000 runs). Callers skip larger processes and say so.
    public static let stepLimit = 5_000

    /// The work (`AnalysisOptions.defaultRuns`' units: cases × (steps +
    /// joins²)) that the candidates a meter cannot measure may take in
    /// full simulations, together: 25 times what the default simulation of
    /// a process takes at most. On a dense graph of 1 000 steps every
    /// candidate needs one, and 95 of them took 14 s.
    public static let resimulationBudget = 25 * AnalysisOptions.defaultWork

    /// Suggestions, and how many candidates were left unmeasured because
    /// simulating each again would pass `resimulationBudget`.
    public struct Measured: Sendable {
        public var suggestions: [Suggestion]
        public var leftOut: Int

        public init(suggestions: [Suggestion], leftOut: Int) {
            self.suggestions = suggestions
            self.leftOut = leftOut
        }
    }

    /// Every rule's candidates, measured and ranked by saving per year, then
    /// per dossier (ties: rule order, then statement). A candidate that does
    /// not apply (it would leave an invalid process) is left out.
    public static func suggestions(_ before: ProcedureAnalysis, rules: [any SuggestionRule] = suggestionRules) -> [Suggestion] {
        measured(before, rules: rules).suggestions
    }

    /// `suggestions`, saying how many candidates were left out for their cost.
    /// - Parameter budget: `resimulationBudget`, lowered by tests.
    public static func measured(
        _ before: ProcedureAnalysis, rules: [any SuggestionRule] = suggestionRules, budget: Int = resimulationBudget
    ) -> Measured {
        let w = before.workflow
        let volume = Double(w.latestDossiers?.total ?? 0)
        var seen = Set<ChangeAction>()
        var candidates: [(rank: Int, rule: any SuggestionRule, candidate: Candidate, statement: String)] = []
        for (rank, rule) in rules.enumerated() {
            for candidate in rule.candidates(w, before) {
                let statement = WorkflowPrinter.statement(candidate.change, workdayHours: w.workdayHours)
                // The same change from two rules is measured once, under the first.
                guard seen.insert(candidate.change).inserted else { continue }
                candidates.append((rank, rule, candidate, statement))
            }
        }
        // The before simulation's trace lets most changes be measured by
        // redrawing only the steps they touch (SavingsMeter); the others
        // are simulated again in full. Both use the same keyed draws.
        let trace =
            before.trace
            ?? before.simulation.flatMap { sim in
                Simulator(w, before.structure, limits: sim.limits).run(runs: sim.runs, seed: sim.seed, tracing: true).trace
            }
        let meter = SavingsMeter(before, trace: trace)
        // First what the meter measures; then, in candidate order, as many
        // of the others as the budget lets be simulated again in full.
        enum Measure: Sendable {
            case saving(Double)
            case simulate(Workflow)
            case invalid
        }
        let metered = candidates.concurrentMap { item -> Measure in
            let change = item.candidate.change
            // A new time for a step leaves the process otherwise as it was:
            // no need to build the after process to measure it.
            let retimed = ProposalApplier.retimedSteps(change, in: w)
            if let meter, let retimed, let s = meter.saving(retimed: retimed) { return .saving(s) }
            guard let applied = ProposalApplier.applyForMeasuring(change, to: w) else { return .invalid }
            // (A new time the meter could not measure is not tried again.)
            if retimed == nil, let s = meter?.saving(change, after: applied) { return .saving(s) }
            return .simulate(applied)
        }
        let runs = before.simulation?.runs ?? 0
        let joins = w.joinCount
        let work = max(1, runs) * (max(1, w.steps.count) + joins * joins)
        let affordable = max(1, budget / work)
        var simulations = 0
        var leftOut = 0
        let chosen = metered.map { m -> Measure in
            guard case .simulate = m else { return m }
            simulations += 1
            if simulations > affordable {
                leftOut += 1
                return .invalid
            }
            return m
        }
        let measured = Array(zip(candidates, chosen)).concurrentMap { item, m -> (Int, Suggestion)? in
            let saving: Double
            switch m {
            case .invalid: return nil
            case .saving(let s): saving = s
            case .simulate(let applied): saving = before.comparableLeadTime - Analyzer.analyze(applied, options: before.options).comparableLeadTime
            }
            return (
                item.rank,
                Suggestion(
                    ruleDescription: item.rule.description, change: item.candidate.change, statement: item.statement,
                    because: item.candidate.reason, savingHours: saving, savingPerYearHours: saving * volume,
                    isTargetOnly: item.rule.isTargetOnly)
            )
        }.compactMap { $0 }
        let ranked = measured.sorted { a, b in
            if a.1.savingPerYearHours != b.1.savingPerYearHours { return a.1.savingPerYearHours > b.1.savingPerYearHours }
            if a.1.savingHours != b.1.savingHours { return a.1.savingHours > b.1.savingHours }
            if a.0 != b.0 { return a.0 < b.0 }
            return a.1.statement < b.1.statement
        }.map(\.1)
        return Measured(suggestions: ranked, leftOut: leftOut)
    }

    /// The largest set of suggestions that do not conflict (see
    /// `ChangeAction.conflicts(with:)`), taken in rank order, never a
    /// target-only one; each is kept only if the set still applies with it.
    public static func suggestedChanges(_ suggestions: [Suggestion], to w: Workflow) -> [Change] {
        suggestedSet(suggestions, to: w).changes
    }

    /// `suggestedChanges`, with the process they leave (as
    /// `Comparison.make` would apply them: the same changes in the same
    /// order, so it need not apply them again).
    public static func suggestedSet(_ suggestions: [Suggestion], to w: Workflow) -> (changes: [Change], after: Workflow) {
        var chosen: [Change] = []
        // Changes apply one after the other, so the set grows by applying
        // each new change to the process the ones before it left.
        var current = w
        for s in suggestions where !s.isTargetOnly {
            guard !chosen.contains(where: { $0.action.conflicts(with: s.change) }) else { continue }
            let change = Change(s.change, reason: s.reason)
            guard let applied = ProposalApplier.applyForMeasuring(change.action, to: current) else { continue }
            current = applied
            chosen.append(change)
        }
        return (chosen, current)
    }
}

extension ProcedureAnalysis {
    /// The lead time suggestions and savings compare: expected if simulated, else main.
    public var comparableLeadTime: Double { simulation?.expectedLeadTime ?? mainLeadTime }
}

extension ChangeAction {
    /// What a change alters, step by step.
    enum Aspect: Hashable { case existence, duration, wait, channel, branches, order }

    var aspects: [(step: String, aspect: Aspect)] {
        switch self {
        case .cut(let s): [(s, .existence)]
        case .shorten(let s, _): [(s, .duration)]
        case .shortenWait(let s, _): [(s, .wait)]
        case .shortenBy(let s, _): [(s, .duration), (s, .wait)]
        case .merge(let a, let b, _, _): [(a, .duration), (a, .order), (b, .existence)]
        case .parallel(let a, let b): [(a, .order), (b, .order)]
        case .online(let ids, let d): ids.flatMap { d == nil ? [($0, Aspect.channel)] : [($0, .channel), ($0, .duration)] }
        case .chance(let a, _, _): [(a, .branches)]
        }
    }

    /// Two changes conflict when one removes a step the other names, or both
    /// alter the same aspect of one step (its duration, wait, channel,
    /// branches or place in the order). `online receive` and `chance receive
    /// -> more 10%` go together; `cut route` and `online route` do not.
    public func conflicts(with other: ChangeAction) -> Bool {
        let mine = aspects
        let theirs = other.aspects
        let removed = Set(mine.filter { $0.aspect == .existence }.map(\.step))
        let removedByOther = Set(theirs.filter { $0.aspect == .existence }.map(\.step))
        if !removed.isDisjoint(with: other.stepIDs) || !removedByOther.isDisjoint(with: stepIDs) { return true }
        let a = Set(mine.map { "\($0.step)|\($0.aspect)" })
        return theirs.contains { a.contains("\($0.step)|\($0.aspect)") }
    }
}

extension SavingsMeter {
    /// The meter of an analysed procedure, from the trace its simulation left.
    init?(_ analysis: ProcedureAnalysis, trace: SimulationTrace?) {
        self.init(analysis.workflow, structure: analysis.structure, result: analysis.simulation, trace: trace)
    }
}
