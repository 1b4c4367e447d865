import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// How to analyse: the simulation's size and seed, and what one case may
/// do before it is stopped.
public struct AnalysisOptions: Sendable, Hashable {
    /// Cases to simulate; 0 skips the simulation.
    public var runs: Int
    public var seed: UInt64
    /// `loopReturns` and `stepCases` bound the simulation (`Limits.perCase(runs:)`).
    public var limits: Limits

    public init(runs: Int = Simulator.defaultRuns, seed: UInt64 = Simulator.defaultSeed, limits: Limits = .standard) {
        self.runs = runs
        self.seed = seed
        self.limits = limits
    }

    /// When no number of cases is asked for, a process is simulated at most
    /// this many step-cases (steps × cases; a few seconds for a process
    /// that runs mostly one step at a time): 10 000 cases of a 1 000 000-step
    /// process would take hours. A process with thousands of steps running
    /// at once costs more per step (its joins are checked against each
    /// other), so this bounds the work, not the time.
    public static let defaultWork = 200_000_000

    /// The default cases for a process of `steps` steps and `joins` steps
    /// where branches meet: 10 000, or as many as `defaultWork` allows (at
    /// least 100) when that is fewer, and never more than `limits.stepCases`
    /// allows. A case costs a unit a step and, run through the event queue,
    /// a unit for each pair of joins (as a join is released the others
    /// waiting are looked at: parallel blocks nested a thousand deep keep a
    /// thousand joins waiting at once). A process of 1 212 steps and 115
    /// joins still gets 10 000 cases; one of 3 000 steps and 1 000 nested
    /// joins, 199.
    public static func defaultRuns(steps: Int, joins: Int = 0, limits: Limits = .standard) -> Int {
        let pairs = joins.multipliedReportingOverflow(by: joins)
        let cost = pairs.overflow ? Int.max : max(steps, 1) + pairs.partialValue
        return min(Simulator.defaultRuns, max(100, defaultWork / cost), limits.mostRuns(steps: steps))
    }
}

extension Workflow {
    /// Steps where two or more arrows arrive (what the default number of
    /// cases counts as joins: `AnalysisOptions.defaultRuns`).
    public var joinCount: Int { steps.indices.count { graph.incoming($0).count >= 2 } }
}

/// The expected work of one actor on one dossier.
public struct ActorWork: Sendable, Hashable {
    /// The actor's ID; nil for steps without `by`.
    public var actor: String?
    /// Duration × expected visits, summed over the actor's steps (hours).
    public var hours: Double
    /// `hours` ÷ the lead time (expected if simulated, else main).
    public var shareOfLeadTime: Double
}

/// Every number of ANALYSIS.md ("One procedure") for one workflow.
public struct ProcedureAnalysis: Sendable {
    public let workflow: Workflow
    public let options: AnalysisOptions
    public let structure: ProcessStructure
    public let scenario: MainScenario
    public let criticalPath: CriticalPath
    /// Mean time (wait + duration) of each step, hours.
    public let stepTimes: [Double]
    /// nil when `options.runs` is 0.
    public let simulation: SimulationResult?
    /// Arrows of the main scenario between steps of different actors.
    public let handoffArrows: [Int]
    public let actors: [ActorWork]
    /// What the suggester needs to measure changes without running every
    /// case again (`Analyzer.analyze(_:options:keepingTrace:)`); large, so
    /// drop it (`withoutTrace`) once the suggestions are made.
    var trace: SimulationTrace?

    public var withoutTrace: ProcedureAnalysis {
        var copy = self
        copy.trace = nil
        return copy
    }

    public var mainLeadTime: Double { criticalPath.leadTime }
    public var handoffs: Int { handoffArrows.count }

    /// Process cycle efficiency: the duration of `work` steps on the critical
    /// path ÷ the main lead time (lean: above 25% is good); nil for a lead
    /// time of 0. Waits before work steps are waiting, not work.
    public var pce: Double? {
        guard mainLeadTime > 0 else { return nil }
        let work = criticalPath.steps.filter { workflow.steps[$0].kind == .work }
            .reduce(0.0) { $0 + workflow.steps[$1].duration.mean }
        return work / mainLeadTime
    }

    /// Total expected work on one dossier, all actors (hours).
    public var workHours: Double { actors.reduce(0) { $0 + $1.hours } }

    /// Critical-path steps, longest first (ties: earlier on the path).
    public var topTimeConsumers: [Int] {
        criticalPath.steps.enumerated()
            .sorted { stepTimes[$0.element] != stepTimes[$1.element] ? stepTimes[$0.element] > stepTimes[$1.element] : $0.offset < $1.offset }
            .map(\.element)
    }

