// Hot path (a Fast/ folder). Public, not package: the release build inlines public declarations across modules, not package ones.
/// Deterministic, locale-free number text: at most four decimals, no trailing zeros.
public func formatNumber(_ value: Double, decimals: Int = 4) -> String {
    var out: [UInt8] = []
    formatNumber(value, decimals: decimals, into: &out)
    return String(decoding: out, as: UTF8.self)
}

/// `formatNumber(value, decimals:)` appended to `out` as UTF-8 (a
/// portfolio's JSON writes millions of numbers).
public func formatNumber(_ value: Double, decimals: Int = 4, into out: inout [UInt8]) {
    func append(_ text: String) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }
    if value.isNaN { return append("nan") }
    if value.isInfinite { return append(value < 0 ? "-inf" : "inf") }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let units = (value * scale).rounded()
    let rounded = units / scale
    if rounded == rounded.rounded(), abs(rounded) < 1e15 {
        return appendDecimal(units: Int64(rounded), decimals: 0, into: &out)
    }
    if decimals <= 6, abs(rounded) >= 1e-3, abs(rounded) < 1e9 {
        return appendDecimal(units: Int64(units), decimals: decimals, into: &out)
    }
    var text = String(rounded)
    if !text.contains("e") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    append(text)
}

/// `units` / 10^decimals written out, trailing zeros dropped: what
/// `String(Double)` gives for that quotient between 0.001 and 10^9, where
/// doubles lie closer than 10^-6 so the decimal with the fewest digits that
/// reads back as the quotient is this one (no other with at most 6 decimals
/// does); without the shortest-digits search. With 0 decimals, the integer
/// as `String(Int64)` writes it.
public func appendDecimal(units: Int64, decimals: Int, into out: inout [UInt8]) {
    let start = out.count
    var m = units.magnitude
    // Least significant first, reversed at the end; the fraction's
    // trailing zeros skipped.
    var fraction = false
    for _ in 0..<decimals {
        let d = UInt8(m % 10)
        m /= 10
        if d != 0 || fraction {
            out.append(UInt8(ascii: "0") + d)
            fraction = true
        }
    }
    if fraction { out.append(UInt8(ascii: ".")) }
    repeat {
        out.append(UInt8(ascii: "0") + UInt8(m % 10))
        m /= 10
    } while m > 0
    if units < 0 { out.append(UInt8(ascii: "-")) }
    out[start...].reverse()
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

/// 10000 → "10,000": a count grouped by thousands, as English writes it.
/// Reports in Vietnamese group with a space instead (`Words.count`), since
/// there the comma is the decimal mark.
public func grouped(_ n: Int, separator: Character = ",") -> String {
    let digits = Array(String(n.magnitude))
    var out = n < 0 ? "-" : ""
    for (i, d) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(separator) }
        out.append(d)
    }
    return out
}
