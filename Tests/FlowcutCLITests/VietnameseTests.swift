import Foundation
import Testing

/// Under `--lang vi` the pages, the diagrams and the terminal are Vietnamese:
/// no rule ID, no statement of the `.flow` language and no English reason
/// shows. The lists below are written by hand from docs/suggestions.md and
/// LANGUAGE.md, not taken from the program.
struct VietnameseTests {
    /// Rule IDs, the proposal statements' keywords, and words of the
    /// English reasons and phrases that once leaked into Vietnamese pages.
    static let english = [
        "paper-handoff", "online-channel", "serial-approvals", "serial-consults", "same-actor", "queue-wait", "benchmark",
        "shorten", "merge", "parallel", "chance", "cut",
        "signs on behalf", "hands the dossier", "one-stop software", "service standard", "guidance", "Bình Định's", "on average",
        "seed", "hạt giống", "removed", "changed", "critical path", "suggested", "dossiers", "working days", "wait",
    ]

    /// The text a reader sees: no markup, styles, scripts or tooltips.
    static func visibleText(_ markup: String) -> String {
        var s = markup
        for tag in ["style", "script", "title"] {
            s = s.replacingOccurrences(of: "<\(tag)[^>]*>.*?</\(tag)>", with: " ", options: [.regularExpression, .caseInsensitive])
        }
        s = s.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#45;", "-"), ("&amp;", "&")] {
            s = s.replacingOccurrences(of: entity, with: character)
        }
        return s
    }

    /// Whole words only: "cut" is not found in "execute".
    static func leaks(in text: String) -> [String] {
        english.filter { phrase in
            let pattern = "(?<![\\p{L}\\-])" + NSRegularExpression.escapedPattern(for: phrase) + "(?![\\p{L}\\-])"
            return text.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil
        }
    }

    @Test func theReviewSaysNothingInEnglish() throws {
        let folder = try CLITests.temporaryFolder()
        let r = try CLITests.run(["analyze", "workflows", "--lang", "vi", "--runs", "200", "--out", folder.path])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".html") || $0.hasSuffix(".svg")
        }
        #expect(files.count > 13 * 2)  // 13 procedures, a page and diagrams each, and the review
        for file in files.sorted() {
            let text = Self.visibleText(try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8))
            #expect(Self.leaks(in: text) == [], "\(file)")
        }
        #expect(Self.leaks(in: r.stdout) == [], "the terminal: \(r.stdout)")
    }

    /// The check itself finds what it looks for.
    @Test func theCheckFindsEnglishWhereThereIsSome() {
        #expect(Self.leaks(in: "Thay đổi: merge s-check s-sign by ldp") == ["merge"])
        #expect(Self.leaks(in: "Mô phỏng (hạt giống 1), ldp signs on behalf of lds") == ["signs on behalf", "hạt giống"])
        #expect(Self.leaks(in: "bỏ qua đường găng; execute; cut-over") == [])
        #expect(Self.visibleText("<p title=\"shorten\">a</p><style>.cut{}</style>") == " a  ")
    }
}

/// One set of numbers on the procedure page: suggestions that save nothing
/// are not rows, and one that cannot go with a change of the set says so.
struct SuggestionRowsTests {
    /// A level-3 service with a paper handoff and two signatures in a row:
    /// the rules suggest merging the signatures (saves 1 d), cutting the
    /// handoff (4 h = 0.5 d), moving the paper steps online (no time: the
    /// steps keep their durations) and the benchmark's shortenings (targets).
    static let process = """
        procedure "P"
          service level3
          dossiers 2023 online 10 paper 10
        actor mc "Một cửa"
        actor cv "Chuyên viên"
        actor ldp "Lãnh đạo phòng"
        actor lds "Lãnh đạo Sở"
        step receive "Tiếp nhận" by mc 4h intake paper
        step route "Chuyển hồ sơ" by mc 4h handoff paper
        step review "Thẩm định" by cv 2d
        step check "Xem xét" by ldp 1d approval
        step sign "Ký" by lds 1d approval

        """

    @Test func zeroSavingsAreNotRowsAndConflictsAreNamed() throws {
        let folder = try CLITests.temporaryFolder()
        try Data(Self.process.utf8).write(to: folder.appendingPathComponent("p.flow"))
        let r = try CLITests.run(["analyze", "p.flow", "--runs", "0", "--out", "o"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let page = try String(contentsOf: folder.appendingPathComponent("o/p/index.html"), encoding: .utf8)
        let table = try #require(page.components(separatedBy: "<h2>Suggestions</h2>").last)
        #expect(table.contains("<td>Merge “Xem xét” and “Ký” into one step done by Lãnh đạo phòng</td>"))
        #expect(table.contains("<td>Remove “Chuyển hồ sơ”</td><td class=\"rule\">Handoff done by the one-stop software</td><td>0.5 d</td>"))
        // Moving online saves no time here: in the set (Changes), not a row.
        #expect(!table.contains("online</td>"))
        #expect(page.contains("<li>Move “Tiếp nhận” online"))
        // Shortening a signature the set merges: named as the conflict.
        #expect(
            table.contains(
                "<td>Shorten “Ký” by 53.4%</td><td class=\"rule\">Bình Định&#39;s average cut (target)</td><td>0.53 d</td><td>10.68 d</td>"))
        #expect(table.components(separatedBy: "Not together with a change above: Merge “Xem xét” and “Ký” into one step done by Lãnh đạo phòng.").count == 3)
        // The JSON report keeps every measured suggestion, the zero ones too.
        let json = try CLITests.run(["analyze", "p.flow", "--runs", "0", "--no-output", "--format", "json"], in: folder)
        #expect(json.stdout.contains("\"online route\""))
    }
}

/// FLOWCUT_LANG, and `suggest` in Vietnamese.
struct LanguageChoiceTests {
    static let file = "workflows/giay-phep-dich-vu-viec-lam.flow"

