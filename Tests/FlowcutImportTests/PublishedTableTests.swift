import FlowcutCore
import FlowcutLanguage
import Testing

@testable import FlowcutImport

/// The published table, in each header language, with the duration
/// spellings of real tables; expected hours worked out by hand (8-hour day).
struct PublishedTableTests {
    static let vietnamese = """
        Bước,Nội dung công việc,Trách nhiệm thực hiện,Thời gian thực hiện
        1,"Tiếp nhận, kiểm tra hồ sơ",Bộ phận Một cửa,"0,5 ngày"
        2,Chuyển hồ sơ về phòng chuyên môn,Bộ phận Một cửa,04 giờ
        3,"Thẩm định hồ sơ, dự thảo kết quả",Chuyên viên phòng Việc làm,13 ngày làm việc
        4,"Xem xét, trình ký",Lãnh đạo phòng,3 ngày
        5,Ký quyết định,Lãnh đạo Sở,1 ngày
        6,Trả kết quả,Bộ phận Một cửa,30 phút

        """

    @Test func aVietnameseTable() throws {
        let r = try PublishedTable.read(Self.vietnamese, name: "Thủ tục")
        let w = r.workflow
        // 0,5 ngày = 4 h; 04 giờ = 4 h; 13 ngày làm việc = 104 h; 3 ngày = 24 h; 1 ngày = 8 h; 30 phút = 0.5 h.
        #expect(w.steps.map(\.duration.mean) == [4, 4, 104, 24, 8, 0.5])
        #expect(w.steps.map(\.kind) == [.intake, .handoff, .work, .approval, .approval, .delivery])
        // Actors in the order met, IDs from initials.
        #expect(w.actors.map(\.id) == ["bpmc", "cvpvl", "ldp", "lds"])
        #expect(w.steps.map { $0.actor ?? "" } == ["bpmc", "bpmc", "cvpvl", "ldp", "lds", "bpmc"])
        #expect(w.arrows.count == 5)
        #expect(r.findings.isEmpty)
        // Printed, it checks clean and reads back to the same model.
        let text = WorkflowPrinter.text(w)
        let again = Checker.check(SourceFile(path: "t.flow", text: text))
        #expect(again.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(again.workflow?.dump() == w.dump())
    }

    @Test func anEnglishTableWithSemicolonsAndAMissingTime() throws {
        let table = """
            Step;Task;Responsible;Time
            1;Receive the dossier;One-stop desk;2 hours
            2;Appraise;Specialist;2 days
            3;Approve and sign;Director;
            4;Return the result;One-stop desk;1 week

            """
        let r = try PublishedTable.read(table, name: "P")
        // 2 hours = 2 h; 2 days = 16 h; none = 0 h (warned); 1 week = 40 h.
        #expect(r.workflow.steps.map(\.duration.mean) == [2, 16, 0, 40])
        #expect(r.workflow.steps.map(\.kind) == [.intake, .work, .approval, .delivery])
        #expect(r.findings.map(\.code) == [.noTime])
        #expect(r.findings.map(\.message) == ["no time for \"Approve and sign\"; counted as 0 h, fill it in"])
        #expect(r.findings.first?.place == .cell(table: nil, row: 4, column: "Time"))
    }

    @Test func durationSpellings() {
        let cases: [(String, Double?)] = [
            ("0,5 ngày", 4), ("04 giờ", 4), ("13 ngày làm việc", 104), ("2 days", 16), ("1,5 tuần", 60),
            ("4h", 4), ("90 phút", 1.5), ("ba ngày", nil), ("5 năm", nil), ("", nil),
        ]
        for (text, hours) in cases { #expect(PublishedTable.duration(text) == hours, "\(text)") }
    }

    @Test func errorsSayWhatIsWrong() throws {
        #expect(throws: ImportError.self) { try PublishedTable.read("A,B\n1,2\n", name: "P") }
        let r = try PublishedTable.read("Bước,Nội dung công việc,Thời gian\n1,Tiếp nhận,ba ngày\n", name: "P")
        let errors = r.findings.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.cellNotADuration])
        #expect(
            errors.first?.message
                == "'ba ngày' is not a duration; write it like 0,5 ngày, ½ ngày, 04 giờ, 13 ngày làm việc, Không quá 02 ngày or 2 days")
        #expect(errors.first?.place == .cell(table: nil, row: 2, column: "Thời gian"))
    }

    @Test func kindGuesses() {
        #expect(PublishedTable.guessKind("Thẩm định hồ sơ đăng ký") == .work)  // "đăng ký" is not a signature
        #expect(PublishedTable.guessKind("Lãnh đạo Sở ký duyệt") == .approval)
        #expect(PublishedTable.guessKind("Lấy ý kiến Sở Tài chính") == .consult)
        #expect(PublishedTable.guessKind("Kiểm tra thực địa") == .field)
        #expect(PublishedTable.guessKind("Yêu cầu bổ sung hồ sơ") == .rework)
        #expect(PublishedTable.guessKind("Vào số, đóng dấu") == .clerical)
    }
}
