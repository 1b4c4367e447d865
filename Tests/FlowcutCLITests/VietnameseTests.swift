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
