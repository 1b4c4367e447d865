/// How serious a finding is.
public enum Severity: String, Sendable, Hashable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A finding about an input file: what is wrong, where, and what would be right.
///
/// Libraries return diagnostics; only the executable prints them.
public struct Diagnostic: Sendable, Hashable {
    /// A secondary place worth showing ("first declared here").
    public struct Note: Sendable, Hashable {
        public var message: String
        public var range: SourceRange?

        public init(_ message: String, at range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    /// Where in an imported model or table, when the problem is not in a
    /// `.flow` file's text (`range` is then `SourceRange.nowhere`).
    public enum Place: Sendable, Hashable {
        /// A model's element: its kind ("task", "exclusiveGateway"), ID and name.
        case element(kind: String, id: String, name: String?)
        /// A table's cell: the sheet or table (nil for a CSV file), the
        /// 1-based row, and the column's header if known.
        case cell(table: String?, row: Int, column: String?)
        /// The whole file (a workbook that cannot be opened, a table without a code column).
        case file
    }

    public var severity: Severity
    /// What kind of problem it is; stable across wordings and languages.
    public var code: DiagnosticCode
    public var message: String
    public var range: SourceRange
    public var place: Place?
    public var notes: [Note]

    /// The finding in Vietnamese: what its code means, then the name or
    /// value it is about and the one it suggests, where the English message
    /// quotes them (`'ldpp'`; "did you mean 'ldp'?"). The place, and the
    /// line with its caret, show the rest.
    public var vietnameseMessage: String {
        if code == .expected, let said = Self.vietnameseExpected(message) { return said }
        var text = code.summaryVietnamese
        var suggestion: Substring?
        if let r = message.firstRange(of: "did you mean '"), let end = message[r.upperBound...].firstIndex(of: "'") {
            suggestion = message[r.upperBound..<end]
        }
        if let open = message.firstIndex(of: "'"), let close = message[message.index(after: open)...].firstIndex(of: "'") {
            let quoted = message[message.index(after: open)..<close]
            if !quoted.isEmpty, quoted.count <= 80, quoted != suggestion { text += ": ‘\(quoted)’" }
        }
        if let suggestion { text += "; có phải là ‘\(suggestion)’?" }
        return text
    }

    /// What the parser expected (E201), in Vietnamese: "expected WHAT
    /// (like …) [in double quotes], found WHAT" and "unexpected … at the end
    /// of the statement", the parser's only two shapes; nil for another.
    static func vietnameseExpected(_ message: String) -> String? {
        func found(_ s: Substring) -> String {
            switch s {
            case "the end of the line": return "hết dòng"
            case "a string": return "một chuỗi trong ngoặc kép"
            default: return s.hasPrefix("'") && s.hasSuffix("'") && s.count >= 2 ? "‘\(s.dropFirst().dropLast())’" : "‘\(s)’"
            }
        }
        if message.hasPrefix("unexpected "), message.hasSuffix(" at the end of the statement") {
            var what = message.dropFirst("unexpected ".count).dropLast(" at the end of the statement".count)
            if what.hasPrefix("string ") { what = what.dropFirst("string ".count) }
            return "thừa \(found(what)) ở cuối câu lệnh"
        }
        guard message.hasPrefix("expected "), let comma = message.firstRange(of: ", found ") else { return nil }
        var what = message[message.index(message.startIndex, offsetBy: "expected ".count)..<comma.lowerBound]
        var quoted = false
        if what.hasSuffix(" in double quotes") {
            what = what.dropLast(" in double quotes".count)
            quoted = true
        }
        var example = ""
        if let paren = what.firstRange(of: " (like ") {
            example = " (ví dụ " + what[paren.upperBound...].dropLast().replacing(" or ", with: " hoặc ") + ")"
            what = what[..<paren.lowerBound]
        }
        let names: [Substring: String] = [
            "an actor ID after 'by'": "mã người thực hiện sau 'by'", "an actor ID": "mã người thực hiện", "a step ID": "mã bước",
            "a step ID after '->'": "mã bước sau '->'", "the step's label": "tên bước", "the proposal's name": "tên phương án",
            "the procedure's name": "tên thủ tục", "the note": "ghi chú", "the actor's label": "tên người thực hiện",
            "the code": "mã thủ tục", "the agency": "tên cơ quan", "the field": "lĩnh vực", "the new probability": "xác suất mới",
            "the cut in percent": "tỷ lệ rút ngắn theo phần trăm", "the year": "năm", "the number of paper dossiers": "số hồ sơ giấy",
            "the number of online dossiers": "số hồ sơ trực tuyến", "the second step": "bước thứ hai", "the second step to merge": "bước thứ hai cần gộp",
            "the first step": "bước thứ nhất", "the first step to merge": "bước thứ nhất cần gộp", "the decision step": "bước rẽ nhánh",
            "the arrow's target step": "bước đích của mũi tên", "the ID of the step to shorten": "mã bước cần rút ngắn",
            "the ID of the step to cut": "mã bước cần bỏ", "the ID of a starting step": "mã bước bắt đầu",
            "a service level (none, level2, level3, level4, partial or full)": "mức độ dịch vụ công (none, level2, level3, level4, partial hoặc full)",
            "the new wait": "thời gian chờ mới", "a duration": "thời gian", "a duration after 'wait'": "thời gian sau 'wait'",
        ]
        guard let said = names[what] else { return nil }
        let after = message[comma.upperBound...]
        return "cần \(said)\(quoted ? " trong ngoặc kép" : "")\(example), nhưng gặp \(found(after))"
    }

    public init(_ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [Note] = []) {
        self.severity = code.severity
        self.code = code
        self.message = message
        self.range = range
        self.notes = notes
    }

    /// A finding about an imported model's element or a table's cell.
    public init(_ code: DiagnosticCode, _ message: String, in place: Place, notes: [Note] = []) {
        self.init(code, message, at: .nowhere, notes: notes)
        self.place = place
    }

    public static func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [Note] = []) -> Diagnostic {
        precondition(code.severity == .error, "\(code) is a warning's code")
        return Diagnostic(code, message, at: range, notes: notes)
    }

    public static func warning(_ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [Note] = []) -> Diagnostic {
        precondition(code.severity == .warning, "\(code) is an error's code")
        return Diagnostic(code, message, at: range, notes: notes)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }

    /// Sorted by position in the file, then by severity; stable for equal keys.
    public func sortedByPosition() -> [Diagnostic] {
        enumerated().sorted { a, b in
            if a.element.range.start != b.element.range.start { return a.element.range.start < b.element.range.start }
            if a.element.severity != b.element.severity { return a.element.severity < b.element.severity }
            return a.offset < b.offset
        }.map(\.element)
    }
}
