import Foundation
import Testing

/// Where the after process came from is a type, not the string "suggested".
struct AfterOriginCLITests {
    /// A reviewer's proposal that happens to be named "suggested" is reported
    /// as that proposal: cutting b (1 d) from 2 h + 1 d leaves 2 h.
    @Test func aProposalNamedSuggestedIsAProposal() throws {
        let folder = try CLITests.temporaryFolder()
        try Data("procedure \"P\"\nstep a \"A\" 2h\nstep b \"B\" 1d\nproposal \"suggested\"\n  shorten b 1h\n".utf8)
            .write(to: folder.appendingPathComponent("p.flow"))
        let text = try CLITests.run(["analyze", "p.flow", "--runs", "0", "--no-output"], in: folder)
        #expect(text.status == 0)
        #expect(text.stdout.contains("Before → after: proposal \"suggested\""))
        #expect(!text.stdout.contains("the suggested changes"))
        let json = try CLITests.run(["analyze", "p.flow", "--runs", "0", "--no-output", "--format", "json"], in: folder)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["proposal"] as? String == "suggested")
        #expect(object["origin"] as? String == "proposal")
        let after = try #require(object["after"] as? [String: Any])
        #expect(after["mainLeadTimeHours"] as? Double == 3)  // 2 h + 1 h
        // The suggested set itself says so: paper-handoff cuts the handoff of a level-4 service.
        try Data("procedure \"Q\"\n  service level4\nstep a \"A\" 2h\nstep t \"T\" 4h handoff\n".utf8)
            .write(to: folder.appendingPathComponent("q.flow"))
        let suggested = try CLITests.run(["analyze", "q.flow", "--runs", "0", "--no-output", "--format", "json"], in: folder)
        let s = try #require(JSONSerialization.jsonObject(with: Data(suggested.stdout.utf8)) as? [String: Any])
        #expect(s["proposal"] as? String == "suggested")
        #expect(s["origin"] as? String == "suggested")
        #expect((s["after"] as? [String: Any])?["mainLeadTimeHours"] as? Double == 2)
    }
}

/// `--compare --lang vi`: the table's own words in Vietnamese, numbers with
/// a decimal comma.
struct CompareTableCLITests {
    @Test func theCompareTableInVietnamese() throws {
        let file = CLITests.root.appendingPathComponent("workflows/giay-phep-dich-vu-viec-lam.flow").path
        let vi = try CLITests.run(["analyze", file, "--compare", "--lang", "vi", "--runs", "1000", "--no-output"])
        let en = try CLITests.run(["analyze", file, "--compare", "--runs", "1000", "--no-output"])
        #expect(vi.status == 0 && en.status == 0)
        let table = try #require(vi.stdout.components(separatedBy: "  So sánh các phương án\n").last)
        let header = try #require(table.split(separator: "\n").first)
        for word in ["kịch bản chính", "trung bình", "P90", "lần chuyển", "giờ làm việc", "ngày chờ/năm", "giờ công/năm"] {
            #expect(header.contains(word), "\(word)")
        }
        for english in ["main", "expected", "handoffs", "work h", "citizen-days", "staff h", "before", "suggested"] {
            #expect(!table.contains(english), "\(english)")
        }
        // By hand: 4 + 4 + (16 + 96 + 40)/6 + 8 + 8 + 4 + 4 = 57.33 h = 7.17 working days before.
        #expect(table.contains("    trước "))
        #expect(table.contains("7,17 ngày"))
        #expect(en.stdout.contains("7.17 d"))
        // The same rows in both languages.
        let enRows = en.stdout.components(separatedBy: "  Compared\n").last!.split(separator: "\n").count
        #expect(table.split(separator: "\n").count == enRows)
    }
}
