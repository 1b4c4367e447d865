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

    /// 800 000 characters on one line: refused by default (E109, at the
    /// opening quote: line 2, byte 21), read whole once the limit is raised.
    @Test func oneVeryLongLine() throws {
        let label = String(repeating: "dài ", count: 200_000)
        let file = SourceFile(path: "t.flow", text: "procedure \"P\"\nstep a \"\(label)\" 1h\n")
        let refused = Checker.check(file)
        #expect(refused.workflow == nil)
        let error = try #require(refused.diagnostics.first)
        #expect(refused.diagnostics.count == 1)
        #expect(error.code == .textTooLong && error.range.line == 2 && error.range.start == 21)
        #expect(error.message == "this text has 800,000 characters, over the limit of 2,000; shorten it, or raise the limit with --max-text-length")
        let checked = Checker.check(file, limits: Limits(textCharacters: 1_000_000))
        #expect(!checked.hasErrors)
        #expect(checked.workflow?.steps.first?.label.count == label.count)
    }

    /// 2 000 characters is the default limit: a label of exactly 2 000
    /// passes, one more is refused; counted in characters, not bytes
    /// ("đ" is two bytes).
    @Test func theTextLimitCountsCharacters() {
        func errors(_ count: Int) -> [DiagnosticCode] {
            let label = String(repeating: "đ", count: count)
            return Checker.check(SourceFile(path: "t.flow", text: "procedure \"P\"\nstep a \"\(label)\" 1h\n")).diagnostics.map(\.code)
        }
        #expect(errors(2_000) == [])
        #expect(errors(2_001) == [.textTooLong])
    }

    /// `\"` is one character of the text: 1 998 letters and two quotes are
    /// 2 000, spelt in 2 002 bytes. (fuzz.sh found an import whose label,
    /// printed with its quotes escaped, was refused by check.)
    @Test func anEscapeIsOneCharacterOfTheLimit() {
        let spelt = String(repeating: "a", count: 1_998) + "\\\"\\\""
        #expect(Checker.check(SourceFile(path: "t.flow", text: "procedure \"P\"\nstep a \"\(spelt)\" 1h\n")).diagnostics.map(\.code) == [])
        let over = "b" + spelt
        #expect(Checker.check(SourceFile(path: "t.flow", text: "procedure \"P\"\nstep a \"\(over)\" 1h\n")).diagnostics.map(\.code) == [.textTooLong])
    }

    /// Steps and arrows over their limits (lowered here to 3 and 2): one
    /// error at the first over, and the file is not resolved.
    @Test func stepsAndArrowsOverTheirLimits() throws {
        let text = "procedure \"P\"\n" + steps(4) + "task0 -> task1 -> task2\ntask2 -> task3\n"
        let limits = Limits(steps: 3, arrows: 2)
        let many = Checker.check(SourceFile(path: "t.flow", text: text), limits: limits)
        #expect(many.workflow == nil)
        #expect(many.diagnostics.map(\.code) == [.tooManySteps])
        // The fourth step is on line 5 (line 1 is the procedure).
        #expect(many.diagnostics.first?.range.line == 5)
        #expect(
            many.diagnostics.first?.message
                == "this is step 4: the file declares 4 steps, over the limit of 3; split the procedure, or raise the limit with --max-steps")
        let arrows = Checker.check(SourceFile(path: "t.flow", text: text), limits: Limits(steps: 4, arrows: 2))
        #expect(arrows.diagnostics.map(\.code) == [.tooManyArrows])
        // The third arrow, task2 -> task3, is on line 7; its target 9 bytes into the line ("task2 -> " is 9).
        let third = try #require(arrows.diagnostics.first)
        #expect(third.range.line == 7 && third.range.start - third.range.lineStart == 9)
        #expect(
            third.message
                == "this is arrow 3: the file draws 3 arrows, over the limit of 2; split the procedure, or raise the limit with --max-arrows")
        #expect(!Checker.check(SourceFile(path: "t.flow", text: text), limits: Limits(steps: 4, arrows: 3)).hasErrors)
    }
}
