// Over 400 lines: the event queue engine's passes and its state, which share the plan's rows.
import FlowcutCore
import FlowcutTiming

/// Runs a plan's cases one at a time through an event queue: any shape of
/// process (decisions inside parallel blocks, several starts, loops
/// anywhere). Its passes are written over the plan's rows
/// (`SimulationPlan`'s extension below).
struct EventQueueEngine: SimulationEngine {
    let plan: SimulationPlan

    func run(runs: Int, seed: UInt64, trace: inout SimulationTrace?) -> SimulationResult? {
        plan.runThroughEventQueue(runs: runs, seed: seed, trace: &trace)
    }
}

extension SimulationPlan {
    /// Every case through the event queue; with a trace, what measuring a
    /// change needs, recorded as the cases run.
    func runThroughEventQueue(runs: Int, seed: UInt64, trace: inout SimulationTrace?) -> SimulationResult {
        var leadTimes: [Double] = []
        leadTimes.reserveCapacity(runs)
        var totalVisits = [Int](repeating: 0, count: n)
        var visitedCases = [Int](repeating: 0, count: n)
        var stopped = 0
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
                            let lead = runCase(&state, DrawKey.simulatedCase(c, seed: seed), endings)
                            if let lead { leadTimes.append(lead) } else { stopped += 1 }
                            recorder.record(case: c, lead: lead, &state, total, visited)
                            state.resetBesidesSteps()
                        }
                    }
                } else {
                    for c in 0..<runs {
                        let lead = runCase(&state, DrawKey.simulatedCase(c, seed: seed), endings)
                        if let lead {
                            leadTimes.append(lead)
                            for i in 0..<state.touchedCount {
                                let s = Int(state.touched[i])
                                let k = Int(state.visits[s])
                                total[s] += k
                                if k > 0 { visited[s] += 1 }
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
            runs: runs, seed: seed, limits: limits, stoppedCases: stopped, leadTimes: leadTimes,
            expectedVisits: totalVisits.map { Double($0) / completed },
            visitProbability: visitedCases.map { Double($0) / completed })
        return result
    }

    /// The lead time of case `c` alone (nil if it was stopped in a loop).
    func eventQueueLeadTime(case c: Int, seed: UInt64) -> Double? { eventQueueCase(c, seed: seed).lead }

    /// Case `c` alone: its lead time (nil if it was stopped in a loop) and
    /// how many times each step it touched ran.
    func eventQueueCase(_ c: Int, seed: UInt64) -> (lead: Double?, visits: [(step: Int, count: Int)]) {
        var state = CaseState(n: n, tracing: false)
        defer { state.deallocate() }
        let lead = runCase(&state, DrawKey.simulatedCase(c, seed: seed), endings)
        return (
            lead,
            (0..<state.touchedCount).map { i in
                let s = Int(state.touched[i])
                return (s, Int(state.visits[s]))
            }
        )
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
        /// Steps started in this case, every visit counted: checked against
        /// `CaseLimits.stepRuns` where a step can start again (a loop
        /// returns, a step of over 64 predecessors is reached once more);
        /// elsewhere a case runs each step at most once.
        var stepRuns = 0
        /// For a join: the predecessors that have arrived (bit per slot),
        /// and the latest arrival.
        let pendingMask: UnsafeMutablePointer<UInt64>
        let pendingTime: UnsafeMutablePointer<Double>
        /// The joins waiting, in the order they began to wait.
        var pending: [Int] = []
        /// How many of them have every predecessor in.
        var completeWaiting = 0
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
            stepRuns = 0
            completeWaiting = 0
            for s in pending { pendingMask[s] = 0 }
            pending.removeAll(keepingCapacity: true)
            events.removeAll()
        }
    }

    /// Whether this plan's cases check for `ends` steps.
    var endings: any CaseEndings.Type { hasEnds ? WithEnds.self : WithoutEnds.self }

    /// One case; its lead time, or nil if it was stopped in a loop. The
    /// case runs in one of two copies of `runOneCase`: without the `ends`
    /// check for the processes that have no such step (nearly all; the
    /// check cost 1.8% of a suggestion run's instructions), with it for
    /// the others.
    private func runCase(_ st: inout CaseState, _ key: UInt64, _ endings: any CaseEndings.Type) -> Double? {
        endings == WithEnds.self ? runOneCase(&st, key, WithEnds.self) : runOneCase(&st, key, WithoutEnds.self)
    }

    private func runOneCase<Endings: CaseEndings>(_ st: inout CaseState, _ key: UInt64, _: Endings.Type) -> Double? {
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
                            fire(join: j, at: end, &st, key)
                            continue
                        }
                        end = max(end, time)
                        while true {
                            // A step that ends the case: whatever else runs is cancelled.
                            // (What was still running did not finish: not a visit.)
                            if Endings.check, endsCase[u] { return cancelRunning(&st, endingAt: time) }
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
                                        if returns > limits.loopReturns || st.stepRuns >= limits.stepRuns { return nil }
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
                                    if returns > limits.loopReturns || st.stepRuns >= limits.stepRuns { return nil }
                                    if st.pendingMask[v] != 0 { clearPending(v, &st) }
                                    startStep(v, at: time, &st, key)
                                } else if forwardIn[v] <= 1 {
                                    startStep(v, at: time, &st, key)
                                } else if joinIndex[v] < 0 {
                                    // Over 64 predecessors: started on every arrival.
                                    if st.stepRuns >= limits.stepRuns { return nil }
                                    startStep(v, at: time, &st, key)
                                } else {
                                    if st.pendingMask[v] == 0 { st.pending.append(v) }
                                    let full = joinFull[joinIndex[v]]
                                    if st.pendingMask[v] != full {
                                        st.pendingMask[v] |= UInt64(1) << UInt64(outSlot[k])
                                        if st.pendingMask[v] == full { st.completeWaiting += 1 }
                                    }
                                    st.pendingTime[v] = max(st.pendingTime[v], time)
                                }
                            }
                            if !st.pending.isEmpty { releaseJoins(at: time, &st, key) }
                            break
                        }
                    }
                    return end
                }
            }
        }
    }

    /// The case ends at `time` (an `ends` step finished): the steps still
    /// running do not finish, so their visits are taken back.
    @inline(never)
    private func cancelRunning(_ st: inout CaseState, endingAt time: Double) -> Double {
        st.events.forEachStep { st.visits[$0] -= 1 }
        return time
    }

    /// Starts every waiting join whose missing predecessors can no longer
    /// arrive. One released so starts when that became known — `now`, as
    /// the step that decided it finishes — and never before its latest
    /// arrival.
    private func releaseJoins(at now: Double, _ st: inout CaseState, _ key: UInt64) {
        // Without the reach table only complete joins start here; one with
        // a predecessor missing waits until nothing runs, and then the
        // earliest goes first (`runOneCase`). (Releasing them all once
        // nothing ran started outer joins before the inner ones they wait
        // for, which then ran again on each late arrival.)
        if joinReach.isEmpty, st.completeWaiting == 0 { return }
        // One pass in waiting order, the joins that stay moved down over
        // the ones that start: the list is, at each step, the kept ones
        // (0..<kept) then the ones still to look at (read...). (Removing
        // each started join from the middle made releasing many at once
        // quadratic.)
        var kept = 0
        var read = 0
        let count = st.pending.count
        while read < count {
            let v = st.pending[read]
            let j = joinIndex[v]
            let missing = joinFull[j] & ~st.pendingMask[v]
            // Whether a missing predecessor can still arrive: from a step
            // running, or from another join waiting. The first that can
            // ends the search, and the waiting joins are searched from the
            // one after this (in nested blocks that is the inner join this
            // one waits for: searched from the start, each of the waiting
            // joins scanned most of the others, and a case cost the cube
            // of the depth).
            var blocked = false
            if missing != 0 {
                if joinReach.isEmpty {
                    blocked = true
                } else {
                    let row = j * n
                    blocked = st.events.containsStep { joinReach[row + $0] & missing != 0 }
                    var k = read + 1
                    while !blocked && k < count {
                        blocked = joinReach[row + st.pending[k]] & missing != 0
                        k += 1
                    }
                    k = 0
                    while !blocked && k < kept {
                        blocked = joinReach[row + st.pending[k]] & missing != 0
                        k += 1
                    }
                }
            }
            if blocked {
                if kept != read { st.pending[kept] = v }
                kept += 1
            } else {
                start(join: v, at: missing == 0 ? 0 : now, &st, key)
            }
            read += 1
        }
        if kept < count { st.pending.removeLast(count - kept) }
    }

    /// Starts join `v` at its latest arrival, or at `released` if later.
    private func fire(join v: Int, at released: Double, _ st: inout CaseState, _ key: UInt64) {
        if let k = st.pending.firstIndex(of: v) { st.pending.remove(at: k) }
        start(join: v, at: released, &st, key)
    }

    /// `fire` for a join already taken out of `pending` (`releaseJoins`).
    private func start(join v: Int, at released: Double, _ st: inout CaseState, _ key: UInt64) {
        let time = max(st.pendingTime[v], released)
        forget(join: v, &st)
        startStep(v, at: time, &st, key)
    }

    private func clearPending(_ v: Int, _ st: inout CaseState) {
        forget(join: v, &st)
        if let k = st.pending.firstIndex(of: v) { st.pending.remove(at: k) }
    }

    /// Join `v`'s arrivals set back (its place in `pending` is the caller's).
    private func forget(join v: Int, _ st: inout CaseState) {
        if st.pendingMask[v] == joinFull[joinIndex[v]] { st.completeWaiting -= 1 }
        st.pendingMask[v] = 0
        st.pendingTime[v] = 0
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
        st.stepRuns += 1
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

/// Whether a case's run checks for `ends` steps: a type, so that the
/// check is compiled out of the version for processes without one.
protocol CaseEndings { static var check: Bool { get } }
enum WithEnds: CaseEndings { static var check: Bool { true } }
enum WithoutEnds: CaseEndings { static var check: Bool { false } }

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

    /// Whether any queued step satisfies `test` (stops at the first).
    func containsStep(where test: (Int) -> Bool) -> Bool {
        for i in 0..<count where test(heap[i].step) { return true }
        return false
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
