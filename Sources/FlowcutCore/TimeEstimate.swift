/// How long something takes, in working hours: one value, a uniform range,
/// or a three-point (PERT) estimate.
public enum TimeEstimate: Hashable, Sendable {
    case single(Double)
    case range(min: Double, max: Double)
    case threePoint(min: Double, likely: Double, max: Double)

    public static let zero = TimeEstimate.single(0)

    /// The mean: the value; the midpoint of a range; (MIN + 4·LIKELY + MAX) / 6.
    public var mean: Double {
        switch self {
        case .single(let v): v
        case .range(let lo, let hi): (lo + hi) / 2
        case .threePoint(let lo, let likely, let hi): (lo + 4 * likely + hi) / 6
        }
    }

    public var minimum: Double {
        switch self {
        case .single(let v): v
        case .range(let lo, _): lo
        case .threePoint(let lo, _, _): lo
        }
    }

    public var maximum: Double {
        switch self {
        case .single(let v): v
        case .range(_, let hi): hi
        case .threePoint(_, _, let hi): hi
        }
    }

    public var isZero: Bool { maximum == 0 }

    /// Every point multiplied by `factor` (used by `shorten ... by N%`).
    public func scaled(by factor: Double) -> TimeEstimate {
        switch self {
        case .single(let v): .single(v * factor)
        case .range(let lo, let hi): .range(min: lo * factor, max: hi * factor)
        case .threePoint(let lo, let likely, let hi): .threePoint(min: lo * factor, likely: likely * factor, max: hi * factor)
        }
    }
}

/// Deterministic, locale-free number text: at most four decimals, no trailing zeros.
public func formatNumber(_ value: Double, decimals: Int = 4) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let units = (value * scale).rounded()
    let rounded = units / scale
    if rounded == rounded.rounded(), abs(rounded) < 1e15 {
        return String(Int64(rounded))
    }
    if decimals <= 6, abs(rounded) >= 1e-3, abs(rounded) < 1e9 {
        return decimalText(units: Int64(units), decimals: decimals)
    }
    var text = String(rounded)
    if text.contains("e") { return text }
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}

/// `units` / 10^decimals written out, trailing zeros dropped: what
/// `String(Double)` gives for that quotient between 0.001 and 10^9, where
/// doubles lie closer than 10^-6 so the decimal with the fewest digits that
/// reads back as the quotient is this one (no other with at most 6 decimals
/// does); without the shortest-digits search (a portfolio's JSON writes
/// millions of numbers).
func decimalText(units: Int64, decimals: Int) -> String {
    var digits: [UInt8] = []
    digits.reserveCapacity(24)
    var m = units.magnitude
    // The fraction's digits, least significant first, trailing zeros skipped.
    var fraction = false
    for _ in 0..<decimals {
        let d = UInt8(m % 10)
        m /= 10
        if d != 0 || fraction {
            digits.append(UInt8(ascii: "0") + d)
            fraction = true
        }
    }
    if fraction { digits.append(UInt8(ascii: ".")) }
    repeat {
        digits.append(UInt8(ascii: "0") + UInt8(m % 10))
        m /= 10
    } while m > 0
    if units < 0 { digits.append(UInt8(ascii: "-")) }
    digits.reverse()
    return String(decoding: digits, as: UTF8.self)
}

extension TimeEstimate: CustomStringConvertible {
    /// In hours: `4h`, `16h..40h`, `16h..24h..40h`.
    public var description: String {
        switch self {
        case .single(let v): "\(formatNumber(v))h"
        case .range(let lo, let hi): "\(formatNumber(lo))h..\(formatNumber(hi))h"
        case .threePoint(let lo, let likely, let hi):
            "\(formatNumber(lo))h..\(formatNumber(likely))h..\(formatNumber(hi))h"
        }
    }
}
