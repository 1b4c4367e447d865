import FlowcutCore
import Testing

@testable import FlowcutAnalysis
@testable import FlowcutSimulation
@testable import FlowcutTiming

/// The simulation against closed forms worked out by hand.
@Suite(.tags(.slow)) struct SimulationTests {
    /// A step repeated with probability p is visited 1/(1 − p) times on
    /// average. review 10 h, more 2 h, p = 0.3: review 1/0.7 visits, more
    /// 0.3/0.7; expected lead time 10/0.7 + 2·0.3/0.7 = 15.142857… h.
    @Test func reworkLoopMatchesTheClosedForm() throws {
        let w = try workflow(
            """
            procedure "P"
            step review "R" 10h
            step more "M" 2h rework
            step done "D"
            review -> done
            review -> more 30%
            more -> review
            """)
        let a = Analyzer.analyze(w, options: AnalysisOptions(runs: 100_000, seed: 7))
        let sim = try #require(a.simulation)
        let expected = 10 / 0.7 + 2 * 0.3 / 0.7
        #expect(abs(sim.expectedLeadTime - expected) / expected < 0.01)
        #expect(abs(sim.expectedVisits[0] - 1 / 0.7) / (1 / 0.7) < 0.01)
        #expect(abs(sim.expectedVisits[1] - 0.3 / 0.7) / (0.3 / 0.7) < 0.02)
        #expect(sim.stoppedCases == 0)
        // The main lead time takes no loop.
        #expect(a.mainLeadTime == 10)
    }

    /// PERT means (MIN + 4·LIKELY + MAX)/6 and uniform midpoints, drawn.
    @Test func pertAndUniformMeans() throws {
        let w = try workflow(
            """
            procedure "P"
            step a "A" 2d..3d..5d
            step b "B" 2h..6h wait 1h..2h..9h
            """)
        let sim = try #require(Analyzer.analyze(w, options: AnalysisOptions(runs: 100_000, seed: 1)).simulation)
        // (16 + 96 + 40)/6 = 25.333…; (2 + 6)/2 = 4; wait (1 + 8 + 9)/6 = 3 → 32.333… h.
        let expected = 152.0 / 6 + 4 + 3
        #expect(abs(sim.expectedLeadTime - expected) / expected < 0.01)
        // Every draw stays within its bounds: 16 + 2 + 1 ≤ lead ≤ 40 + 6 + 9.
        #expect(sim.leadTimes.first! >= 19 && sim.leadTimes.last! <= 55)
    }

    /// Arrows without a probability share the remainder: 40% written, the
    /// other two take 30% each.
    @Test func decisionSharesAreDrawnInProportion() throws {
        let w = try workflow(
            """
            procedure "P"
            step a "A"
            step b "B"
            step c "C"
            step d "D"
            a -> b 40%
            a -> c
            a -> d
            """)
        let sim = try #require(Analyzer.analyze(w, options: AnalysisOptions(runs: 100_000, seed: 3)).simulation)
        // Standard error of a share at 100 000 cases is under 0.0016; allow 0.01.
        #expect(abs(sim.visitProbability[1] - 0.4) < 0.01)
        #expect(abs(sim.visitProbability[2] - 0.3) < 0.01)
        #expect(abs(sim.visitProbability[3] - 0.3) < 0.01)
        #expect(sim.visitProbability[0] == 1)
    }

    /// A parallel block inside one branch of a decision: the join waits for
    /// both parallel branches when that branch is taken, and only for the
    /// other path when it is not (alternatives are never both active).
    @Test func parallelBlockInsideADecision() throws {
        let w = try workflow(
            """
            procedure "P"
            step d "D"
            step p "P"
            step p1 "P1" 3h
            step p2 "P2" 5h
            step q "Q" 1h
            step j "J" 1h
            d -> p 50%
            d -> q 50%
            p -> p1 -> j
            p -> p2 -> j
            q -> j
            """)
        let sim = try #require(Analyzer.analyze(w, options: AnalysisOptions(runs: 20_000, seed: 5)).simulation)
        // Branch p: max(3, 5) + 1 = 6 h; branch q: 1 + 1 = 2 h; nothing else.
        #expect(Set(sim.leadTimes) == [2, 6])
        #expect(sim.expectedVisits[5] == 1)  // j runs exactly once in every case
        #expect(abs(sim.expectedLeadTime - 4) < 0.1)
    }

    /// A rework loop inside one branch of a parallel block: the join waits
    /// for the loop to be left. a 10 h; b 1 h, then 50% rework r (1 h) and
    /// back to b. b's branch takes 2k − 1 hours, k ~ Geometric(½). By hand:
    /// E[max(10, 2k − 1)] = 10 + Σ_{k≥6} (2k − 11)/2^k = 10 + 6/64, plus j's
    /// hour: 11.09375 h.
    @Test func loopInsideAParallelBranch() throws {
        let w = try workflow(
            """
            procedure "P"
            step s "S"
            step a "A" 10h
            step b "B" 1h
            step r "R" 1h rework
            step j "J" 1h
            s -> a -> j
            s -> b
            b -> j 50%
            b -> r 50%
            r -> b
            """)
        let sim = try #require(Analyzer.analyze(w, options: AnalysisOptions(runs: 100_000, seed: 11)).simulation)
        #expect(abs(sim.expectedLeadTime - 11.09375) / 11.09375 < 0.01)
        #expect(sim.expectedVisits[w.stepIndex(of: "j")!] == 1)
        // b runs 2 times on average (1/(1 − ½)), r once.
        #expect(abs(sim.expectedVisits[w.stepIndex(of: "b")!] - 2) < 0.03)
    }

    /// Default cases by size: 10 000 up to 20 000 steps (200 000 000 step-
    /// cases ÷ 20 000 = 10 000), then 200 000 000 ÷ steps, never under 100.
    @Test func defaultRunsShrinkForHugeProcesses() {
        #expect(AnalysisOptions.defaultRuns(steps: 30) == 10_000)
        #expect(AnalysisOptions.defaultRuns(steps: 20_000) == 10_000)
        #expect(AnalysisOptions.defaultRuns(steps: 25_001) == 7_999)
        #expect(AnalysisOptions.defaultRuns(steps: 1_000_000) == 200)
        #expect(AnalysisOptions.defaultRuns(steps: 5_000_000) == 100)
        // Joins count in pairs: 3 000 steps and 1 000 joins cost
        // 3 000 + 1 000 000 a case; 200 000 000 ÷ 1 003 000 = 199.
        #expect(AnalysisOptions.defaultRuns(steps: 3_000, joins: 1_000) == 199)
        // 1 212 steps and 115 joins: 200 000 000 ÷ 14 437 = 13 853, so 10 000.
        #expect(AnalysisOptions.defaultRuns(steps: 1_212, joins: 115) == 10_000)
        // 300 steps and 285 joins: 200 000 000 ÷ 81 525 = 2 453.
        #expect(AnalysisOptions.defaultRuns(steps: 300, joins: 285) == 2_453)
    }

    /// Same seed, same bytes; another seed, other draws.
    @Test func determinism() throws {
        let w = try workflow(
            """
            procedure "P"
            step a "A" 1h..5h
            step b "B" 2h..3h..9h
            step c "C" 1h rework
            step d "D"
            a -> b -> d
            b -> c 20%
            c -> b
            """)
        let first = Analyzer.analyze(w, options: AnalysisOptions(runs: 5_000, seed: 42)).simulation!
        let again = Analyzer.analyze(w, options: AnalysisOptions(runs: 5_000, seed: 42)).simulation!
        let other = Analyzer.analyze(w, options: AnalysisOptions(runs: 5_000, seed: 43)).simulation!
        #expect(first.leadTimes == again.leadTimes)
        #expect(first.expectedVisits == again.expectedVisits)
        #expect(first.leadTimes != other.leadTimes)
    }

    /// Percentiles by nearest rank, on-time rate against a deadline.
    @Test func percentilesAndOnTimeRate() {
        let r = SimulationResult(
            runs: 10, seed: 0, limits: Limits.standard.perCase(runs: 10), stoppedCases: 0, leadTimes: (1...10).map(Double.init),
            expectedVisits: [], visitProbability: [])
        // Nearest rank: P50 = the 5th of 10, P90 the 9th, P95 the 10th.
        #expect(r.percentile(0.5) == 5)
        #expect(r.percentile(0.9) == 9)
        #expect(r.percentile(0.95) == 10)
        #expect(r.onTimeRate(7) == 0.7)
        #expect(r.expectedLeadTime == 5.5)
    }

    /// The radix sort of lead times against the standard library's sort:
    /// negatives, zeros, duplicates, huge and tiny magnitudes, numbers that
    /// share their top 33 bits (a few, then so many that the low bits get
    /// their passes), lengths on both sides of the small-array cut-off.
    @Test func radixSortOrdersAsTheStandardSort() {
        var random = DrawStream(state: 42)
        for length in [0, 1, 2, 63, 64, 65, 100, 1_000, 10_007] {
            for shape in 0..<6 {
                let values: [Double] = (0..<length).map { _ in
                    switch shape {
                    case 0: return random.unit() * 500  // lead times
                    case 1: return Double(Int(random.unit() * 7)) * 0.5  // few distinct values
                    case 2: return (random.unit() - 0.5) * 1e6  // both signs
                    case 3: return random.unit() < 0.02 ? 100 + random.unit() * 1e-5 : random.unit() * 500  // a few close ones
                    case 4: return 100 + random.unit() * 1e-6  // all close: low bits sorted by digit
                    default:  // every magnitude
                        return Double(sign: random.unit() < 0.5 ? .minus : .plus, exponent: Int(random.unit() * 2000) - 1000, significand: 1 + random.unit())
                    }
                }
                #expect(values.sortedByRadix() == values.sorted(), "length \(length), shape \(shape)")
            }
        }
        #expect([3.0, -0.0, 2, -5, 1e-300, -1e300, 0].sortedByRadix() == [-1e300, -5, -0.0, 0, 1e-300, 2, 3])
    }

    /// The draws come from SplitMix64 streams: pin its published reference
    /// outputs for state 0 (Vigna's splitmix64.c; the same vectors are
    /// quoted in many test suites), so a change of generator cannot pass
    /// unnoticed.
    @Test func generatorIsSplitMix64() {
        var g = DrawStream(state: 0)
        #expect((0..<4).map { _ in g.next() } == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC])
    }

    /// The ziggurat's normals against the standard normal's own figures
    /// (from its CDF, any table): mean 0, variance 1, P(Z < −1.96) = 0.025,
    /// P(Z < 0.5) = 0.69146, P(|Z| > 3.4426) = 0.000576 (the tail the
    /// ziggurat draws separately). 1 000 000 draws: standard errors 0.001,
    /// 0.0014, 0.00016, 0.00046 and 0.000024.
    @Test func zigguratNormalsHaveTheNormalsFigures() {
        var g = DrawStream(state: 2026)
        let n = 1_000_000
        var sum = 0.0
        var squares = 0.0
        var below196 = 0
        var belowHalf = 0
        var tail = 0
        for _ in 0..<n {
            let z = g.normal()
            sum += z
            squares += z * z
            if z < -1.96 { below196 += 1 }
            if z < 0.5 { belowHalf += 1 }
            if abs(z) > 3.442619855899 { tail += 1 }
        }
        let share = { (k: Int) in Double(k) / Double(n) }
        #expect(abs(sum / Double(n)) < 0.005)
        #expect(abs(squares / Double(n) - 1) < 0.007)
        #expect(abs(share(below196) - 0.025) < 0.0008)
        #expect(abs(share(belowHalf) - 0.69146) < 0.0023)
        #expect(abs(share(tail) - 0.000576) < 0.00012)
    }

    /// Keyed draws: the same key, the same numbers; any part of the key
    /// changed, other numbers.
    @Test func drawsAreKeyed() {
        let c = DrawKey.simulatedCase(7, seed: 1)
        let s = DrawKey.step("receive")
        var a = DrawKey.stream(case: c, step: s, visit: 0, DrawKey.duration)
        var b = DrawKey.stream(case: c, step: s, visit: 0, DrawKey.duration)
        #expect(a.next() == b.next())
        let first = DrawKey.stream(case: c, step: s, visit: 0, DrawKey.duration).state
        let others = [
            DrawKey.stream(case: DrawKey.simulatedCase(8, seed: 1), step: s, visit: 0, DrawKey.duration),
            DrawKey.stream(case: DrawKey.simulatedCase(7, seed: 2), step: s, visit: 0, DrawKey.duration),
            DrawKey.stream(case: c, step: DrawKey.step("route"), visit: 0, DrawKey.duration),
            DrawKey.stream(case: c, step: s, visit: 1, DrawKey.duration),
            DrawKey.stream(case: c, step: s, visit: 0, DrawKey.wait),
        ].map(\.state)
        #expect(Set(others + [first]).count == 6)
    }
}