    /// Whether `time` fits `limit` (nil without a limit).
    public static func fits(_ time: Double?, _ limit: Double?) -> Bool? {
        guard let time, let limit else { return nil }
        return time <= limit + 1e-9 * max(1, limit)
    }
}

public enum Analyzer {
    /// - Parameter keepingTrace: keep the simulation's trace for measuring
    ///   suggestions (`Suggester`, `SavingsMeter`).
    public static func analyze(_ w: Workflow, options: AnalysisOptions = AnalysisOptions(), keepingTrace: Bool = false) -> ProcedureAnalysis {
        analyze(w, options: options, keepingTrace: keepingTrace, simulated: nil)
    }

    /// Each step's actor by index, the last (`actors.count`) for a step
    /// without one or with an ID not declared. (The last of two actors with
    /// one ID counts: inserted first.)
    static func actorSlots(_ w: Workflow) -> [Int32] {
        var actorIndex = NameIndex()
        for (i, a) in w.actors.enumerated().reversed() { actorIndex.insert(a.id, i) }
        var slots = [Int32](repeating: Int32(truncatingIfNeeded: w.actors.count), count: w.steps.count)
        var lastActor: (id: String, index: Int)?
        for (s, step) in w.steps.enumerated() {
            guard let id = step.actor else { continue }
            if let last = lastActor, last.id == id {
                slots[s] = Int32(truncatingIfNeeded: last.index)
            } else if let i = actorIndex[id] {
                slots[s] = Int32(truncatingIfNeeded: i)
                lastActor = (id, i)
            }
        }
        return slots
    }

    /// The arrows of the main scenario from a step with one actor to a step
    /// with another. Two declared actors differ when their slots do (numbers
    /// compared, not IDs); a step without an actor, or with an ID not
    /// declared, has the last slot, and there the IDs are compared.
    static func handoffs(_ w: Workflow, _ scenario: MainScenario, _ slots: [Int32]) -> [Int] {
        let none = Int32(truncatingIfNeeded: w.actors.count)
        var handoffs: [Int] = []
        for (a, arrow) in w.arrows.enumerated() where scenario.follows[a] {
            let (x, y) = (slots[arrow.from], slots[arrow.to])
            if x != none && y != none {
                if x != y { handoffs.append(a) }
            } else if let p = w.steps[arrow.from].actor, let q = w.steps[arrow.to].actor, p != q {
                handoffs.append(a)
            }
        }
        return handoffs
    }

    /// With `simulated`, that simulation of `w` instead of running one
    /// (`SavingsMeter.simulation(after:final:)`).
    static func analyze(_ w: Workflow, options: AnalysisOptions, keepingTrace: Bool, simulated given: SimulationResult?) -> ProcedureAnalysis {
        let structure = ProcessStructure(w)
        let scenario = MainScenario(w, structure)
        // The critical path, and the handoffs and each step's actor: apart,
        // at once on two cores for a big process.
        let ((times, path), (handoffs, slots)) = both(w.steps.count >= 100_000) {
            let times = w.steps.map(\.meanTime)
            return (times, CriticalPath(w, structure, scenario, time: times))
        } _: {
            let slots = Self.actorSlots(w)
            return (Self.handoffs(w, scenario, slots), slots)
        }
        let simulated: (result: SimulationResult, trace: SimulationTrace?)? =
            if let given {
                (given, nil)
            } else if options.runs > 0 {
                Simulator(w, structure, limits: options.limits.perCase(runs: options.runs))
                    .run(runs: options.runs, seed: options.seed, tracing: keepingTrace)
            } else {
                nil
            }
        let simulation = simulated?.result
        // Expected visits: from the simulation; without one, once for each
        // step of the main scenario.
        let visits = simulation?.expectedVisits ?? scenario.contains.map { $0 ? 1 : 0 }
        let lead = simulation.map(\.expectedLeadTime) ?? path.leadTime
        var hours = [Double](repeating: 0, count: w.actors.count + 1)
        for (s, step) in w.steps.enumerated() where visits[s] > 0 {
            hours[Int(slots[s])] += step.duration.mean * visits[s]
        }
        let share = { (h: Double) in lead > 0 ? h / lead : 0 }
        var actors = w.actors.enumerated().map { ActorWork(actor: $0.element.id, hours: hours[$0.offset], shareOfLeadTime: share(hours[$0.offset])) }
        if hours[w.actors.count] > 0 {
            actors.append(ActorWork(actor: nil, hours: hours[w.actors.count], shareOfLeadTime: share(hours[w.actors.count])))
        }
        return ProcedureAnalysis(
            workflow: w, options: options, structure: structure, scenario: scenario, criticalPath: path,
            stepTimes: times, simulation: simulation, handoffArrows: handoffs, actors: actors, trace: simulated?.trace)
    }
}
