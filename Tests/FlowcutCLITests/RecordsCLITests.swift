import Foundation
import Testing

/// `flowcut analyze` over a folder whose review.yaml names the department's
/// statistics: joined by code, the scorecard in the review, the procedures
/// without a process file in its scope. Expected numbers are worked out by
/// hand from Tests/Fixtures/records/thong-ke-06a.csv (RecordsTableTests
/// reads the same rows).
struct RecordsCLITests {
    static let fixture = CLITests.root.appendingPathComponent("Tests/Fixtures/records/thong-ke-06a.csv")

    /// a: 1.001806 with its own (different) 2024 count; b: 1.001865; c: no code.
    static func reviewFolder(settings: String = "stats: thong-ke-06a.csv\n") throws -> URL {
        let folder = try CLITests.temporaryFolder().appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = [
            "a.flow":
                "procedure \"Cấp giấy phép lao động\"\n  code \"1.001806\"\n  deadline 5d\n  service full\n  dossiers 2024 online 25 paper 15\nstep s \"S\" 1d\n",
            "b.flow": "procedure \"Đăng ký nội quy lao động\"\n  code \"1001865\"\n  service partial\nstep s \"S\" 1d\n",
            "c.flow": "procedure \"Không có mã\"\nstep s \"S\" 1d\n",
            "review.yaml": settings,
        ]
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        try FileManager.default.copyItem(at: fixture, to: folder.appendingPathComponent("thong-ke-06a.csv"))
        return folder
    }

    @Test func theReviewYamlBringsTheScorecard() throws {
        let folder = try Self.reviewFolder()
        let r = try CLITests.run(["analyze", "in", "--runs", "200", "--format", "json", "--no-output"], in: folder.deletingLastPathComponent())
        #expect(r.status == 0, "\(r.stderr)")
        // The file's own 2024 line loses to the records, with a warning on that line.
        #expect(
            r.stderr.contains(
                "in/a.flow:5:3: warning: the records (in/thong-ke-06a.csv) count 2024 as online 30 paper 10; this line says online 25 paper 15; the records' counts are used"
            ), "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let p = try #require(object["portfolio"] as? [String: Any])
        let rows = try #require(p["scorecard"] as? [[String: Any]])
        let permit2024 = try #require(rows.first { $0["code"] as? String == "1.001806" && $0["year"] as? Int == 2024 })
        #expect(permit2024["file"] as? String == "in/a.flow")
        #expect(permit2024["received"] as? Int == 40 && permit2024["online"] as? Int == 30)
        // (20 + 15 + 3) ÷ (40 + 2), rounded to six decimals by the JSON writer.
        #expect(abs((permit2024["onTimeRate"] as? Double ?? 0) - 38.0 / 42.0) < 1e-6)
        #expect(permit2024["onlineShare"] as? Double == 0.75)
        // The level-4 service without dossiers: nothing received, no rates.
        let reissue = try #require(rows.first { $0["code"] as? String == "1.004949" })
        #expect(reissue["onTimeRate"] is NSNull && reissue["onlineShare"] is NSNull && reissue["file"] is NSNull)
        // c.flow has no code: not in the scorecard. 1.001806 × 2 years, the others 1 each.
        #expect(rows.count == 5)
        let totals = try #require(p["scorecardTotals"] as? [[String: Any]])
        let y2024 = try #require(totals.first { $0["year"] as? Int == 2024 })
        #expect(abs((y2024["onTimeRate"] as? Double ?? 0) - 71.0 / 82.0) < 1e-6)
        #expect(y2024["onlineShare"] as? Double == 43.0 / 80.0)
        #expect(y2024["servicesShare"] as? Double == 0.75)
        let without = try #require(p["withoutProcessFile"] as? [String: Any])
        #expect(without["byDossiers"] as? [String] == ["1.005194"])
        #expect(without["onlineWithoutDossiers"] as? [String] == ["1.004949"])
        #expect(without["paperAfterCutOver"] as? [String] == ["1.005194"])
        // Ranked with the files: a 40, b 20 and 1.005194 20 (files first on a tie), c 0, 1.004949 0.
        let ranked = try #require(p["rankedByDossiers"] as? [[String: Any]])
        #expect(ranked.map { ($0["file"] as? String) ?? ($0["code"] as? String ?? "?") } == ["in/a.flow", "in/b.flow", "1.005194", "in/c.flow", "1.004949"])
    }

