import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutTiming
import Testing

@testable import FlowcutReport

/// Digit grouping as each language writes numbers: English groups thousands
/// with a comma and marks decimals with a point (49,883.2); Vietnamese marks
/// decimals with a comma, so it groups with a space (49 883,2), as the SI
/// writes it, not with a dot that some readers take for a decimal mark.
/// Expected strings written by hand.
struct WordsTests {
    @Test func countsAreGroupedByThousandsInEachLanguage() {
        #expect(Words.english.count(0) == "0")
        #expect(Words.english.count(999) == "999")
        #expect(Words.english.count(1_000) == "1,000")
        #expect(Words.english.count(346_200) == "346,200")
        #expect(Words.english.count(-1_234_567) == "-1,234,567")
        #expect(Words.vietnamese.count(346_200) == "346 200")
        #expect(Words.vietnamese.count(1_000_000) == "1 000 000")
    }

    @Test func numbersKeepTheirDecimalsAfterTheGrouping() {
        #expect(Words.english.number(49_883.2, decimals: 1) == "49,883.2")
        #expect(Words.vietnamese.number(49_883.2, decimals: 1) == "49 883,2")
        #expect(Words.english.number(43_275) == "43,275")
        #expect(Words.vietnamese.number(0.67) == "0,67")
        #expect(Words.english.number(999.5, decimals: 1) == "999.5")
        #expect(Words.vietnamese.number(-12_345.25) == "-12 345,25")
    }

    @Test func oneDossierIsSingular() {
        #expect(Words.english.dossiers(1, in: 2023) == "1 dossier in 2023")
        #expect(Words.english.dossiers(5_770, in: 2023) == "5,770 dossiers in 2023")
        #expect(Words.vietnamese.dossiers(1, in: 2023) == "1 hồ sơ năm 2023")
        #expect(Words.vietnamese.dossiers(5_770, in: 2023) == "5 770 hồ sơ năm 2023")
    }
}

/// Changes and reasons said in words, steps and actors by name. Expected
/// sentences written by hand from the process below.
struct ChangeWordsTests {
    static let process = """
        procedure "P"
        actor mc "Một cửa"
        actor ldp "Lãnh đạo phòng"
        actor lds "Lãnh đạo Sở"
        step receive "Tiếp nhận" by mc 4h intake paper
        step review "Thẩm định" 2d
        step ask "Xin ý kiến Sở Tài chính" 1d consult
        step ask2 "Xin ý kiến Sở Xây dựng" 1d consult
        step check "Xem xét" by ldp 1d approval
        step sign "Ký" by lds 1d approval
        """

    static func workflow() throws -> Workflow {
        let checked = Checker.check(SourceFile(path: "p.flow", text: process))
        #expect(checked.diagnostics.filter { $0.severity == .error }.isEmpty)
        return try #require(checked.workflow)
    }

    @Test func everyChangeInBothLanguages() throws {
        let w = try Self.workflow()
        let cases: [(ChangeAction, String, String)] = [
            (.cut("receive"), "Remove “Tiếp nhận”", "Bỏ bước “Tiếp nhận”"),
            (.shorten("review", to: .single(8)), "Shorten “Thẩm định” to 1 d", "Rút ngắn bước “Thẩm định” còn 1 ngày"),
            (
                // 4 h of an 8-hour working day, in days as the reports give times.
                .shortenWait("review", to: .single(4)), "Shorten the wait before “Thẩm định” to 0.5 d",
                "Rút ngắn thời gian chờ trước bước “Thẩm định” còn 0,5 ngày"
            ),
            (.shortenBy("review", percent: 47.57), "Shorten “Thẩm định” by 47.57%", "Rút ngắn bước “Thẩm định” 47,57%"),
            (
                .merge("check", "sign", actor: "ldp", duration: nil),
                "Merge “Xem xét” and “Ký” into one step done by Lãnh đạo phòng",
                "Gộp bước “Xem xét” và bước “Ký” thành một bước do Lãnh đạo phòng thực hiện"
            ),
            (
                .parallel("ask", "ask2"), "Do “Xin ý kiến Sở Tài chính” and “Xin ý kiến Sở Xây dựng” at the same time",
                "Thực hiện đồng thời bước “Xin ý kiến Sở Tài chính” và bước “Xin ý kiến Sở Xây dựng”"
            ),
            (.online(["receive"], duration: nil), "Move “Tiếp nhận” online", "Chuyển bước “Tiếp nhận” sang thực hiện trực tuyến"),
            (
                .chance(from: "review", to: "ask", percent: 7.5), "Send 7.5% of the dossiers from “Thẩm định” to “Xin ý kiến Sở Tài chính”",
                "Điều chỉnh tỷ lệ hồ sơ từ bước “Thẩm định” chuyển sang bước “Xin ý kiến Sở Tài chính” thành 7,5%"
            ),
        ]
        for (action, english, vietnamese) in cases {
            #expect(Words.english.change(action, in: w) == english)
            #expect(Words.vietnamese.change(action, in: w) == vietnamese)
        }
    }

