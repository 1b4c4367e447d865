// Over 400 lines: one engine, its passes over the plan's rows sharing one set of scratch buffers.
/// The simulation of a block-structured process run one step at a time over
/// all its cases, instead of one case at a time through an event queue:
/// the same draws (each keyed by case, step, visit and what is drawn,
/// `DrawKey`), the same sums in the same order, so the same lead times,
/// visits and trace to the last bit — a differential test holds it to the
/// event simulator on random processes. A portfolio's procedures are
/// almost all of this shape, and there the queue's bookkeeping per step
/// and case was most of the analysis.
///
/// Block-structured: one start; every step that starts several branches
/// at once (a fork) has a join where all of them, and nothing else, end
/// (a loop may begin at the join), with no decision, loop or end inside;
/// every loop is a set of steps entered at one step, outside any parallel
/// block, each of its steps either a decision or with one arrow out.
/// Outside the parallel blocks one step runs at a time, so in each case a
/// step starts when the one arrow that reaches it fires (or, for a join,
/// the last of its branches arrives) and runs alone; inside a block it
/// never does.
struct StepwiseEngine: SimulationEngine {
    /// What runs in order: a step outside any loop, or a loop's steps,
    /// run case by case from its entry until a case leaves it.
    enum Unit {
        case step(Int)
        case loop(Int)
    }

    let plan: SimulationPlan
    let units: [Unit]
    /// Per step: the arrows into it (positions in the simulator's rows)
    /// from reachable steps, with their source.
    let arrowsIn: [[(source: Int, k: Int)]]
    /// Per step: its loop's number, or -1.
    let loopOf: [Int]
    /// Per loop: the step where every case enters it.
    let loopEntry: [Int]
    /// Per step: inside a parallel block (between a fork and its join).
    let inBlock: [Bool]
    let start: Int

    /// The most step-cases run this way (the finish times of all of them
    /// are kept: 8 bytes each, and 4 for a decision's choice).
    static let maxStepCases = 8_000_000

    /// nil when the process is not block-structured or too large.
    init?(_ plan: SimulationPlan, runs: Int) {
        let sim = plan
        let n = sim.n
        // A step that ends the case cancels what runs beside it: case by case only.
        guard sim.starts.count == 1, n * runs <= Self.maxStepCases, !sim.hasEnds else { return nil }
        self.plan = sim
        start = sim.starts[0]
        let reach = sim.reachable
        var arrowsIn = [[(source: Int, k: Int)]](repeating: [], count: n)
        for u in 0..<n where reach[u] {
            for k in sim.outStart[u]..<sim.outStart[u + 1] { arrowsIn[sim.outTarget[k]].append((u, k)) }
        }
        for s in 0..<n where sim.forwardIn[s] > 64 { return nil }
        // The loops that can run (a loop has all its steps reachable or none).
        var loopOf = [Int](repeating: -1, count: n)
        let loops = sim.loops.filter { reach[$0[0]] }
        var loopEntry = [Int](repeating: -1, count: loops.count)
        for (l, steps) in loops.enumerated() {
            for s in steps { loopOf[s] = l }
        }
        for s in 0..<n where loopOf[s] >= 0 {
            let l = loopOf[s]
            // A step of a loop decides or has one arrow out.
            if !sim.isDecision[s], sim.outStart[s + 1] - sim.outStart[s] != 1 { return nil }
            let entered = s == start || arrowsIn[s].contains { loopOf[$0.source] != l }
            if entered {
                guard loopEntry[l] < 0 else { return nil }
                loopEntry[l] = s
            }
        }
        // Parallel blocks: each fork's branches end at one join.
        var inBlock = [Bool](repeating: false, count: n)
        let order = Self.unitOrder(sim, reach, loopOf, loops, arrowsIn)
        guard let order else { return nil }
        var position = [Int](repeating: -1, count: n)
        for (i, s) in order.enumerated() { position[s] = i }
        let forks = (0..<n).filter { reach[$0] && !sim.isDecision[$0] && sim.outStart[$0 + 1] - sim.outStart[$0] >= 2 }
        // Finding a fork's join walks what follows it: bounded, so that a
        // big process with many forks goes to the event queue instead.
        guard forks.count * n <= 20_000_000 else { return nil }
        for f in forks {
            guard loopOf[f] < 0, let block = Self.block(of: f, sim, position, arrowsIn, loopOf) else { return nil }
            for s in block { inBlock[s] = true }
        }
        // Each loop as one unit, where its entry stands in the order.
        var units: [Unit] = []
        for s in order {
            if loopOf[s] < 0 {
                units.append(.step(s))
            } else if loopEntry[loopOf[s]] == s {
                units.append(.loop(loopOf[s]))
            }
        }
        self.units = units
        self.arrowsIn = arrowsIn
        self.loopOf = loopOf
        self.loopEntry = loopEntry
        self.inBlock = inBlock
    }