    @Test func theTerminalSaysTheRatesInBothLanguages() throws {
        let folder = try Self.reviewFolder()
        let en = try CLITests.run(["analyze", "in", "--runs", "100", "--no-output"], in: folder.deletingLastPathComponent())
        #expect(
            en.stdout.contains(
                "Scorecard 2024 (Decision 766): on-time rate 86.5% (target 100%); online share 53.7% (target 50%); online services with online dossiers 75% (target 100%)\n1 procedure with dossiers and no process file (listed in the review)\n"
            ), "\(en.stdout)")
        let vi = try CLITests.run(
            ["analyze", "in", "--runs", "100", "--no-output", "--lang", "vi", "--online-target", "60%"], in: folder.deletingLastPathComponent())
        #expect(
            vi.stdout.contains(
                "Chỉ số năm 2024 theo Quyết định 766: tỷ lệ giải quyết đúng hạn 86,5% (chỉ tiêu 100%); tỷ lệ hồ sơ trực tuyến 53,7% (chỉ tiêu 60%); tỷ lệ DVCTT phát sinh hồ sơ trực tuyến 75% (chỉ tiêu 100%)\n1 thủ tục có hồ sơ nhưng chưa có quy trình nội bộ"
            ), "\(vi.stdout)")
    }

    /// The scorecard and the ranking for a spreadsheet. Every figure by hand
    /// from the fixture: 1.001865's quarters summed to 2024 (received 10 + 10,
    /// online 5 + 6; resolved 4 + 5, 3 + 4, 1 + 1; carried over from Q1, 0;
    /// open at the end of Q2, 1 and 1): on time (9 + 7 + 1) ÷ 20 = 0.85. The
    /// department in 2024: received 40 + 20 + 0 + 20 = 80, online 30 + 11 + 0
    /// + 2 = 43, carried over 2, early 20 + 9 + 10 = 39, on time 15 + 7 + 6 =
    /// 28, late 3 + 2 + 4 = 9, open 3 + 1 = 4 and 1 + 1 = 2; on time (39 + 28
    /// + 4) ÷ 82 = 0.865854, online 43 ÷ 80 = 0.5375.
    @Test func theScorecardAndTheRankingOpenInASpreadsheet() throws {
        let folder = try Self.reviewFolder()
        let base = folder.deletingLastPathComponent()
        let r = try CLITests.run(["analyze", "in", "--runs", "100", "--out", "out"], in: base)
        #expect(r.status == 0, "\(r.stderr)")
        // UTF-8 with a byte-order mark (EF BB BF), rows ended CRLF.
        func csv(_ name: String) throws -> [String] {
            let bytes = try Data(contentsOf: base.appendingPathComponent("out/\(name)"))
            #expect(bytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
            return String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        }
        let rows = try csv("scorecard.csv")
        #expect(rows[0].hasPrefix("Code,Procedure,File,Year,Received,Online,In person or by post,Carried over,"))
        #expect(rows.contains("1.001806,Cấp giấy phép lao động,in/a.flow,2024,40,30,10,2,20,15,3,3,1,0.904762,0.75"))
        #expect(rows.contains("1.001865,Đăng ký nội quy lao động,in/b.flow,2024,20,11,9,0,9,7,2,1,1,0.85,0.55"))
        // The online service with no dossiers: no rates, not zero.
        #expect(rows.contains("1.004949,Cấp lại giấy chứng nhận,,2024,0,0,0,0,0,0,0,0,0,,"))
        #expect(rows.contains(",Department,,2024,80,43,37,2,39,28,9,4,2,0.865854,0.5375"))
        let ranked = try csv("ranked.csv")
        // The file's code written 1001865 is given in its short form; a procedure without a file says so.
        #expect(ranked.map { $0.components(separatedBy: ",")[0] }.prefix(5) == ["Code", "1.001806", "1.001865", "1.005194", ""])
        #expect(ranked.contains("1.005194,Gia hạn giấy phép,no process file,20,,,,,,,0.1"))
    }

    /// A bad cell is an error (exit 1) that names its row and column; the
    /// good rows still make the review.
    @Test func badCellsAreErrorsAndTheRestIsRead() throws {
        let folder = try Self.reviewFolder()
        try Data("Mã TTHC,Năm,Trực tuyến,Trực tiếp\n1.001806,2024,mười,1\n1.001865,2024,4,4\n".utf8)
            .write(to: folder.appendingPathComponent("thong-ke-06a.csv"))
        let r = try CLITests.run(["analyze", "in", "--runs", "100", "--out", "out"], in: folder.deletingLastPathComponent())
        #expect(r.status == 1)
        #expect(
            r.stderr.contains(
                "in/thong-ke-06a.csv: row 2, column 'Trực tuyến': error: 'mười' is not a whole number: a count of dossiers is a whole number, 0 or more; the row's counts are left out"
            ), "\(r.stderr)")
        let review = try String(contentsOf: folder.deletingLastPathComponent().appendingPathComponent("out/report.md"), encoding: .utf8)
        #expect(review.contains("| 2024 | 8 | 4 |"), "\(review)")
    }

    /// A stats file that is not there: nothing is replaced.
    @Test func aMissingTableLeavesTheReviewAsItWas() throws {
        let folder = try Self.reviewFolder(settings: "stats:\n  - thong-ke-2025.csv\n")
        let base = folder.deletingLastPathComponent()
        let out = base.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("earlier".utf8).write(to: out.appendingPathComponent("index.html"))
        let r = try CLITests.run(["analyze", "in", "--runs", "100", "--out", "out"], in: base)
        #expect(r.status == 1)
        #expect(r.stderr.contains("cannot read in/thong-ke-2025.csv: No such file or directory"), "\(r.stderr)")
        #expect(r.stderr.contains("out: note: the review was left as it was"), "\(r.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8) == "earlier")
    }

    @Test func aMistypedSettingSaysWhereAndWhat() throws {
        let folder = try Self.reviewFolder(settings: "stat: thong-ke-06a.csv\ntargets:\n  onTime: 120%\n")
        let r = try CLITests.run(["analyze", "in", "--runs", "100", "--no-output"], in: folder.deletingLastPathComponent())
        #expect(r.status == 1)
        #expect(r.stderr.contains("in/review.yaml:1:1: unknown setting 'stat'; did you mean 'stats'?"), "\(r.stderr)")
        #expect(r.stderr.contains("in/review.yaml:3:11: '120%' is not a percentage from 0% to 100%"), "\(r.stderr)")
        let usage = try CLITests.run(["analyze", "in", "--on-time-target", "abc"], in: folder.deletingLastPathComponent())
        #expect(usage.status == 64)
    }
}
