import FlowcutCore
import Foundation
import Testing

@testable import FlowcutLanguage

/// Diagnostic codes are stable: this list is written by hand, and a code
/// that changes, disappears or is added without being listed here fails.
struct DiagnosticCodeTests {
    static let stable: [String] = [
        "E101", "E102", "E103", "E104", "E105", "E106", "E107", "E108", "E109", "E110", "E111", "E112",
        "E201", "E202", "E203", "E204", "E205", "E206", "E207", "E208", "E209", "E210",
        "E211", "E212", "E213", "E214", "E215", "E216", "E217", "E218", "E219", "E220",
        "E301", "E302", "E303", "E304", "E305", "E306", "E307", "E308", "E309", "E310",
        "E311", "E312", "E313", "E314", "E315", "E316", "E317", "E318", "E319", "E320",
        "E321", "E322", "E323", "E324",
        "E401", "E402", "E403", "E404", "W401", "W402", "W403",
        "E501", "E502", "E503", "E504", "E505", "E506", "E507", "E508", "E509", "W501",
        "W601", "W602", "W603", "W604", "W605",
        "E601", "E602", "E603", "W606", "W607", "W608", "W609", "W610", "W611",
        "E701", "E702", "E703", "E704", "E705", "E706", "W701", "W702", "W703",
    ]

    @Test func theCodesAreTheListedOnes() {
        #expect(DiagnosticCode.allCases.map(\.rawValue) == Self.stable)
        #expect(Set(Self.stable).count == Self.stable.count)
    }

    static func codes(_ text: String) -> [String] {
        Checker.check(SourceFile(path: "x.flow", text: text)).diagnostics.map(\.code.rawValue)
    }

    /// One file per code family, each problem written by hand.
    @Test func eachProblemHasItsCode() {
        #expect(Self.codes("procedure \"P\"\nstep s \"S\" 2x\n") == ["E210"])
        #expect(Self.codes("procedure \"P\"\nstep s \"S\" -2h\n") == ["E207"])
        #expect(Self.codes("procedure \"P\"\nstep s \"S\" 3d..2d\n") == ["E213"])
        #expect(Self.codes("procedure \"P\"\nstep s \"S\" by nobody\n") == ["E321"])
        #expect(Self.codes("procedure \"P\"\nstep s \"S\"\nstep s \"T\"\n") == ["E320"])
        #expect(Self.codes("procedure \"P\"\nstep a \"A\"\nstep b \"B\"\na -> b 60%\na -> a 60%\n") == ["E401"])
        #expect(Self.codes("procedure \"P\"\nstep a \"A\"\nstep b \"B\"\nstep c \"C\"\nstep d \"D\"\na -> b 70%\na -> c 40%\na -> d\n") == ["E402"])
        #expect(Self.codes("procedure \"P\"\nstep a \"A\"\nstep b \"B\"\nstep c \"C\"\na -> b\n") == ["W402"])
        #expect(Self.codes("procedure \"P\"\nstep a \"A\"\nstep b \"B\"\na -> b\nb -> a\n") == ["E403"])
        #expect(Self.codes("procedure \"P\"\nstep a \"A\" fixed\nstep b \"B\"\nproposal \"X\"\n  cut a\n") == ["E502"])
        #expect(Self.codes("procedure \"P\"\nstep a \"A\"\nproposal \"X\"\n") == ["W501"])
        #expect(Self.codes("procedure \"P\"\nsteps a \"A\"\n") == ["E202"])
        #expect(Self.codes("procedure \"P\"\nstep a \"A\nstep b \"B\"\n") == ["E108"])
    }

    /// Each code says something of its own in docs/diagnostics.md.
    @Test func everyCodeHasASummaryOfItsOwn() {
        let summaries = DiagnosticCode.allCases.map(\.summary)
        #expect(!summaries.contains(""))
        #expect(Set(summaries).count == summaries.count)
    }

