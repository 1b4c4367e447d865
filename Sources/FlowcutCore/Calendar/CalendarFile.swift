/// A working calendar written as text, one setting a line (`#` starts a
/// comment); the built-in calendar of Vietnam is one such text
/// (`flowcut calendar` prints it, to edit and pass back with `--calendar`):
///
///     name Vietnam
///     zone +07:00
///     hours 07:00-11:30 13:30-17:00
///     weekend sat sun
///     cutoff 15:00
///     years 2018..2030
///     off 2026-02-16..2026-02-20  Tết Nguyên đán
///     work 2026-08-22  làm bù cho ngày 31/08/2026
public enum CalendarFile {
    /// What is wrong with a calendar file, and where (1-based).
    public struct Problem: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var english: String
        public var vietnamese: String

        public func message(vietnamese inVietnamese: Bool) -> String { inVietnamese ? vietnamese : english }
    }

    /// The calendar `text` describes.
    public static func parse(_ text: String) -> Result<WorkingCalendar, Problem> {
        var name = "calendar"
        var sessions: [WorkingCalendar.Session] = []
        var weekend: Set<Int> = [6, 7]
        var daysOff: [CivilDay: String] = [:]
        var daysWorked: [CivilDay: String] = [:]
        var years: ClosedRange<Int>?
        var offset = 7 * 3600
        var cutoff: Int?
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let words = fields(line)
            guard let (keyword, keywordColumn) = words.first else { continue }
            func fail(_ column: Int, _ english: String, _ vietnamese: String) -> Result<WorkingCalendar, Problem> {
                .failure(Problem(line: lineNumber, column: column, english: english, vietnamese: vietnamese))
            }
            let rest = words.dropFirst()
            let tail = rest.first.map { String(line.utf8.dropFirst($0.1 - 1)) ?? "" } ?? ""
            switch keyword {
            case "name":
                name = tail.trimmed
            case "zone":
                guard let (word, column) = rest.first, rest.count == 1 else {
                    return fail(keywordColumn, "zone needs one offset such as +07:00", "zone cần một độ lệch múi giờ, ví dụ +07:00")
                }
                guard let seconds = zoneOffset(word) else {
                    return fail(column, "'\(word)' is not an offset from UTC such as +07:00", "‘\(word)’ không phải độ lệch múi giờ so với UTC (ví dụ +07:00)")
                }
                offset = seconds
            case "hours":
                guard !rest.isEmpty else {
                    return fail(keywordColumn, "hours needs at least one session such as 07:00-11:30", "hours cần ít nhất một buổi làm việc, ví dụ 07:00-11:30")
                }
                sessions = []
                for (word, column) in rest {
                    let ends = word.split(separator: "-", omittingEmptySubsequences: false)
                    guard ends.count == 2, let start = clock(String(ends[0])), let end = clock(String(ends[1])), start < end else {
                        return fail(
                            column, "'\(word)' is not a session such as 07:00-11:30 (start before end)",
                            "‘\(word)’ không phải một buổi làm việc dạng 07:00-11:30 (giờ bắt đầu trước giờ kết thúc)")
                    }
                    if let last = sessions.last, start < last.end {
                        return fail(column, "session '\(word)' begins before the one before it ends", "buổi ‘\(word)’ bắt đầu trước khi buổi trước kết thúc")
                    }
                    sessions.append(.init(start: start, end: end))
                }
            case "weekend":
                weekend = []
                for (word, column) in rest {
                    guard let day = weekdays.firstIndex(of: word.lowercased()) else {
                        return fail(
                            column, "'\(word)' is not a weekday (mon tue wed thu fri sat sun)",
                            "‘\(word)’ không phải tên ngày trong tuần (mon tue wed thu fri sat sun)")
                    }
                    weekend.insert(day + 1)
                }
            case "cutoff":
                guard let (word, column) = rest.first, rest.count == 1, let seconds = clock(word) else {
                    return fail(keywordColumn, "cutoff needs one time such as 15:00", "cutoff cần một giờ, ví dụ 15:00")
                }
                _ = column
                cutoff = seconds
            case "years":
                guard let (word, column) = rest.first, rest.count == 1 else {
                    return fail(keywordColumn, "years needs a range such as 2018..2030", "years cần một khoảng năm, ví dụ 2018..2030")
                }
                let ends = rangeEnds(word)
                guard ends.count == 2, let a = Int(ends[0]), let b = Int(ends[1]), a <= b else {
                    return fail(column, "'\(word)' is not a range of years such as 2018..2030", "‘\(word)’ không phải khoảng năm dạng 2018..2030")
                }
                years = a...b
            case "off", "work":
                guard let (word, column) = rest.first else {
                    return fail(keywordColumn, "\(keyword) needs a date such as 2026-04-30", "\(keyword) cần một ngày, ví dụ 2026-04-30")
                }
                let ends = rangeEnds(word)
                guard ends.count <= 2, let first = day(ends[0]), let last = ends.count == 2 ? day(ends[1]) : first, first <= last else {
                    return fail(
                        column, "'\(word)' is not a date (YYYY-MM-DD) or a range of dates (YYYY-MM-DD..YYYY-MM-DD)",
                        "‘\(word)’ không phải ngày (YYYY-MM-DD) hay khoảng ngày (YYYY-MM-DD..YYYY-MM-DD)")
                }
                guard last.number - first.number < 366 else {
                    return fail(column, "'\(word)' spans more than a year", "‘\(word)’ dài hơn một năm")
                }
                let label = rest.count > 1 ? String(line.utf8.dropFirst(rest[rest.startIndex + 1].1 - 1))?.trimmed ?? "" : ""
                for n in first.number...last.number {
                    let d = CivilDay(number: n)
                    if keyword == "off" { daysOff[d] = label } else { daysWorked[d] = label }
                }
            default:
                return fail(
                    keywordColumn, "unknown setting '\(keyword)' (name, zone, hours, weekend, cutoff, years, off, work)",
                    "không có thiết lập ‘\(keyword)’ (name, zone, hours, weekend, cutoff, years, off, work)")
            }
        }
        guard !sessions.isEmpty else {
            return .failure(
                Problem(
                    line: max(lineNumber, 1), column: 1, english: "the calendar has no working hours: add a line such as 'hours 07:00-11:30 13:30-17:00'",
                    vietnamese: "lịch không có giờ làm việc: thêm một dòng như ‘hours 07:00-11:30 13:30-17:00’"))
        }
        for (d, _) in daysWorked where daysOff[d] != nil {
            return .failure(
                Problem(
                    line: 1, column: 1, english: "\(d) is both a day off and a working day",
                    vietnamese: "ngày \(d) vừa là ngày nghỉ vừa là ngày làm việc"))
        }
        return .success(
            WorkingCalendar(
                name: name, sessions: sessions, weekend: weekend, daysOff: daysOff, daysWorked: daysWorked, years: years, utcOffset: offset, cutoff: cutoff))
    }

    /// "A..B" as ["A", "B"]; anything else as itself.
    static func rangeEnds(_ word: String) -> [String] {
        let bytes = Array(word.utf8)
        for i in 0..<max(0, bytes.count - 1) where bytes[i] == 46 && bytes[i + 1] == 46 {
            return [String(decoding: bytes[..<i], as: UTF8.self), String(decoding: bytes[(i + 2)...], as: UTF8.self)]
        }
        return [word]
    }

    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Words with their 1-based byte columns.
    static func fields(_ line: String) -> [(String, Int)] {
        var out: [(String, Int)] = []
        var current: [UInt8] = []
        var start = 0
        for (i, b) in line.utf8.enumerated() {
            if b == 32 || b == 9 || b == 13 {
                if !current.isEmpty { out.append((String(decoding: current, as: UTF8.self), start + 1)) }
                current = []
            } else {
                if current.isEmpty { start = i }
                current.append(b)
            }
        }
        if !current.isEmpty { out.append((String(decoding: current, as: UTF8.self), start + 1)) }
        return out
    }

    static func clock(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h),
            (0..<60).contains(m),
            h * 60 + m <= 1440
        else { return nil }
        return h * 3600 + m * 60
    }

    static func day(_ text: String) -> CivilDay? {
        guard let t = WallTime(parsing: text), t.secondOfDay == 0, text.utf8.count == 10 else { return nil }
        return t.day
    }

    static func zoneOffset(_ text: String) -> Int? {
        guard let sign = text.first, sign == "+" || sign == "-", let seconds = clock(String(text.dropFirst())), seconds <= 14 * 3600 else { return nil }
        return sign == "-" ? -seconds : seconds
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