    /// The reachable steps in an order where every arrow between two
    /// steps not of the same loop goes forward (a loop's steps together,
    /// in no particular order); nil if there is none.
    private static func unitOrder(
        _ sim: SimulationPlan, _ reach: [Bool], _ loopOf: [Int], _ loops: [[Int]], _ arrowsIn: [[(source: Int, k: Int)]]
    ) -> [Int]? {
        let n = sim.n
        // Kahn's algorithm over loops and single steps: a loop is ready
        // when every arrow into any of its steps from outside has fired.
        var waiting = [Int](repeating: 0, count: n)
        var loopWaiting = [Int](repeating: 0, count: loops.count)
        for s in 0..<n where reach[s] {
            let outside = arrowsIn[s].count { loopOf[s] < 0 || loopOf[$0.source] != loopOf[s] }
            if loopOf[s] < 0 { waiting[s] = outside } else { loopWaiting[loopOf[s]] += outside }
        }
        var order: [Int] = []
        var ready: [Int] = []  // steps, or -(loop + 1)
        for s in 0..<n where reach[s] && loopOf[s] < 0 && waiting[s] == 0 { ready.append(s) }
        for l in loops.indices where loopWaiting[l] == 0 { ready.append(-(l + 1)) }
        var head = 0
        while head < ready.count {
            let r = ready[head]
            head += 1
            let steps = r >= 0 ? [r] : loops[-r - 1]
            order += steps
            for u in steps {
                for k in sim.outStart[u]..<sim.outStart[u + 1] {
                    let v = sim.outTarget[k]
                    if loopOf[v] >= 0 {
                        guard loopOf[v] != loopOf[u] else { continue }
                        loopWaiting[loopOf[v]] -= 1
                        if loopWaiting[loopOf[v]] == 0 { ready.append(-(loopOf[v] + 1)) }
                    } else {
                        waiting[v] -= 1
                        if waiting[v] == 0 { ready.append(v) }
                    }
                }
            }
        }
        return order.count == reach.count(where: { $0 }) ? order : nil
    }

    /// The steps strictly between fork `f` and its join, if its branches
    /// all end at one join, nothing else leads in or out, and none of them
    /// decides, loops or ends; nil otherwise.
    private static func block(
        of f: Int, _ sim: SimulationPlan, _ position: [Int], _ arrowsIn: [[(source: Int, k: Int)]], _ loopOf: [Int]
    ) -> [Int]? {
        let n = sim.n
        // The join: the earliest step (in the order) that every branch reaches.
        var reachedBy = [Int](repeating: 0, count: n)
        let heads = Set(sim.outTarget[sim.outStart[f]..<sim.outStart[f + 1]])
        for h in heads {
            var seen = [Bool](repeating: false, count: n)
            var queue = [h]
            seen[h] = true
            var i = 0
            while i < queue.count {
                let u = queue[i]
                i += 1
                reachedBy[u] += 1
                for k in sim.outStart[u]..<sim.outStart[u + 1] where !seen[sim.outTarget[k]] {
                    seen[sim.outTarget[k]] = true
                    queue.append(sim.outTarget[k])
                }
            }
        }
        guard let join = (0..<n).filter({ reachedBy[$0] == heads.count }).min(by: { position[$0] < position[$1] }) else { return nil }
        var block: [Int] = []
        var inside = [Bool](repeating: false, count: n)
        var queue = heads.filter { $0 != join }.sorted()
        for h in queue { inside[h] = true }
        var i = 0
        while i < queue.count {
            let u = queue[i]
            i += 1
            block.append(u)
            guard loopOf[u] < 0, !sim.isDecision[u], sim.outStart[u + 1] > sim.outStart[u] else { return nil }
            for k in sim.outStart[u]..<sim.outStart[u + 1] {
                let v = sim.outTarget[k]
                if v != join, !inside[v] {
                    inside[v] = true
                    queue.append(v)
                }
            }
        }
        for s in block + [join] {
            for (source, _) in arrowsIn[s] where source != f && !inside[source] {
                // The join may be where a loop begins: the loop's own
                // arrows come back to it once the block is over.
                guard s == join, loopOf[join] >= 0, loopOf[source] == loopOf[join] else { return nil }
            }
        }
        return block
    }

