import FlowcutCore

/// A JSON value whose objects keep their keys in the order written, so the
/// report reads in the contract's order and is byte-identical run to run.
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case int(Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.text() == b.text() }

    /// A number rounded to 6 decimals, or null.
    public static func hours(_ x: Double?) -> JSON {
        guard let x, x.isFinite else { return .null }
        return .number((x * 1e6).rounded() / 1e6)
    }

    public static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }

    /// Pretty-printed with two-space indents and a final newline.
    public func text() -> String {
        var out = ""
        write(&out, indent: 0)
        out += "\n"
        return out
    }

    /// Arrays of at least this many objects or arrays are written an item
    /// per core (a portfolio's JSON is tens of megabytes), then joined.
    static let parallelItems = 16

    private func write(_ out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += formatNumber(x, decimals: 6)
        case .int(let n): out += String(n)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            // Arrays of plain values stay on one line.
            if items.allSatisfy({ if case .object = $0 { return false }; if case .array = $0 { return false }; return true }) {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    item.write(&out, indent: indent + 1)
                }
                out += "]"
                return
            }
            let pad = String(repeating: "  ", count: indent)
            out += "[\n"
            if items.count >= Self.parallelItems, indent == 0 || indent == 1 {
                // Each item alone, as it would be written in place.
                let written = items.concurrentMap { item in
                    var text = ""
                    item.write(&text, indent: indent + 1)
                    return text
                }
                for i in items.indices {
                    out += pad
                    out += "  "
                    out += written[i]
                    out += i + 1 < items.count ? ",\n" : "\n"
                }
            } else {
                for (i, item) in items.enumerated() {
                    out += pad
                    out += "  "
                    item.write(&out, indent: indent + 1)
                    out += i + 1 < items.count ? ",\n" : "\n"
                }
            }
            out += pad
            out += "]"
        case .object(let fields):
            if fields.isEmpty {
                out += "{}"
                return
            }
            let pad = String(repeating: "  ", count: indent)
            out += "{\n"
            for (i, (key, value)) in fields.enumerated() {
                out += pad
                out += "  "
                Self.quote(key, into: &out)
                out += ": "
                value.write(&out, indent: indent + 1)
                out += i + 1 < fields.count ? ",\n" : "\n"
            }
            out += pad
            out += "}"
        }
    }

    /// RFC 8259 string escaping; everything else as UTF-8.
    static func quote(_ s: String, into out: inout String) {
        // Most strings need no escape: copy them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
