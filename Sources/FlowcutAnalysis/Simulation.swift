// Over 400 lines: the compiled plan, the event engine and the trace together (to be split at a SimulationPlan seam, issue 15).
import FlowcutCore

/// What the Monte Carlo simulation of N cases gives (ANALYSIS.md).
public struct SimulationResult: Sendable {
    public let runs: Int
    public let seed: UInt64
    /// Cases stopped after more than `loopLimit` loop returns; they are
    /// counted here and left out of every figure below.
    public let stoppedCases: Int
    /// Lead times of the completed cases, ascending (hours).
    public let leadTimes: [Double]
    /// Mean number of times each step runs in one case.
    public let expectedVisits: [Double]
    /// Share of cases in which each step runs at least once.
    public let visitProbability: [Double]
    /// Expected lead time: the mean over completed cases (0 without any).
    public let expectedLeadTime: Double

    public init(runs: Int, seed: UInt64, stoppedCases: Int, leadTimes: [Double], expectedVisits: [Double], visitProbability: [Double]) {
        self.runs = runs
        self.seed = seed
        self.stoppedCases = stoppedCases
        self.leadTimes = leadTimes
        self.expectedVisits = expectedVisits
        self.visitProbability = visitProbability
        // Computed once: reports and rankings ask for it again and again.
        expectedLeadTime = leadTimes.isEmpty ? 0 : leadTimes.reduce(0, +) / Double(leadTimes.count)
    }

    public var completedCases: Int { leadTimes.count }

    /// The q-quantile by the nearest-rank method: the smallest lead time
    /// with at least q of the cases at or below it.
    public func percentile(_ q: Double) -> Double {
        guard !leadTimes.isEmpty else { return 0 }
        let rank = Int((q * Double(leadTimes.count)).rounded(.up))
        return leadTimes[min(max(rank, 1), leadTimes.count) - 1]
    }

    /// Share of completed cases whose lead time is at most `deadline`.
    public func onTimeRate(_ deadline: Double) -> Double {
        guard !leadTimes.isEmpty else { return 0 }
        let tolerance = 1e-9 * max(1, deadline)
        var lo = 0
        var hi = leadTimes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if leadTimes[mid] <= deadline + tolerance { lo = mid + 1 } else { hi = mid }
        }
        return Double(lo) / Double(leadTimes.count)
    }
}

/// Runs cases of a process, drawing every decision and duration:
/// - a decision takes one arrow, drawn by its probability; other steps start
///   all their arrows;
/// - durations and waits are drawn uniform for a range, PERT-beta for a
///   three-point estimate;
/// - an arrow that closes a loop starts its target again as soon as it
///   fires; a case with more than `loopLimit` such returns is stopped;
/// - a step with several forward predecessors waits for those that can
///   still arrive in this case: it starts when every one of them has
///   arrived or can no longer be reached from anything still running.
public struct Simulator: Sendable {
    public static let defaultRuns = 10_000
    public static let defaultSeed: UInt64 = 20_211_213
    public static let loopLimit = 1_000

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

