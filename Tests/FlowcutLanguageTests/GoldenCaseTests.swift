import FlowcutCore
import Foundation
import Testing

@testable import FlowcutLanguage

/// Each Cases/NAME.flow is checked and compared with Cases/NAME.expected: the
/// diagnostics as printed, then the model dump when there is a workflow.
/// Re-record with `FLOWCUT_ACCEPT=1 swift test`, then review the diff: the
/// expected files are the reviewed contract, not a copy taken on trust.
struct GoldenCaseTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".flow") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func actual(_ name: String) throws -> String {
        let data = try Data(contentsOf: folder.appendingPathComponent(name + ".flow"))
        let checked = Checker.check(SourceFile(path: name + ".flow", bytes: [UInt8](data)))
        var text = DiagnosticText().render(checked.diagnostics, in: checked.file)
        text += "---\n"
        text += checked.workflow?.dump() ?? "(no workflow: the file has errors)\n"
        return text
    }

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 6)
    }

    @Test(arguments: cases)
    func matchesExpected(_ name: String) throws {
        let actual = try Self.actual(name)
        let expectedURL = Self.folder.appendingPathComponent(name + ".expected")
        if ProcessInfo.processInfo.environment["FLOWCUT_ACCEPT"] != nil {
            try Data(actual.utf8).write(to: expectedURL)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected, "re-record with FLOWCUT_ACCEPT=1 and review the diff")
    }
}
