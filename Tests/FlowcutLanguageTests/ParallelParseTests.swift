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
}
