import Foundation
import Testing

/// `flowcut import` on a decision's appendix (.docx) and a workbook
/// (.xlsx): one .flow per procedure into the -o folder, the good ones
/// written when one is bad, nothing replaced without --force. The
/// fixtures are scripts/fixtures/make-office-fixtures.py's.
struct DecisionImportCLITests {
    static let fixtures = CLITests.root.appendingPathComponent("Tests/Fixtures")

    static func copy(_ name: String, to folder: URL) throws {
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: folder.appendingPathComponent(Files.name(name)))
    }

    enum Files {
        static func name(_ path: String) -> String { String(path.split(separator: "/").last!) }
    }

    @Test func aDecisionBecomesOneFlowPerProcedure() throws {
        let folder = try CLITests.temporaryFolder()
        try Self.copy("decision/quyet-dinh-123.docx", to: folder)
        let r = try CLITests.run(["import", "quyet-dinh-123.docx", "-o", "quy-trinh"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("quy-trinh").path).sorted()
        #expect(written == ["1.001193.flow", "1.001776.flow", "2.000635.flow"])
        #expect(r.stderr.contains("wrote 3 of 3 procedures to quy-trinh: 1.001776.flow, 1.001193.flow, 2.000635.flow"), "\(r.stderr)")
        // Each checks; analysed, 1.001776 is its six steps in a row: 4 + 48 + 4 + 4 + 16 + 4 = 80 h = 10 days.
        #expect(try CLITests.run(["check", "quy-trinh"], in: folder).status == 0)
        let analysis = try CLITests.run(["analyze", "quy-trinh/1.001776.flow", "--runs", "0", "--no-output"], in: folder)
        #expect(analysis.stdout.contains("10 working days (80 h)"), "\(analysis.stdout)")

        // Again: the files are there, so nothing is written without --force.
        let before = try Data(contentsOf: folder.appendingPathComponent("quy-trinh/1.001776.flow"))
        try Data("procedure \"Sửa tay\"\nstep s \"S\" 1h\n".utf8).write(to: folder.appendingPathComponent("quy-trinh/1.001193.flow"))
        let again = try CLITests.run(["import", "quyet-dinh-123.docx", "-o", "quy-trinh"], in: folder)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exist: nothing was written; give --force to replace them"), "\(again.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("quy-trinh/1.001193.flow"), encoding: .utf8) == "procedure \"Sửa tay\"\nstep s \"S\" 1h\n")
        let forced = try CLITests.run(["import", "quyet-dinh-123.docx", "-o", "quy-trinh", "--force"], in: folder)
        #expect(forced.status == 0)
        #expect(try Data(contentsOf: folder.appendingPathComponent("quy-trinh/1.001776.flow")) == before)

        // Without -o there is nowhere to put three procedures: a usage error.
        let bare = try CLITests.run(["import", "quyet-dinh-123.docx"], in: folder)
        #expect(bare.status == 64)
        #expect(bare.stdout == "")
    }

    @Test func theGoodProceduresAreWrittenBesideABadOne() throws {
        let folder = try CLITests.temporaryFolder()
        try Self.copy("decision/one-bad-cell.docx", to: folder)
        let r = try CLITests.run(["import", "one-bad-cell.docx", "-o", "out"], in: folder)
        #expect(r.status == 1)
        #expect(
            r.stderr.contains(
                "one-bad-cell.docx: table 1, row 2, column 'Thời gian': error: 'ba ngày' is not a duration; write it like 0,5 ngày, ½ ngày, 04 giờ, 13 ngày làm việc, Không quá 02 ngày or 2 days"
            ), "\(r.stderr)")
        #expect(r.stderr.contains("one-bad-cell.docx: table 1, row 3, column 'Thời gian': error: '2 ng<U+00AD>ày' is not a duration"))
        #expect(r.stderr.contains("not written, for the errors above: Thủ tục A (1.000001)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path) == ["1.000002.flow"])
    }

    /// A workbook of one procedure prints it, as a CSV table does.
    @Test func aWorkbookOfOneProcedure() throws {
        let r = try CLITests.run(["import", Self.fixtures.appendingPathComponent("decision/quy-trinh-karaoke.xlsx").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("procedure \"Thủ tục cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke\"\n  code     \"1.001029\"\n  deadline 5d\n"))
    }

    @Test(arguments: [
        ("decision/no-process-table.docx", "error: no process table found"),
        ("decision/cut-short.docx", "the Word document is damaged: the ZIP archive has no end"),
        ("decision/endless-stream.docx", "its part word/document.xml cannot be read (its compressed data is corrupt)"),
    ])
    func badDocumentsWriteNothing(_ name: String, _ message: String) throws {
        let folder = try CLITests.temporaryFolder()
        try Self.copy(name, to: folder)
        let r = try CLITests.run(["import", Files.name(name), "-o", "out"], in: folder)
        #expect(r.status == 1)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [Files.name(name)])
    }

    /// The statistics as the one-stop system exports them to Excel give the
    /// review the CSV gives (RecordsCLITests works its numbers out by hand).
    @Test func statisticsFromAWorkbook() throws {
        let folder = try RecordsCLITests.reviewFolder(settings: "stats: thong-ke-06a.xlsx\n")
        try Self.copy("records/thong-ke-06a.xlsx", to: folder)
        let fromExcel = try CLITests.run(["analyze", "in", "--runs", "200", "--format", "json", "--no-output"], in: folder.deletingLastPathComponent())
        #expect(fromExcel.status == 0, "\(fromExcel.stderr)")
        try Data("stats: thong-ke-06a.csv\n".utf8).write(to: folder.appendingPathComponent("review.yaml"))
        let fromCSV = try CLITests.run(["analyze", "in", "--runs", "200", "--format", "json", "--no-output"], in: folder.deletingLastPathComponent())
        #expect(fromExcel.stdout == fromCSV.stdout.replacingOccurrences(of: "thong-ke-06a.csv", with: "thong-ke-06a.xlsx"))
        #expect(fromExcel.stdout.contains("\"onTimeRate\""))
    }
}