    /// Draws (visit 0) of distribution `d` for step key `key` into `out`,
    /// for every case whose arrival is not -∞: the switch over the
    /// distribution made once, not once per case.
    @inline(__always)
    private func drawColumn(
        _ d: TimeDistribution, _ key: UInt64, _ what: UInt64, _ keys: UnsafeMutableBufferPointer<UInt64>,
        _ arrival: UnsafeMutablePointer<Double>, into out: UnsafeMutableBufferPointer<Double>, _ runs: Int
    ) {
        switch d {
        case .constant(let v):
            for c in 0..<runs { out[c] = v }
        case .uniform:
            for c in 0..<runs where arrival[c] > -.infinity {
                var stream = DrawKey.stream(case: keys[c], step: key, visit: 0, what)
                out[c] = d.draw(&stream)
            }
        case .pert:
            for c in 0..<runs where arrival[c] > -.infinity {
                var stream = DrawKey.stream(case: keys[c], step: key, visit: 0, what)
                out[c] = d.draw(&stream)
            }
        }
    }

    /// Runs `runs` cases from `seed`, writing `trace` when given: the
    /// result as `Simulator.run` gives it, or nil when a case may have
    /// overrun its `CaseLimits` or a step runs more than 255 times in a
    /// case (the event simulator then runs them, and counts the cases it
    /// stops).
    func run(runs: Int, seed: UInt64, trace: inout SimulationTrace?) -> SimulationResult? {
        let sim = plan
        let n = sim.n
        // Plain memory: an array written element by element checks that it
        // is not shared on every write, most of this loop's time.
        var buffers: [UnsafeMutableRawBufferPointer] = []
        defer { for b in buffers { b.deallocate() } }
        func scratch<T>(_ count: Int, _ value: T?) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
            if let value { b.initialize(repeating: value) }
            buffers.append(UnsafeMutableRawBufferPointer(b))
            return b
        }
        let keys = scratch(runs, UInt64(0))
        for c in 0..<runs { keys[c] = DrawKey.simulatedCase(c, seed: seed) }
        // Every row of these is written before it is read: a step's before
        // any step it leads to (a loop's steps have none: their way out is
        // in `exitArrow` and `exitTime`).
        let finish: UnsafeMutableBufferPointer<Double> = scratch(n * runs, nil)
        let choice: UnsafeMutableBufferPointer<Int32> = scratch(n * runs, nil)
        let exitArrow = scratch(loopEntry.count * runs, Int32(-1))
        let exitTime = scratch(loopEntry.count * runs, 0.0)
        let lead = scratch(runs, 0.0)
        let returns = scratch(loopEntry.isEmpty ? 0 : runs, 0)
        // Per case: visits of loop steps (every other step runs at most once).
        let loopRuns = scratch(loopEntry.isEmpty ? 0 : runs, 0)
        let arrival = scratch(runs, 0.0)
        let waits = scratch(runs, 0.0)
        let durations = scratch(runs, 0.0)
        var total = [Int](repeating: 0, count: n)
        var visited = [Int](repeating: 0, count: n)
        // Per step in a loop, in the case being run: visits so far.
        let loopVisits = scratch(n, 0)
        let tracing = trace != nil
        // The trace comes without its per-case tables: they are made here
        // and moved in whole at the end.
        let keepDrawn = trace?.keepsDrawn ?? false
        let drawnRows = keepDrawn ? trace!.drawnRow : []
        let rowCount = keepDrawn ? drawnRows.count(where: { $0 >= 0 }) : 0
        let traceVisits = scratch(tracing ? n * runs : 0, UInt8(0))
        let activeScratch = scratch(runs, UInt8(0))
        let drawnWait = scratch(rowCount * runs, 0.0)
        let drawnDuration = scratch(rowCount * runs, 0.0)
        var aloneVisits = [Int](repeating: 0, count: n)
        var drawnWaitTotal = [Double](repeating: 0, count: rowCount)
        var drawnDurationTotal = drawnWaitTotal
        let touched = scratch(n, 0)

