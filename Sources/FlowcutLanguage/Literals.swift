import FlowcutCore

/// Durations, percentages: their values and the errors in them.
extension LineParser {
    /// Parses `4h`, `0,5d`, `2d..3d..5d` on bytes; reports value errors and
    /// goes on. A well-formed duration makes no string: text is decoded only
    /// for an error's message.
    mutating func parseDuration(_ t: Token) -> DurationLiteral {
        let r = range(t)
        let bytes = self.bytes
        var points = DurationLiteral.Points()
        var problem: (code: DiagnosticCode, message: String)?
        var i = t.start
        while i < t.end {
            // One point: [sign] digits [(.|,) digits] letters
            let start = i
            var negative = false
            var positive = false
            if bytes[i] == 0x2D {
                negative = true
                i += 1
            } else if bytes[i] == 0x2B {
                positive = true
                i += 1
            }
            var value = 0.0
            var digits = 0
            while i < t.end, isDigit(bytes[i]) {
                value = value * 10 + Double(bytes[i] - 0x30)
                digits += 1
                i += 1
            }
            if digits > 15, !(i + 1 < t.end && (bytes[i] == 0x2E || bytes[i] == 0x2C) && isDigit(bytes[i + 1])) {
                // Past 15 digits the running sum rounds: the correctly rounded parse.
                value = Double(decode((negative || positive ? start + 1 : start)..<i)) ?? value
            }
            if i + 1 < t.end, bytes[i] == 0x2E || bytes[i] == 0x2C, isDigit(bytes[i + 1]) {
                // A decimal: the standard library's correctly rounded parse,
                // so that a printed value reads back exactly.
                i += 1
                while i < t.end, isDigit(bytes[i]) { i += 1 }
                var text = decode((negative || positive ? start + 1 : start)..<i)
                text = String(text.map { $0 == "," ? "." : $0 })
                value = Double(text) ?? value
            }
            let unitStart = i
            while i < t.end, isLetter(bytes[i]) { i += 1 }
            if digits == 0 || (i < t.end && !(i + 1 < t.end && bytes[i] == 0x2E && bytes[i + 1] == 0x2E)) {
                let exponent = i == unitStart + 1 && bytes[unitStart] | 0x20 == 0x65 && i < t.end && isDigit(bytes[i])
                problem =
                    exponent
                    ? (
                        .notADuration,
                        "'\(text(t))' is written with an exponent, which a duration cannot be; write the number in full (at most 1,000,000 working hours)"
                    )
                    : (.notADuration, "'\(text(t))' is not a duration; write it like 4h, 0,5d or 2d..5d")
                break
            }
            if negative {
                problem = (.negativeDuration, "a duration cannot be negative ('\(text(t))')")
                break
            }
            if positive {
                problem = (.plusSign, "write '\(text(t).dropFirst())' without the '+'")
                break
            }
            guard let unit = i == unitStart + 1 ? TimeUnit(symbol: bytes[unitStart]) : nil else {
                let number = decode(start..<unitStart)
                let unitText = decode(unitStart..<i)
                if unitText.isEmpty {
                    problem = (.missingUnit, "'\(number)' needs a unit: m (minutes), h (working hours), d (working days) or w (working weeks)")
                } else {
                    let hint = unitHints[unitText.lowercased()].map { "; did you mean '\(number)\($0)'?" } ?? "; use m, h, d or w"
                    problem = (.unknownUnit, "unknown unit '\(unitText)' in '\(text(t))'\(hint)")
                }
                break
            }
            let point = DurationPoint(value: value, unit: unit)
            if hoursForOrdering(point) > maximumDurationHours {
                problem = (.durationTooLong, "'\(text(t))' is longer than a duration may be: at most 1000000 working hours (125000d, 25000w) per point")
                break
            }
            points.append(point)
            if i < t.end { i += 2 }  // ".."
        }
        if problem == nil {
            if points.count > 3 {
                problem = (.tooManyPoints, "'\(text(t))' has \(points.count) points; a duration has one, two (MIN..MAX) or three (MIN..LIKELY..MAX)")
            } else if points.count >= 2 {
                let lo = hoursForOrdering(points[0])
                let hi = hoursForOrdering(points[points.count - 1])
                if lo > hi {
                    let written = durationParts(t)
                    problem = (.minimumAboveMaximum, "the minimum \(written[0]) is greater than the maximum \(written[written.count - 1]) in '\(text(t))'")
                } else if points.count == 3, hoursForOrdering(points[1]) < lo || hoursForOrdering(points[1]) > hi {
                    let written = durationParts(t)
                    problem = (
                        .likelyOutside,
                        "the most likely \(written[1]) is outside \(written[0])..\(written[2]) in '\(text(t))'; a three-point estimate is MIN..LIKELY..MAX"
                    )
                }
            }
        }
        if let problem {
            report(problem.code, problem.message, at: r)
            return DurationLiteral(range: r, points: [DurationPoint(value: 0, unit: .hours)])
        }
        return DurationLiteral(range: r, points: points)
    }

    /// The points of a well-formed duration as written, split at each `..`.
    private func durationParts(_ t: Token) -> [String] {
        let bytes = self.bytes
        var parts: [String] = []
        var start = t.start
        var i = t.start
        while i + 1 < t.end {
            if bytes[i] == 0x2E, bytes[i + 1] == 0x2E {
                parts.append(decode(start..<i))
                i += 2
                start = i
            } else {
                i += 1
            }
        }
        parts.append(decode(start..<t.end))
        return parts
    }

    /// Orders points across units with an 8-hour day; the resolver re-checks
    /// with the file's own `workday`.
    private func hoursForOrdering(_ p: DurationPoint) -> Double {
        switch p.unit {
        case .minutes: p.value / 60
        case .hours: p.value
        case .days: p.value * 8
        case .weeks: p.value * 40
        }
    }

    mutating func parsePercent(_ t: Token) -> PercentLiteral {
        let whole = text(t)
        let digits = whole.dropLast().replacingOccurrences(of: ",", with: ".")
        let value = Double(digits) ?? 0
        if value < 0 {
            report(.negativeProbability, "a probability cannot be negative ('\(whole)')", at: range(t))
        }
        return PercentLiteral(value: max(0, value), range: range(t))
    }
}

/// The longest point of a duration, in working hours (an 8-hour day): far
/// beyond any procedure, and small enough that every sum of steps stays an
/// exact, finite number.
public let maximumDurationHours = 1_000_000.0

/// Units people write by habit, and what they mean in the language.
let unitHints: [String: String] = [
    "min": "m", "mins": "m", "minute": "m", "minutes": "m", "p": "m", "phut": "m",
    "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "g": "h", "gio": "h",
    "day": "d", "days": "d", "ngay": "d", "wd": "d",
    "week": "w", "weeks": "w", "wk": "w", "wks": "w", "tuan": "w",
]

extension StringProtocol {
    func replacingOccurrences(of target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
