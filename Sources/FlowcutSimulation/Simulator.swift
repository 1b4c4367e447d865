import FlowcutCore
import FlowcutTiming

/// A way of running a plan's cases. `Simulator.run` asks each engine in
/// turn; an engine that cannot run this process (or these many cases)
/// answers nil. A new engine (resource queues, say) conforms to this and
/// takes its place in that order.
protocol SimulationEngine: Sendable {
    /// Runs `runs` cases from `seed`, recording them in `trace` if given;
    /// nil when this engine cannot run them.
    func run(runs: Int, seed: UInt64, trace: inout SimulationTrace?) -> SimulationResult?
}

/// Runs cases of a process, drawing every decision and duration:
/// - a decision takes one arrow, drawn by its probability; other steps start
///   all their arrows;
/// - durations and waits are drawn uniform for a range, PERT-beta for a
///   three-point estimate;
/// - an arrow that closes a loop starts its target again as soon as it
///   fires; a case that makes more such returns, or runs more steps, than
///   its `CaseLimits` allow is stopped and counted;
/// - a step with several forward predecessors waits for those that can
///   still arrive in this case: it starts when every one of them has
///   arrived or can no longer be reached from anything still running.
public struct Simulator: Sendable {
    public static let defaultRuns = 10_000
    public static let defaultSeed: UInt64 = 20_211_213

    /// The process compiled for the engines.
    let plan: SimulationPlan

    /// - Parameter limits: what one case may do before it is stopped
    ///   (`Limits.perCase(runs:)` for the cases to be run).
    public init(_ w: Workflow, _ structure: ProcessStructure, limits: CaseLimits) {
        plan = SimulationPlan(w, structure, limits: limits)
    }

    /// Runs `runs` cases from `seed`.
    public func run(runs: Int, seed: UInt64) -> SimulationResult {
        run(runs: runs, seed: seed, tracing: false).result
    }

    /// Runs `runs` cases from `seed`; with `tracing`, also what measuring a
    /// change without running the cases again needs (nil when too large).
    /// A block-structured process runs step by step over all cases
    /// (`StepwiseEngine`, the same numbers); other shapes, or `stepwise:
    /// false`, run case by case through the event queue (`EventQueueEngine`).
    package func run(runs: Int, seed: UInt64, tracing: Bool, stepwise: Bool = true) -> (result: SimulationResult, trace: SimulationTrace?) {
        let traced = tracing && plan.n * runs <= SimulationTrace.maxEntries
        if stepwise, let engine = StepwiseEngine(plan, runs: runs) {
            var trace = traced ? SimulationTrace(plan, runs: runs, seed: seed, tables: false) : nil
            if let result = engine.run(runs: runs, seed: seed, trace: &trace) { return (result, trace?.isUsable == true ? trace : nil) }
        }
        var trace = traced ? SimulationTrace(plan, runs: runs, seed: seed) : nil
        let result = EventQueueEngine(plan: plan).run(runs: runs, seed: seed, trace: &trace)!
        return (result, trace?.isUsable == true ? trace : nil)
    }

    /// The lead time of case `c` alone (nil if it was stopped in a loop).
    func leadTime(case c: Int, seed: UInt64) -> Double? { plan.eventQueueLeadTime(case: c, seed: seed) }

    /// Case `c` alone: its lead time (nil if it was stopped in a loop) and
    /// how many times each step it touched ran.
    func run(case c: Int, seed: UInt64) -> (lead: Double?, visits: [(step: Int, count: Int)]) { plan.eventQueueCase(c, seed: seed) }

    /// The step decision `s` sends a case to for the uniform draw `x`.
    func branch(of s: Int, _ x: Double) -> Int { plan.branch(of: s, x) }
}
