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
    /// A value already written by `written()` (at the outermost level):
    /// put in its place with its lines indented to it, it reads exactly as
    /// the value written there would (a review reuses the procedures'
    /// JSON it kept from the run before).
    case raw([UInt8])

    public static func == (a: JSON, b: JSON) -> Bool { a.text() == b.text() }

    /// A number rounded to 6 decimals, or null.
    public static func hours(_ x: Double?) -> JSON {
        guard let x, x.isFinite else { return .null }
        return .number((x * 1e6).rounded() / 1e6)
    }

    public static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }

    /// Pretty-printed with two-space indents and a final newline.
    public func text() -> String { String(decoding: bytes(), as: UTF8.self) }

    /// `text()` as UTF-8 bytes, as written: a portfolio's JSON is tens of
    /// megabytes, built from millions of short pieces (appended to a
    /// String, each piece cost more than its bytes).
    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        write(&out, indent: 0)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// The value as `bytes()` writes it, without the final line break: what
    /// `.raw` takes.
    public func written() -> [UInt8] {
        var out: [UInt8] = []
        write(&out, indent: 0)
        return out
    }

    /// Arrays of at least this many objects or arrays are written an item
    /// per core (a portfolio's JSON is tens of megabytes), then joined.
    static let parallelItems = 16

    private func write(_ out: inout [UInt8], indent: Int) {
        switch self {
        case .null: Self.append("null", to: &out)
        case .bool(let b): Self.append(b ? "true" : "false", to: &out)
        case .number(let x): formatNumber(x, decimals: 6, into: &out)
        case .int(let n): appendDecimal(units: Int64(n), decimals: 0, into: &out)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                Self.append("[]", to: &out)
                return
            }
            // Arrays of plain values stay on one line.
            if items.allSatisfy({
                if case .object = $0 { return false }
                if case .array = $0 { return false }
                if case .raw = $0 { return false }
                return true
            }) {
                out.append(UInt8(ascii: "["))
                for (i, item) in items.enumerated() {
                    if i > 0 { Self.append(", ", to: &out) }
                    item.write(&out, indent: indent + 1)
                }
                out.append(UInt8(ascii: "]"))
                return
            }
            Self.append("[\n", to: &out)
            if items.count >= Self.parallelItems, indent == 0 || indent == 1 {
                // Each item alone, as it would be written in place.
                let written = items.concurrentMap { item in
                    var text: [UInt8] = []
                    item.write(&text, indent: indent + 1)
                    return text
                }
                for i in items.indices {
                    Self.pad(indent + 1, &out)
                    out.append(contentsOf: written[i])
                    Self.append(i + 1 < items.count ? ",\n" : "\n", to: &out)
                }
            } else {
                for (i, item) in items.enumerated() {
                    Self.pad(indent + 1, &out)
                    item.write(&out, indent: indent + 1)
                    Self.append(i + 1 < items.count ? ",\n" : "\n", to: &out)
                }
            }
            Self.pad(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .raw(let bytes):
            // Line breaks occur only between values (a string's are escaped).
            var start = 0
            for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
                out.append(contentsOf: bytes[start...i])
                Self.pad(indent, &out)
                start = i + 1
            }
            out.append(contentsOf: bytes[start...])
        case .object(let fields):
            if fields.isEmpty {
                Self.append("{}", to: &out)
                return
            }
            Self.append("{\n", to: &out)
            for (i, (key, value)) in fields.enumerated() {
                Self.pad(indent + 1, &out)
                Self.quote(key, into: &out)
                Self.append(": ", to: &out)
                value.write(&out, indent: indent + 1)
                Self.append(i + 1 < fields.count ? ",\n" : "\n", to: &out)
            }
            Self.pad(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    @inline(__always)
    private static func append(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Two spaces per level.
    @inline(__always)
    private static func pad(_ level: Int, _ out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    /// RFC 8259 string escaping; everything else as UTF-8.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            // Most strings need no escape: copied whole.
            if !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                out.append(contentsOf: bytes)
                return
            }
            for b in bytes {
                switch b {
                case UInt8(ascii: "\""): append("\\\"", to: &out)
                case UInt8(ascii: "\\"): append("\\\\", to: &out)
                case UInt8(ascii: "\n"): append("\\n", to: &out)
                case UInt8(ascii: "\r"): append("\\r", to: &out)
                case UInt8(ascii: "\t"): append("\\t", to: &out)
                case 0..<0x20:
                    let hex = String(b, radix: 16)
                    append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, to: &out)
                default: out.append(b)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
