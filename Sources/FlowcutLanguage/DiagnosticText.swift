import FlowcutCore

/// Writes diagnostics as the Swift compiler does:
///
///     workflows/giay-phep.flow:14:31: error: unknown actor 'ldpp'; did you mean 'ldp'?
///     step check "Xem xét, trình ký" by ldpp 1d approval
///                                       ^~~~
///
/// Returns text; the caller decides where it goes.
public struct DiagnosticText {
    /// ANSI colours, for a terminal only.
    public var colored: Bool

    public init(colored: Bool = false) {
        self.colored = colored
    }

    public func render(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        if diagnostic.place == .file {
            return
                "\(bold("\(Self.oneLine(file.path)):")) \(paint("\(diagnostic.severity.rawValue):", diagnostic.severity)) \(bold(Self.oneLine(diagnostic.message)))\n"
        }
        if let place = diagnostic.place {
            return
                "\(bold("\(Self.oneLine(file.path)): \(Self.describe(place)):")) \(paint("\(diagnostic.severity.rawValue):", diagnostic.severity)) \(bold(Self.oneLine(diagnostic.message)))\n"
        }
        var out = entry(diagnostic.severity, diagnostic.message, diagnostic.range, file)
        for note in diagnostic.notes {
            if let r = note.range {
                out += entry(.note, note.message, r, file)
            } else {
                out += "\(paint("note:", .note)) \(note.message)\n"
            }
        }
        return out
    }

    /// `task 'Approve invoice' (id t1)`, `row 4, column 'Thời gian'`.
    public static func describe(_ place: Diagnostic.Place) -> String {
        switch place {
        case .element(let kind, let id, let name):
            if let name, !name.isEmpty { return oneLine("\(kind) '\(name)' (id \(id))") }
            return oneLine("\(kind) \(id)")
        case .cell(let table, let row, let column):
            return oneLine((table.map { "\($0), " } ?? "") + "row \(row)" + (column.map { ", column '\($0)'" } ?? ""))
        case .file:
            return "the whole file"
        }
    }

    /// One diagnostic, one line (`Escape.oneLine`).
    static func oneLine(_ s: String) -> String { Escape.oneLine(s) }

    public func render(_ diagnostics: [Diagnostic], in file: SourceFile) -> String {
        diagnostics.map { render($0, in: file) }.joined()
    }

    private func entry(_ severity: Severity, _ message: String, _ range: SourceRange, _ file: SourceFile) -> String {
        let column = file.column(of: range)
        let location = "\(file.path):\(range.line):\(column):"
        var out = "\(bold(location)) \(paint("\(severity.rawValue):", severity)) \(bold(message))\n"
        // Control characters but the tab shown as spaces: a stray carriage
        // return or an ESC would move the cursor or colour the terminal.
        let line = String(
            file.lineText(of: range).map { ch in ch != "\t" && ch.unicodeScalars.contains { $0.properties.generalCategory == .control } ? " " : ch })
        if range.lineStart > file.bytes.count { return out }
        out += line + "\n"
        // Pad with the line's own tabs so the caret lands under the text.
        var pad = ""
        var index = 0
        for ch in line {
            if index >= column - 1 { break }
            pad.append(ch == "\t" ? "\t" : " ")
            index += 1
        }
        let width = max(1, file.column(ofOffset: range.end, lineStart: range.lineStart) - column)
        out += pad + paint("^" + String(repeating: "~", count: width - 1), .note, green: true) + "\n"
        return out
    }

    private func bold(_ s: String) -> String { colored ? "\u{1B}[1m\(s)\u{1B}[0m" : s }

    private func paint(_ s: String, _ severity: Severity, green: Bool = false) -> String {
        guard colored else { return s }
        let code = green ? "32" : (severity == .error ? "31" : (severity == .warning ? "35" : "36"))
        return "\u{1B}[1;\(code)m\(s)\u{1B}[0m"
    }
}
