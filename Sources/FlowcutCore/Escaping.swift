/// Text escaped for the places flowcut writes it.
public enum Escape {
    /// For XML and HTML (and Graphviz's HTML-like labels): `& < > " '`.
    public static func markup(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
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

    /// Text on one line for a message: a line break, a tab, any other
    /// control character and the bidirectional controls (which would
    /// reorder what follows) as `\n`, `\t`, `\u{…}` escapes.
    public static func oneLine(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.properties.generalCategory == .control || scalar.properties.isBidiControl:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
