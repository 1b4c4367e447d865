import Foundation

/// A time cell of a published process table, read as departments write
/// it: "0,5 ngày", "½ ngày", "1/2 ngày", "Không quá 02 ngày",
/// "02 ngày (16 giờ)", "5 ngày LV", "1 ngày 4 giờ", "Không tính thời gian",
/// "Trong ngày", "Không quy định", or a bare number under a header that
/// names the unit ("Thời hạn (ngày)").
public enum TableDuration: Sendable, Hashable {
    /// Working hours, with what the reviewer should know about how they were read.
    case hours(Double, caveat: Caveat?)
    /// "Không tính thời gian": the step takes no time (a delivery step).
    case notCounted
    /// "Không quy định": the decision sets no time.
    case notSet

    public enum Caveat: Sendable, Hashable {
        /// "Trong ngày": within the day, read as one working day.
        case withinTheDay
        /// "N ngày (M giờ)" where M hours is not N days: the first is used.
        case disagrees(first: Double, second: Double)
    }

    /// The unit a header gives bare numbers: "Thời hạn (ngày)" → days.
    public enum HeaderUnit: Sendable, Hashable {
        case days, hours
    }

    /// The cell's text as a person reads it: NFC, every kind of space and
    /// line break one plain space, lower case, trimmed.
    public static func plain(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in TableText.nfc(text).lowercased().unicodeScalars {
            if TableText.isSpace(scalar) {
                space = !out.isEmpty
                continue
            }
            if space { out.unicodeScalars.append(" ") }
            space = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// The cell read, or nil when it says no time in a way flowcut knows.
    public static func read(_ text: String, workdayHours: Double = 8, unit: HeaderUnit? = nil) -> TableDuration? {
        var t = plain(text)
        guard !t.isEmpty else { return nil }
        switch t {
        case "không tính thời gian", "không tính", "not counted": return .notCounted
        case "không quy định", "không quy định thời gian", "not set", "none": return .notSet
        case "trong ngày", "trong ngày làm việc", "within the day", "same day": return .hours(workdayHours, caveat: .withinTheDay)
        default: break
        }
        for prefix in ["không quá ", "tối đa ", "trong vòng ", "trong thời hạn ", "at most ", "up to ", "within "] where t.hasPrefix(prefix) {
            t.removeFirst(prefix.count)
        }
        // "02 ngày (16 giờ)": both read, the first used, a caveat if they differ.
        if let open = t.firstIndex(of: "("), t.hasSuffix(")") {
            let first = String(t[..<open]).trimmingCharacters(in: .whitespaces)
            let second = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
            guard let a = sum(first, workdayHours: workdayHours, unit: unit), let b = sum(second, workdayHours: workdayHours, unit: nil) else {
                return nil
            }
            return .hours(a, caveat: abs(a - b) < 1e-9 ? nil : .disagrees(first: a, second: b))
        }
        return sum(t, workdayHours: workdayHours, unit: unit).map { .hours($0, caveat: nil) }
    }

    /// "1 ngày 4 giờ" → 12; "½ ngày" → 4; "3" under a days header → 24.
    static func sum(_ text: String, workdayHours: Double, unit: HeaderUnit?) -> Double? {
        var rest = Substring(text)
        var total = 0.0
        var parts = 0
        while true {
            rest = rest.drop { $0 == " " }
            if rest.isEmpty { break }
            guard let (value, afterNumber) = number(rest) else { return nil }
            rest = afterNumber.drop { $0 == " " }
            // The unit: the longest spelling that starts here.
            var hours: Double?
            for (spelling, factor) in units where rest.hasPrefix(spelling) {
                let after = rest.dropFirst(spelling.count)
                if let next = after.first, next.isLetter { continue }
                hours = value * factor(workdayHours)
                rest = after
                break
            }
            if hours == nil, rest.isEmpty, parts == 0, let unit {
                hours = unit == .days ? value * workdayHours : value
            }
            guard let h = hours else { return nil }
            total += h
            parts += 1
        }
        return parts > 0 ? total : nil
    }

    /// Units, longest spelling first so "ngày làm việc" wins over "ngày".
    static let units: [(String, @Sendable (Double) -> Double)] = {
        let day: @Sendable (Double) -> Double = { $0 }
        let hour: @Sendable (Double) -> Double = { _ in 1 }
        let minute: @Sendable (Double) -> Double = { _ in 1.0 / 60 }
        let week: @Sendable (Double) -> Double = { $0 * 5 }
        let list: [(String, @Sendable (Double) -> Double)] = [
            ("ngày làm việc", day), ("ngày lv", day), ("ngày", day), ("ngay", day), ("working days", day), ("working day", day),
            ("days", day), ("day", day), ("d", day), ("giờ làm việc", hour), ("giờ", hour), ("tiếng", hour), ("gio", hour),
            ("working hours", hour), ("working hour", hour), ("hours", hour), ("hour", hour), ("h", hour), ("phút", minute),
            ("phut", minute), ("minutes", minute), ("minute", minute), ("min", minute), ("m", minute), ("tuần làm việc", week),
            ("tuần", week), ("tuan", week), ("weeks", week), ("week", week), ("w", week),
        ]
        return list.sorted { $0.0.count > $1.0.count }
    }()

    /// "0,5", "0.5", "02", "½", "1/2", "1 1/2" at the start of `text`.
    static func number(_ text: Substring) -> (Double, Substring)? {
        let fractions: [Character: Double] = ["½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1.0 / 3, "⅔": 2.0 / 3]
        var rest = text
        var digits = ""
        while let c = rest.first, c.isASCII, c.isNumber || c == "," || c == "." {
            digits.append(c == "," ? "." : c)
            rest = rest.dropFirst()
        }
        var value: Double?
        if !digits.isEmpty {
            guard let v = Double(digits) else { return nil }
            value = v
        }
        if let c = rest.first, let f = fractions[c] {
            return ((value ?? 0) + f, rest.dropFirst())
        }
        if rest.first == "/", let v = value {
            var denominator = ""
            var after = rest.dropFirst()
            while let c = after.first, c.isASCII, c.isNumber {
                denominator.append(c)
                after = after.dropFirst()
            }
            guard let d = Double(denominator), d > 0 else { return nil }
            return (v / d, after)
        }
        // "1 1/2 ngày": a whole number, a space, a fraction.
        if let v = value, rest.first == " " {
            let afterSpace = rest.drop { $0 == " " }
            if let (f, after) = fraction(afterSpace) { return (v + f, after) }
        }
        return value.map { ($0, rest) }
    }

    private static func fraction(_ text: Substring) -> (Double, Substring)? {
        var rest = text
        var n = ""
        while let c = rest.first, c.isASCII, c.isNumber {
            n.append(c)
            rest = rest.dropFirst()
        }
        guard !n.isEmpty, rest.first == "/" else { return nil }
        rest = rest.dropFirst()
        var d = ""
        while let c = rest.first, c.isASCII, c.isNumber {
            d.append(c)
            rest = rest.dropFirst()
        }
        guard let a = Double(n), let b = Double(d), b > 0, a < b else { return nil }
        return (a / b, rest)
    }

    /// The text with every character a reader could not tell from another
    /// shown by its code: "2\u{00A0}ngày" is printed "2<U+00A0>ngày".
    public static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let invisible =
                (scalar.properties.isWhitespace && scalar != " ") || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .control
            if invisible {
                out += "<U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(4) + ">"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
