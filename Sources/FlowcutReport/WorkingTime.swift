import FlowcutAnalysis
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

extension Words {
    public enum Limit: Sendable { case deadline, target }

    /// How a lead time stands against the deadline (within, over) or the
    /// target (met, not met): a target is no deadline, and is not "over".
    public func verdict(_ time: Double, _ limit: Double, _ t: WorkingTime, against kind: Limit = .deadline) -> String {
        let margin = limit - time
        if abs(margin) < 1e-9 { return kind == .deadline ? exactlyOnIt : self[.targetExactly] }
        let phrase: Phrase =
            switch kind {
            case .deadline: margin > 0 ? .withinSpare : .overBy
            case .target: margin > 0 ? .targetSpare : .targetOverBy
            }
        return fill(self[phrase], t.short(abs(margin)))
    }

    /// The main scenario against the deadline and, when it is later than
    /// the deadline while the main scenario is not, P90 too: the review's
    /// deadline column counts either ("P90 over").
    public func deadlineVerdict(_ a: ProcedureAnalysis, _ deadline: Double, _ t: WorkingTime) -> String {
        var out = verdict(a.mainLeadTime, deadline, t)
        if a.mainLeadTime <= deadline + 1e-9, let p90 = a.simulation?.percentile(0.9), p90 > deadline + 1e-9 {
            out += "; P90 \(t.short(p90)): " + verdict(p90, deadline, t)
        }
        return out
    }
}
