import FlowcutCore
import Testing

@testable import FlowcutAnalysis
@testable import FlowcutSimulation
@testable import FlowcutTiming

/// A case that loops too often, or runs too many steps, is stopped and
/// counted; the expected counts come from the geometric law of the loop,
/// worked out by hand.
struct CaseLimitTests {
    /// a → b; b returns to a with 50%, else goes on to c. A case makes k
    /// returns with probability 0.5^(k+1); it runs 2(k+1) + 1 steps.
    static let halfLoop = """
        procedure "Half"
        step a "A" 1h
        step b "B" 1h
        step c "C" 1h
        a -> b
        b -> a 50%
        b -> c 50%
        """

    /// `Limits.perCase`: each case gets its share of `stepCases`.
    @Test func eachCaseGetsItsShareOfTheStepCases() {
        #expect(Limits(stepCases: 160_000).perCase(runs: 16_000) == CaseLimits(loopReturns: 1_000, stepRuns: 10))
        #expect(Limits(stepCases: 5).perCase(runs: 16) == CaseLimits(loopReturns: 1_000, stepRuns: 1))
        #expect(Limits().mostRuns(steps: 1_000_000) == 1_000)
    }

    /// Over 3 loop returns means k ≥ 4: P = 0.5^4 = 1/16, so 1 000 of
    /// 16 000 cases expected (standard deviation √(16 000 · 1/16 · 15/16)
    /// ≈ 30.6; the test allows 4 of them).
    @Test func overTheLoopReturnsACaseIsStopped() throws {
        let w = try workflow(Self.halfLoop)
        let sim = try #require(Analyzer.analyze(w, options: AnalysisOptions(runs: 16_000, seed: 3, limits: Limits(loopReturns: 3))).simulation)
        #expect(abs(sim.stoppedCases - 1_000) <= 123, "stopped \(sim.stoppedCases)")
        #expect(sim.completedCases + sim.stoppedCases == 16_000)
        #expect(sim.limits.loopReturns == 3)
        // A completed case made at most 3 returns: 2 · 4 + 1 = 9 steps of 1 h at most.
        #expect(try #require(sim.leadTimes.last) <= 9)
    }

    /// 160 000 step-cases over 16 000 cases: 10 step runs each. A case is
    /// stopped at a loop return once it has run its share: at its j-th
    /// return it has run a and b j times (2j steps), so at the 5th. Those
    /// are the cases of over 4 returns, so exactly the same count as with
    /// --max-loop-returns 4 (expected 16 000 · 0.5⁵ = 500).
    @Test func overItsShareOfStepRunsACaseIsStopped() throws {
        let w = try workflow(Self.halfLoop)
        let byReturns = try #require(Analyzer.analyze(w, options: AnalysisOptions(runs: 16_000, seed: 3, limits: Limits(loopReturns: 4))).simulation)
        let byRuns = try #require(
            Analyzer.analyze(w, options: AnalysisOptions(runs: 16_000, seed: 3, limits: Limits(stepCases: 160_000))).simulation)
        #expect(byRuns.limits == CaseLimits(loopReturns: 1_000, stepRuns: 10))
        #expect(byRuns.stoppedCases == byReturns.stoppedCases)
        #expect(abs(byRuns.stoppedCases - 500) <= 4 * 22, "stopped \(byRuns.stoppedCases)")  // sd √(16 000 · 1/32 · 31/32) ≈ 22
        #expect(byRuns.leadTimes == byReturns.leadTimes)
    }

    /// A loop that repeats with 99.9999% ends every case at the limit:
    /// 1 001 visits of b are 2 002 steps. With the default limits all but
    /// the cases that leave within 1 000 returns (P ≈ 0.1%) are stopped,
    /// and the run ends.
    @Test func aLoopThatAlmostNeverEndsIsCut() throws {
        let w = try workflow(Self.halfLoop.replacing("b -> a 50%", with: "b -> a 99.9999%").replacing("b -> c 50%", with: "b -> c 0.0001%"))
        let sim = try #require(Analyzer.analyze(w, options: AnalysisOptions(runs: 2_000, seed: 1)).simulation)
        // P(leave within 1 001 visits) = 1 − 0.999999^1001 ≈ 0.001: about 2 of 2 000.
        #expect(sim.stoppedCases >= 1_990)
    }
}
