import Foundation
import FlowcutCore
import FlowcutLanguage
import Testing

@testable import FlowcutAnalysis

/// The suggester measures candidates on the model (`applyForMeasuring`)
/// instead of printing each after workflow and reading it back. These tests
/// hold the fast path to the printing one (`apply`): same model, same
/// refusals.
@Suite struct MeasuringTests {
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
            let x = w.steps[a.from].id, y = w.steps[a.to].id
            out.append(.merge(x, y, actor: nil, duration: nil))
            out.append(.parallel(x, y))
            out.append(.chance(from: x, to: y, percent: 12.5))
            out.append(.chance(from: x, to: y, percent: 100 / 3))
        }
        return out
    }

    @Test func measuringCopyIsTheAppliedWorkflow() throws {
        var compared = 0, refused = 0
        for (name, w) in try Self.bundled() {
            for change in Self.changes(w) {
                let slow: Workflow?
                if case .success(let applied) = ProposalApplier.apply([Change(change)], to: w, layout: false) {
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
                guard case .success(let applied) = ProposalApplier.apply(proposal.changes, to: w, layout: false) else { continue }
                let before = Analyzer.analyze(w, options: AnalysisOptions(runs: 0))
                let compared = try Comparison.make(before, proposal: proposal.name, changes: proposal.changes).get()
                #expect(compared.after.workflow.dump() == applied.workflow.dump(), "\(name): \(proposal.name)")
                proposals += 1
            }
        }
        #expect(proposals >= 3)
    }
}