    /// Each code's Vietnamese meaning is its own and is Vietnamese (not the
    /// English line left in place: it has letters only Vietnamese uses).
    @Test func everyCodeHasAVietnameseSummaryOfItsOwn() {
        let summaries = DiagnosticCode.allCases.map(\.summaryVietnamese)
        #expect(Set(summaries).count == summaries.count)
        let vietnameseLetters = Set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
        for code in DiagnosticCode.allCases {
            #expect(code.summaryVietnamese != code.summary, "\(code)")
            #expect(code.summaryVietnamese.lowercased().contains { vietnameseLetters.contains($0) }, "\(code): \(code.summaryVietnamese)")
        }
    }

    /// The Vietnamese finding: the meaning, then the name it is about and
    /// the one suggested, taken from the English message's quotes.
    @Test func aVietnameseFindingNamesWhatItIsAboutAndItsSuggestion() throws {
        let found = Checker.check(SourceFile(path: "x.flow", text: "procedure \"P\"\nactor ldp \"L\"\nstep s \"S\" by ldpp 1d\n")).diagnostics
        let d = try #require(found.first)
        #expect(d.message == "unknown actor 'ldpp'; did you mean 'ldp'?")
        #expect(d.vietnameseMessage == "người thực hiện chưa được khai báo: ‘ldpp’; có phải là ‘ldp’?")
    }

    /// E201 in Vietnamese says what was expected: every phrase the parser
    /// passes as "expected X" (read from its sources, so that a new one
    /// without its Vietnamese fails here) has its words.
    @Test func everyExpectedPhraseHasItsVietnamese() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/FlowcutLanguage")
        var phrases: Set<String> = ["the code", "the agency", "the field", "the ID of a starting step"]
        let pattern = try Regex(#"(?:name|string|duration|percent|number)\("([^"]+)"\)"#)
        for file in try FileManager.default.contentsOfDirectory(atPath: sources.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let phrase = match.output[1].substring, !phrase.contains("\\(") { phrases.insert(String(phrase)) }
            }
        }
        #expect(phrases.count > 20, "the scan found the parser's phrases")
        for phrase in phrases {
            let d = Diagnostic(.expected, "expected \(phrase), found 'x'", at: .nowhere)
            #expect(d.vietnameseMessage.hasPrefix("cần ") && d.vietnameseMessage.hasSuffix("nhưng gặp ‘x’"), "\(phrase): \(d.vietnameseMessage)")
        }
        // The three shapes, by hand.
        let source = "procedure \"P\"\nstep b \"B\" by\nstep c 2d\nstep d \"D\" 1d wait\n"
        let found = Checker.check(SourceFile(path: "x.flow", text: source)).diagnostics.map(\.vietnameseMessage)
        #expect(
            found == [
                "cần mã người thực hiện sau 'by', nhưng gặp hết dòng", "cần tên bước trong ngoặc kép, nhưng gặp ‘2d’",
                "cần thời gian sau 'wait' (ví dụ 4h, 0,5d hoặc 2d..5d), nhưng gặp hết dòng",
            ])
    }

    /// What the front end reports as an error carries an E code, a warning a
    /// W code: checked on diagnostics it made, not on the codes' own rule.
    @Test func reportedSeveritiesMatchTheirLetters() {
        let texts = [
            "procedure \"P\"\nstep s \"S\" 2x\n", "procedure \"P\"\nstep a \"A\"\nstep b \"B\"\nstep c \"C\"\na -> b\n",
            "procedure \"P\"\nactor x \"X\"\nstep a \"A\"\nproposal \"Q\"\n",
        ]
        let found = texts.flatMap { Checker.check(SourceFile(path: "x.flow", text: $0)).diagnostics }
        #expect(Set(found.map(\.severity)) == [.error, .warning])
        for d in found { #expect(d.code.rawValue.first == (d.severity == .error ? "E" : "W"), "\(d.code)") }
    }
}
