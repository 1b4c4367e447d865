import FlowcutCore
import FlowcutLanguage
import Testing

@testable import FlowcutAnalysis
@testable import FlowcutSimulation
@testable import FlowcutTiming

/// `ends`: when such a step finishes, the case is over, whatever else runs.
struct EndsTests {
    /// receive 1 h → {a 10 h ∥ b 2 h ends}. By hand: b finishes at 1 + 2 =
    /// 3 h and ends the case; a (due at 11 h) is cancelled. Every case 3 h;
    /// the main scenario ends there too: lead time 3 h along receive → b.
    @Test func aStepThatEndsTheCaseCancelsWhatRunsBesideIt() throws {
        let w = try workflow(
            """
            procedure "P"
            step receive "R" 1h
            step a "A" 10h
            step b "B" 2h ends
            receive -> a
            receive -> b
            """)
        let analysis = Analyzer.analyze(w, options: AnalysisOptions(runs: 1_000))
        let sim = try #require(analysis.simulation)
        #expect(sim.leadTimes.allSatisfy { $0 == 3 })
        #expect(analysis.mainLeadTime == 3)
        #expect(ids(w, analysis.criticalPath.steps) == ["receive", "b"])
        // a would finish after the case ends: no schedule of its own.
        #expect(analysis.criticalPath.schedule[1] == nil)
    }

    /// receive 2 h → {check 8 h ∥ inspect 20 h}; inspect → draft 85% /
    /// refuse 4 h ends 15%; check → draft 10 h. By hand: a case that goes on
    /// ends at 2 + 20 + 10 = 32 h; a refused one at 2 + 20 + 4 = 26 h, and
    /// runs no draft. So the lead times are 26 h and 32 h, about 15% and 85%
    /// of 10 000 cases (binomial: ±0.36 percentage points).
    @Test func aRefusalEndsTheDossier() throws {
        let w = try workflow(
            """
            procedure "P"
            step receive "R" 2h
            step check "C" 8h
            step inspect "I" 20h
            step draft "D" 10h
            step refuse "X" 4h ends
            receive -> check -> draft
            receive -> inspect -> draft 85%
            inspect -> refuse 15%
            """)
        let sim = try #require(Analyzer.analyze(w, options: AnalysisOptions(runs: 10_000)).simulation)
        #expect(Set(sim.leadTimes) == [26, 32])
        let refused = Double(sim.leadTimes.count { $0 == 26 }) / 10_000
        #expect(abs(refused - 0.15) < 0.015, "\(refused)")
        // draft runs only in the cases that go on.
        let draft = try #require(w.stepIndex(of: "draft"))
        #expect(abs(sim.visitProbability[draft] - (1 - refused)) < 1e-12)
    }

    @Test func anEndsStepWithArrowsOutIsAnError() {
        let checked = Checker.check(SourceFile(path: "t.flow", text: "procedure \"P\"\nstep a \"A\" ends\nstep b \"B\"\na -> b\n"))
        #expect(checked.diagnostics.map(\.code) == [.endsWithArrowsOut])
        #expect(checked.diagnostics.first?.range.line == 2)
    }

    @Test func endsIsFormattedAndPrintedAndReadBack() throws {
        let text = "procedure \"P\"\nstep a  \"A\"  2h\nstep b  \"B\"  1h ends\n\na -> b\n"
        let checked = Checker.check(SourceFile(path: "t.flow", text: text))
        #expect(checked.diagnostics.isEmpty)
        #expect(Formatter.format(checked) == text)
        let w = try #require(checked.workflow)
        #expect(w.steps.map(\.endsCase) == [false, true])
        let again = try #require(Checker.check(SourceFile(path: "p.flow", text: WorkflowPrinter.text(w))).workflow)
        #expect(again.steps.map(\.endsCase) == [false, true])
    }
}