    @Test func reasonsNamePeopleAndSteps() throws {
        let w = try Self.workflow()
        let signing = SuggestionReason.delegatedSigning(signer: "ldp", onBehalfOf: "lds")
        #expect(Words.english.reason(signing, in: w) == "Lãnh đạo phòng signs on behalf of Lãnh đạo Sở (delegated signing).")
        #expect(Words.vietnamese.reason(signing, in: w) == "Lãnh đạo phòng ký thay Lãnh đạo Sở (ủy quyền ký).")
        // The `.flow` comment `flowcut suggest` writes keeps the IDs.
        #expect(signing.english == "ldp signs on behalf of lds (delegated signing)")
        let benchmark = SuggestionReason.benchmark(kind: .work, percent: 47.57)
        #expect(
            Words.vietnamese.reason(benchmark, in: w)
                == "Phương án của tỉnh Bình Định cắt giảm bình quân 47,57% thời gian các bước chuyên viên xử lý; đây là mục tiêu để thảo luận, không tự động áp dụng."
        )
    }
}

/// The timeline of the main scenario, its bars placed by hand.
struct TimelineTests {
    @Test func barsFromEarliestStartToFinishWithTheWaitPale() throws {
        // a 1 d, then b: a wait of 1 d and 2 d of work, then c 1 d; a
        // deadline of 6 d. In hours: a 0–8, b 8–32 (waiting 8–16), c 32–40.
        // The chart is 900 px for 48 h × 1.08 = 51.84 h: 17.361 px an hour,
        // after a 380 px column of names.
        let checked = Checker.check(
            SourceFile(path: "t.flow", text: "procedure \"P\"\n  deadline 6d\nstep a \"A\" 1d\nstep b \"B\" 2d wait 1d\nstep c \"C\" 1d\na -> b -> c\n"))
        let w = try #require(checked.workflow)
        let svg = Timeline.svg(Analyzer.analyze(w, options: AnalysisOptions(runs: 0)), words: .english)
        // a: from 380, 8 h = 138.9 px of work (critical: red).
        #expect(svg.contains("<rect x=\"380\" y=\"65\" width=\"138.9\" height=\"20\" fill=\"#c0392b\"/>"))
        // b: the wait from 380 + 138.9 = 518.9, 138.9 px, pale; the work
        // from 380 + 16 × 17.361 = 657.8, 32 − 16 = 16 h = 277.8 px.
        #expect(svg.contains("<rect x=\"518.9\" y=\"99\" width=\"138.9\" height=\"20\" fill=\"#c0392b\" fill-opacity=\"0.25\"/>"))
        #expect(svg.contains("<rect x=\"657.8\" y=\"99\" width=\"277.8\" height=\"20\" fill=\"#c0392b\"/>"))
        // c: from 380 + 32 × 17.361 = 935.6.
        #expect(svg.contains("<rect x=\"935.6\" y=\"133\" width=\"138.9\" height=\"20\" fill=\"#c0392b\"/>"))
        // The deadline at 380 + 48 × 17.361 = 1 213.3.
        #expect(svg.contains("<line x1=\"1213.3\""))
        #expect(svg.contains(">deadline 6 d</text>"))
        // Names at 16 px (the SVG's font size, one unit to a pixel).
        #expect(svg.contains("font-size=\"16\""))
        #expect(svg.contains("<text x=\"370\" y=\"80\" text-anchor=\"end\" font-weight=\"bold\">A</text>"))
    }
}

/// The escaping's fast checks against Unicode's own tables (the standard
/// library's scalar properties), over every scalar.
struct EscapeTests {
    @Test func bidiControlsAreTheTwelveOfTheStandard() {
        var found: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            #expect(Escape.isBidiControl(scalar) == scalar.properties.isBidiControl, "U+\(String(v, radix: 16))")
            if scalar.properties.isBidiControl { found.append(v) }
        }
        #expect(found == [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069])
    }

    @Test func controlsAreEscapedOnOneLineAsBefore() {
        // Every scalar of category Cc (U+0000–U+001F, U+007F–U+009F) is
        // escaped; the next ones are not.
        for v in UInt32(0)...0xFF {
            let scalar = Unicode.Scalar(v)!
            let escaped = Escape.oneLine(String(scalar)) != String(scalar)
            #expect(escaped == (scalar.properties.generalCategory == .control), "U+\(String(v, radix: 16))")
        }
        #expect(Escape.oneLine("a\u{202E}b") == "a\\u{202e}b")
    }
}

extension TimelineTests {
    /// 301 steps in a row: 300 rows drawn, the last counted.
    @Test func aLongProcessIsCountedNotDrawnPastThreeHundredRows() throws {
        var text = "procedure \"P\"\n"
        for i in 0...300 { text += "step s\(i) \"S\(i)\" 1h\n" }
        text += (0...300).map { "s\($0)" }.joined(separator: " -> ") + "\n"
        let w = try #require(Checker.check(SourceFile(path: "t.flow", text: text)).workflow)
        let svg = Timeline.svg(Analyzer.analyze(w, options: AnalysisOptions(runs: 0)), words: .english)
        #expect(svg.components(separatedBy: "<g><title>").count - 1 == 300)
        #expect(svg.contains(">… and 1 more step (the JSON report has them all)</text>"))
    }
}