        /// Each case's arrival at step s into `arrival`: 0 at the start,
        /// else the latest of the arrows that reach s in the case (not
        /// those from inside loop `skippingLoop`), -∞ if none does; a
        /// join's from 0.
        func fillArrivals(_ s: Int, skippingLoop l: Int) {
            if s == start {
                for c in 0..<runs { arrival[c] = 0 }
                return
            }
            for c in 0..<runs { arrival[c] = -.infinity }
            for (u, k) in arrowsIn[s] where l < 0 || loopOf[u] != l {
                let k32 = Int32(truncatingIfNeeded: k)
                if loopOf[u] >= 0 {
                    let base = loopOf[u] * runs
                    for c in 0..<runs where exitArrow[base + c] == k32 { arrival[c] = max(arrival[c], exitTime[base + c]) }
                } else if sim.isDecision[u] {
                    let base = u * runs
                    for c in 0..<runs where choice[base + c] == k32 { arrival[c] = max(arrival[c], finish[base + c]) }
                } else {
                    let base = u * runs
                    for c in 0..<runs { arrival[c] = max(arrival[c], finish[base + c]) }
                }
            }
            if sim.forwardIn[s] >= 2 {
                // A join's start is the latest arrival, from 0.
                for c in 0..<runs where arrival[c] > -.infinity { arrival[c] = max(0, arrival[c]) }
            }
        }

