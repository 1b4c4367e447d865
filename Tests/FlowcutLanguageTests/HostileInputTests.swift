import FlowcutCore
import Testing

@testable import FlowcutLanguage

/// Inputs built to make a careless checker quadratic. Each finishes at once
/// here; written the naive way, the first took minutes (20 000 unknown
/// names × 20 000 steps of edit distances).
struct HostileInputTests {
    func steps(_ n: Int) -> String {
        (0..<n).map { "step task\($0) \"S\"" }.joined(separator: "\n") + "\n"
    }

    @Test func manyUnknownNamesAmongManySteps() {
        let n = 20_000
        let flows = (0..<n).map { "task\($0) -> tsak\($0)" }.joined(separator: "\n")
        let checked = Checker.check(SourceFile(path: "t.flow", text: "procedure \"P\"\n" + steps(n) + flows))
        let errors = checked.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == n)
        // 'tsak0' is one swap from 'task0': suggested while the budget of
        // comparisons lasts (5 000 000 / 20 000 steps = 250 names), then not.
        #expect(errors.first?.message == "unknown step 'tsak0'; did you mean 'task0'?")
        #expect(errors.last?.message == "unknown step 'tsak\(n - 1)'")
    }

    @Test func theSameArrowWrittenManyTimes() {
        let arrows = String(repeating: "task0 -> task1\n", count: 20_000)
        let checked = Checker.check(SourceFile(path: "t.flow", text: "procedure \"P\"\n" + steps(2) + arrows))
        let errors = checked.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 19_999)
        #expect(errors.allSatisfy { $0.message == "the arrow task0 -> task1 is written twice" && $0.notes.first?.range?.line == 4 })
    }

    @Test func manyProposalsWithOneName() {
        let proposals = String(repeating: "proposal \"X\"\n  cut task1\n", count: 5_000)
        let checked = Checker.check(SourceFile(path: "t.flow", text: "procedure \"P\"\n" + steps(2) + proposals))
        #expect(checked.diagnostics.filter { $0.severity == .error }.count == 4_999)
    }

    @Test func oneVeryLongLine() {
        let label = String(repeating: "dài ", count: 200_000)
        let checked = Checker.check(SourceFile(path: "t.flow", text: "procedure \"P\"\nstep a \"\(label)\" 1h\n"))
        #expect(!checked.hasErrors)
        #expect(checked.workflow?.steps.first?.label.count == label.count)
    }
}
