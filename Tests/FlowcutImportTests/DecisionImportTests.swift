import FlowcutCore
import Foundation
import Testing

@testable import FlowcutImport

/// Word and Excel files as provinces publish them. The fixtures are
/// written by scripts/fixtures/make-office-fixtures.py (Python's zipfile,
/// no flowcut code); every expected number is read off the rows written
/// there, by hand, with the 8-hour working day.
struct DecisionImportTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/decision")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func document(_ name: String) throws -> ImportedDocument {
        let importer = Importers.importer(for: name)!
        return try importer.document(try bytes(name), path: name, options: ImportOptions())
    }

    @Test func aDecisionAppendixWithThreeProcedures() throws {
        let d = try Self.document("quyet-dinh-123.docx")
        #expect(d.findings.isEmpty)
        // The list of procedures (table 1) has no task column: not a process table.
        #expect(d.procedures.map(\.table) == ["table 2", "table 3", "table 4"])
        #expect(d.procedures.map(\.isWritable) == [true, true, true])
        let w = d.procedures.map(\.imported.workflow)
        #expect(w.map(\.name) == ["Thủ tục trợ cấp xã hội hàng tháng", "Thủ tục đăng ký khai sinh", "Thủ tục cấp bản sao trích lục hộ tịch"])
        // "Mã TTHC: 1.001776.000.00.00.H12", "(Mã TTHC: 1.001193)", "Mã số TTHC: 2.000635.000.00.00.H12".
        #expect(w.map(\.code) == ["1.001776", "1.001193", "2.000635"])

        // 1: two parts merged across the table (gridSpan 4), "Bước 1" in each.
        // 0,5 ngày = 4; 6 ngày làm việc = 48; ½ ngày = 4 (part I: 7 days = 56 h = 4 + 48 + 4);
        // 4 giờ = 4; Không quá 02 ngày = 16; "0,5⏎ngày làm việc" = 4 (part II: 3 days = 24 h).
        #expect(w[0].steps.map(\.duration.mean) == [4, 48, 4, 4, 16, 4])
        #expect(w[0].steps.map(\.id) == ["s1", "s2", "s3", "s4", "s5", "s6"])
        #expect(
            w[0].steps.map { $0.note ?? "" } == Array(repeating: "I. Tại UBND cấp xã (7 ngày làm việc)", count: 3)
                + Array(repeating: "II. Tại UBND cấp huyện (3 ngày làm việc)", count: 3))
        #expect(w[0].deadline == 80)  // "Tổng thời gian giải quyết: 10 ngày làm việc" = 80 h = the sum
        #expect(d.procedures[0].imported.findings.isEmpty)

        // 2: "Thời hạn (ngày)" gives bare numbers days; the responsible cell
        // merged down (vMerge) shows "Công chức một cửa" on rows 1 and 2.
        // 0.5 = 4; ½ = 4; 1 = 8; 0,5 = 4; Không tính thời gian = 0 (a delivery step).
        #expect(w[1].steps.map(\.duration.mean) == [4, 4, 8, 4, 0])
        #expect(w[1].steps.last?.kind == .delivery)
        let actor = { (w: Workflow, s: Int) in w.actors.first { $0.id == w.steps[s].actor }?.label }
        #expect(actor(w[1], 0) == "Công chức một cửa")
        #expect(actor(w[1], 1) == "Công chức một cửa")
        // Declared 03 ngày = 24 h; the steps add up to 20 h = 2.5 days.
        #expect(d.procedures[1].imported.findings.map(\.code) == [.totalDisagrees])
        #expect(
            d.procedures[1].imported.findings.first?.message
                == "the decision declares 24 h (3 days) in total ('03 ngày làm việc'); the steps add up to 20 h (2.5 days)")

        // 3: Trong ngày = 8 (asked about); 02 ngày (16 giờ) = 16 (agree); 1 ngày with a no-break space = 8; 1/2 ngày = 4.
        #expect(w[2].steps.map(\.duration.mean) == [8, 16, 8, 4])
        #expect(w[2].deadline == nil)
        #expect(d.procedures[2].imported.findings.map(\.code) == [.withinTheDay])
        #expect(d.procedures[2].imported.findings.first?.place == .cell(table: "table 4", row: 2, column: "Thời gian"))
    }

    @Test func aWorkbookWithTitleRowsAndMergedCells() throws {
        let d = try Self.document("quy-trinh-karaoke.xlsx")
        #expect(d.procedures.count == 1)  // the sheet of notes holds no table
        let p = d.procedures[0]
        #expect(p.table == "sheet 'Quy trình'")
        #expect(p.headerRow == 4)
        let w = p.imported.workflow
        #expect(w.name == "Thủ tục cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke")
        #expect(w.code == "1.001029")
        // 4 giờ; 3 ngày = 24; 1 ngày = 8; 4 giờ; Không tính thời gian = 0: 40 h = the declared 05 ngày.
        #expect(w.steps.map(\.duration.mean) == [4, 24, 8, 4, 0])
        #expect(w.deadline == 40)
        // C6:C7 merged: "Chuyên viên phòng VHTT" does step 3 too.
        #expect(w.steps[2].actor == w.steps[1].actor)
        #expect(p.imported.findings.isEmpty, "\(p.imported.findings)")
        #expect(p.imported.elements.first == .cell(table: "sheet 'Quy trình'", row: 5, column: nil))
    }

    /// One procedure's bad cells (both reported) do not stop the other.
    @Test func oneBadProcedureDoesNotStopTheOthers() throws {
        let d = try Self.document("one-bad-cell.docx")
        #expect(d.procedures.map(\.isWritable) == [false, true])
        let errors = d.procedures[0].errors
        #expect(errors.map(\.place) == [.cell(table: "table 1", row: 2, column: "Thời gian"), .cell(table: "table 1", row: 3, column: "Thời gian")])
        // The soft hyphen in "2 ng­ày" is shown by its code, not hidden.
        #expect(errors[1].message.hasPrefix("'2 ng<U+00AD>ày' is not a duration"))
        #expect(d.procedures[1].imported.workflow.code == "1.000002")
    }

    @Test func aDocumentWithoutAProcessTable() throws {
        let d = try Self.document("no-process-table.docx")
        #expect(d.procedures.isEmpty)
        #expect(d.findings.map(\.code) == [.noProcessTable])
        #expect(d.findings.first?.place == .file)
    }

    @Test func damagedArchivesAreRefusedInASentence() throws {
        let cases: [(String, String)] = [
            ("cut-short.docx", "the Word document is damaged: the ZIP archive has no end (it may have been cut short while copying); ask for the file again"),
            // ZIPFoundation alone loops forever on this one (a stored block that runs past the end).
            (
                "endless-stream.docx",
                "the Word document is damaged: its part word/document.xml cannot be read (its compressed data is corrupt); ask for the file again"
            ),
        ]
        for (name, message) in cases {
            #expect(throws: ImportError(message: message), "\(name)") { _ = try WordDocument.tables(try Self.bytes(name)) }
        }
        // Not a ZIP archive at all; an old binary .doc.
        #expect(throws: ImportError.self) { _ = try WordDocument.tables(Array("Bước,Nội dung\n".utf8)) }
        #expect(throws: ImportError.self) { _ = try WordDocument.tables([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)) }
        // A workbook given as a document and the other way round.
        #expect(throws: ImportError.self) { _ = try WordDocument.tables(try Self.bytes("quy-trinh-karaoke.xlsx")) }
        #expect(throws: ImportError.self) { _ = try Workbook.sheets(try Self.bytes("quyet-dinh-123.docx")) }
    }

    /// 2 MiB of document in 2 KiB, read under a 1 MiB limit: refused when
    /// the headers say 2 MiB, and when they say 100 bytes (inflating stops at the limit).
    @Test func zipBombsAreRefused() throws {
        let message = "the Word document expands to more than 1 MiB; flowcut reads no document that large (it may be a zip bomb)"
        for name in ["bomb.docx", "bomb-lying.docx"] {
            #expect(throws: ImportError(message: message), "\(name)") { _ = try WordDocument.tables(try Self.bytes(name), expandedBytes: 1 << 20) }
        }
        // Under the real limit (256 MiB) it is only a document without a table.
        #expect(try WordDocument.tables(try Self.bytes("bomb-lying.docx")).isEmpty)
    }

    @Test func theStatisticsWorkbookReadsAsItsCSV() throws {
        let sheets = try Workbook.sheets(
            Array(try Data(contentsOf: Self.folder.deletingLastPathComponent().appendingPathComponent("records/thong-ke-06a.xlsx"))))
        #expect(sheets.map(\.name) == ["sheet '06a'"])
        let r = RecordsTable.read(rows: sheets[0].denseRows, table: sheets[0].name, path: "thong-ke-06a.xlsx")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(r.procedures.map(\.code.short) == ["1.001806", "1.001865", "1.004949", "1.005194"])
        // The numbers of RecordsTableTests.theFixtureAsReportSixAWritesIt, worked out there from the same rows:
        // 1.001806 in 2024: (20 + 15 + 3) ÷ (40 + 2); 1.001865's two quarters: 17 ÷ 20.
        #expect(r.procedures[0].counts(year: 2024)!.onTimeRate == 38.0 / 42.0)
        #expect(r.procedures[1].counts(year: 2024)!.onTimeRate == 17.0 / 20.0)
        #expect(r.procedures[0].service == .full)
    }

    @Test func cellReferences() {
        let ref = { (r: String) in Workbook.reference(r).map { [$0.column, $0.row] } }
        #expect(ref("A1") == [1, 1])
        #expect(ref("AB12") == [28, 12])  // A..Z = 26, AA = 27, AB = 28
        #expect(ref("XFD1048576") == [16_384, 1_048_576])  // Excel's last cell
        #expect(Workbook.reference("1A") == nil)
        #expect(Workbook.reference("XFE1") == nil)
    }
}
