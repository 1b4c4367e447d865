/// Text escaped for the places flowcut writes it.
public enum Escape {
    /// For XML and HTML (and Graphviz's HTML-like labels): `& < > " '`
    /// as entities; left out are the control characters XML 1.0 does not
    /// allow at all (every C0 control but tab, line feed and carriage
    /// return, and U+FFFE, U+FFFF: a BPMN export holding one could not be
    /// read back) and the bidirectional controls (U+202E and the others,
    /// which would show a label's text reversed or reordered).
    public static func markup(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&", "<", ">", "\"", "'": out.append(contentsOf: entity(scalar).unicodeScalars)
            case "\t", "\n", "\r": out.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            case _ where isBidiControl(scalar): continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// A string literal of the .flow language: in quotes, with its only
    /// escapes, backslash and quote, taken per Unicode scalar (a quote
    /// followed by a combining mark is still a quote). A line break (LF,
    /// CR) or a NUL cannot be written in the language: each becomes a
    /// space, so that no text ever turns into a statement.
    public static func flowString(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"", "\\":
                out.append("\\")
                out.append(scalar)
            case "\n", "\r", "\0": out.append(" ")
            default: out.append(scalar)
            }
        }
        out.append("\"")
        return String(out)
    }

    /// Text for a terminal, its lines kept: every control character but the
    /// line break and the tab (an ESC would start a terminal's control
    /// sequence) and the bidirectional controls as `\u{…}` escapes.
    public static func terminal(_ s: String) -> String { escapingControls(s, keepingLines: true) }

    /// Text on one line for a message: a line break, a tab, any other
    /// control character and the bidirectional controls (which would
    /// reorder what follows) as `\n`, `\t`, `\u{…}` escapes.
    public static func oneLine(_ s: String) -> String { escapingControls(s, keepingLines: false) }

    private static func escapingControls(_ s: String, keepingLines: Bool) -> String {
        if hasNoControl(s, keepingLines: keepingLines) { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n" where keepingLines, "\t" where keepingLines: out.unicodeScalars.append(scalar)
            case "\n": out += "\\n"
            case "\r" where !keepingLines: out += "\\r"
            case "\t": out += "\\t"
            case _ where isControl(scalar): out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The character entity of `& < > " '`.
    private static func entity(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        case "\"": "&quot;"
        default: "&#39;"
        }
    }

    /// Whether `s` holds nothing `escapingControls` would change, told from
    /// its UTF-8 bytes: C0 controls (but line breaks and tabs when kept),
    /// DEL, the C1 controls (C2 80–9F) and the bidirectional controls
    /// (U+061C: D8 9C; U+200E/F: E2 80 8E/8F; U+202A–E: E2 80 AA–AE;
    /// U+2066–9: E2 81 A6–A9). Most text has none and is returned as it is.
    static func hasNoControl(_ s: String, keepingLines: Bool) -> Bool {
        var s = s
        return s.withUTF8 { b in
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x20 {
                    if !(keepingLines && (c == 0x0A || c == 0x09)) { return false }
                } else if c == 0x7F {
                    return false
                } else if c == 0xC2, i + 1 < n, b[i + 1] >= 0x80, b[i + 1] <= 0x9F {
                    return false
                } else if c == 0xD8, i + 1 < n, b[i + 1] == 0x9C {
                    return false
                } else if c == 0xE2, i + 2 < n {
                    let c1 = b[i + 1]
                    let c2 = b[i + 2]
                    if c1 == 0x80, c2 == 0x8E || c2 == 0x8F || (c2 >= 0xAA && c2 <= 0xAE) { return false }
                    if c1 == 0x81, c2 >= 0xA6, c2 <= 0xA9 { return false }
                }
                i += 1
            }
            return true
        }
    }

    /// A control character, or a bidirectional control (which reorders
    /// the text around it): what no output shows as it is.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        // General category Cc is exactly U+0000–U+001F and U+007F–U+009F.
        let v = scalar.value
        return v < 0x20 || (v >= 0x7F && v <= 0x9F) || isBidiControl(scalar)
    }

    /// Unicode's Bidi_Control property, which names twelve code points
    /// (PropList.txt): U+061C, U+200E, U+200F, U+202A–U+202E and
    /// U+2066–U+2069. Told by value: the property tables cost more than
    /// the rest of the escaping of a diagram's labels.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        guard v >= 0x061C, v <= 0x2069 else { return false }
        return v == 0x061C || v == 0x200E || v == 0x200F || (v >= 0x202A && v <= 0x202E) || v >= 0x2066
    }

    /// Text in a Markdown document or table cell: what Markdown, or the
    /// HTML a Markdown viewer passes through, would read as markup (`< > &`
    /// as entities; `\ ` * _ [ ] |` with a backslash) cannot act; control
    /// characters and bidirectional controls are left out and a line
    /// break becomes a space, so that a label is one line of plain text.
    public static func markdown(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar {
            case "<", ">", "&": out.append(contentsOf: entity(scalar).unicodeScalars)
            case "\\", "`", "*", "_", "[", "]", "|":
                out.append("\\")
                out.append(scalar)
            case "\n", "\r", "\t": out.append(" ")
            case _ where isControl(scalar): continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// A Markdown code span holding `s` as written: fenced with one more
    /// backtick than its longest run of them; control characters and
    /// bidirectional controls left out, a line break a space. (Not for a
    /// table cell: GitHub's tables need `|` escaped even inside code.)
    public static func markdownCode(_ s: String) -> String {
        var body = String.UnicodeScalarView()
        var run = 0
        var longest = 0
        for scalar in s.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
            switch scalar {
            case "\n", "\r", "\t": body.append(" ")
            case _ where isControl(scalar): continue
            default: body.append(scalar)
            }
        }
        let fence = String(repeating: "`", count: longest + 1)
        let text = String(body)
        let padded = text.hasPrefix("`") || text.hasSuffix("`") ? " \(text) " : text
        return fence + padded + fence
    }
}
