import FlowcutCore
import Testing

@testable import FlowcutImport

/// Time cells and tables as departments write them. Hours are worked out
/// by hand with the 8-hour working day.
struct TablesAsTheyComeTests {
    static func hours(_ text: String, unit: TableDuration.HeaderUnit? = nil) -> Double? {
        if case .hours(let h, _)? = TableDuration.read(text, unit: unit) { return h }
        return nil
    }

    @Test func durationSpellingsOfRealTables() {
        #expect(Self.hours("½ ngày") == 4)
        #expect(Self.hours("1/2 ngày") == 4)
        #expect(Self.hours("0,5\nngày làm việc") == 4)  // a line break inside the cell
        #expect(Self.hours("2\u{00A0}ngày làm việc") == 16)  // a non-breaking space
        #expect(Self.hours("Không quá 02 ngày") == 16)
        #expect(Self.hours("5 ngày LV") == 40)
        #expect(Self.hours("1 ngày 4 giờ") == 12)
        #expect(Self.hours("1 1/2 ngày") == 12)
        #expect(Self.hours("Tối đa 3 giờ") == 3)
        // NFD (decomposed) Vietnamese is the same text once composed.
        #expect(Self.hours("2 nga\u{300}y") == 16)
        // A bare number takes the header's unit: "Thời hạn (ngày)", "Thời gian (giờ)"; without one it is not a duration.
        #expect(Self.hours("3", unit: .days) == 24)
        #expect(Self.hours("0.5", unit: .days) == 4)
        #expect(Self.hours("3", unit: .hours) == 3)
        #expect(Self.hours("3") == nil)
        #expect(Self.hours("ba ngày") == nil)
        #expect(Self.hours("2 ng\u{00AD}ày") == nil)  // a soft hyphen is not a space
    }

    @Test func cellsThatSayNoTimeOrTwoTimes() {
        #expect(TableDuration.read("Không tính thời gian") == .notCounted)
        #expect(TableDuration.read("Không quy định") == .notSet)
        #expect(TableDuration.read("Trong ngày") == .hours(8, caveat: .withinTheDay))
        // "02 ngày (16 giờ)": 2 × 8 = 16, they agree; "02 ngày (12 giờ)": 16 ≠ 12, the first is used.
        #expect(TableDuration.read("02 ngày (16 giờ)") == .hours(16, caveat: nil))
        #expect(TableDuration.read("02 ngày (12 giờ)") == .hours(16, caveat: .disagrees(first: 16, second: 12)))
        #expect(TableDuration.read("") == nil)
    }

    @Test func invisibleCharactersAreShownByTheirCode() {
        #expect(TableDuration.visible("2\u{00A0}ngày") == "2<U+00A0>ngày")
        #expect(TableDuration.visible("2\u{200B}ngày") == "2<U+200B>ngày")
        #expect(TableDuration.visible("2 ngày") == "2 ngày")
    }

    @Test func headerVariantsAreRead() {
        let cases: [(String, ProcessTables.Column?)] = [
            ("Thứ tự công việc", .step), ("Trình tự các bước", .step), ("STT", .step), ("Bước", .step),
            ("Nội dung công việc", .task), ("Nội dung", .task),
            ("Trách nhiệm thực hiện", .responsible), ("Đơn vị/người thực hiện", .responsible), ("Phòng ban xử lý", .responsible),
            ("Người thực hiện", .responsible), ("Thời gian thực hiện", .time), ("Thời gian", .time), ("Thời hạn (ngày)", .time),
            ("Kết quả", nil), ("Ghi chú", nil), ("Biểu mẫu", nil),
        ]
        for (header, column) in cases { #expect(ProcessTables.column(header) == column, "\(header)") }
    }

    /// A CSV copy of a published table: a title row above the header, a
    /// part row, header variants, a line break and a non-breaking space in
    /// time cells, the total row at the end.
    @Test func aCSVCopyOfARealTable() throws {
        let csv = """
            "QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC CẤP GIẤY PHÉP LAO ĐỘNG (Mã TTHC: 1.001806)",,,
            STT,Nội dung,Đơn vị/người thực hiện,Thời hạn (ngày)
            I. Tại Bộ phận Một cửa,,,
            1,"Tiếp nhận hồ sơ",Bộ phận Một cửa,"0,5
            ngày làm việc"
            2,Thẩm định,Phòng Việc làm,2\u{00A0}ngày
            3,Trả kết quả,Bộ phận Một cửa,½
            "Tổng cộng",,,3 ngày

            """
        let r = try PublishedTable.read(csv, name: "P")
        // 0,5 ngày = 4 h; 2 ngày = 16 h; ½ under "(ngày)" = 4 h; the total 3 days = 24 h = 4 + 16 + 4.
        #expect(r.workflow.steps.map(\.duration.mean) == [4, 16, 4])
        #expect(r.workflow.steps.map(\.label) == ["Tiếp nhận hồ sơ", "Thẩm định", "Trả kết quả"])
        #expect(r.workflow.actors.map(\.label) == ["Bộ phận Một cửa", "Phòng Việc làm"])
        #expect(r.workflow.steps.map { $0.note ?? "" } == ["I. Tại Bộ phận Một cửa", "I. Tại Bộ phận Một cửa", "I. Tại Bộ phận Một cửa"])
        #expect(r.workflow.code == "1.001806")
        #expect(r.workflow.deadline == 24)
        #expect(r.findings.isEmpty, "\(r.findings)")
        #expect(r.elements == [.cell(table: nil, row: 4, column: nil), .cell(table: nil, row: 5, column: nil), .cell(table: nil, row: 6, column: nil)])
    }

    /// Every bad cell in one run, each with its row and column; a missing
    /// actor column and a total that disagrees are warnings.
    @Test func everyBadCellOnce() throws {
        let csv = """
            Bước,Nội dung công việc,Thời gian
            1,Tiếp nhận,ba ngày
            2,Thẩm định,2 ngày
            3,Ký,5 năm
            Tổng thời gian,,10 ngày

            """
        let r = try PublishedTable.read(csv, name: "P")
        let errors = r.findings.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.cellNotADuration, .cellNotADuration])
        #expect(errors.map(\.place) == [.cell(table: nil, row: 2, column: "Thời gian"), .cell(table: nil, row: 4, column: "Thời gian")])
        let warnings = r.findings.filter { $0.severity == .warning }
        // No actor column; no total check while cells have errors.
        #expect(warnings.map(\.code) == [.noActorColumn])
    }

    @Test func aTotalThatDisagreesNamesBothNumbers() throws {
        let csv = "Bước,Nội dung công việc,Trách nhiệm,Thời gian\n1,Tiếp nhận,Một cửa,1 ngày\n2,Ký,Lãnh đạo,4 giờ\nTổng cộng,,,2 ngày\n"
        let r = try PublishedTable.read(csv, name: "P")
        // Declared 2 days = 16 h; the steps 8 h + 4 h = 12 h = 1.5 days.
        #expect(r.findings.map(\.code) == [.totalDisagrees])
        #expect(r.findings.first?.message == "the decision declares 16 h (2 days) in total ('2 ngày'); the steps add up to 12 h (1.5 days)")
        #expect(r.findings.first?.place == .cell(table: nil, row: 4, column: nil))
    }
}
