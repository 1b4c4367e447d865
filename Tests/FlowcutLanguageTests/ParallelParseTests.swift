import FlowcutCore
import Foundation
import Testing

@testable import FlowcutLanguage

/// A big file is parsed as two halves at once; the result must be exactly
/// that of one pass: same model, same diagnostics (line numbers of the second
/// half included), same formatting.
struct ParallelParseTests {
    func compare(_ text: String, _ name: String = "t.flow") throws {
        let file = SourceFile(path: name, text: text)
        let onePass = Checker.check(file, keepSyntax: true, parallelAbove: Int.max)
        let halves = Checker.check(file, keepSyntax: true, parallelAbove: 0)
        #expect(onePass.diagnostics == halves.diagnostics)
        #expect(onePass.workflow?.dump() == halves.workflow?.dump())
        #expect(Formatter.format(onePass) == Formatter.format(halves))
    }

    @Test(arguments: FormatterTests.bundled)
    func bundledWorkflows(_ name: String) throws {
        let url = FormatterTests.root.appendingPathComponent("workflows").appendingPathComponent(name)
        try compare(String(contentsOf: url, encoding: .utf8), name)
    }

    @Test func errorsInBothHalvesKeepTheirLines() throws {
        var lines = ["procedure \"P\"", "actor a \"A\""]
        for i in 0..<200 { lines.append("step s\(i) \"Bước \(i)\" by a \(i % 5 + 1)h") }
        lines[10] = "step s8 \"Lỗi\" by b 3x"  // line 11 (was s8): unknown actor, bad unit
        lines.append("s0 -> s1 -> s199 -> nowhere")  // line 203: unknown step
        lines.append("proposal \"X\"")
        lines.append("  cut s150 \"ở nửa sau\"")
        try compare(lines.joined(separator: "\n") + "\n")
        let checked = Checker.check(SourceFile(path: "t.flow", text: lines.joined(separator: "\n")), keepSyntax: false, parallelAbove: 0)
        #expect(checked.diagnostics.filter { $0.severity == .error }.map(\.range.line) == [11, 11, 203])
    }

    /// Over `Resolver.parallelAbove` step declarations and flows, steps and
    /// arrow ends are resolved on two cores: every arrow must still join the
    /// steps written, in the order written, and the errors of the second
    /// half must keep their lines.
    @Test func aBigFileIsResolvedAsWritten() throws {
        let n = Resolver.parallelAbove + 2_000
        var lines = ["procedure \"P\"", "actor a \"A\""]
        for i in 0..<n { lines.append("step s\(i) \"S\" by a 1h") }
        var expected: [[Int]] = []
        for i in 1..<n {
            lines.append("s\(i - 1) -> s\(i)")
            expected.append([i - 1, i])
            if i >= 7, i.isMultiple(of: 7) {
                lines.append("s\(i - 7) -> s\(i)")
                expected.append([i - 7, i])
            }
        }
        let checked = Checker.check(SourceFile(path: "t.flow", text: lines.joined(separator: "\n") + "\n"), keepSyntax: false)
        #expect(checked.diagnostics.isEmpty)
        #expect(checked.workflow?.arrows.map { [$0.from, $0.to] } == expected)
        #expect(checked.workflow?.stepIndex(of: "s\(n - 1)") == n - 1)

        // Line n + 2 repeats s0; line n + 3 names an unknown actor; the last
        // line's arrow goes to a step never declared.
        lines.insert("step s0 \"again\" by a 1h", at: n + 1)
        lines.insert("step extra \"E\" by nobody 1h", at: n + 2)
        lines.append("s5 -> nowhere")
        let broken = Checker.check(SourceFile(path: "t.flow", text: lines.joined(separator: "\n") + "\n"), keepSyntax: false)
        let errors = broken.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.range.line) == [n + 2, n + 3, lines.count])
        #expect(
            errors.map(\.message) == [
                "step 's0' is declared twice", "unknown actor 'nobody'; declare it with actor nobody \"Label\"",
                "unknown step 'nowhere'",
            ])
    }
}
