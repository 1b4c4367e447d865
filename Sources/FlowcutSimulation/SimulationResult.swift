import FlowcutCore
import FlowcutTiming

/// What the Monte Carlo simulation of N cases gives (ANALYSIS.md).
public struct SimulationResult: Sendable {
    public let runs: Int
    public let seed: UInt64
    /// What one case could do before it was stopped.
    public let limits: CaseLimits
    /// Cases stopped for making more loop returns, or running more steps,
    /// than `limits` allow; they are counted here and left out of every
    /// figure below.
    public let stoppedCases: Int
    /// Lead times of the completed cases, ascending (hours).
    public let leadTimes: [Double]
    /// Mean number of times each step runs in one case.
    public let expectedVisits: [Double]
    /// Share of cases in which each step runs at least once.
    public let visitProbability: [Double]
    /// Expected lead time: the mean over completed cases (0 without any).
    public let expectedLeadTime: Double

    public init(
        runs: Int, seed: UInt64, limits: CaseLimits, stoppedCases: Int, leadTimes: [Double], expectedVisits: [Double], visitProbability: [Double]
    ) {
        self.runs = runs
        self.seed = seed
        self.limits = limits
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
