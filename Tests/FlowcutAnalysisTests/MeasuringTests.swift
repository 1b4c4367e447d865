import FlowcutCore
import FlowcutLanguage
import Foundation
import Testing

@testable import FlowcutAnalysis
@testable import FlowcutSimulation
@testable import FlowcutTiming

/// The suggester measures candidates on the model (`applyForMeasuring`)
/// instead of printing each after workflow and reading it back. These tests
/// hold the fast path to the printing one (`apply`): same model, same
/// refusals.
@Suite(.tags(.slow)) struct MeasuringTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func bundled() throws -> [(String, Workflow)] {
        let dir = root.appendingPathComponent("workflows")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".flow") }.sorted()
        return try names.map { name in
            let data = try Data(contentsOf: dir.appendingPathComponent(name))
            return (name, try #require(Checker.check(SourceFile(path: name, bytes: [UInt8](data))).workflow))
        }
    }

    /// Every change a statement can make on a workflow: each rule's
    /// candidates, and cut, shorten, online of every step, merge and
    /// parallel along every arrow, chance on every decision arrow — valid
    /// and invalid alike.
    static func changes(_ w: Workflow) -> [ChangeAction] {
        let before = Analyzer.analyze(w, options: AnalysisOptions(runs: 0))
        var out = suggestionRules.flatMap { $0.candidates(w, before).map(\.change) }
        for s in w.steps {
            out.append(.cut(s.id))
            out.append(.shortenBy(s.id, percent: 30))
            out.append(.online([s.id], duration: .single(1)))
        }
        for a in w.arrows {
            let x = w.steps[a.from].id
            let y = w.steps[a.to].id
            out.append(.merge(x, y, actor: nil, duration: nil))
            out.append(.parallel(x, y))
            out.append(.chance(from: x, to: y, percent: 12.5))
            out.append(.chance(from: x, to: y, percent: 100 / 3))
        }
        return out
    }

    @Test func measuringCopyIsTheAppliedWorkflow() throws {
        var compared = 0
        var refused = 0
        for (name, w) in try Self.bundled() {
            for change in Self.changes(w) {
                let slow: Workflow?
                if case .success(let applied) = ProposalApplier.applyPrinting([Change(change)], to: w, layout: false) {
                    slow = applied.workflow
                } else {
                    slow = nil
                }
                let fast = ProposalApplier.applyForMeasuring(change, to: w)
                #expect(fast?.dump() == slow?.dump(), "\(name): \(WorkflowPrinter.statement(change, workdayHours: 8))")
                if slow == nil { refused += 1 } else { compared += 1 }
            }
        }
        // Both kinds of outcome were exercised.
        #expect(compared > 500 && refused > 50, "compared \(compared), refused \(refused)")
    }

    /// A whole proposal applied change by change on the model gives the
    /// workflow `apply` gives, for every proposal of every bundled workflow.
    @Test func comparisonsOfBundledProposalsMatchThePrintingPath() throws {
        var proposals = 0
        for (name, w) in try Self.bundled() {
            for proposal in w.proposals {
                guard case .success(let applied) = ProposalApplier.applyPrinting(proposal.changes, to: w, layout: false) else { continue }
                let before = Analyzer.analyze(w, options: AnalysisOptions(runs: 0))
                let compared = try Comparison.make(before, origin: .proposal(proposal.name), changes: proposal.changes).get()
                #expect(compared.after.workflow.dump() == applied.workflow.dump(), "\(name): \(proposal.name)")
                proposals += 1
            }
        }
        #expect(proposals >= 3)
    }
}

