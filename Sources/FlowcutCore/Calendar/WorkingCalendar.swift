/// The working calendar the one-stop systems count time in: working hours
/// in one or more sessions a day, a weekend, public holidays, and the
/// Saturdays the government swaps into working days ("làm bù").
///
/// Every question is answered through one table, built once: how many
/// working days lie before each day from 1900 to 2200, so that the working
/// time between two moments, or the moment a given working time ends, costs
/// a lookup or a binary search however far apart they are.
public struct WorkingCalendar: Sendable {
    /// One session of working hours, in seconds of the day.
    public struct Session: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }

    public var name: String
    /// The sessions of every working day, in order, not overlapping.
    public let sessions: [Session]
    /// ISO weekdays off (6 Saturday, 7 Sunday).
    public let weekend: Set<Int>
    /// Days off that would otherwise be working days, with their names.
    public let daysOff: [CivilDay: String]
    /// Weekend days worked, with their names.
    public let daysWorked: [CivilDay: String]
    /// The years whose holidays the calendar lists; outside them it knows
    /// only the weekend.
    public let years: ClosedRange<Int>?
    /// The calendar's zone, as an offset from UTC in seconds (Vietnam: +7 h).
    public let utcOffset: Int
    /// A dossier received on a working day after this second of the day
    /// starts the next working morning (nil: the clock starts at receipt).
    public let cutoff: Int?

    /// Working days before each day of the table, from `tableStart`.
    private let workingDaysBefore: [Int32]
    /// Working seconds in one working day.
    public let dayLength: Int

    /// The days the table covers: 1900-01-01 … 2200-12-31.
    public static let tableStart = CivilDay(year: 1900, month: 1, day: 1)!
    public static let tableEnd = CivilDay(year: 2200, month: 12, day: 31)!

    public init(
        name: String, sessions: [Session], weekend: Set<Int>, daysOff: [CivilDay: String] = [:], daysWorked: [CivilDay: String] = [:],
        years: ClosedRange<Int>? = nil, utcOffset: Int = 7 * 3600, cutoff: Int? = nil
    ) {
        self.name = name
        self.sessions = sessions
        self.weekend = weekend
        self.daysOff = daysOff
        self.daysWorked = daysWorked
        self.years = years
        self.utcOffset = utcOffset
        self.cutoff = cutoff
        dayLength = sessions.reduce(0) { $0 + $1.end - $1.start }
        let first = WorkingCalendar.tableStart.number
        let count = WorkingCalendar.tableEnd.number - first + 2
        var table = [Int32](repeating: 0, count: count)
        var running: Int32 = 0
        for k in 0..<(count - 1) {
            table[k] = running
            let day = CivilDay(number: first + k)
            let working = daysWorked[day] != nil || (daysOff[day] == nil && !weekend.contains(day.weekday))
            if working { running += 1 }
        }
        table[count - 1] = running
        workingDaysBefore = table
    }

    /// Whether `day` is a working day.
    public func isWorkingDay(_ day: CivilDay) -> Bool {
        if daysWorked[day] != nil { return true }
        return daysOff[day] == nil && !weekend.contains(day.weekday)
    }

    /// Working seconds from the table's start to `t`.
    public func workingSeconds(before t: WallTime) -> Int64 {
        let k = t.day.number - WorkingCalendar.tableStart.number
        if k < 0 { return 0 }
        if k >= workingDaysBefore.count - 1 { return Int64(workingDaysBefore[workingDaysBefore.count - 1]) * Int64(dayLength) }
        var total = Int64(workingDaysBefore[k]) * Int64(dayLength)
        if workingDaysBefore[k + 1] != workingDaysBefore[k] {
            let s = t.secondOfDay
            for session in sessions where s > session.start { total += Int64(min(s, session.end) - session.start) }
        }
        return total
    }

    /// Working seconds between two moments (0 when `end` is not after `start`).
    public func workingSeconds(from start: WallTime, to end: WallTime) -> Int64 {
        max(0, workingSeconds(before: end) - workingSeconds(before: start))
    }

    /// The first moment at or after `t` inside working hours.
    public func opening(atOrAfter t: WallTime) -> WallTime {
        var day = t.day
        var s = t.secondOfDay
        for _ in 0..<(WorkingCalendar.tableEnd.number - day.number + 1) {
            if isWorkingDay(day) {
                for session in sessions where s < session.end { return WallTime(day: day, secondOfDay: max(s, session.start)) }
            }
            day = CivilDay(number: day.number + 1)
            s = 0
        }
        return t
    }

    /// When the clock starts for a dossier received at `t`: at once inside
    /// working hours, else at the next opening; after the cutoff, the next
    /// working day's opening.
    public func clockStart(receivedAt t: WallTime) -> WallTime {
        if let cutoff, isWorkingDay(t.day), t.secondOfDay >= cutoff {
            return opening(atOrAfter: WallTime(day: CivilDay(number: t.day.number + 1), secondOfDay: 0))
        }
        return opening(atOrAfter: t)
    }

    /// The moment `work` seconds of working time after `start` (the
    /// earliest such moment: work that ends with a day's last session ends
    /// at that day's close, not the next morning).
    public func adding(_ work: Int64, to start: WallTime) -> WallTime {
        guard work > 0, dayLength > 0 else { return start }
        let target = workingSeconds(before: start) + work
        let length = Int64(dayLength)
        // The first day whose close reaches the target.
        var lo = max(0, start.day.number - WorkingCalendar.tableStart.number)
        var hi = workingDaysBefore.count - 1
        guard Int64(workingDaysBefore[hi]) * length >= target else { return WallTime(day: WorkingCalendar.tableEnd, secondOfDay: 86_399) }
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int64(workingDaysBefore[mid + 1]) * length >= target { hi = mid } else { lo = mid + 1 }
        }
        var rest = Int(target - Int64(workingDaysBefore[lo]) * length)
        let day = CivilDay(number: WorkingCalendar.tableStart.number + lo)
        for session in sessions {
            let span = session.end - session.start
            if rest <= span { return WallTime(day: day, secondOfDay: session.start + rest) }
            rest -= span
        }
        return WallTime(day: day, secondOfDay: sessions.last?.end ?? 0)
    }
}
