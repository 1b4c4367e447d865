import FlowcutCore

/// The main scenario (ANALYSIS.md): at every decision the most probable
/// arrow that does not close a loop and from which an end can be reached
/// without closing one (ties: the arrow written first); loops not taken.
public struct MainScenario: Sendable {
    /// Per step: it runs in the main scenario.
    public let contains: [Bool]
    /// Per arrow: it is followed in the main scenario.
    public let follows: [Bool]

    public init(_ w: Workflow, _ structure: ProcessStructure) {
        let n = w.steps.count
        let graph = w.graph
        // Whether an end can be reached from each step without closing a loop:
        // an end has no arrow that can be taken; a decision needs one branch
        // that can end, a parallel split needs all of them to.
        var canEnd = [Bool](repeating: false, count: n)
        for s in structure.forwardOrder.reversed() {
            var taken = false
            var anyForward = false
            var anyEnds = false
            var allEnd = true
            for k in graph.outRange(s) where graph.canTake[graph.outArrow(k)] {
                taken = true
                guard !structure.closesLoop[graph.outArrow(k)] else { continue }
                anyForward = true
                if canEnd[graph.outTarget(k)] { anyEnds = true } else { allEnd = false }
            }
            canEnd[s] = !taken || (graph.isDecision[s] ? anyEnds : anyForward && allEnd)
        }
        var follows = [Bool](repeating: false, count: w.arrows.count)
        var contains = [Bool](repeating: false, count: n)
        var queue = w.starts.filter { structure.reachable[$0] }
        for s in queue { contains[s] = true }
        var head = 0
        func follow(_ k: Int) {
            follows[graph.outArrow(k)] = true
            let t = graph.outTarget(k)
            if !contains[t] {
                contains[t] = true
                queue.append(t)
            }
        }
        while head < queue.count {
            let s = queue[head]
            head += 1
            if graph.isDecision[s] {
                // Most probable forward branch that can end (ties: written
                // first); if none can, the most probable forward branch.
                var best: Int?
                var bestEnding: Int?
                let p = { (k: Int) in w.arrows[graph.outArrow(k)].probability }
                for k in graph.outRange(s) where structure.isForward(graph.outArrow(k), in: w) {
                    if best == nil || p(k) > p(best!) { best = k }
                    if canEnd[graph.outTarget(k)], bestEnding == nil || p(k) > p(bestEnding!) { bestEnding = k }
                }
                if let chosen = bestEnding ?? best { follow(chosen) }
            } else {
                for k in graph.outRange(s) where structure.isForward(graph.outArrow(k), in: w) { follow(k) }
            }
        }
        self.contains = contains
        self.follows = follows
    }
}

/// Earliest and latest start and finish of one step, and its slack (hours).
public struct StepSchedule: Sendable, Hashable {
    public var earliestStart: Double
    public var earliestFinish: Double
    public var latestStart: Double
    public var latestFinish: Double
    public var slack: Double { latestStart - earliestStart }
}

/// The critical path method over the main scenario, with mean step times.
public struct CriticalPath: Sendable {
    /// Main lead time: the longest path by mean step time, in hours.
    public let leadTime: Double
    /// The critical path's steps, in order.
    public let steps: [Int]
    /// The schedule of every step of the main scenario (nil elsewhere).
    public let schedule: Schedule

    /// Per step, its schedule or nil: read from the passes' own arrays,
    /// where a separate array of schedules was 40 MB more to fill on a
    /// million steps.
    public struct Schedule: RandomAccessCollection, Sendable {
        fileprivate let scheduled: [Bool]
        fileprivate let es: [Double], ef: [Double], ls: [Double], lf: [Double]

        public var startIndex: Int { 0 }
        public var endIndex: Int { scheduled.count }

        public subscript(step: Int) -> StepSchedule? {
            guard scheduled[step] else { return nil }
            return StepSchedule(earliestStart: es[step], earliestFinish: ef[step], latestStart: ls[step], latestFinish: lf[step])
        }
    }

    /// - Parameter time: each step's mean time (wait + duration), hours.
    public init(_ w: Workflow, _ structure: ProcessStructure, _ scenario: MainScenario, time: [Double]) {
        let n = w.steps.count
        var es = [Double](repeating: 0, count: n)
        var ef = [Double](repeating: 0, count: n)
        let order = structure.forwardOrder.filter { scenario.contains[$0] }
        let graph = w.graph
        for s in order {
            var start = 0.0
            for k in graph.inRange(s) where scenario.follows[graph.inArrow(k)] { start = max(start, ef[graph.inSource(k)]) }
            es[s] = start
            ef[s] = start + time[s]
        }
        // A step that ends the case (`ends`) ends it for the main scenario too:
        // the lead time is the first such finish; what would finish later is cancelled.
        let endsAt = order.filter { w.steps[$0].endsCase }.map { ef[$0] }.min()
        let lead = endsAt ?? order.reduce(0.0) { max($0, ef[$1]) }
        var lf = [Double](repeating: lead, count: n)
        var ls = [Double](repeating: lead, count: n)
        for s in order.reversed() {
            var finish = lead
            for k in graph.outRange(s) where scenario.follows[graph.outArrow(k)] { finish = min(finish, ls[graph.outTarget(k)]) }
            lf[s] = finish
            ls[s] = finish - time[s]
        }
        // Floating sums: treat differences below this as zero.
        let tolerance = 1e-9 * max(1, lead)
        var scheduled = [Bool](repeating: false, count: n)
        for s in order {
            if endsAt != nil, ef[s] > lead + tolerance { continue }  // cancelled before it finishes
            scheduled[s] = true
            if abs(ls[s] - es[s]) <= tolerance { ls[s] = es[s] }
            if abs(lf[s] - ef[s]) <= tolerance { lf[s] = ef[s] }
        }
        // Back from the end that finishes last (a step with no successor in the
        // main scenario; declared first among ties), through the predecessor
        // that holds it up (its arrow written first).
        var path: [Int] = []
        let last = order.filter { abs(ef[$0] - lead) <= tolerance && (endsAt == nil || w.steps[$0].endsCase) }
        let isEnd = { (s: Int) in !graph.outRange(s).contains { scenario.follows[graph.outArrow($0)] } }
        if var at = last.filter(isEnd).min() ?? last.min() {
            path.append(at)
            while let k = graph.inRange(at).first(where: {
                scenario.follows[graph.inArrow($0)] && abs(ef[graph.inSource($0)] - es[at]) <= tolerance
            }) {
                at = graph.inSource(k)
                path.append(at)
            }
        }
        leadTime = lead
        steps = path.reversed()
        schedule = Schedule(scheduled: scheduled, es: es, ef: ef, ls: ls, lf: lf)
    }
}
