import FlowcutCore
import Foundation
import Testing

@testable import FlowcutImport

/// The department's records as tables come: every expected number below is
/// read off the fixture's rows by hand (Tests/Fixtures/records/thong-ke-06a.csv).
struct RecordsTableTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/records/thong-ke-06a.csv")

    @Test func aCodeInItsThreeSpellingsIsOneProcedure() {
        #expect(ProcedureCode("1.001806.000.00.00.H12")?.short == "1.001806")
        #expect(ProcedureCode("1.001806")?.short == "1.001806")
        #expect(ProcedureCode("1001806")?.short == "1.001806")
        #expect(ProcedureCode(" 2.000286\u{00A0}")?.short == "2.000286")
        for bad in ["", "1.00180", "1.0018066", "A.001806", "10018066", "1.001806-H12", "１.001806"] { #expect(ProcedureCode(bad) == nil, "\(bad)") }
    }

    @Test func countsAsSpreadsheetsWriteThem() throws {
        #expect(try RecordsTable.count("1.234").get() == 1234)
        #expect(try RecordsTable.count("1 234").get() == 1234)
        #expect(try RecordsTable.count("12.0").get() == 12)
        #expect(try RecordsTable.count("").get() == 0)
        #expect(throws: RecordsTable.CountProblem.negative) { try RecordsTable.count("-3").get() }
        #expect(throws: RecordsTable.CountProblem.notANumber) { try RecordsTable.count("1,5").get() }
        #expect(throws: RecordsTable.CountProblem.notANumber) { try RecordsTable.count("mười").get() }
    }

    static func period(_ text: String) -> [Int]? { RecordsTable.period(text).map { [$0.year, $0.order] } }

    @Test func periods() {
        #expect(Self.period("2024") == [2024, 0])
        #expect(Self.period("Năm 2024") == [2024, 0])
        #expect(Self.period("Quý 1/2024") == [2024, 3])
        #expect(Self.period("Quý IV năm 2023") == [2023, 12])
        #expect(Self.period("2024-Q2") == [2024, 6])
        #expect(Self.period("03/2024") == [2024, 3])
        #expect(Self.period("Tháng 11 năm 2025") == [2025, 11])
        #expect(RecordsTable.period("kỳ này") == nil)
    }

    @Test func theFixtureAsReportSixAWritesIt() throws {
        let text = try String(contentsOf: Self.fixture, encoding: .utf8)
        let r = RecordsTable.read(csv: text, path: "thong-ke-06a.csv")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(r.procedures.map(\.code.short) == ["1.001806", "1.001865", "1.004949", "1.005194"])
        let permit = r.procedures[0]
        #expect(permit.name == "Cấp giấy phép lao động")
        #expect(permit.service == .full)
        #expect(permit.years.map(\.year) == [2023, 2024])
        // Row "Năm 2024": 30 online, 10 in person or by post, 2 carried over;
        // 20 early, 15 on time, 3 late; 3 open within term, 1 open late.
        let y2024 = permit.counts(year: 2024)!
        #expect([y2024.receivedOnline, y2024.receivedOffline, y2024.carriedOver] == [30, 10, 2] as [Int])
        #expect([y2024.resolvedEarly, y2024.resolvedOnTime, y2024.resolvedLate, y2024.openWithinTerm, y2024.openLate] == [20, 15, 3, 3, 1] as [Int])
        // 766: (20 + 15 + 3) ÷ (40 + 2) = 38/42.
        #expect(y2024.onTimeRate == 38.0 / 42.0)
        #expect(y2024.onlineShare == 30.0 / 40.0)
        // Two quarters summed: received 5+6 online, 5+4 offline; resolved
        // 4+5 early, 3+4 on time, 1+1 late; carried over Q1's (0); still
        // open Q2's (1 within term, 1 late): (9 + 7 + 1) ÷ (20 + 0) = 0.85.
        let rules = r.procedures[1].counts(year: 2024)!
        #expect([rules.receivedOnline, rules.receivedOffline, rules.carriedOver] == [11, 9, 0] as [Int])
        #expect([rules.resolvedEarly, rules.resolvedOnTime, rules.resolvedLate, rules.openWithinTerm, rules.openLate] == [9, 7, 2, 1, 1] as [Int])
        #expect(rules.onTimeRate == 17.0 / 20.0)
        #expect(r.procedures[1].service == .partial)
        #expect(r.procedures[2].service == .level4)
        #expect(r.procedures[2].counts(year: 2024)!.received == 0)
    }

    /// Every bad cell once, with its row and column; the good rows stay.
    @Test func everyBadCellInOneRun() {
        let text = """
            Mã TTHC,Năm,Trực tuyến,Trực tiếp,Trước hạn,Đúng hạn,Quá hạn,Ghi chú khác,Người ký
            1.001806,2024,10,-2,5,3,0,,
            1.00180,2024,1,1,1,1,0,,
            1.001865,,3,3,3,3,0,,
            1.001865,2024,3,ba,3,3,0,,
            1.005194,2024,4,4,4,4,0,,
            1.005194,2024,1,1,1,1,0,,
            2.000286,2024,6,0,1,1,1,,

            """
        let r = RecordsTable.read(csv: text, path: "x.csv")
        let found = r.diagnostics.map { d -> String in
            guard case .cell(_, let row, let column) = d.place else { return "\(d.code)" }
            return "\(d.code) row \(row) \(column ?? "-")"
        }
        #expect(
            found == [
                "W702 row 1 Người ký",
                "E701 row 2 Trực tiếp", "E702 row 3 Mã TTHC", "E703 row 4 Năm", "E701 row 5 Trực tiếp",
                // 2.000286: received 6, resolved 3 and nothing open.
                "W701 row 8 -",
                "E705 row 7 -",
            ], "\(r.diagnostics.map(\.message))")
        // The good rows: 1.005194's first, and 2.000286's (counted as written).
        #expect(r.procedures.map(\.code.short) == ["1.001806", "1.001865", "1.005194", "2.000286"])
        #expect(r.procedures[0].years.isEmpty)
        #expect(r.procedures[1].years.isEmpty)
        #expect(r.procedures[2].counts(year: 2024)!.received == 8)
        #expect(
            r.diagnostics.first { $0.code == .recordsBadCount }?.message
                == "'-2' is negative: a count of dossiers is a whole number, 0 or more; the row's counts are left out")
    }

    /// Excel in a Vietnamese locale saves with semicolons; a quoted count keeps its digit groups.
    @Test func semicolonsAndQuotedCounts() {
        let r = RecordsTable.read(csv: "Mã TTHC;Năm;Trực tuyến;Trực tiếp\n1.001806;2024;\"1.234\";\"0\"\n", path: "x.csv")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        #expect(r.procedures.first?.counts(year: 2024)?.receivedOnline == 1234)
    }

    /// A header merged down both header rows arrives (from a spreadsheet's
    /// CSV export) with its text in both: read once, so "Năm" stays a year.
    @Test func aHeaderInBothRowsIsReadOnce() {
        let r = RecordsTable.read(
            csv: "Mã TTHC,Năm,Trực tuyến,Đã giải quyết,\nMã TTHC,Năm,Trực tuyến,Trước hạn,Quá hạn\n1.001806,2024,5,4,1\n", path: "x.csv")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let c = r.procedures.first?.counts(year: 2024)
        #expect(c?.receivedOnline == 5 && c?.resolvedEarly == 4 && c?.resolvedLate == 1)
    }

    @Test func aTableWithoutCodesSaysWhatItHas() {
        let r = RecordsTable.read(csv: "Tên thủ tục,Năm,Trực tuyến\nA,2024,3\n", path: "x.csv")
        #expect(r.procedures.isEmpty)
        #expect(r.diagnostics.map(\.code) == [.recordsWithoutCode])
        #expect(r.diagnostics[0].message.hasSuffix("its first row is: Tên thủ tục, Năm, Trực tuyến"))
    }

    /// A catalogue (no period) gives procedures with no counts; two tables
    /// of one code are one procedure, a year counted in both an error.
    @Test func aCatalogueAndStatisticsMerge() {
        let catalogue = RecordsTable.read(
            csv: "STT,Mã thủ tục,Tên thủ tục hành chính,Mức độ DVCTT,Thời hạn giải quyết,Lĩnh vực\n1,1.001806,Cấp phép,Toàn trình,05 ngày làm việc,Việc làm\n",
            path: "danh-muc.csv")
        #expect(catalogue.diagnostics.isEmpty, "\(catalogue.diagnostics.map(\.message))")
        #expect(catalogue.procedures[0].deadlineDays == 5)
        #expect(catalogue.procedures[0].sector == "Việc làm")
        let stats = RecordsTable.read(csv: "Mã TTHC,Năm,Trực tuyến\n1001806,2024,7\n", path: "a.csv")
        let again = RecordsTable.read(csv: "Mã TTHC,Năm,Trực tuyến\n1001806,2024,9\n", path: "b.csv")
        let merged = RecordsTable.merge([("danh-muc.csv", catalogue.procedures), ("a.csv", stats.procedures), ("b.csv", again.procedures)])
        #expect(merged.records.procedures.count == 1)
        let p = merged.records.procedures[0]
        #expect(p.name == "Cấp phép" && p.service == .full)
        #expect(p.counts(year: 2024)?.receivedOnline == 7)
        #expect(merged.diagnostics.map { item -> String in "\(item.path) \(item.1.code)" } == ["b.csv E705"])
    }

    @Test func headersAsDepartmentsWriteThem() {
        let cases: [(String, RecordsTable.Column?)] = [
            ("Mã TTHC", .code), ("Mã thủ tục", .code), ("Procedure code", .code), ("Tên thủ tục hành chính", .name),
            ("Mức độ DVC", .level), ("Dịch vụ công trực tuyến", .level), ("Kỳ báo cáo", .period), ("Năm", .year),
            ("Tiếp nhận trực tuyến", .receivedOnline), ("Trực tiếp và bưu chính", .receivedOffline), ("Qua bưu chính", .receivedOffline),
            ("Từ kỳ trước chuyển sang", .carriedOver), ("Đã giải quyết trước hạn", .resolvedEarly), ("Đã giải quyết đúng hạn", .resolvedOnTime),
            ("Đã giải quyết quá hạn", .resolvedLate), ("Đang giải quyết trong hạn", .openWithinTerm), ("Đang giải quyết quá hạn", .openLate),
            ("Chờ bổ sung", .waitingForSupplements), ("Trả lại, rút hồ sơ", .returned), ("Tổng số hồ sơ", .total), ("Open late", .openLate),
            ("Resolved on time", .resolvedOnTime), ("Người ký", nil),
        ]
        for (header, expected) in cases { #expect(RecordsTable.column(header) == expected, "\(header)") }
    }
}
