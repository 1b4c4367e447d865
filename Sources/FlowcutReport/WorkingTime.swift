import FlowcutCore

/// Working time as reviewers read it: "6.5 working days (52 h)",
/// "6,5 ngày làm việc (52 giờ)".
public struct WorkingTime: Sendable {
    public var workdayHours: Double
    public var words: Words

    public init(workdayHours: Double, words: Words = .english) {
        self.workdayHours = workdayHours
        self.words = words
    }

    /// "6.5 working days (52 h)"; "1 working day (8 h)".
    public func long(_ hours: Double) -> String {
        let days = hours / workdayHours
        let unit = abs(days - 1) < 1e-9 ? words.workingDay : words.workingDays
        return "\(words.number(days)) \(unit) (\(words.number(hours)) \(words.hoursUnit))"
    }

    /// "6.5 d".
    public func short(_ hours: Double) -> String {
        "\(words.number(hours / workdayHours)) \(words.daysUnit)"
    }

    /// "12 h".
    public func hours(_ hours: Double) -> String {
        "\(words.number(hours, decimals: 1)) \(words.hoursUnit)"
    }
}

/// "62%"; "7.5%" below 10% (English decimal mark).
public func percent(_ share: Double) -> String { Words.english.percent(share) }

extension Words {
    /// "62%"; "7,5%" below 10%.
    public func percent(_ share: Double) -> String {
        let p = share * 100
        return number(p, decimals: abs(p) < 10 ? 1 : 0) + "%"
    }
}
