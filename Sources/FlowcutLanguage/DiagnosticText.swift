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
    /// In Vietnamese (`--lang vi`): the labels, the places and the code's
    /// meaning (`Diagnostic.vietnameseMessage`); the codes stay.
    public var vietnamese: Bool

    public init(colored: Bool = false, vietnamese: Bool = false) {
        self.colored = colored
        self.vietnamese = vietnamese
    }

    func label(_ severity: Severity) -> String {
        guard vietnamese else { return severity.rawValue + ":" }
        switch severity {
        case .error: return "lỗi:"
        case .warning: return "cảnh báo:"
        case .note: return "ghi chú:"
        }
    }

    func message(_ d: Diagnostic) -> String {
        vietnamese ? "\(d.vietnameseMessage) [\(d.code.rawValue)]" : d.message
    }

    public func render(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        if diagnostic.place == .file {
            return
                "\(bold("\(Self.oneLine(file.path)):")) \(paint(label(diagnostic.severity), diagnostic.severity)) \(bold(Self.oneLine(message(diagnostic))))\n"
        }
        if let place = diagnostic.place {
            return
                "\(bold("\(Self.oneLine(file.path)): \(Self.describe(place, vietnamese: vietnamese)):")) \(paint(label(diagnostic.severity), diagnostic.severity)) \(bold(Self.oneLine(message(diagnostic))))\n"
        }
        var out = entry(diagnostic.severity, message(diagnostic), diagnostic.range, file)
        for note in diagnostic.notes {
            // A note's words are English: in Vietnamese, its place alone.
            let text = vietnamese ? "vị trí liên quan" : note.message
            if let r = note.range {
                out += entry(.note, text, r, file)
            } else if !vietnamese {
                out += "\(paint("note:", .note)) \(note.message)\n"
            }
        }
        return out
    }

    /// `task 'Approve invoice' (id t1)`, `row 4, column 'Thời gian'`; in
    /// Vietnamese `task ‘Approve invoice’ (mã t1)`, `dòng 4, cột ‘Thời gian’`.
    public static func describe(_ place: Diagnostic.Place, vietnamese: Bool = false) -> String {
        switch place {
        case .element(let kind, let id, let name):
            if vietnamese {
                if let name, !name.isEmpty { return oneLine("\(kind) ‘\(name)’ (mã \(id))") }
                return oneLine("\(kind) \(id)")
            }
            if let name, !name.isEmpty { return oneLine("\(kind) '\(name)' (id \(id))") }
            return oneLine("\(kind) \(id)")
        case .cell(let table, let row, let column):
            if vietnamese { return oneLine((table.map { "\($0), " } ?? "") + "dòng \(row)" + (column.map { ", cột ‘\($0)’" } ?? "")) }
            return oneLine((table.map { "\($0), " } ?? "") + "row \(row)" + (column.map { ", column '\($0)'" } ?? ""))
        case .file:
            return vietnamese ? "toàn bộ tệp" : "the whole file"
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
        var out = "\(bold(location)) \(paint(label(severity), severity)) \(bold(message))\n"
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
