import FlowcutCore
import FlowcutTiming

/// What one simulation leaves for measuring changes without running every
/// case again (see `SavingsMeter`).
package struct SimulationTrace: Sendable {
    /// The most visit counts kept (64 MB).
    static let maxEntries = 64_000_000

    /// The plan whose cases were run.
    let plan: SimulationPlan
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
    init(_ plan: SimulationPlan, runs: Int, seed: UInt64, tables: Bool = true) {
        self.plan = plan
        let steps = plan.n
        self.runs = runs
        self.seed = seed
        aloneVisits = Array(repeating: 0, count: steps)
        allVisits = Array(repeating: 0, count: steps)
        var rows = 0
        drawnRow = plan.fixedWait.map { fixed in
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
            case c: Int, lead: Double?, _ state: inout SimulationPlan.CaseState,
            _ total: UnsafeMutableBufferPointer<Int>, _ visited: UnsafeMutableBufferPointer<Int>
        ) {
            if let lead { leads[c] = lead } else { stoppedCases += 1 }
            let keepDrawn = !drawnWait.isEmpty
            for i in 0..<state.touchedCount {
                let s = Int(state.touched[i])
                let k = Int(state.visits[s])
                if lead != nil {
                    total[s] += k
                    if k > 0 { visited[s] += 1 }
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
