import FlowcutCore
import Testing

@testable import FlowcutAnalysis

/// The review's deadline column, by hand: one step, a deadline of 3 days
/// (24 h of 8-hour days).
struct DeadlineFitTests {
    static func fit(_ duration: String, runs: Int = 10_000) throws -> Portfolio.DeadlineFit? {
        let w = try workflow("procedure \"P\"\n  deadline 3d\nstep a \"A\" \(duration)\n")
        return Portfolio.Entry(path: "p.flow", before: Analyzer.analyze(w, options: AnalysisOptions(runs: runs)), comparison: nil).deadlineFit
    }

    @Test func withinOverAndP90Over() throws {
        // 1 day, always: within.
        #expect(try Self.fit("1d") == .within)
        // 4 days, always: the main scenario is over.
        #expect(try Self.fit("4d") == .mainOver)
        // Uniform over 0–32 h: the main scenario takes the mean, 16 h, within
        // 24 h; P90 is 0.9 × 32 = 28.8 h, over: more than one dossier in ten
        // (a quarter: 8 of 32 hours) ends after the deadline.
        #expect(try Self.fit("0h..32h") == .p90Over)
        // Not simulated, P90 is unknown: the main scenario decides.
        #expect(try Self.fit("0h..32h", runs: 0) == .within)
        let noDeadline = try workflow("procedure \"P\"\nstep a \"A\" 1d\n")
        #expect(Portfolio.Entry(path: "p.flow", before: Analyzer.analyze(noDeadline, options: AnalysisOptions(runs: 0)), comparison: nil).deadlineFit == nil)
    }
}
