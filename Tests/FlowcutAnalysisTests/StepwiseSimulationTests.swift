import FlowcutCore
import Testing

@testable import FlowcutAnalysis
@testable import FlowcutSimulation
@testable import FlowcutTiming

/// The step-by-step simulation of block-structured processes against the
/// event simulator (which runs one case at a time through an event queue,
/// and is itself held to closed forms in SimulationTests): on random
/// processes both must give the same lead times, visits and trace, bit for
/// bit — they draw the same keyed numbers and add them in the same order.
@Suite(.tags(.slow)) struct StepwiseSimulationTests {
    /// Builds random processes out of blocks: steps in sequence, parallel
    /// blocks (nested, with a branch sometimes empty), decisions whose
    /// branches merge again or end, and rework loops.
    struct Builder {
        var steps: [Step] = []
        var arrows: [Arrow] = []
        var random: DrawStream

        init(seed: UInt64) { random = DrawStream(state: seed) }

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

        mutating func step() -> Int {
            let durations: [TimeEstimate] = [
                .single(Double(int(0...8))), .range(min: 1, max: Double(int(2...9))), .threePoint(min: 2, likely: 3, max: 5),
                .threePoint(min: 1, likely: 1, max: 4), .single(0),
            ]
            let waits: [TimeEstimate] = [.zero, .zero, .single(2), .range(min: 0, max: 3), .threePoint(min: 1, likely: 2, max: 6)]
            steps.append(
                Step(
                    id: "s\(steps.count)", label: "S", duration: durations[int(0...durations.count - 1)],
                    wait: waits[int(0...waits.count - 1)]))
            return steps.count - 1
        }

        mutating func link(_ a: Int, _ b: Int, _ p: Double?) {
            arrows.append(Arrow(from: a, to: b, writtenProbability: p, probability: p ?? 1))
        }

        /// A fragment after `last` (reached from it with probability `p`
        /// if it decides); its own last step and the probability its way
        /// on carries. `inBlock`: no decision or loop (a parallel branch);
        /// `inLoop`: no parallel block (the step-by-step simulation runs a
        /// loop's steps one at a time).
        mutating func fragment(after last: Int, _ p: Double?, depth: Int, inBlock: Bool, inLoop: Bool = false) -> (Int, Double?) {
            var kind = depth == 0 ? 0 : int(0...(inBlock ? 1 : 3))
            if inLoop && kind == 1 { kind = 0 }
            switch kind {
            case 1:
                // A parallel block from a fork to a join.
                let fork = step()
                link(last, fork, p)
                let join = step()
                for _ in 0..<int(2...3) {
                    if int(0...4) == 0 {
                        link(fork, join, nil)
                        continue
                    }
                    var (end, q) = (fork, nil as Double?)
                    for _ in 0..<int(1...2) { (end, q) = fragment(after: end, q, depth: depth - 1, inBlock: true) }
                    link(end, join, q)
                }
                // Two arrows fork → join are one: drop a repeat.
                var seen = Set<[Int]>()
                arrows = arrows.filter { seen.insert([$0.from, $0.to]).inserted }
                return (join, nil)
            case 2:
                // A decision whose branches merge again, one sometimes ending.
                let decision = step()
                link(last, decision, p)
                let merge = step()
                let shares = int(2...3) == 2 ? [0.3, 0.7] : [0.2, 0.5, 0.3]
                for (i, share) in shares.enumerated() {
                    var (end, q): (Int, Double?) = (decision, share)
                    for _ in 0..<int(1...2) { (end, q) = fragment(after: end, q, depth: depth - 1, inBlock: false, inLoop: inLoop) }
                    if i == 0 && int(0...3) == 0 { continue }  // this branch ends the case
                    link(end, merge, q)
                }
                return (merge, nil)
            case 3:
                // A rework loop: back to its first step with 5–60%; that
                // step is sometimes the one before (a parallel block's join).
                var first = last
                if p != nil || int(0...2) > 0 {
                    first = step()
                    link(last, first, p)
                }
                var (end, q): (Int, Double?) = (first, nil)
                for _ in 0..<int(0...2) { (end, q) = fragment(after: end, q, depth: depth - 1, inBlock: false, inLoop: true) }
                let check = step()
                link(end, check, q)
                let back = Double(int(5...60)) / 100
                link(check, first, back)
                return (check, 1 - back)
            default:
                let s = step()
                link(last, s, p)
                return (s, nil)
            }
        }

        static func blockStructured(seed: UInt64) -> Workflow {
            var b = Builder(seed: seed)
            var (last, p) = (b.step(), nil as Double?)
            for _ in 0..<b.int(1...5) { (last, p) = b.fragment(after: last, p, depth: 3, inBlock: false) }
            let end = b.step()
            b.link(last, end, p)
            return Workflow(name: "random", steps: b.steps, arrows: b.arrows, starts: [0])
        }

        /// Any shape: random arrows forward, and back from decisions (which
        /// go on to the next step 70% of the time: loops end).
        static func anyShape(seed: UInt64) -> Workflow {
            var b = Builder(seed: seed)
            let n = b.int(2...9)
            for _ in 0..<n { _ = b.step() }
            for i in 0..<n - 1 {
                let decides = b.int(0...2) == 0
                var others = Set<Int>()
                for _ in 0..<b.int(0...2) { others.insert(decides ? b.int(0...n - 1) : b.int(i + 1...n - 1)) }
                others.subtract([i, i + 1])
                b.link(i, i + 1, decides ? (others.isEmpty ? 1 : 0.7) : nil)
                for t in others.sorted() { b.link(i, t, decides ? 0.3 / Double(others.count) : nil) }
            }
            return Workflow(name: "random", steps: b.steps, arrows: b.arrows, starts: [0])
        }
    }

    /// Both simulations of `w`, traced; whether the step-by-step one applies.
    static func compare(_ w: Workflow, runs: Int, seed: UInt64, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let sim = Simulator(w, ProcessStructure(w), limits: Limits.standard.perCase(runs: runs))
        let applies = StepwiseEngine(sim.plan, runs: runs) != nil
        let (a, ta) = sim.run(runs: runs, seed: seed, tracing: true, stepwise: true)
        let (b, tb) = sim.run(runs: runs, seed: seed, tracing: true, stepwise: false)
        #expect(a.leadTimes == b.leadTimes, sourceLocation: sourceLocation)
        #expect(a.expectedVisits == b.expectedVisits, sourceLocation: sourceLocation)
        #expect(a.visitProbability == b.visitProbability, sourceLocation: sourceLocation)
        #expect(a.stoppedCases == b.stoppedCases, sourceLocation: sourceLocation)
        #expect((ta == nil) == (tb == nil), sourceLocation: sourceLocation)
        if let ta, let tb {
            #expect(ta.visits == tb.visits, sourceLocation: sourceLocation)
            #expect(ta.aloneVisits == tb.aloneVisits, "steps that ran alone", sourceLocation: sourceLocation)
            #expect(ta.allVisits == tb.allVisits, sourceLocation: sourceLocation)
            #expect(ta.visitedCases == tb.visitedCases, sourceLocation: sourceLocation)
            #expect(ta.leads == tb.leads, sourceLocation: sourceLocation)
            #expect(ta.drawnWait == tb.drawnWait, sourceLocation: sourceLocation)
            #expect(ta.drawnDuration == tb.drawnDuration, sourceLocation: sourceLocation)
            #expect(ta.drawnWaitTotal == tb.drawnWaitTotal, sourceLocation: sourceLocation)
            #expect(ta.drawnDurationTotal == tb.drawnDurationTotal, sourceLocation: sourceLocation)
        }
        return applies
    }

    @Test func blockStructuredProcessesRunAsTheEventSimulatorRunsThem() {
        var applied = 0
        for seed in 1...400 as ClosedRange<UInt64> {
            let w = Builder.blockStructured(seed: seed)
            if Self.compare(w, runs: 300, seed: seed) { applied += 1 }
        }
        // Every process built of blocks is run step by step (a case
        // stopped in a loop would send it back to the event simulator:
        // loops here go back at most 60% of the time).
        #expect(applied == 400)
    }

    @Test func anyShapeRunsAsTheEventSimulatorRunsIt() {
        var applied = 0
        for seed in 1...150 as ClosedRange<UInt64> {
            if Self.compare(Builder.anyShape(seed: seed), runs: 100, seed: seed) { applied += 1 }
        }
        // Some of these shapes are block-structured, most are not: both
        // kinds were compared.
        #expect(applied > 0 && applied < 150)
    }

    /// Shapes the step-by-step simulation must leave to the event queue:
    /// a decision inside a parallel block, a fork whose branch ends, two
    /// starts, a loop entered at two steps, a parallel block in a loop.
    @Test func itStandsAsideWhereRunningAloneDependsOnTime() {
        func make(_ n: Int, _ links: [(Int, Int, Double?)], starts: [Int] = [0]) -> Workflow {
            let steps = (0..<n).map { Step(id: "s\($0)", label: "S", duration: .range(min: 1, max: 3)) }
            let arrows = links.map { Arrow(from: $0.0, to: $0.1, writtenProbability: $0.2, probability: $0.2 ?? 1) }
            return Workflow(name: "P", steps: steps, arrows: arrows, starts: starts)
        }
        let shapes = [
            make(6, [(0, 1, nil), (0, 2, nil), (1, 3, 0.5), (1, 4, 0.5), (3, 5, nil), (4, 5, nil), (2, 5, nil)]),
            make(4, [(0, 1, nil), (0, 2, nil), (1, 3, nil)]),
            make(3, [(0, 2, nil), (1, 2, nil)], starts: [0, 1]),
            make(4, [(0, 1, 0.5), (0, 2, 0.5), (1, 2, nil), (2, 1, 0.5), (2, 3, 0.5)]),
            make(6, [(0, 1, nil), (1, 2, nil), (1, 3, nil), (2, 4, nil), (3, 4, nil), (4, 1, 0.3), (4, 5, 0.7)]),
        ]
        for w in shapes {
            #expect(StepwiseEngine(SimulationPlan(w, ProcessStructure(w), limits: Limits.standard.perCase(runs: 100)), runs: 100) == nil)
            _ = Self.compare(w, runs: 500, seed: 11)
        }
    }
}
