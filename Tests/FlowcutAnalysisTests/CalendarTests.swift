import FlowcutCore
import Testing

@testable import FlowcutAnalysis

/// The working calendar against dates worked out by hand on a printed
/// calendar: 07:00–11:30 and 13:30–17:00 (8 h), weekends off, and the days
/// off of the government's notices for Tết 2025 (27–31 January off),
/// Tết 2026 (16–20 February off, within the 14–22 February break), and
/// 30/4–1/5 2025 (2 May off, swapped against Saturday 26 April worked).
struct CalendarTests {
    let vietnam = VietnamCalendar.calendar

    func at(_ text: String) throws -> WallTime { try #require(WallTime(parsing: text)) }

    func due(_ received: String, hours: Int64, on calendar: WorkingCalendar? = nil) throws -> String {
        let c = calendar ?? vietnam
        return c.adding(hours * 3600, to: c.clockStart(receivedAt: try at(received))).description
    }

    @Test func theBuiltInCalendarIsTheTextItPrints() throws {
        // Not the fallback: the text parses, and says what it lists.
        let parsed = try CalendarFile.parse(VietnamCalendar.text).get()
        #expect(parsed.years == 2018...2030)
        #expect(parsed.dayLength == 8 * 3600)
        #expect(vietnam.years == 2018...2030)
        // The Saturdays worked in the notices: 5/1/2019, 4/5/2019, 4/5/2024, 26/4/2025, 22/8/2026.
        #expect(vietnam.daysWorked.keys.map(\.description).sorted() == ["2019-01-05", "2019-05-04", "2024-05-04", "2025-04-26", "2026-08-22"])
    }

    @Test func civilDaysAndWeekdays() throws {
        #expect(CivilDay(year: 1970, month: 1, day: 1)?.number == 0)
        #expect(CivilDay(year: 1970, month: 1, day: 1)?.weekday == 4)  // a Thursday
        #expect(CivilDay(year: 2026, month: 2, day: 17)?.weekday == 2)  // Tết 2026, a Tuesday
        #expect(CivilDay(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDay(year: 2100, month: 2, day: 29) == nil)
        #expect(CivilDay(year: 2026, month: 2, day: 30) == nil)
        let d = try #require(CivilDay(year: 1969, month: 12, day: 31))
        #expect(d.number == -1 && d.description == "1969-12-31")
        #expect(WallTime(parsing: "2026-02-13 10:00")?.description == "2026-02-13 10:00")
        #expect(WallTime(parsing: "2026-02-13T24:00") == nil)
    }

    @Test func acrossTet2025() throws {
        // Friday 24 Jan 2025 15:30 + 16 h: 1.5 h that Friday; 27–31 Jan off,
        // weekends; Monday 3 Feb 8 h; Tuesday 4 Feb 4.5 h morning + 2 h → 15:30.
        #expect(try due("2025-01-24 15:30", hours: 16) == "2025-02-04 15:30")
        #expect(vietnam.workingSeconds(from: try at("2025-01-24 15:30"), to: try at("2025-02-04 15:30")) == 16 * 3600)
        #expect(!vietnam.isWorkingDay(try #require(CivilDay(year: 2025, month: 1, day: 27))))
    }

    @Test func acrossTet2026() throws {
        // Friday 13 Feb 2026 10:00 + 56 h (7 d): 5 h that Friday; 16–20 Feb
        // off; 23–27 Feb 40 h; Monday 2 Mar 8 h; Tuesday 3 Mar 07:00 + 3 h.
        #expect(try due("2026-02-13 10:00", hours: 56) == "2026-03-03 10:00")
        // Received at 18:00 that Friday: the clock starts Monday 23 Feb 07:00.
        #expect(vietnam.clockStart(receivedAt: try at("2026-02-13 18:00")).description == "2026-02-23 07:00")
    }

    @Test func aSwappedSaturdayIsWorked() throws {
        // Friday 25 Apr 2025 08:00 + 16 h: 7 h Friday, 8 h on Saturday 26 Apr
        // (làm bù), Monday 28 Apr 07:00 + 1 h.
        #expect(try due("2025-04-25 08:00", hours: 16) == "2025-04-28 08:00")
        // + 32 h: Tuesday 29 Apr ends with 1 h left; 30/4, 1/5, 2/5 (swapped)
        // and the weekend off; Monday 5 May 08:00.
        #expect(try due("2025-04-25 08:00", hours: 32) == "2025-05-05 08:00")
        #expect(vietnam.isWorkingDay(try #require(CivilDay(year: 2025, month: 4, day: 26))))
        #expect(!vietnam.isWorkingDay(try #require(CivilDay(year: 2025, month: 5, day: 2))))
    }

    @Test func fridayAfternoonLunchAndTheClose() throws {
        // Friday 6 Mar 2026 15:30 + 8 h: 1.5 h Friday; Monday 9 Mar 4.5 h
        // morning, then 13:30 + 2 h.
        #expect(try due("2026-03-06 15:30", hours: 8) == "2026-03-09 15:30")
        // A half-day step across lunch: Tuesday 10 Mar 10:00 + 4 h = 1.5 h
        // before lunch, 2.5 h after: 16:00.
        #expect(try due("2026-03-10 10:00", hours: 4) == "2026-03-10 16:00")
        // Work that ends with the day ends at its close, not next morning.
        #expect(try due("2026-03-09 07:00", hours: 8) == "2026-03-09 17:00")
        // Received on a Saturday: the clock starts Monday at 07:00.
        #expect(vietnam.clockStart(receivedAt: try at("2026-03-07 09:00")).description == "2026-03-09 07:00")
        // Received during lunch: it starts at 13:30.
        #expect(vietnam.clockStart(receivedAt: try at("2026-03-10 12:00")).description == "2026-03-10 13:30")
    }

    @Test func aCutoffStartsTheNextMorning() throws {
        let text = VietnamCalendar.text + "\ncutoff 15:00\n"
        let withCutoff = try CalendarFile.parse(text).get()
        // Friday 15:30 is after 15:00: the clock starts Monday 07:00, and
        // 8 h end at Monday's close.
        #expect(try due("2026-03-06 15:30", hours: 8, on: withCutoff) == "2026-03-09 17:00")
    }

    @Test func calendarFileProblemsSayWhere() throws {
        func problem(_ text: String) -> CalendarFile.Problem? {
            if case .failure(let p) = CalendarFile.parse(text) { return p }
            return nil
        }
        let badHours = problem("hours 07:00-11:30 13:30-12:00\n")
        #expect(badHours?.line == 1 && badHours?.column == 19)
        #expect(badHours?.english.contains("'13:30-12:00'") == true)
        let badDay = problem("hours 07:00-17:00\noff 2026-02-30 nowhere\n")
        #expect(badDay?.line == 2 && badDay?.column == 5)
        let unknown = problem("hours 07:00-17:00\nholiday 2026-01-01\n")
        #expect(unknown?.line == 2 && unknown?.column == 1)
        #expect(unknown?.vietnamese.contains("không có thiết lập") == true)
        #expect(problem("weekend sat sun\n")?.english.contains("no working hours") == true)
    }
}
