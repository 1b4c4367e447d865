import FlowcutCore
import Testing

@testable import FlowcutAnalysis
@testable import FlowcutSimulation

/// Parallel blocks nested D deep, run through the event queue (a refusal
/// that ends the case sends them there): each level splits at s_k into a
/// side step a_k (2 h) and the next level, and joins at j_k (1 h).
/// Worked out by hand: the splits run one after the other, 1 h each, so
/// s_{D−1} finishes at D h and a_{D−1} at D + 2 h; then the joins run
/// inside out, 1 h each: j_0 finishes at 2D + 2 h. A refused case (5% at
/// a_0: 1 h + 2 h, then 1 h refusing) ends at 4 h. Every join runs once.
struct NestedJoinTests {
    static func nested(_ depth: Int) throws -> Workflow {
        var lines = ["procedure \"Nested\"", "step r \"Refuse\" 1h ends"]
        for k in 0..<depth {
            lines += ["step s\(k) \"S\" 1h", "step a\(k) \"A\" 2h", "step j\(k) \"J\" 1h", "s\(k) -> a\(k)"]
            lines.append(k == 0 ? "a0 -> j0 95%\na0 -> r 5%" : "a\(k) -> j\(k)")
            lines.append(k + 1 < depth ? "s\(k) -> s\(k + 1)\nj\(k + 1) -> j\(k)" : "s\(k) -> j\(k)")
        }
        lines.append("start s0")
        return try workflow(lines.joined(separator: "\n") + "\n")
    }

    /// 300 levels use the join reach table; 1 200 levels (1 200 joins ×
    /// 3 601 steps, over its 4 000 000 entries) run without it. Before, the
    /// first cost the cube of the depth a case and the second started
    /// outer joins early and ran them again on every late arrival.
    @Test(arguments: [300, 1_200])
    func nestedBlocksRunOnceEachAtTheirTime(_ depth: Int) throws {
        let w = try Self.nested(depth)
        let sim = try #require(Analyzer.analyze(w, options: AnalysisOptions(runs: 200, seed: 9)).simulation)
        #expect(sim.stoppedCases == 0)
        let full = Double(2 * depth + 2)
        #expect(sim.leadTimes.allSatisfy { $0 == 4 || $0 == full }, "\(Set(sim.leadTimes))")
        #expect(sim.leadTimes.contains(full))
        for (s, step) in w.steps.enumerated() where step.id.hasPrefix("j") {
            #expect(sim.expectedVisits[s] <= 1, "\(step.id) ran \(sim.expectedVisits[s]) times a case")
        }
    }
}
