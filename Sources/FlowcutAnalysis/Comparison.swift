import FlowcutCore
import FlowcutLanguage
import FlowcutSimulation
import FlowcutTiming

/// What the after process is: a reviewer's proposal (by name, whatever the
/// name) or flowcut's suggested set of changes.
public enum AfterOrigin: Sendable, Hashable {
    case proposal(String)
    case suggested

    /// The JSON's `proposal` value (ANALYSIS.md): the name, or "suggested".
    public var jsonName: String {
        switch self {
        case .proposal(let name): name
        case .suggested: "suggested"
        }
    }
}

/// Before and after (ANALYSIS.md): the after workflow is the before one with
/// a proposal applied, every number computed for both, and the savings.
public struct Comparison: Sendable {
    /// Where the after process came from.
    public var origin: AfterOrigin
    public var changes: [Change]
    public var before: ProcedureAnalysis
    public var after: ProcedureAnalysis

    public var savedMainLeadTime: Double { before.mainLeadTime - after.mainLeadTime }
    public var savedExpectedLeadTime: Double? {
        guard let b = before.simulation, let a = after.simulation else { return nil }
        return b.expectedLeadTime - a.expectedLeadTime
    }
    public var savedP90: Double? {
        guard let b = before.simulation, let a = after.simulation else { return nil }
        return b.percentile(0.9) - a.percentile(0.9)
    }
    public var savedHandoffs: Int { before.handoffs - after.handoffs }
    public var savedWorkHours: Double { before.workHours - after.workHours }

    /// Dossiers a year: the latest year's.
    public var volume: Double { Double(before.workflow.latestDossiers?.total ?? 0) }
    /// Citizen-days a year: expected lead time saved × volume ÷ workday hours
    /// (main lead time when not simulated).
    public var citizenDaysPerYear: Double {
        (savedExpectedLeadTime ?? savedMainLeadTime) * volume / before.workflow.workdayHours
    }
    /// Staff hours a year: work hours saved × volume.
    public var staffHoursPerYear: Double { savedWorkHours * volume }

    /// Applies `changes` and analyses the result with the before options.
    /// The changes are applied on the model (`applyForMeasuring`); only when
    /// one fails is the proposal applied again the printing way, for its
    /// error on the change's line.
    /// `applied`: the process the changes leave, when the caller has it
    /// (`Suggester.suggestedSet`).
    public static func make(
        _ before: ProcedureAnalysis, origin: AfterOrigin, changes: [Change], applied: Workflow? = nil
    ) -> Result<Comparison, ApplyError> {
        var after: Workflow? = before.workflow
        if let applied {
            after = applied
        } else {
            for change in changes {
                after = after.flatMap { ProposalApplier.applyForMeasuring(change.action, to: $0) }
            }
        }
        if let after, !changes.isEmpty {
            // With the before simulation's trace, the after simulation is
            // made from it when every change can be measured that way.
            let simulated = SavingsMeter(before, trace: before.trace)?.simulation(after: changes.map(\.action), final: after)
            return .success(
                Comparison(
                    origin: origin, changes: changes, before: before.withoutTrace,
                    after: Analyzer.analyze(after, options: before.options, keepingTrace: false, simulated: simulated)))
        }
        return ProposalApplier.apply(changes, to: before.workflow).map { applied in
            Comparison(
                origin: origin, changes: changes, before: before.withoutTrace,
                after: Analyzer.analyze(applied.workflow, options: before.options))
        }
    }
}
