/// A day of the (proleptic Gregorian) civil calendar, counted from
/// 1970-01-01, with no time zone: the calendar's own days.
public struct CivilDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var number: Int

    public init(number: Int) { self.number = number }

    /// The day, or nil when there is no such date (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDay.length(ofMonth: month, year: year) else { return nil }
        // Days from civil, after Howard Hinnant's chrono-compatible algorithm:
        // years start in March so that the leap day ends them.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        number = era * 146_097 + dayOfEra - 719_468
    }

    public static func < (a: CivilDay, b: CivilDay) -> Bool { a.number < b.number }

    /// Year, month (1–12) and day of the month.
    public var date: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// ISO weekday: 1 Monday … 7 Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((number % 7 + 7 + 3) % 7) + 1 }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = date
        return "\(y)-\(twoDigits(m))-\(twoDigits(d))"
    }

    static func length(ofMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A moment on the calendar's wall clock: seconds since 1970-01-01 00:00 in
/// the calendar's zone (Vietnam keeps one offset all year, so there is no
/// daylight-saving gap or fold to worry about).
public struct WallTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public init(day: CivilDay, secondOfDay: Int) {
        seconds = Int64(day.number) * 86_400 + Int64(secondOfDay)
    }

    public static func < (a: WallTime, b: WallTime) -> Bool { a.seconds < b.seconds }

    public var day: CivilDay { CivilDay(number: Int(seconds.floorDivided(by: 86_400))) }
    public var secondOfDay: Int { Int(seconds - Int64(day.number) * 86_400) }

    /// `YYYY-MM-DD HH:MM`, the way a receipt slip writes it (seconds dropped).
    public var description: String {
        let s = secondOfDay
        return "\(day) \(twoDigits(s / 3600)):\(twoDigits(s / 60 % 60))"
    }

    /// The next whole minute at or after this moment.
    public var roundedUpToMinute: WallTime {
        let r = seconds.floorModulo(60)
        return r == 0 ? self : WallTime(seconds: seconds - r + 60)
    }

    /// Reads `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS`
    /// (a `T` may stand for the space); nil when it is none of those or not
    /// a real date and time.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard let (time, end) = WallTime.scan(bytes, from: 0), end == bytes.count else { return nil }
        self = time
    }

    /// A date and optional time from `bytes[start...]`: the moment and the
    /// index after it; nil when no valid date starts there.
    static func scan(_ bytes: [UInt8], from start: Int) -> (WallTime, Int)? {
        var i = start
        func number(_ digits: Int) -> Int? {
            guard i + digits <= bytes.count else { return nil }
            var value = 0
            for k in i..<(i + digits) {
                let b = bytes[k]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            i += digits
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let dayOfMonth = number(2),
            let day = CivilDay(year: year, month: month, day: dayOfMonth)
        else { return nil }
        guard i < bytes.count, bytes[i] == 32 || bytes[i] == 84 else { return (WallTime(day: day, secondOfDay: 0), i) }
        let beforeTime = i
        i += 1
        guard let hour = number(2), hour < 24, expect(58), let minute = number(2), minute < 60 else {
            i = beforeTime
            return (WallTime(day: day, secondOfDay: 0), i)
        }
        var second = 0
        if i < bytes.count, bytes[i] == 58 {
            i += 1
            guard let s = number(2), s < 60 else { return nil }
            second = s
        }
        return (WallTime(day: day, secondOfDay: hour * 3600 + minute * 60 + second), i)
    }
}

func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

extension Int64 {
    func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
    func floorModulo(_ d: Int64) -> Int64 { self - floorDivided(by: d) * d }
}
