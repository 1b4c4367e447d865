import FlowcutCore
import Foundation
import Testing

@testable import FlowcutLanguage

struct FormatterTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var bundled: [String] {
        let folder = root.appendingPathComponent("workflows")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".flow") }.sorted()
    }

    static func check(_ text: String) -> CheckedFile {
        Checker.check(SourceFile(path: "t.flow", text: text))
    }

    @Test func atLeastTwelveBundledWorkflows() {
        #expect(Self.bundled.count >= 12)
    }

    /// fmt(fmt(x)) == fmt(x), and fmt(x) means what x means.
    @Test(arguments: bundled)
    func idempotentAndMeaningPreserving(_ name: String) throws {
        let url = Self.root.appendingPathComponent("workflows").appendingPathComponent(name)
        let original = Checker.check(SourceFile(path: name, bytes: [UInt8](try Data(contentsOf: url))))
        let before = try #require(original.workflow, "bundled workflows have no errors")
        let once = try #require(Formatter.format(original))
        let formattedOnce = Self.check(once)
        let twice = try #require(Formatter.format(formattedOnce))
        #expect(once == twice)
        #expect(formattedOnce.workflow?.dump() == before.dump())
    }

    /// The canonical layout, written out by hand from docs/language.md.
    @Test func canonicalLayout() throws {
        let messy = """
            # header comment
            procedure   "Thủ tục"
            deadline 7d
                service level4
            code "1.1"
            actor mc "Một cửa"   # desk
            actor ldp  "Lãnh đạo phòng"  external


            step a "Tiếp nhận" intake paper by mc 4h
            step longer-id "Ký" 1d approval by ldp fixed wait 2h note "say \\"hi\\""
            # between steps
            step c "C"
            a->longer-id 90%   "ok"
            a -> c
            proposal "P"
            cut c "không cần"
                online a
            """
        let expected = """
            # header comment
            procedure "Thủ tục"
              deadline 7d
              service  level4
              code     "1.1"
            actor mc  "Một cửa"  # desk
            actor ldp "Lãnh đạo phòng" external

            step a          "Tiếp nhận"  by mc  4h intake paper
            step longer-id  "Ký"         by ldp 1d approval fixed wait 2h note "say \\"hi\\""
            # between steps
            step c          "C"
            a -> longer-id 90% "ok"
            a -> c
            proposal "P"
              cut c     "không cần"
              online a

            """
        let formatted = try #require(Formatter.format(Self.check(messy)))
        #expect(formatted == expected)
    }

    /// docs/language.md shows the contract's example "as flowcut fmt lays it
    /// out": it must check clean and be a fixed point of the formatter.
    @Test func theReferenceExampleIsCanonical() throws {
        let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/language.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "## An example\n\n```\n"))
        let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let example = String(doc[start.upperBound..<end.lowerBound])
        let checked = Self.check(example)
        #expect(checked.diagnostics.isEmpty)
        #expect(Formatter.format(checked) == example)
    }

    @Test func refusesAFileWithErrors() {
        #expect(Formatter.format(Self.check("procedure \"P\"\nstep a \"A\" 3x\n")) == nil)
    }

    @Test func crlfAndBomBecomeLfWithoutBom() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("procedure \"P\"\r\nstep a \"A\" 1d\r\n".utf8)
        let checked = Checker.check(SourceFile(path: "t.flow", bytes: bytes))
        #expect(try #require(Formatter.format(checked)) == "procedure \"P\"\nstep a  \"A\"  1d\n")
    }
}