/// The savings meter (redrawing only the steps a change touches) against
/// simulating the after process in full, with the same keyed draws.
@Suite(.tags(.slow)) struct SavingsMeterTests {
    /// A random procedure: a line of steps with parallel blocks, decisions
    /// that rejoin, rework loops, and fixed, ranged and three-point times.
    static func randomFlow(_ seed: UInt64) -> String {
        var g = DrawStream(state: seed)
        func pick(_ n: Int) -> Int { Int(g.next() % UInt64(n)) }
        let times = ["2h", "1h..3h", "1h..2h..6h", "4h", "0,5d..1d", "30m", "1h..4h..5h"]
        var steps: [String] = []
        var arrows: [String] = []
        func step(_ id: String) {
            var line = "step \(id) \"\(id)\" by \(["a", "b"][pick(2)]) \(times[pick(times.count)])"
            if pick(5) == 0 { line += " wait \(["1h", "2h..4h"][pick(2)])" }
            steps.append(line)
        }
        let length = 3 + pick(6)
        step("s0")
        for i in 1...length {
            let prev = "s\(i - 1)"
            let cur = "s\(i)"
            step(cur)
            switch pick(6) {
            case 0:
                step("p\(i)a")
                step("p\(i)b")
                arrows += ["\(prev) -> p\(i)a -> \(cur)", "\(prev) -> p\(i)b -> \(cur)"]
            case 1:
                step("d\(i)")
                arrows += ["\(prev) -> \(cur) \(10 + pick(70))%", "\(prev) -> d\(i)", "d\(i) -> \(cur)"]
            case 2 where i < length:
                // cur sends the dossier back with a chance; its arrow on
                // (written by the next step) takes the rest.
                step("r\(i)")
                arrows += ["\(prev) -> \(cur)", "\(cur) -> r\(i) \(5 + pick(30))%", "r\(i) -> \(prev)"]
            default:
                arrows.append("\(prev) -> \(cur)")
            }
        }
        return "procedure \"R\"\n  dossiers 2023 online 10 paper 90\nactor a \"A\"\nactor b \"B\"\n"
            + steps.joined(separator: "\n") + "\n" + arrows.joined(separator: "\n") + "\n"
    }

    @Test func meterEqualsAFullSimulation() throws {
        let options = AnalysisOptions(runs: 300, seed: 99)
        var metered: [String: Int] = [:]
        var simulated = 0
        var workflows = try MeasuringTests.bundled().map(\.1)
        for seed in 1...40 { workflows.append(try workflow(Self.randomFlow(UInt64(seed)))) }
        for w in workflows {
            let before = Analyzer.analyze(w, options: options, keepingTrace: true)
            guard let meter = SavingsMeter(before, trace: before.trace) else { continue }
            for change in MeasuringTests.changes(w) {
                guard let after = ProposalApplier.applyForMeasuring(change, to: w) else { continue }
                guard let fast = meter.saving(change, after: after) else {
                    simulated += 1
                    continue
                }
                let full = before.simulation!.expectedLeadTime - Analyzer.analyze(after, options: options).simulation!.expectedLeadTime
                let statement = WorkflowPrinter.statement(change, workdayHours: 8)
                #expect(abs(fast - full) <= 1e-9 * max(1, before.simulation!.expectedLeadTime), "\(w.name) \(statement): \(fast) vs \(full)")
                metered[change.keyword, default: 0] += 1
                // The suggester's shortcut for new times, without the after process.
                if let retimed = ProposalApplier.retimedSteps(change, in: w) {
                    let shortcut = try #require(meter.saving(retimed: retimed))
                    #expect(abs(shortcut - full) <= 1e-9 * max(1, before.simulation!.expectedLeadTime), "\(w.name) \(statement), shortcut")
                    metered["retimed", default: 0] += 1
                }
            }
        }
        // Every kind the meter handles was exercised, and some changes were
        // left to the full simulation.
        for kind in ["cut", "shorten", "merge", "parallel", "online", "chance", "retimed"] {
            #expect(metered[kind, default: 0] >= 20, "\(kind): \(metered[kind, default: 0])")
        }
        #expect(simulated >= 50)
    }

    /// The after simulation made from the before one (every change metered
    /// or a `chance`, touching disjoint steps) against simulating the after
    /// process: the same lead times case by case, to rounding, and the same
    /// visits.
    @Test func afterSimulationFromTheTraceEqualsAFullOne() throws {
        let options = AnalysisOptions(runs: 300, seed: 5)
        var made = 0
        var multiSets = 0
        var withChance = 0
        var chanceAndTime = 0
        var workflows = try MeasuringTests.bundled().map(\.1)
        for seed in 41...80 { workflows.append(try workflow(Self.randomFlow(UInt64(seed)))) }
        for w in workflows {
            let before = Analyzer.analyze(w, options: options, keepingTrace: true)
            guard let meter = SavingsMeter(before, trace: before.trace) else { continue }
            // The suggested set, every single change, and sets of two to
            // five changes that do not conflict, drawn at random.
            let suggested = Suggester.suggestedChanges(Suggester.suggestions(before), to: w).map(\.action)
            let singles = MeasuringTests.changes(w)
            var g = DrawStream(state: UInt64(w.steps.count) &* 7919 &+ UInt64(made))
            var sets: [[ChangeAction]] = [suggested] + singles.map { [$0] }
            for _ in 0..<30 {
                var set: [ChangeAction] = []
                for _ in 0..<(2 + Int(g.next() % 4)) {
                    let c = singles[Int(g.next() % UInt64(singles.count))]
                    if !set.contains(where: { $0.conflicts(with: c) || $0 == c }) { set.append(c) }
                }
                sets.append(set)
            }
            // Each chance with a new time for its own decision.
            for case .chance(let d, let to, let p) in singles {
                sets.append([.shortenBy(d, percent: 30), .chance(from: d, to: to, percent: p)])
            }
            var multi = 0
            for changes in sets where !changes.isEmpty {
                var after: Workflow? = w
                for change in changes { after = after.flatMap { ProposalApplier.applyForMeasuring(change, to: $0) } }
                guard let after, let derived = meter.simulation(after: changes, final: after) else { continue }
                let full = try #require(Analyzer.analyze(after, options: options).simulation)
                let tolerance = 1e-9 * max(1, full.expectedLeadTime)
                #expect(derived.leadTimes.count == full.leadTimes.count)
                #expect(
                    zip(derived.leadTimes, full.leadTimes).allSatisfy { abs($0 - $1) <= tolerance },
                    "\(w.name): \(changes.map { WorkflowPrinter.statement($0, workdayHours: 8) })")
                #expect(derived.expectedVisits == full.expectedVisits)
                #expect(derived.visitProbability == full.visitProbability)
                made += 1
                if changes.count > 1 { multi += 1 }
                if changes.contains(where: { if case .chance = $0 { true } else { false } }) { withChance += 1 }
                // A chance together with a new time for its own decision.
                for case .chance(let d, _, _) in changes where changes.contains(where: { $0.keyword == "shorten" && $0.stepIDs == [d] }) {
                    chanceAndTime += 1
                }
            }
            multiSets += multi
        }
        #expect(made >= 200, "\(made)")
        #expect(multiSets >= 100, "\(multiSets)")
        #expect(withChance >= 30, "\(withChance)")
        #expect(chanceAndTime >= 20, "\(chanceAndTime)")
    }
}
