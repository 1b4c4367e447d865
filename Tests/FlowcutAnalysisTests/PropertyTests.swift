import FlowcutCore
import PropertyBased
import Testing

@testable import FlowcutAnalysis
@testable import FlowcutSimulation
@testable import FlowcutTiming

/// Random acyclic workflows: the critical path method against brute force.
struct PropertyTests {
    /// A random DAG: n steps with whole-hour durations, arrows only from a
    /// lower to a higher index, every step without a predecessor a start.
    static func randomWorkflow(_ durations: [Int], _ edgeBits: [Bool]) -> Workflow {
        let n = durations.count
        let steps = durations.enumerated().map { Step(id: "s\($0.offset)", label: "S", duration: .single(Double($0.element))) }
        var arrows: [Arrow] = []
        var k = 0
        for i in 0..<n {
            for j in (i + 1)..<n {
                if k < edgeBits.count, edgeBits[k] { arrows.append(Arrow(from: i, to: j)) }
                k += 1
            }
        }
        let hasPredecessor = Set(arrows.map(\.to))
        return Workflow(name: "random", steps: steps, arrows: arrows, starts: (0..<n).filter { !hasPredecessor.contains($0) })
    }

    /// The longest path by exhaustive search over every path from a start.
    static func bruteForceLongest(_ w: Workflow) -> Double {
        func longest(from s: Int) -> Double {
            let tail = w.graph.outgoing(s).map { longest(from: w.arrows[$0].to) }.max() ?? 0
            return w.steps[s].duration.mean + tail
        }
        return w.starts.map(longest).max() ?? 0
    }

    @Test func criticalPathIsTheLongestPathSlackIsNeverNegative() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...20).array(of: 1...9), Gen.bool.array(of: 36...36)) { durations, bits in
            let w = Self.randomWorkflow(durations, bits)
            let a = Analyzer.analyze(w, options: AnalysisOptions(runs: 0))
            #expect(a.mainLeadTime == Self.bruteForceLongest(w))
            let schedules = a.criticalPath.schedule.compactMap { $0 }
            #expect(schedules.count == w.steps.count)
            #expect(schedules.allSatisfy { $0.slack >= 0 })
            #expect(a.criticalPath.steps.allSatisfy { a.criticalPath.schedule[$0]!.slack == 0 })
            // The path's own times add up to the lead time.
            #expect(a.criticalPath.steps.reduce(0.0) { $0 + w.steps[$1].duration.mean } == a.mainLeadTime)
        }
    }
}
