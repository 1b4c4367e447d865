import FlowcutCore
import FlowcutTiming

/// A process compiled for simulation: each step's draws, the taken arrows
/// out of each step in compressed rows with their cumulative
/// probabilities, the joins and what can still reach them. Both engines
/// (`StepwiseEngine`, `EventQueueEngine`) run cases from this and nothing
/// else; neither reads the other.
public struct SimulationPlan: Sendable {

    let n: Int
    /// Each step's key for its draws (`DrawKey.step`).
    let stepKeys: [UInt64]
    let duration: [TimeDistribution]
    let wait: [TimeDistribution]
    let isDecision: [Bool]
    // Taken arrows out of each step, in compressed rows.
    let outStart: [Int]
    let outTarget: [Int]
    let outClosesLoop: [Bool]
    /// For a decision: cumulative probability up to and including the arrow.
    let outCumulative: [Double]
    /// For a forward arrow into a join: the bit of its source among the
    /// join's predecessors.
    let outSlot: [Int]
    /// Number of forward predecessors of each step.
    let forwardIn: [Int]
    /// Join number of a step with two or more forward predecessors, else -1.
    let joinIndex: [Int]
    let joinFull: [UInt64]
    /// joinReach[j * n + w]: the predecessors of join j that step w can
    /// still reach without passing through the join (bit per predecessor).
    /// Empty when too large to hold: joins then wait until nothing runs.
    let joinReach: [UInt64]
    let starts: [Int]
    /// Steps reachable from the starts, and the rework loops (strongly
    /// connected components along arrows that can be taken), as the
    /// workflow found them.
    let reachable: [Bool]
    let loops: [[Int]]
    /// A step's wait and duration when neither is drawn, else NaN.
    let fixedWait: [Double]
    let fixedDuration: [Double]
    /// Per step: `ends` (the case is over when it finishes).
    let endsCase: [Bool]
    /// Whether any step ends the case.
    let hasEnds: Bool
    /// What one case may do before it is stopped.
    let limits: CaseLimits

    public init(_ w: Workflow, _ structure: ProcessStructure, limits: CaseLimits) {
        self.limits = limits
        n = w.steps.count
        stepKeys = w.steps.map { DrawKey.step($0.id) }
        duration = w.steps.map { TimeDistribution($0.duration) }
        wait = w.steps.map { TimeDistribution($0.wait) }
        isDecision = (0..<n).map { w.isDecision($0) }
        var fixedWait = [Double](repeating: .nan, count: n)
        endsCase = w.steps.map(\.endsCase)
        hasEnds = w.steps.contains { $0.endsCase }
        var fixedDuration = fixedWait
        for s in 0..<n {
            if case .constant(let a) = wait[s], case .constant(let b) = duration[s] { (fixedWait[s], fixedDuration[s]) = (a, b) }
        }
        self.fixedWait = fixedWait
        self.fixedDuration = fixedDuration
        starts = w.starts.filter { structure.reachable[$0] }
        reachable = structure.reachable
        loops = w.reworkLoops
        // Forward predecessors and the slot of each.
        var forwardIn = [Int](repeating: 0, count: n)
        var slotOfArrow = [Int](repeating: -1, count: w.arrows.count)
        for s in 0..<n {
            for a in w.graph.incoming(s) where structure.isForward(a, in: w) && structure.reachable[w.arrows[a].from] {
                slotOfArrow[a] = forwardIn[s]
                forwardIn[s] += 1
            }
        }
        var outStart = [0]
        var outTarget: [Int] = []
        var outCloses: [Bool] = []
        var outCumulative: [Double] = []
        var outSlot: [Int] = []
        for s in 0..<n {
            var cumulative = 0.0
            for a in w.graph.outgoing(s) where w.arrows[a].probability > 0 {
                cumulative += w.arrows[a].probability
                outTarget.append(w.arrows[a].to)
                outCloses.append(structure.closesLoop[a])
                outCumulative.append(cumulative)
                outSlot.append(slotOfArrow[a])
            }
            // Guard against rounding: the last branch of a decision closes at 1.
            if isDecision[s], outCumulative.count > outStart[s] { outCumulative[outCumulative.count - 1] = .infinity }
            outStart.append(outTarget.count)
        }
        self.outStart = outStart
        self.outTarget = outTarget
        self.outClosesLoop = outCloses
        self.outCumulative = outCumulative
        self.outSlot = outSlot
        self.forwardIn = forwardIn
        var joinIndex = [Int](repeating: -1, count: n)
        var joins: [Int] = []
        for s in 0..<n where forwardIn[s] >= 2 && forwardIn[s] <= 64 {
            joinIndex[s] = joins.count
            joins.append(s)
        }
        self.joinIndex = joinIndex
        joinFull = joins.map { forwardIn[$0] == 64 ? UInt64.max : (UInt64(1) << UInt64(forwardIn[$0])) - 1 }
        joinReach = joins.count * n <= 4_000_000 ? Self.reach(w, structure, joins, slotOfArrow) : []
    }

    /// For each join and each of its predecessors: every step from which the
    /// predecessor can be reached along taken arrows without passing the join.
    private static func reach(_ w: Workflow, _ structure: ProcessStructure, _ joins: [Int], _ slot: [Int]) -> [UInt64] {
        let n = w.steps.count
        var table = [UInt64](repeating: 0, count: joins.count * n)
        var seen = [Int](repeating: -1, count: n)
        var mark = 0
        for (j, join) in joins.enumerated() {
            for a in w.graph.incoming(join) where slot[a] >= 0 {
                let bit = UInt64(1) << UInt64(slot[a])
                mark += 1
                var queue = [w.arrows[a].from]
                seen[queue[0]] = mark
                var head = 0
                while head < queue.count {
                    let v = queue[head]
                    head += 1
                    table[j * n + v] |= bit
                    for b in w.graph.incoming(v) where w.arrows[b].probability > 0 {
                        let u = w.arrows[b].from
                        if u != join, seen[u] != mark {
                            seen[u] = mark
                            queue.append(u)
                        }
                    }
                }
            }
        }
        return table
    }

    /// The step decision `s` sends a case to for the uniform draw `x`.
    func branch(of s: Int, _ x: Double) -> Int { outTarget[chosenArrow(of: s, x)] }

    /// The arrow (in the compressed rows) decision `s` takes for the
    /// uniform draw `x`: the first whose cumulative probability exceeds it.
    @inline(__always)
    func chosenArrow(of s: Int, _ x: Double) -> Int {
        let last = outStart[s + 1]
        var chosen = outStart[s]
        while chosen < last - 1 && x >= outCumulative[chosen] { chosen += 1 }
        return chosen
    }

    /// A wait or duration of step `s` on its visit `visit` of one case.
    @inline(__always)
    func draw(_ d: TimeDistribution, case c: UInt64, step s: Int, visit: Int, _ what: UInt64) -> Double {
        if case .constant(let v) = d { return v }
        var stream = DrawKey.stream(case: c, step: stepKeys[s], visit: visit, what)
        return d.draw(&stream)
    }
}