        for unit in units {
            switch unit {
            case .step(let s):
                // Where each case arrives: straight from the one step before
                // when only one can lead here, else the latest arrival.
                let arrivals: UnsafeMutablePointer<Double>
                let only = arrowsIn[s].count == 1 ? arrowsIn[s][0].source : -1
                if s != start, only >= 0, loopOf[only] < 0, !sim.isDecision[only] {
                    arrivals = finish.baseAddress! + only * runs
                } else {
                    arrivals = arrival.baseAddress!
                    fillArrivals(s, skippingLoop: -1)
                }
                let row = s * runs
                let fixedWait = sim.fixedWait[s]
                let fixedDuration = sim.fixedDuration[s]
                let drawnRow = keepDrawn ? drawnRows[s] * runs : -1
                let visits = tracing ? traceVisits.baseAddress! + row : activeScratch.baseAddress!
                var count = 0
                // An inactive case arrives at -∞, finishes at -∞ and leaves
                // its lead time as it was: no branch on it but for draws.
                if fixedWait.isNaN {
                    // The row's totals, added in case order as
                    // `SimulationTrace.finish` adds them (a case that did not
                    // run adds 0).
                    var waitTotal = 0.0
                    var durationTotal = 0.0
                    defer {
                        if drawnRow >= 0 {
                            drawnWaitTotal[drawnRows[s]] = waitTotal
                            drawnDurationTotal[drawnRows[s]] = durationTotal
                        }
                    }
                    // Waits, then durations, each over every running case
                    // with one distribution (no choice of it per draw).
                    let key = sim.stepKeys[s]
                    drawColumn(sim.wait[s], key, DrawKey.wait, keys, arrivals, into: waits, runs)
                    drawColumn(sim.duration[s], key, DrawKey.duration, keys, arrivals, into: durations, runs)
                    for c in 0..<runs {
                        let a = arrivals[c]
                        var t = -Double.infinity
                        if a > -.infinity {
                            let w = waits[c]
                            let d = durations[c]
                            if drawnRow >= 0 {
                                drawnWait[drawnRow + c] = 0 + w
                                drawnDuration[drawnRow + c] = 0 + d
                                waitTotal += 0 + w
                                durationTotal += 0 + d
                            }
                            t = a + w + d
                        }
                        finish[row + c] = t
                        lead[c] = max(lead[c], t)
                        let active: UInt8 = t > -.infinity ? 1 : 0
                        count += Int(active)
                        visits[c] = active
                    }
                } else {
                    for c in 0..<runs {
                        let t = arrivals[c] + fixedWait + fixedDuration
                        finish[row + c] = t
                        lead[c] = max(lead[c], t)
                        let active: UInt8 = t > -.infinity ? 1 : 0
                        count += Int(active)
                        visits[c] = active
                    }
                }
                if sim.isDecision[s] {
                    let key = sim.stepKeys[s]
                    for c in 0..<runs {
                        var chosen: Int32 = -1
                        if arrivals[c] > -.infinity {
                            var stream = DrawKey.stream(case: keys[c], step: key, visit: 0, DrawKey.branch)
                            chosen = Int32(truncatingIfNeeded: sim.chosenArrow(of: s, stream.unit()))
                        }
                        choice[row + c] = chosen
                    }
                }
                total[s] = count
                visited[s] = count
                if !inBlock[s] { aloneVisits[s] = count }
            case .loop(let l):
                let entry = loopEntry[l]
                fillArrivals(entry, skippingLoop: l)
                for c in 0..<runs {
                    var time = arrival[c]
                    guard time > -.infinity else { continue }
                    var touchedCount = 0
                    var s = entry
                    while true {
                        let visit = loopVisits[s]
                        if visit == 0 {
                            touched[touchedCount] = s
                            touchedCount += 1
                        }
                        loopVisits[s] = visit + 1
                        loopRuns[c] += 1
                        if sim.fixedWait[s].isNaN {
                            let w = sim.draw(sim.wait[s], case: keys[c], step: s, visit: visit, DrawKey.wait)
                            let d = sim.draw(sim.duration[s], case: keys[c], step: s, visit: visit, DrawKey.duration)
                            if keepDrawn {
                                let r = drawnRows[s] * runs + c
                                drawnWait[r] += w
                                drawnDuration[r] += d
                            }
                            time = time + w + d
                        } else {
                            time = time + sim.fixedWait[s] + sim.fixedDuration[s]
                        }
                        lead[c] = max(lead[c], time)
                        var k = sim.outStart[s]
                        if sim.isDecision[s] {
                            var stream = DrawKey.stream(case: keys[c], step: sim.stepKeys[s], visit: visit, DrawKey.branch)
                            k = sim.chosenArrow(of: s, stream.unit())
                        }
                        if sim.outClosesLoop[k] {
                            returns[c] += 1
                            // The event queue stops a case that has run its share of
                            // steps when a loop returns; here only an upper bound of
                            // that count is known, so the event queue runs them all.
                            if returns[c] > sim.limits.loopReturns || n + loopRuns[c] >= sim.limits.stepRuns { return nil }
                        }
                        let v = sim.outTarget[k]
                        if loopOf[v] == l {
                            s = v
                            continue
                        }
                        exitArrow[l * runs + c] = Int32(truncatingIfNeeded: k)
                        exitTime[l * runs + c] = time
                        break
                    }
                    for i in 0..<touchedCount {
                        let s = touched[i]
                        let k = loopVisits[s]
                        if k > Int(UInt8.max) { return nil }
                        total[s] += k
                        visited[s] += 1
                        aloneVisits[s] += k
                        if tracing { traceVisits[s * runs + c] = UInt8(k) }
                        if keepDrawn, drawnRows[s] >= 0 {
                            let r = drawnRows[s]
                            drawnWaitTotal[r] += drawnWait[r * runs + c]
                            drawnDurationTotal[r] += drawnDuration[r * runs + c]
                        }
                        loopVisits[s] = 0
                    }
                }
            }
        }
        let result = SimulationResult(
            runs: runs, seed: seed, limits: sim.limits, stoppedCases: 0, leadTimes: Array(lead).sortedByRadix(),
            expectedVisits: total.map { Double($0) / Double(max(runs, 1)) },
            visitProbability: visited.map { Double($0) / Double(max(runs, 1)) })
        if var t = trace {
            t.visits = Array(traceVisits)
            t.drawnWait = Array(drawnWait)
            t.drawnDuration = Array(drawnDuration)
            t.leads = Array(lead)
            t.allVisits = total
            t.aloneVisits = aloneVisits
            t.visitedCases = visited
            if keepDrawn {
                t.drawnWaitTotal = drawnWaitTotal
                t.drawnDurationTotal = drawnDurationTotal
            }
            trace = t
        }
        return result
    }
}
