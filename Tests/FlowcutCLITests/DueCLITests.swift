import Foundation
import Testing

/// `flowcut due` and `flowcut calendar` end to end, on a process whose
/// appointment dates are worked out by hand on a printed calendar.
struct DueCLITests {
    /// Deadline 2d (16 h); one path of 4 h + 8 h = 12 h, no decision, so the
    /// main scenario and every simulated case (hence P90) take 12 h.
    static let process = """
        procedure "Hẹn trả"
          code "1.000001"
          deadline 2d

        actor mc "Một cửa"
        actor cv "Chuyên viên"

        step receive "Tiếp nhận" by mc 4h intake
        step review  "Thẩm định" by cv 1d work

        receive -> review

        """

    @Test func appointmentsAcrossTet2026() throws {
        let folder = try CLITests.folder(with: "hen.flow", Self.process)
        // Received Friday 13 Feb 2026 10:00; 16–20 Feb off for Tết.
        // 12 h: 5 h that Friday, Monday 23 Feb 07:00 + 7 h = 4.5 h morning
        // + 2.5 h from 13:30 → 16:00. 16 h: Monday 23 Feb 8 h → Tuesday
        // 24 Feb 07:00 + 3 h → 10:00.
        let r = try CLITests.run(["due", "--received", "2026-02-13 10:00", "--runs", "200", "--format", "json", "hen.flow"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let lines = try #require(json.first?["appointments"] as? [[String: Any]])
        let dues = Dictionary(uniqueKeysWithValues: lines.map { ($0["scenario"] as? String ?? "", $0["due"] as? String ?? "") })
        #expect(dues == ["deadline": "2026-02-24 10:00", "main": "2026-02-23 16:00", "p90": "2026-02-23 16:00"])
        #expect(json.first?["clockStarts"] as? String == "2026-02-13 10:00")
    }

    @Test func vietnameseSlipAndAReceiptOutsideHours() throws {
        let folder = try CLITests.folder(with: "hen.flow", Self.process)
        // Saturday 7 Mar 2026: the clock starts Monday 9 Mar 07:00; 16 h end
        // at Tuesday 10 Mar's close, 17:00.
        let r = try CLITests.run(["due", "--received", "2026-03-07 09:00", "--runs", "0", "--lang", "vi", "hen.flow"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Tiếp nhận: 2026-03-07 09:00 (thứ Bảy); ngoài giờ làm việc, thời gian được tính từ 2026-03-09 07:00 (thứ Hai)"))
        #expect(r.stdout.contains("Thời hạn giải quyết  2 ngày làm việc (16 giờ)"))
        #expect(r.stdout.contains("→ 2026-03-10 17:00 (thứ Ba)"))
        #expect(!r.stdout.contains("P90"))  // no simulation at --runs 0
    }

    @Test func aCalendarOfTheFoldersOwn() throws {
        let folder = try CLITests.folder(with: "hen.flow", Self.process)
        // One session 08:00–16:00, Saturdays worked, 2026-03-09 off.
        try Data("hours 08:00-16:00\nweekend sun\noff 2026-03-09 a local holiday\n".utf8).write(to: folder.appendingPathComponent("lich.txt"))
        try Data("calendar: lich.txt\n".utf8).write(to: folder.appendingPathComponent("review.yaml"))
        // Saturday 7 Mar 09:00 + 16 h: 7 h Saturday, Monday off, Tuesday
        // 8 h, Wednesday 08:00 + 1 h.
        let r = try CLITests.run(["due", "--received", "2026-03-07 09:00", "--runs", "0", "--format", "json", "."], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"due\": \"2026-03-11 09:00\""))
    }

    @Test func badCalendarsAndTimes() throws {
        let folder = try CLITests.folder(with: "hen.flow", Self.process)
        try Data("hours 07:00-11:30\nweekend sat sunday\n".utf8).write(to: folder.appendingPathComponent("bad.cal"))
        let r = try CLITests.run(["due", "--received", "2026-03-07 09:00", "--calendar", "bad.cal", "hen.flow"], in: folder)
        #expect(r.status == 1)
        #expect(r.stderr == "flowcut: error: bad.cal:2:13: 'sunday' is not a weekday (mon tue wed thu fri sat sun)\n")
        #expect(r.stdout == "")
        let vi = try CLITests.run(["calendar", "bad.cal", "--lang", "vi"], in: folder)
        #expect(vi.status == 1)
        #expect(vi.stderr == "flowcut: lỗi: bad.cal:2:13: ‘sunday’ không phải tên ngày trong tuần (mon tue wed thu fri sat sun)\n")
        let date = try CLITests.run(["due", "--received", "2026-02-30 09:00", "hen.flow"], in: folder)
        #expect(date.status == 64)
        let ok = try CLITests.run(["calendar"], in: folder)
        #expect(ok.status == 0 && ok.stdout.contains("off 2026-02-16..2026-02-20  Tết Nguyên đán"))
    }
}
