import FlowcutCore
import FlowcutLanguage
import Testing

@testable import FlowcutAnalysis
@testable import FlowcutSimulation
@testable import FlowcutTiming

/// A join whose missing predecessor went another way starts when that is
/// known (the deciding step's finish), not at the other branches' arrival.
struct JoinTests {
    /// receive 2 h → {check 8 h ∥ inspect}; inspect → draft 85% / refuse
    /// 15% (refuse, 0 h, has no way on); check → draft 10 h.
    static func refusal(inspect: String) throws -> Workflow {
        try workflow(
            """
            procedure "P"
            step receive "R" 2h
            step check "C" 8h
            step inspect "I" \(inspect)
            step draft "D" 10h
            step refuse "X" 0h
            receive -> check -> draft
            receive -> inspect -> draft 85%
            inspect -> refuse 15%
            """)
    }

    /// receive 2 h → {check 8 h ∥ inspect 20 h}; inspect → draft 85% /
    /// refuse 15% (refuse has no way on); check → draft 10 h.
    /// By hand: inspect finishes at 2 + 20 = 22 h and only then is it known
    /// whether draft waits for it; either way draft starts at 22 h (check
    /// arrived at 10 h) and ends at 32 h. Every case: 32 h. (Starting draft
    /// at check's arrival, 10 h, as the engine did, ended refused cases at
    /// 22 h: 15% of them.)
    @Test func aJoinWaitsForTheDecisionOfABranchThatMayNotCome() throws {
        let w = try Self.refusal(inspect: "20h")
        let sim = try #require(Analyzer.analyze(w, options: AnalysisOptions(runs: 2_000)).simulation)
        #expect(sim.leadTimes.allSatisfy { $0 == 32 }, "\(Set(sim.leadTimes).sorted())")
        #expect(sim.expectedLeadTime == 32)
    }

    /// The same with inspect uniform 8–24 h: draft starts at 2 + X and the
    /// case ends at 12 + X whichever way inspect goes, so the expected lead
    /// time is 12 + 16 = 28 h (by hand; the standard error of 10 000 cases
    /// is 16/√12/100 ≈ 0.046 h), and P50 is 12 + 16 = 28 h too.
    @Test func theSameWithADrawnTime() throws {
        let w = try Self.refusal(inspect: "8h..24h")
        let sim = try #require(Analyzer.analyze(w, options: AnalysisOptions(runs: 10_000)).simulation)
        #expect(abs(sim.expectedLeadTime - 28) < 0.25, "\(sim.expectedLeadTime)")
        #expect(abs(sim.percentile(0.5) - 28) < 0.5, "\(sim.percentile(0.5))")
        #expect(sim.leadTimes.min()! >= 20 && sim.leadTimes.max()! <= 36)
    }
}
