// Over 400 lines: one measurement per kind of change, each reading the trace and the plan's rows.
import FlowcutCore
import FlowcutLanguage
import FlowcutTiming

/// Measures what a change saves on the expected lead time without running
/// every case again, where that gives the number a new simulation would
/// give.
///
/// Every draw of the simulation is keyed by case, step ID, visit and what
/// is drawn (`DrawKey`), so the after process of a change draws the same
/// numbers as the before process for every step they share: the two runs
/// take the same branches, and differ only where the change acts. When the
/// steps a change touches ran *alone* on every visit — started with nothing
/// else running and no join waiting, so everything after them waits for
/// them — each case's lead time moves by exactly what the change does to
/// those steps on those visits:
/// - a new wait or duration (`shorten`, `online` with a duration): the old
///   draws minus the new ones, drawn from the same keys;
/// - `cut X` (X not a decision): X's draws;
/// - `merge A B` (B not a decision): A's duration and B's wait and duration,
///   minus the merged duration;
/// - `parallel A B`: the shorter of A and B, on each visit.
/// A new time for one branch of a parallel block (a split whose branches
/// are single steps meeting at one join, split and join alone) changes the
/// block's time from the longest branch to the new longest. A `chance`
/// keeps the decision's draws and moves its thresholds: cases in which
/// every draw of the decision still picks the same branch run as before,
/// and only the others are simulated again.
/// The saving is the mean of that over the cases. A change that alters no
/// wait, duration or arrow (`online` alone) saves exactly 0. Anything else
/// (steps running beside others outside such blocks, a change that reorders
/// a decision's branches) is measured by simulating the after process (nil
/// here). A test holds this to the full simulation on random processes.
package struct SavingsMeter {
    let before: Workflow
    /// The before process as the engines ran it.
    let plan: SimulationPlan
    let structure: ProcessStructure
    let trace: SimulationTrace
    let result: SimulationResult
    /// Each case's key (`DrawKey.simulatedCase`), made once.
    let caseKeys: [UInt64]

    /// The meter of `before` (its structure, and the simulation `result`
    /// that left `trace`); nil without a trace, or for a process with an
    /// `ends` step (one cancels other branches: measured by simulating again).
    package init?(_ before: Workflow, structure: ProcessStructure, result: SimulationResult?, trace: SimulationTrace?) {
        guard let trace, let result, !trace.plan.hasEnds else { return nil }
        self.result = result
        self.before = before
        plan = trace.plan
        self.structure = structure
        self.trace = trace
        caseKeys = (0..<trace.runs).map { DrawKey.simulatedCase($0, seed: trace.seed) }
    }

    /// The expected lead time `change` saves (`after` is the before process
    /// with the change applied), or nil when only a new simulation can say.
    package func saving(_ change: ChangeAction, after: Workflow) -> Double? {
        var none: [Double]?
        return measure(change, after: after, cases: &none)
    }

    /// The saving of new times for some steps, the process otherwise the same
    /// (`ProposalApplier.retimedSteps`); nil when only a new simulation can say.
    package func saving(retimed: [(index: Int, step: Step)]) -> Double? {
        var none: [Double]?
        return measure(retimed: retimed, cases: &none)
    }

    /// The simulation of `final`, the before process after `changes` one
    /// after the other, made from the before simulation: each case's lead
    /// time less what each change takes off it, the steps' visits as they
    /// were. A `chance` keeps its decision's draws: the cases in which a draw
    /// now picks another branch are simulated again with `final`. Only when
    /// every other change is metered on its own and no two touch the same
    /// step, so that what one does cannot change what another does; else nil.
    package func simulation(after changes: [ChangeAction], final: Workflow) -> SimulationResult? {
        let runs = trace.runs
        var taken = [Double](repeating: 0, count: runs)
        var used = Set<Int>()
        var decisions: [Int] = []
        for change in changes {
            // A chance's decision may also get a new time: a case whose
            // branches stay the same takes the new time off as metered, one
            // simulated again runs with it.
            if case .chance(let id, _, _) = change {
                guard let d = before.stepIndex(of: id), !decisions.contains(d) else { return nil }
                decisions.append(d)
                continue
            }
            guard let touched = touched(by: change), used.isDisjoint(with: touched) else { return nil }
            used.formUnion(touched)
            var cases: [Double]? = Array(repeating: 0, count: runs)
            if let retimed = ProposalApplier.retimedSteps(change, in: before) {
                // A new time leaves the process as it was: measured from
                // the steps it retimes (in step order, as from the after
                // process), without building that process.
                guard measure(retimed: retimed.sorted { $0.index < $1.index }, cases: &cases) != nil else { return nil }
            } else {
                guard let alone = ProposalApplier.applyForMeasuring(change, to: before),
                    measure(change, after: alone, cases: &cases) != nil
                else { return nil }
            }
            guard let cases else { return nil }
            for c in taken.indices { taken[c] += cases[c] }
        }
        // Each step of `final` by its index in the before process.
        var origin: [Int] = []
        for step in final.steps {
            guard let i = before.stepIndex(of: step.id) else { return nil }
            origin.append(i)
        }
        guard !decisions.isEmpty else {
            return SimulationResult(
                runs: runs, seed: trace.seed, limits: plan.limits, stoppedCases: 0,
                leadTimes: zip(trace.leads, taken).map { $0 - $1 }.sortedByRadix(),
                expectedVisits: origin.map { result.expectedVisits[$0] },
                visitProbability: origin.map { result.visitProbability[$0] })
        }
        let later = Simulator(final, ProcessStructure(final), limits: plan.limits)
        var laterDecisions: [Int] = []
        for d in decisions {
            guard let e = final.stepIndex(of: before.steps[d].id) else { return nil }
            laterDecisions.append(e)
        }
        var leads: [Double] = []
        leads.reserveCapacity(runs)
        // Every case's visits as before, then the cases run again put right.
        var visits = origin.map { trace.allVisits[$0] }
        var visited = origin.map { trace.visitedCases[$0] }
        for c in 0..<runs {
            if zip(decisions, laterDecisions).contains(where: { branchDiffers(case: c, d: $0, later: later, e: $1, in: final) }) {
                let run = later.run(case: c, seed: trace.seed)
                guard let lead = run.lead else { return nil }
                leads.append(lead)
                for (s, i) in origin.enumerated() {
                    let k = Int(trace.visits[i * runs + c])
                    if k > 0 {
                        visits[s] -= k
                        visited[s] -= 1
                    }
                }
                for (s, k) in run.visits {
                    visits[s] += k
                    visited[s] += 1
                }
            } else {
                leads.append(trace.leads[c] - taken[c])
            }
        }
        return SimulationResult(
            runs: runs, seed: trace.seed, limits: plan.limits, stoppedCases: 0, leadTimes: leads.sortedByRadix(),
            expectedVisits: visits.map { Double($0) / Double(runs) },
            visitProbability: visited.map { Double($0) / Double(runs) })
    }

    /// The steps a change's measure relies on: the steps it names (for a
    /// new time, those whose time changes), the whole block for a branch of
    /// a parallel block. A step that ran alone still runs alone after any
    /// metered change to other steps, so changes to disjoint steps add up.
    private func touched(by change: ChangeAction) -> Set<Int>? {
        let b = before
        var steps = Set<Int>()
        switch change {
        case .shorten, .shortenWait, .shortenBy, .online:
            guard let retimed = ProposalApplier.retimedSteps(change, in: b) else { return nil }
            for (s, step) in retimed where step.wait != b.steps[s].wait || step.duration != b.steps[s].duration {
                steps.insert(s)
            }
            for s in steps where !trace.ranAlone(s) {
                guard let branches = block(around: s) else { return nil }
                let split = b.arrows[b.graph.incoming(s).first!].from
                let join = b.arrows[b.graph.outgoing(s).first!].to
                steps.formUnion(branches + [split, join])
            }
        case .cut, .merge, .parallel:
            for id in change.stepIDs {
                guard let s = b.stepIndex(of: id) else { return nil }
                steps.insert(s)
            }
        case .chance:
            return nil
        }
        return steps
    }

    /// `saving`, and with `cases` given (one number per case) what the
    /// change takes off each case's lead time is added to it. `chance` then
    /// gives nil: what it saves is not a sum over the steps it touches.
    private func measure(_ change: ChangeAction, after: Workflow, cases: inout [Double]?) -> Double? {
        let b = before
        switch change {
        case .shorten, .shortenWait, .shortenBy, .online:
            guard b.steps.count == after.steps.count, b.starts == after.starts, sameArrows(b, after) else { return nil }
            var retimed: [(index: Int, step: Step)] = []
            for (s, step) in b.steps.enumerated() {
                guard after.steps[s].id == step.id else { return nil }
                if after.steps[s].wait != step.wait || after.steps[s].duration != step.duration { retimed.append((s, after.steps[s])) }
            }
            return measure(retimed: retimed, cases: &cases)
        case .cut(let id):
            guard let x = b.stepIndex(of: id), !b.isDecision(x), trace.ranAlone(x) else { return nil }
            // X's successors start where X started; a decision that led to X
            // leads to its one successor (with two or more, the tables differ
            // and the after process is simulated).
            let outs = b.graph.outgoing(x).filter { b.arrows[$0].to != x }
            guard !outs.isEmpty, outs.count == b.graph.outgoing(x).count else { return nil }
            let renaming = outs.count == 1 ? [id: b.steps[b.arrows[outs[0]].to].id] : [:]
            guard sameDecisions(b, after, renaming: renaming) else { return nil }
            return sum([(1, drawn(x, DrawKey.wait)), (1, drawn(x, DrawKey.duration))], over: x, into: &cases) / Double(trace.runs)
        case .merge(let idA, let idB, _, _):
            guard let a = b.stepIndex(of: idA), let bb = b.stepIndex(of: idB), let m = after.stepIndex(of: idA),
                !b.isDecision(bb), trace.ranAlone(a), trace.ranAlone(bb), sameVisits(a, bb),
                TimeDistribution(after.steps[m].wait) == plan.wait[a],
                sameDecisions(b, after, renaming: [:])
            else { return nil }
            let merged = TimeDistribution(after.steps[m].duration)
            // A keeps its wait: the difference is in the durations and B's wait.
            let terms = [
                (1.0, drawn(a, DrawKey.duration)), (1, drawn(bb, DrawKey.wait)), (1, drawn(bb, DrawKey.duration)),
                (-1, drawn(a, DrawKey.duration, as: merged)),
            ]
            return sum(terms, over: a, into: &cases) / Double(trace.runs)
        case .parallel(let idA, let idB):
            guard let a = b.stepIndex(of: idA), let bb = b.stepIndex(of: idB),
                b.graph.outgoing(a).count == 1, b.graph.incoming(bb).count == 1,
                b.arrows[b.graph.outgoing(a).first!].to == bb,
                trace.ranAlone(a), trace.ranAlone(bb), sameVisits(a, bb),
                sameDecisions(b, after, renaming: [:])
            else { return nil }
            return sumOfVisits(over: a, into: &cases) { c, k in min(time(a, c, k), time(bb, c, k)) } / Double(trace.runs)
        case .chance(let id, _, _):
            return cases == nil ? savingOfNewChances(at: id, after: after) : nil
        }
    }

    private func measure(retimed: [(index: Int, step: Step)], cases: inout [Double]?) -> Double? {
        var changed: [(step: Int, wait: TimeDistribution, duration: TimeDistribution)] = []
        for (s, step) in retimed {
            let newWait = TimeDistribution(step.wait)
            let newDuration = TimeDistribution(step.duration)
            if newWait != plan.wait[s] || newDuration != plan.duration[s] { changed.append((s, newWait, newDuration)) }
        }
        var total = 0.0
        for (s, newWait, newDuration) in changed {
            if trace.ranAlone(s) {
                // Only the part that changes counts.
                var terms: [(Double, DrawnSum)] = []
                if newWait != plan.wait[s] { terms += [(1, drawn(s, DrawKey.wait)), (-1, drawn(s, DrawKey.wait, as: newWait))] }
                if newDuration != plan.duration[s] {
                    terms += [(1, drawn(s, DrawKey.duration)), (-1, drawn(s, DrawKey.duration, as: newDuration))]
                }
                total += sum(terms, over: s, into: &cases)
            } else if changed.count == 1, let branches = block(around: s) {
                // One branch of a block of one-step branches that ran
                // alone as a whole: the block takes the longest branch.
                total += sum(over: s, into: &cases) { c, visits in
                    var inCase = 0.0
                    for k in 0..<visits {
                        var old = 0.0
                        var new = 0.0
                        for x in branches {
                            // The branch's time as drawn: on a case's one
                            // visit the trace holds it (0 + wait, 0 + duration).
                            let t = visits == 1 ? ranTime(x, case: c) : time(x, caseKeys[c], k)
                            old = max(old, t)
                            new = max(new, x == s ? time(x, caseKeys[c], k, wait: newWait, duration: newDuration) : t)
                        }
                        inCase += old - new
                    }
                    return inCase
                }
            } else {
                return nil
            }
        }
        return total / Double(trace.runs)
    }

    /// `chance`: the decision's draws are the same numbers with new
    /// thresholds, so a case in which every draw of the decision still
    /// picks the same branch runs exactly as before. Only the other cases
    /// are simulated again, with the after process.
    private func savingOfNewChances(at id: String, after: Workflow) -> Double? {
        let b = before
        guard let d = b.stepIndex(of: id), b.steps.count == after.steps.count, b.starts == after.starts,
            b.arrows.count == after.arrows.count,
            zip(b.steps, after.steps).allSatisfy({ $0.id == $1.id && $0.wait == $1.wait && $0.duration == $1.duration })
        else { return nil }
        for (p, q) in zip(b.arrows, after.arrows) {
            guard p.from == q.from, p.to == q.to else { return nil }
            if p.from != d, abs(p.probability - q.probability) > 1e-7 { return nil }
        }
        let later = Simulator(after, ProcessStructure(after), limits: plan.limits)
        var total = 0.0
        for c in 0..<trace.runs where branchDiffers(case: c, d: d, later: later, e: d, in: after) {
            guard let lead = later.leadTime(case: c, seed: trace.seed) else { return nil }
            total += trace.leads[c] - lead
        }
        return total / Double(trace.runs)
    }

    /// Whether, on some visit of case c, decision d of the before process
    /// and decision e of `w` (run by `later`) send the case to different
    /// steps with the same draw.
    private func branchDiffers(case c: Int, d: Int, later: Simulator, e: Int, in w: Workflow) -> Bool {
        for k in 0..<Int(trace.visits[d * trace.runs + c]) {
            var stream = DrawKey.stream(case: caseKeys[c], step: plan.stepKeys[d], visit: k, DrawKey.branch)
            let x = stream.unit()
            if before.steps[plan.branch(of: d, x)].id != w.steps[later.branch(of: e, x)].id { return true }
        }
        return false
    }

    /// The branches of the parallel block step `s` is a branch of, when the
    /// block is a split whose every branch is one step leading to one join,
    /// the split and the join ran alone, and every branch ran as often as
    /// the split in every case; else nil.
    private func block(around s: Int) -> [Int]? {
        let w = before
        let ins = w.graph.incoming(s)
        let outs = w.graph.outgoing(s)
        guard ins.count == 1, outs.count == 1 else { return nil }
        let split = w.arrows[ins.first!].from
        let join = w.arrows[outs.first!].to
        guard !w.isDecision(split), trace.ranAlone(split), trace.ranAlone(join), split != join else { return nil }
        var branches: [Int] = []
        for a in w.graph.outgoing(split) {
            let x = w.arrows[a].to
            guard w.graph.incoming(x).count == 1, w.graph.outgoing(x).count == 1,
                w.arrows[w.graph.outgoing(x).first!].to == join, sameVisits(x, split)
            else { return nil }
            branches.append(x)
        }
        // The join may run more often than the split (a loop may return to
        // it); each of its visits ran alone all the same.
        guard w.graph.incoming(join).filter({ !structure.closesLoop[$0] }).count == branches.count, branches.count >= 2 else { return nil }
        return branches
    }

    /// Step s's wait plus duration in case c of one visit, as it ran: from
    /// the trace's rows when it keeps them (the same sum `time` draws).
    @inline(__always)
    private func ranTime(_ s: Int, case c: Int) -> Double {
        let fixed = plan.fixedWait[s]
        if !fixed.isNaN { return fixed + plan.fixedDuration[s] }
        guard !trace.drawnWait.isEmpty else { return time(s, caseKeys[c], 0) }
        let r = trace.drawnRow[s] * trace.runs + c
        return trace.drawnWait[r] + trace.drawnDuration[r]
    }

    /// Step s's wait plus duration on visit k of case c, as drawn with its
    /// own times or the ones given (the same keys either way).
    private func time(_ s: Int, _ c: UInt64, _ k: Int, wait: TimeDistribution? = nil, duration: TimeDistribution? = nil) -> Double {
        plan.draw(wait ?? plan.wait[s], case: c, step: s, visit: k, DrawKey.wait)
            + plan.draw(duration ?? plan.duration[s], case: c, step: s, visit: k, DrawKey.duration)
    }

    /// Σ over the cases and over step s's visits in each of `term(case key,
    /// visit)`; each case's part is also added to `cases` when it is given.
    private func sumOfVisits(over s: Int, into cases: inout [Double]?, _ term: (UInt64, Int) -> Double) -> Double {
        sum(over: s, into: &cases) { c, visits in
            let key = caseKeys[c]
            var inCase = 0.0
            for k in 0..<visits { inCase += term(key, k) }
            return inCase
        }
    }

    /// Σ over the cases in which step s ran of `term(case, visits of s)`;
    /// each case's part is also added to `cases` when it is given.
    private func sum(over s: Int, into cases: inout [Double]?, _ term: (Int, Int) -> Double) -> Double {
        var total = 0.0
        let base = s * trace.runs
        for c in 0..<trace.runs {
            let visits = Int(trace.visits[base + c])
            if visits == 0 { continue }
            let inCase = term(c, visits)
            total += inCase
            if cases != nil { cases![c] += inCase }
        }
        return total
    }

    /// Σ over the cases in which step s ran of Σ sign · term, each term
    /// taken over s's visits in the case; each case's part is also added to
    /// `cases` when it is given. Without `cases`, from the trace's totals
    /// when every term has one.
    private func sum(_ terms: [(sign: Double, term: DrawnSum)], over s: Int, into cases: inout [Double]?) -> Double {
        if cases == nil {
            var total = 0.0
            for (sign, term) in terms {
                guard let t = overAllCases(term) else { return sum(over: s, into: &cases) { c, k in inCase(terms, c, k) } }
                total += sign * t
            }
            return total
        }
        guard terms.allSatisfy({ !$0.term.drawsAgain }) else { return sum(over: s, into: &cases) { c, k in inCase(terms, c, k) } }
        // Case by case from the trace's tables, the terms' constants laid
        // out once: `inCase(terms, c, k)`'s sums in its order, without a
        // closure, a copy of each term or a check of each write per case.
        let perVisit = terms.map(\.term.perVisit)
        let scale = terms.map(\.term.scale)
        let sign = terms.map(\.sign)
        let offset = terms.map(\.term.offset)
        let isWait = terms.map { $0.term.what == DrawKey.wait }
        let runs = trace.runs
        let base = s * runs
        var total = 0.0
        trace.visits.withUnsafeBufferPointer { visits in
            trace.drawnWait.withUnsafeBufferPointer { waits in
                trace.drawnDuration.withUnsafeBufferPointer { durations in
                    cases!.withUnsafeMutableBufferPointer { out in
                        for c in 0..<runs {
                            let visits = visits[base + c]
                            if visits == 0 { continue }
                            let k = Double(visits)
                            var v = 0.0
                            for t in 0..<perVisit.count {
                                v += sign[t] * DrawnSum.mapped(perVisit[t], scale[t], visits: k) { (isWait[t] ? waits : durations)[offset[t] + c] }
                            }
                            total += v
                            out[c] += v
                        }
                    }
                }
            }
        }
        return total
    }

    private func inCase(_ terms: [(sign: Double, term: DrawnSum)], _ c: Int, _ k: Int) -> Double {
        var v = 0.0
        for (sign, term) in terms { v += sign * inCase(term, c, visits: k) }
        return v
    }

    /// A `DrawnSum` in case c of `visits` visits.
    private func inCase(_ term: DrawnSum, _ c: Int, visits: Int) -> Double {
        if term.drawsAgain {
            var total = 0.0
            for visit in 0..<visits {
                total += plan.draw(term.target, case: caseKeys[c], step: term.step, visit: visit, term.what)
            }
            return total
        }
        return DrawnSum.mapped(term.perVisit, term.scale, visits: Double(visits)) {
            (term.what == DrawKey.wait ? trace.drawnWait : trace.drawnDuration)[term.offset + c]
        }
    }

    /// A `DrawnSum` over every case, from the trace's totals (nil when drawn again).
    private func overAllCases(_ term: DrawnSum) -> Double? {
        if term.drawsAgain { return nil }
        let k = Double(trace.allVisits[term.step])
        return term.scale == 0 ? term.perVisit * k : term.perVisit * k + term.scale * term.oldTotal
    }

    /// The sum of step s's waits (or durations: `what`) over its visits in
    /// a case, as drawn with its own distribution or with `d` from the same
    /// keys. Without drawing when it can: a fixed time is visits × it; the
    /// simulation's own sums are in the trace; and a new distribution of
    /// the same shape — a range, or a three-point estimate with the same α
    /// and β — turns the same uniform (or beta) numbers into draws by the
    /// same affine map, min + width · x, so its sum is the old sum mapped:
    /// visits · min′ + width′ · (old − visits · min) / width.
    private func drawn(_ s: Int, _ what: UInt64, as d: TimeDistribution? = nil) -> DrawnSum {
        let own = what == DrawKey.wait ? plan.wait[s] : plan.duration[s]
        let target = d ?? own
        var sum = DrawnSum(step: s, what: what, target: target)
        if case .constant(let v) = target {
            sum.perVisit = v
            sum.drawsAgain = false
            return sum
        }
        guard !trace.drawnWait.isEmpty, !own.isConstant else { return sum }
        let (lo, width, lo2, width2): (Double, Double, Double, Double)
        switch (own, target) {
        case _ where target == own: (lo, width, lo2, width2) = (0, 1, 0, 1)
        case (.uniform(let a, let b), .uniform(let a2, let b2)): (lo, width, lo2, width2) = (a, b - a, a2, b2 - a2)
        case (.pert(let a, let w, let alpha, let beta), .pert(let a2, let w2, let alpha2, let beta2))
        where abs(alpha2.shape - alpha.shape) <= 1e-12 * alpha.shape && abs(beta2.shape - beta.shape) <= 1e-12 * beta.shape:
            (lo, width, lo2, width2) = (a, w, a2, w2)
        default: return sum
        }
        sum.drawsAgain = false
        sum.scale = width2 / width
        sum.perVisit = target == own ? 0 : lo2 - sum.scale * lo
        let row = trace.drawnRow[s]
        sum.offset = row * trace.runs
        sum.oldTotal = (what == DrawKey.wait ? trace.drawnWaitTotal : trace.drawnDurationTotal)[row]
        return sum
    }

    /// See `drawn`: in a case of k visits, perVisit · k + scale · (the
    /// simulation's sum in the case, at `offset` + case in the trace's table
    /// for `what`), or drawn visit by visit. Plain data: copied freely.
    struct DrawnSum {
        let step: Int
        let what: UInt64
        let target: TimeDistribution
        var drawsAgain = true
        var perVisit = 0.0
        var scale = 0.0
        var offset = 0
        var oldTotal = 0.0

        /// perVisit · k + scale · (the simulation's sum in the case, read
        /// only when scale is not 0).
        @inline(__always)
        static func mapped(_ perVisit: Double, _ scale: Double, visits k: Double, _ drawn: () -> Double) -> Double {
            scale == 0 ? perVisit * k : perVisit * k + scale * drawn()
        }
    }

    private func sameVisits(_ a: Int, _ b: Int) -> Bool {
        let runs = trace.runs
        for c in 0..<runs where trace.visits[a * runs + c] != trace.visits[b * runs + c] { return false }
        return true
    }

    /// Same arrows between the same steps with the same chances (to the
    /// precision shares are written in, 6 decimals of a percent).
    private func sameArrows(_ x: Workflow, _ y: Workflow) -> Bool {
        guard x.arrows.count == y.arrows.count else { return false }
        for (p, q) in zip(x.arrows, y.arrows) where p.from != q.from || p.to != q.to || abs(p.probability - q.probability) > 1e-7 {
            return false
        }
        return true
    }

    /// Every decision of `y` has the branches, in order and with the
    /// chances, of the decision of the same ID in `x` (targets renamed).
    /// Decisions draw their branch from a key of their own step, so the
    /// same table means the same branch in every case.
    private func sameDecisions(_ x: Workflow, _ y: Workflow, renaming: [String: String]) -> Bool {
        func table(_ w: Workflow, _ s: Int, _ rename: [String: String]) -> [(String, Double)] {
            w.graph.outgoing(s).filter { w.arrows[$0].probability > 0 }.map {
                let to = w.steps[w.arrows[$0].to].id
                return (rename[to] ?? to, w.arrows[$0].probability)
            }
        }
        var decisions = 0
        for s in y.steps.indices where y.isDecision(s) {
            decisions += 1
            guard let old = x.stepIndex(of: y.steps[s].id), x.isDecision(old) else { return false }
            let p = table(x, old, renaming)
            let q = table(y, s, [:])
            guard p.count == q.count else { return false }
            for (u, v) in zip(p, q) where u.0 != v.0 || abs(u.1 - v.1) > 1e-7 { return false }
        }
        return decisions == x.steps.indices.count { x.isDecision($0) }
    }
}
