import FlowcutCore

/// Working time as reviewers read it: "6.5 working days (52 h)".
public struct WorkingTime: Sendable {
    public var workdayHours: Double

    public init(workdayHours: Double) {
        self.workdayHours = workdayHours
    }

    /// "6.5 working days (52 h)"; "1 working day (8 h)".
    public func long(_ hours: Double) -> String {
        let days = hours / workdayHours
        let unit = abs(days - 1) < 1e-9 ? "working day" : "working days"
        return "\(formatNumber(days, decimals: 2)) \(unit) (\(formatNumber(hours, decimals: 2)) h)"
    }

    /// "6.5 d".
    public func short(_ hours: Double) -> String {
        "\(formatNumber(hours / workdayHours, decimals: 2)) d"
    }
}

/// "62%"; "7.5%" below 10%.
public func percent(_ share: Double) -> String {
    let p = share * 100
    return formatNumber(p, decimals: abs(p) < 10 ? 1 : 0) + "%"
}