    @Test func flowcutLangIsTheDefaultAndLangOverridesIt() throws {
        let vi = try CLITests.run(["analyze", Self.file, "--runs", "100", "--no-output"], environment: ["FLOWCUT_LANG": "vi"])
        #expect(vi.status == 0)
        #expect(vi.stdout.contains("Thời hạn giải quyết"))
        let en = try CLITests.run(["analyze", Self.file, "--runs", "100", "--no-output", "--lang", "en"], environment: ["FLOWCUT_LANG": "vi"])
        #expect(en.stdout.contains("Deadline"))
        // Neither en nor vi: a usage error, not English in silence.
        let fr = try CLITests.run(["analyze", Self.file, "--runs", "100", "--no-output"], environment: ["FLOWCUT_LANG": "fr"])
        #expect(fr.status == 64)
        #expect(fr.stderr.contains("FLOWCUT_LANG is 'fr': it takes en or vi"))
    }

    @Test func suggestWritesVietnameseReasonsThatReadBack() throws {
        let r = try CLITests.run(["suggest", Self.file, "--runs", "1000", "--lang", "vi"])
        #expect(r.status == 0)
        #expect(
            r.stdout.hasPrefix("# flowcut suggest \(Self.file): xếp theo số ngày tiết kiệm mỗi năm (47 hồ sơ năm 2023)\nproposal \"Đề xuất của flowcut\"\n"))
        // The statement stays the language's; its reason and note are Vietnamese, with names.
        // The saving by hand: the merge takes sign's 1 d off every dossier's path
        // (sign runs in every case), × 47 dossiers in 2023 = 47 days a year.
        #expect(
            r.stdout.contains(
                "merge check sign by ldp     \"Lãnh đạo phòng ký thay Lãnh đạo Sở (ủy quyền ký).\"  # Ủy quyền ký: tiết kiệm 1 ngày mỗi hồ sơ, 47 ngày chờ của người dân mỗi năm"
            ))
        // The block pasted under the process reads back.
        let folder = try CLITests.temporaryFolder()
        let source = try String(contentsOf: CLITests.root.appendingPathComponent(Self.file), encoding: .utf8)
        try Data((source + r.stdout).utf8).write(to: folder.appendingPathComponent("p.flow"))
        let check = try CLITests.run(["check", "p.flow"], in: folder)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("3 proposals"))
    }
}

/// The ranked table's deadline cell: red when the fit is over, by the fit.
struct RankedTableTests {
    @Test func theDeadlineCellIsRedWhenOverAndOnlyThen() throws {
        let folder = try CLITests.temporaryFolder()
        // 4 d against 3 d: over; 1 d against 3 d: within (no simulation).
        try Data("procedure \"Late\"\n  deadline 3d\nstep a \"A\" 4d\n".utf8).write(to: folder.appendingPathComponent("late.flow"))
        try Data("procedure \"Fine\"\n  deadline 3d\nstep a \"A\" 1d\n".utf8).write(to: folder.appendingPathComponent("fine.flow"))
        let r = try CLITests.run(["analyze", ".", "--runs", "0", "--no-suggestions", "--out", "o"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let index = try String(contentsOf: folder.appendingPathComponent("o/index.html"), encoding: .utf8)
        #expect(index.components(separatedBy: "<td><span class=\"over\">over</span></td>").count == 2)
        #expect(index.contains("<td>within</td>"))
    }

    /// `check --lang vi` (and FLOWCUT_LANG=vi): the findings, the file's line
    /// and the summary in Vietnamese, the codes kept; expected text written
    /// by hand from the file (line 3, column 21: `ldpp`).
    @Test func checkSpeaksVietnamese() throws {
        let folder = try CLITests.temporaryFolder()
        try Data("procedure \"Thử\"\nactor ldp \"Lãnh đạo phòng\"\nstep s \"Xem xét\" by ldpp 1d\n".utf8).write(to: folder.appendingPathComponent("bad.flow"))
        for (arguments, environment) in [(["check", "bad.flow", "--lang", "vi"], [:]), (["check", "bad.flow"], ["FLOWCUT_LANG": "vi"])] {
            let r = try CLITests.run(arguments, in: folder, environment: environment)
            #expect(r.status == 1)
            #expect(
                r.stderr
                    == "bad.flow:3:21: lỗi: người thực hiện chưa được khai báo: ‘ldpp’; có phải là ‘ldp’? [E321]\nstep s \"Xem xét\" by ldpp 1d\n                    ^~~~\n"
            )
            #expect(r.stdout == "bad.flow: 1 lỗi, 0 cảnh báo\n")
        }
        let ok = try CLITests.run(["check", "workflows/giay-phep-dich-vu-viec-lam.flow", "--lang", "vi"])
        #expect(ok.stdout.hasPrefix("workflows/giay-phep-dich-vu-viec-lam.flow: hợp lệ: “Cấp giấy phép hoạt động dịch vụ việc làm”: 8 bước, "))
    }
}
