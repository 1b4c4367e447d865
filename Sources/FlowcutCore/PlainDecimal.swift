/// `value` in plain decimal notation with the fewest digits that read back
/// as the same Double (Swift's shortest round-trip digits), never in
/// exponent notation: `1e-05` is written `0.00001`, `1.5e+20` is
/// `150000000000000000000`. What the `.flow` printer writes for a number,
/// since the language has no exponents. Finite values only.
public func plainDecimal(_ value: Double) -> String {
    precondition(value.isFinite, "plainDecimal takes finite values")
    let text = "\(value == 0 ? 0 : value)"
    guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
    var mantissa = String(text[..<e])
    let exponent = Int(text[text.index(after: e)...])!
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa.removeFirst() }
    // Digits without the point, and where the point was.
    let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
    var digits = mantissa.filter { $0 != "." }
    let position = point + exponent  // the point's place among the digits
    var out: String
    if position <= 0 {
        out = "0." + String(repeating: "0", count: -position) + digits
    } else if position >= digits.count {
        out = digits + String(repeating: "0", count: position - digits.count)
    } else {
        digits.insert(".", at: digits.index(digits.startIndex, offsetBy: position))
        out = digits
    }
    if out.contains(".") {
        while out.hasSuffix("0") { out.removeLast() }
        if out.hasSuffix(".") { out.removeLast() }
    }
    return (negative ? "-" : "") + out
}

/// `value` rounded to `decimals` places, in plain decimal notation
/// (`plainDecimal`): `12.5`, `33.333333`, `0.00005`, never `5e-05`.
public func plainDecimal(_ value: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    return plainDecimal(rounded == 0 ? 0 : rounded)
}