    public init(_ w: Workflow, _ structure: ProcessStructure) {
        n = w.steps.count
        stepKeys = w.steps.map { DrawKey.step($0.id) }
        duration = w.steps.map { TimeDistribution($0.duration) }
        wait = w.steps.map { TimeDistribution($0.wait) }
        isDecision = (0..<n).map { w.isDecision($0) }
        var fixedWait = [Double](repeating: .nan, count: n)
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

    /// Runs `runs` cases from `seed`.
    public func run(runs: Int, seed: UInt64) -> SimulationResult {
        run(runs: runs, seed: seed, tracing: false).result
    }

    /// Runs `runs` cases from `seed`; with `tracing`, also what measuring a
    /// change without running the cases again needs (nil when too large).
    /// A block-structured process runs step by step over all cases
    /// (`StepwiseSimulation`, the same numbers); `stepwise: false` makes
    /// every process run case by case through the event queue.
    func run(runs: Int, seed: UInt64, tracing: Bool, stepwise: Bool = true) -> (result: SimulationResult, trace: SimulationTrace?) {
        if stepwise, let plan = StepwiseSimulation(self, runs: runs) {
            var trace = tracing && n * runs <= SimulationTrace.maxEntries ? SimulationTrace(self, runs: runs, seed: seed, tables: false) : nil
            if let result = plan.run(runs: runs, seed: seed, trace: &trace) { return (result, trace?.isUsable == true ? trace : nil) }
        }
        var leadTimes: [Double] = []
        leadTimes.reserveCapacity(runs)
        var totalVisits = [Int](repeating: 0, count: n)
        var visitedCases = [Int](repeating: 0, count: n)
        var stopped = 0
        var trace = tracing && n * runs <= SimulationTrace.maxEntries ? SimulationTrace(self, runs: runs, seed: seed) : nil
        // Alone counts and drawn sums only when a trace keeps them.
        var state = CaseState(n: n, tracing: trace != nil)
        defer { state.deallocate() }
        totalVisits.withUnsafeMutableBufferPointer { total in
            visitedCases.withUnsafeMutableBufferPointer { visited in
                if trace != nil {
                    // One pass over the steps a case touched: its figures,
                    // its record in the trace, and the state made ready.
                    trace!.withRecorder { recorder in
                        for c in 0..<runs {
                            let lead = runCase(&state, DrawKey.simulatedCase(c, seed: seed))
                            if let lead { leadTimes.append(lead) } else { stopped += 1 }
                            recorder.record(case: c, lead: lead, &state, total, visited)
                            state.resetBesidesSteps()
                        }
                    }
                } else {
                    for c in 0..<runs {
                        let lead = runCase(&state, DrawKey.simulatedCase(c, seed: seed))
                        if let lead {
                            leadTimes.append(lead)
                            for i in 0..<state.touchedCount {
                                let s = Int(state.touched[i])
                                total[s] += Int(state.visits[s])
                                visited[s] += 1
                            }
                        } else {
                            stopped += 1
                        }
                        state.reset()
                    }
                }
            }
        }
        if trace != nil {
            for s in 0..<n { trace!.aloneVisits[s] = state.aloneVisits[s] }
            trace!.visitedCases = visitedCases
            trace!.finish()
        }
        leadTimes = leadTimes.sortedByRadix()
        let completed = Double(max(leadTimes.count, 1))
        let result = SimulationResult(
            runs: runs, seed: seed, stoppedCases: stopped, leadTimes: leadTimes,
            expectedVisits: totalVisits.map { Double($0) / completed },
            visitProbability: visitedCases.map { Double($0) / completed })
        return (result, trace?.isUsable == true ? trace : nil)
    }

    /// The lead time of case `c` alone (nil if it was stopped in a loop).
    func leadTime(case c: Int, seed: UInt64) -> Double? { run(case: c, seed: seed).lead }

    /// Case `c` alone: its lead time (nil if it was stopped in a loop) and
    /// how many times each step it touched ran.
    func run(case c: Int, seed: UInt64) -> (lead: Double?, visits: [(step: Int, count: Int)]) {
        var state = CaseState(n: n, tracing: false)
        defer { state.deallocate() }
        let lead = runCase(&state, DrawKey.simulatedCase(c, seed: seed))
        return (
            lead,
            (0..<state.touchedCount).map { i in
                let s = Int(state.touched[i])
                return (s, Int(state.visits[s]))
            }
        )
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

    /// The state of one case, reused from case to case: plain memory,
    /// since a simulation touches it for every step it runs (a struct
    /// passed `inout`: a class's fields would be checked for exclusive
    /// access at run time on every write, a quarter of the time). Its owner
    /// calls `deallocate()`.
    struct CaseState {
        /// How many times each step has started in this case.
        let visits: UnsafeMutablePointer<Int32>
        /// The steps started in this case, in first-start order.
        let touched: UnsafeMutablePointer<Int32>
        var touchedCount = 0
        /// For a join: the predecessors that have arrived (bit per slot),
        /// and the latest arrival.
        let pendingMask: UnsafeMutablePointer<UInt64>
        let pendingTime: UnsafeMutablePointer<Double>
        /// The joins waiting, in the order they began to wait.
        var pending: [Int] = []
        var events = EventQueue()
        /// Per step, over all cases: visits on which it started alone (see
        /// `SimulationTrace.aloneVisits`); counted only when tracing.
        let aloneVisits: UnsafeMutablePointer<Int>
        /// Per step, in this case: the sum of its drawn waits and of its
        /// drawn durations (steps with a fixed time are left at 0); kept
        /// only when tracing.
        let drawnWait: UnsafeMutablePointer<Double>
        let drawnDuration: UnsafeMutablePointer<Double>
        let tracing: Bool

        init(n: Int, tracing: Bool) {
            self.tracing = tracing
            visits = .allocate(capacity: n)
            visits.initialize(repeating: 0, count: n)
            touched = .allocate(capacity: n)
            pendingMask = .allocate(capacity: n)
            pendingMask.initialize(repeating: 0, count: n)
            pendingTime = .allocate(capacity: n)
            pendingTime.initialize(repeating: 0, count: n)
            aloneVisits = .allocate(capacity: n)
            aloneVisits.initialize(repeating: 0, count: n)
            drawnWait = .allocate(capacity: n)
            drawnWait.initialize(repeating: 0, count: n)
            drawnDuration = .allocate(capacity: n)
            drawnDuration.initialize(repeating: 0, count: n)
        }

        func deallocate() {
            visits.deallocate()
            touched.deallocate()
            pendingMask.deallocate()
            pendingTime.deallocate()
            aloneVisits.deallocate()
            drawnWait.deallocate()
            drawnDuration.deallocate()
            events.deallocate()
        }

        mutating func reset() {
            for i in 0..<touchedCount {
                let s = Int(touched[i])
                visits[s] = 0
                drawnWait[s] = 0
                drawnDuration[s] = 0
            }
            resetBesidesSteps()
        }

        /// `reset` for a state whose touched steps' counts and sums were
        /// already set back to 0 (`SimulationTrace.Recorder`).
        mutating func resetBesidesSteps() {
            touchedCount = 0
            for s in pending { pendingMask[s] = 0 }
            pending.removeAll(keepingCapacity: true)
            events.removeAll()
        }
    }

    /// One case; its lead time, or nil if it was stopped in a loop.
    private func runCase(_ st: inout CaseState, _ key: UInt64) -> Double? {
        var end = 0.0
        var returns = 0
        var round = st.events.nextOrder
        for s in starts { startStep(s, at: 0, &st, key) }
        return outStart.withUnsafeBufferPointer { outStart in
            outTarget.withUnsafeBufferPointer { outTarget in
                outClosesLoop.withUnsafeBufferPointer { outClosesLoop in
                    while true {
                        // A step that starts alone and runs with nothing else running
                        // and no join waiting: making it shorter moves all that follows.
                        if st.tracing, st.events.count == 1, st.pending.isEmpty, st.events.firstOrder >= round {
                            st.aloneVisits[st.events.firstStep] += 1
                        }
                        round = st.events.nextOrder
                        guard var (time, u, visit) = st.events.pop() else {
                            // Nothing runs: joins still waiting can only be waiting for
                            // each other; the earliest goes first.
                            guard let j = st.pending.min(by: { st.pendingTime[$0] < st.pendingTime[$1] }) else { break }
                            fire(join: j, &st, key)
                            continue
                        }
                        end = max(end, time)
                        while true {
                            let first = outStart[u]
                            let last = outStart[u + 1]
                            if first == last { break }
                            var chosen = first
                            var through = last
                            if isDecision[u] {
                                var stream = DrawKey.stream(case: key, step: stepKeys[u], visit: visit, DrawKey.branch)
                                chosen = chosenArrow(of: u, stream.unit())
                                through = chosen + 1
                            }
                            // One step follows and nothing else runs or waits: it
                            // starts, runs alone and finishes next, so it is run
                            // here without the queue (the same times, visits and
                            // counts as through it).
                            if through == chosen + 1, st.events.isEmpty, st.pending.isEmpty {
                                let v = outTarget[chosen]
                                let loops = outClosesLoop[chosen]
                                if loops || forwardIn[v] <= 1 || joinIndex[v] < 0 {
                                    if loops {
                                        returns += 1
                                        if returns > Self.loopLimit { return nil }
                                    }
                                    (time, visit) = begin(v, at: time, &st, key)
                                    if st.tracing { st.aloneVisits[v] += 1 }
                                    end = max(end, time)
                                    u = v
                                    continue
                                }
                            }
                            for k in chosen..<through {
                                let v = outTarget[k]
                                if outClosesLoop[k] {
                                    returns += 1
                                    if returns > Self.loopLimit { return nil }
                                    if st.pendingMask[v] != 0 { clearPending(v, &st) }
                                    startStep(v, at: time, &st, key)
                                } else if forwardIn[v] <= 1 || joinIndex[v] < 0 {
                                    startStep(v, at: time, &st, key)
                                } else {
                                    if st.pendingMask[v] == 0 { st.pending.append(v) }
                                    st.pendingMask[v] |= UInt64(1) << UInt64(outSlot[k])
                                    st.pendingTime[v] = max(st.pendingTime[v], time)
                                }
                            }
                            if !st.pending.isEmpty { releaseJoins(&st, key) }
                            break
                        }
                    }
                    return end
                }
            }
        }
    }

    /// Starts every waiting join whose missing predecessors can no longer arrive.
    private func releaseJoins(_ st: inout CaseState, _ key: UInt64) {
        var i = 0
        while i < st.pending.count {
            let v = st.pending[i]
            let j = joinIndex[v]
            let missing = joinFull[j] & ~st.pendingMask[v]
            var reachable: UInt64 = 0
            if missing != 0 {
                if joinReach.isEmpty {
                    reachable = st.events.isEmpty ? 0 : missing
                } else {
                    let row = j * n
                    st.events.forEachStep { reachable |= joinReach[row + $0] }
                    for p in st.pending where p != v { reachable |= joinReach[row + p] }
                }
            }
            if missing & reachable == 0 {
                fire(join: v, &st, key)
            } else {
                i += 1
            }
        }
    }

    private func fire(join v: Int, _ st: inout CaseState, _ key: UInt64) {
        let time = st.pendingTime[v]
        clearPending(v, &st)
        startStep(v, at: time, &st, key)
    }

    private func clearPending(_ v: Int, _ st: inout CaseState) {
        st.pendingMask[v] = 0
        st.pendingTime[v] = 0
        if let k = st.pending.firstIndex(of: v) { st.pending.remove(at: k) }
    }

    @inline(__always)
    private func startStep(_ s: Int, at time: Double, _ st: inout CaseState, _ key: UInt64) {
        let (t, visit) = begin(s, at: time, &st, key)
        st.events.push(t, s, visit)
    }

    /// Starts step s at `time`: counts the visit, draws its wait and
    /// duration; its finish time and the visit's number.
    @inline(__always)
    private func begin(_ s: Int, at time: Double, _ st: inout CaseState, _ key: UInt64) -> (Double, Int) {
        let visit = Int(st.visits[s])
        if visit == 0 {
            st.touched[st.touchedCount] = Int32(truncatingIfNeeded: s)
            st.touchedCount += 1
        }
        st.visits[s] = Int32(truncatingIfNeeded: visit + 1)
        let fixed = fixedWait[s]
        let t: Double
        if fixed.isNaN {
            let w = draw(wait[s], case: key, step: s, visit: visit, DrawKey.wait)
            let d = draw(duration[s], case: key, step: s, visit: visit, DrawKey.duration)
            if st.tracing {
                st.drawnWait[s] += w
                st.drawnDuration[s] += d
            }
            t = time + w + d
        } else {
            t = time + fixed + fixedDuration[s]
        }
        return (t, visit)
    }
}

/// Steps running in one case, by finish time (ties: started first): a
/// binary heap of events in plain memory, grown as needed.
struct EventQueue {
    struct Event {
        var time: Double
        var order: Int
        var step: Int
        var visit: Int
    }

    private var heap: UnsafeMutablePointer<Event> = .allocate(capacity: 16)
    private var capacity = 16
    private(set) var count = 0
    private var counter = 0

    var isEmpty: Bool { count == 0 }
    /// The push number the next push gets.
    var nextOrder: Int { counter }
    /// The push number of the first event (the queue must not be empty).
    var firstOrder: Int { heap[0].order }
    /// The first event's step (the queue must not be empty).
    var firstStep: Int { heap[0].step }

    /// Calls `body` with the step of every event, in no particular order.
    @inline(__always)
    func forEachStep(_ body: (Int) -> Void) {
        for i in 0..<count { body(heap[i].step) }
    }

    mutating func removeAll() {
        count = 0
        counter = 0
    }

    /// Frees the memory; the queue must not be used afterwards.
    func deallocate() { heap.deallocate() }

    @inline(__always)
    private static func less(_ a: Event, _ b: Event) -> Bool {
        a.time < b.time || (a.time == b.time && a.order < b.order)
    }

    @inline(__always)
    mutating func push(_ time: Double, _ step: Int, _ visit: Int) {
        let event = Event(time: time, order: counter, step: step, visit: visit)
        counter += 1
        if count == capacity {
            let bigger = UnsafeMutablePointer<Event>.allocate(capacity: 2 * capacity)
            bigger.moveInitialize(from: heap, count: count)
            heap.deallocate()
            heap = bigger
            capacity *= 2
        }
        var i = count
        count += 1
        while i > 0 {
            let parent = (i - 1) / 2
            if !Self.less(event, heap[parent]) { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = event
    }

    /// The earliest finish: its time, step and the step's visit number.
    @inline(__always)
    mutating func pop() -> (Double, Int, Int)? {
        guard count > 0 else { return nil }
        count -= 1
        let top = heap[0]
        guard count > 0 else { return (top.time, top.step, top.visit) }
        let last = heap[count]
        // Sift the last event down from the root.
        var i = 0
        let n = count
        while true {
            let l = 2 * i + 1
            if l >= n { break }
            let r = l + 1
            let m = r < n && Self.less(heap[r], heap[l]) ? r : l
            if !Self.less(heap[m], last) { break }
            heap[i] = heap[m]
            i = m
        }
        heap[i] = last
        return (top.time, top.step, top.visit)
    }
}

/// What one simulation leaves for measuring changes without running every
/// case again (see `SavingsMeter`).
struct SimulationTrace: Sendable {
    /// The most visit counts kept (64 MB).
    static let maxEntries = 64_000_000

    /// The simulator that ran the cases.
    let simulator: Simulator
    let runs: Int
    let seed: UInt64
    /// visits[s * runs + c]: how many times step s ran in case c (a step
    /// that runs more than 255 times in a case makes the trace unusable).
    var visits: [UInt8]
    /// Per step: visits on which it started alone and ran with nothing else
    /// running and no join waiting.
    var aloneVisits: [Int]
    var allVisits: [Int]
    /// Per step: the cases in which it ran.
    var visitedCases: [Int] = []
    /// Each case's lead time, in case order.
    var leads: [Double]
    /// drawnWait[r * runs + c], drawnDuration[r * runs + c], r = drawnRow[s]:
    /// the sum of step s's drawn waits and durations in case c, in visit
    /// order (0 for the one of the two that is fixed). Only steps whose wait
    /// or duration is drawn have a row (-1 for the others). Empty for a
    /// trace of more than `maxDrawnEntries` row-cases.
    var drawnWait: [Double]
    var drawnDuration: [Double]
    let drawnRow: [Int]
    /// Per row: the sum over every case (`finish()`).
    var drawnWaitTotal: [Double] = []
    var drawnDurationTotal: [Double] = []
    /// The most row-cases whose drawn times are kept (2 × 32 MB).
    static let maxDrawnEntries = 4_000_000
    var stoppedCases = 0
    var overflowed = false

    /// With `tables: false` the per-case tables (`visits`, `leads`,
    /// `drawnWait`, `drawnDuration`) are left empty for the caller to fill
    /// whole (`StepwiseSimulation`); `keepsDrawn` says whether the drawn
    /// times are to be kept.
    init(_ simulator: Simulator, runs: Int, seed: UInt64, tables: Bool = true) {
        self.simulator = simulator
        let steps = simulator.n
        self.runs = runs
        self.seed = seed
        aloneVisits = Array(repeating: 0, count: steps)
        allVisits = Array(repeating: 0, count: steps)
        var rows = 0
        drawnRow = simulator.fixedWait.map { fixed in
            guard fixed.isNaN else { return -1 }
            rows += 1
            return rows - 1
        }
        keepsDrawn = rows > 0 && runs > 0 && rows * runs <= Self.maxDrawnEntries
        visits = tables ? Array(repeating: 0, count: steps * runs) : []
        leads = tables ? Array(repeating: 0, count: runs) : []
        drawnWait = tables && keepsDrawn ? Array(repeating: 0, count: rows * runs) : []
        drawnDuration = drawnWait
    }

    /// Whether `drawnWait` and `drawnDuration` hold a row per drawn step.
    let keepsDrawn: Bool

    /// Writes cases into the trace through its tables' memory.
    struct Recorder {
        let runs: Int
        let visits: UnsafeMutableBufferPointer<UInt8>
        let allVisits: UnsafeMutableBufferPointer<Int>
        let leads: UnsafeMutableBufferPointer<Double>
        let drawnWait: UnsafeMutableBufferPointer<Double>
        let drawnDuration: UnsafeMutableBufferPointer<Double>
        let drawnRow: UnsafeBufferPointer<Int>
        var stoppedCases = 0
        var overflowed = false

        /// Case c: its lead time and each touched step's visits and drawn
        /// sums go into the trace, and (for a completed case) into `total`
        /// and `visited`; the steps' counts and sums in `state` go back to 0.
        @inline(__always)
        mutating func record(
            case c: Int, lead: Double?, _ state: inout Simulator.CaseState,
            _ total: UnsafeMutableBufferPointer<Int>, _ visited: UnsafeMutableBufferPointer<Int>
        ) {
            if let lead { leads[c] = lead } else { stoppedCases += 1 }
            let keepDrawn = !drawnWait.isEmpty
            for i in 0..<state.touchedCount {
                let s = Int(state.touched[i])
                let k = Int(state.visits[s])
                if lead != nil {
                    total[s] += k
                    visited[s] += 1
                }
                allVisits[s] += k
                if k > Int(UInt8.max) { overflowed = true } else { visits[s * runs + c] = UInt8(k) }
                let r = drawnRow[s]
                if keepDrawn, r >= 0 {
                    drawnWait[r * runs + c] = state.drawnWait[s]
                    drawnDuration[r * runs + c] = state.drawnDuration[s]
                }
                state.visits[s] = 0
                state.drawnWait[s] = 0
                state.drawnDuration[s] = 0
            }
        }
    }

    /// Runs `body` with a recorder writing into this trace.
    mutating func withRecorder(_ body: (inout Recorder) -> Void) {
        let runs = self.runs
        var stopped = 0
        var overflow = false
        visits.withUnsafeMutableBufferPointer { visits in
            allVisits.withUnsafeMutableBufferPointer { allVisits in
                leads.withUnsafeMutableBufferPointer { leads in
                    drawnWait.withUnsafeMutableBufferPointer { drawnWait in
                        drawnDuration.withUnsafeMutableBufferPointer { drawnDuration in
                            drawnRow.withUnsafeBufferPointer { drawnRow in
                                var recorder = Recorder(
                                    runs: runs, visits: visits, allVisits: allVisits, leads: leads,
                                    drawnWait: drawnWait, drawnDuration: drawnDuration, drawnRow: drawnRow)
                                body(&recorder)
                                stopped = recorder.stoppedCases
                                overflow = recorder.overflowed
                            }
                        }
                    }
                }
            }
        }
        stoppedCases += stopped
        if overflow { overflowed = true }
    }

    /// Totals the drawn times once every case is recorded.
    mutating func finish() {
        guard !drawnWait.isEmpty else { return }
        let rows = drawnWait.count / runs
        drawnWaitTotal = (0..<rows).map { r in drawnWait[r * runs..<(r + 1) * runs].reduce(0, +) }
        drawnDurationTotal = (0..<rows).map { r in drawnDuration[r * runs..<(r + 1) * runs].reduce(0, +) }
    }

    /// Usable when every case completed and every count fitted.
    var isUsable: Bool { stoppedCases == 0 && !overflowed }

    /// Whether every visit of step s ran alone (true for a step never run).
    func ranAlone(_ s: Int) -> Bool { aloneVisits[s] == allVisits[s] }
}

extension Array where Element == Double {
    /// The numbers in ascending order, by a least-significant-digit radix
    /// sort of their bits (11 bits a pass, a pass skipped when every number
    /// has the same digit): two sorts of 10 000 lead times per procedure
    /// were a twelfth of a portfolio's analysis with the comparison sort.
    /// Only the top 33 bits (sign, exponent, 21 bits of mantissa) are
    /// sorted by digit; numbers that share them — lead times closer than
    /// about 5·10⁻⁷ of their size, rare unless equal — are then put in
    /// order by an insertion pass, or, if that has too much to move, the
    /// low bits get their passes too. Order as `sorted()` gives for numbers
    /// that are not NaN (−0 before 0).
    func sortedByRadix() -> [Double] {
        guard count > 64 else { return sorted() }
        let sign: UInt64 = 1 << 63
        // Bits that order as the numbers do: flip every bit of a negative
        // number, only the sign bit of a positive one.
        var keys = map { x -> UInt64 in
            let b = x.bitPattern
            return b & sign != 0 ? ~b : b | sign
        }
        var spare = [UInt64](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: 2048)
        keys.withUnsafeMutableBufferPointer { keys in
            spare.withUnsafeMutableBufferPointer { spare in
                counts.withUnsafeMutableBufferPointer { counts in
                    func passes(_ shifts: [UInt64]) {
                        var from = keys
                        var to = spare
                        var inSpare = false
                        for shift in shifts {
                            for i in 0..<2048 { counts[i] = 0 }
                            for k in from { counts[Int((k >> shift) & 2047)] += 1 }
                            if counts[Int((from[0] >> shift) & 2047)] == from.count { continue }
                            var total = 0
                            for i in 0..<2048 {
                                let c = counts[i]
                                counts[i] = total
                                total += c
                            }
                            for k in from {
                                let d = Int((k >> shift) & 2047)
                                to[counts[d]] = k
                                counts[d] += 1
                            }
                            swap(&from, &to)
                            inSpare.toggle()
                        }
                        if inSpare { keys.baseAddress!.update(from: spare.baseAddress!, count: keys.count) }
                    }
                    passes([31, 42, 53])
                    // Insertion by the whole key, within runs of equal top bits.
                    var moved = 0
                    let budget = 16 * keys.count
                    for i in 1..<keys.count {
                        let k = keys[i]
                        var j = i
                        while j > 0 && keys[j - 1] > k {
                            keys[j] = keys[j - 1]
                            j -= 1
                        }
                        keys[j] = k
                        moved += i - j
                        if moved > budget {
                            // Too many close numbers: a stable pass over
                            // the low bits, then the top bits again.
                            passes([0, 11, 22, 31, 42, 53])
                            break
                        }
                    }
                }
            }
        }
        return keys.map { k in Double(bitPattern: k & sign != 0 ? k ^ sign : ~k) }
    }
}
