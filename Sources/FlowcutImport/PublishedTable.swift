import FlowcutCore
import FlowcutLanguage
import Foundation
import SwiftCSV

/// The published table of an internal process (step, task, responsible,
/// time), as CSV with Vietnamese or English headers, turned into a workflow
/// whose steps run in the order of the table.
public enum PublishedTable {
    /// Where the table's quotes break CSV, in words: a quoted cell with
    /// text after its closing quote, or a quote never closed (a quoted
    /// cell may hold line breaks, so that shows only at the end).
    static func quoteProblem(_ text: String, separator: Character = ",") -> String? {
        let sep = separator.asciiValue ?? 0x2C
        // A first pass over the bytes (quotes, commas and line ends are
        // ASCII); the characters are counted only to say where a problem is.
        var quoted = false
        var closed = false
        var cellStart = true
        var clean = true
        for byte in text.utf8 {
            if closed {
                closed = false
                if byte == 0x22 {
                    quoted = true
                    continue
                }
                if byte != sep && byte != 0x0A && byte != 0x0D {
                    clean = false
                    break
                }
            }
            if quoted {
                if byte == 0x22 {
                    quoted = false
                    closed = true
                }
            } else if byte == 0x22 && cellStart {
                quoted = true
            }
            cellStart = !quoted && (byte == sep || byte == 0x0A || byte == 0x0D)
        }
        if clean && !quoted { return nil }
        var line = 1
        var column = 0
        var inQuotes = false
        var opened = (line: 1, column: 1)
        var afterClosing = false
        var atCellStart = true
        for ch in text {
            column += 1
            if afterClosing {
                afterClosing = false
                if ch == "\"" {  // "" inside a quoted cell: one quote
                    inQuotes = true
                    continue
                }
                if ch != separator && ch != "\n" && ch != "\r\n" && ch != "\r" {
                    return
                        "line \(line), column \(column): text after the closing quote of a quoted cell (opened at line \(opened.line), column \(opened.column)); a quote inside a cell is written twice (\"\")"
                }
            }
            if inQuotes {
                if ch == "\"" {
                    inQuotes = false
                    afterClosing = true
                }
            } else if ch == "\"" && atCellStart {
                inQuotes = true
                opened = (line, column)
            }
            atCellStart = !inQuotes && (ch == separator || ch == "\n" || ch == "\r\n" || ch == "\r")
            if ch == "\n" || ch == "\r\n" || ch == "\r" {
                line += 1
                column = 0
            }
        }
        if inQuotes {
            return "line \(opened.line), column \(opened.column): this quote is never closed, so the rest of the table would be one cell; close it with a \""
        }
        return nil
    }

    /// The CSV file as one table, every row kept (title rows included):
    /// `ProcessTables` finds the header.
    static func table(_ text: String) throws(ImportError) -> SourceTable {
        // Quotes first, with their place: SwiftCSV's own error names no
        // line, and it reads a quote never closed as one cell to the end.
        if let problem = quoteProblem(text) { throw ImportError(message: problem) }
        let csv: CSV<Enumerated>
        do { csv = try CSV<Enumerated>(string: text, loadColumns: false) } catch {
            throw ImportError(message: "this is not a CSV table that can be read: save it again as CSV (UTF-8, comma-separated)")
        }
        let all = [csv.header] + csv.rows
        return SourceTable(name: nil, rows: all.enumerated().map { SourceTable.Row(number: $0.offset + 1, cells: $0.element) })
    }

    /// The table's one procedure, its errors among its findings.
    public static func read(_ text: String, name: String) throws(ImportError) -> Imported {
        try PublishedTableImporter().read(Array(text.utf8), path: name + ".csv", options: ImportOptions(name: name))
    }

    /// Working hours in "0,5 ngày", "04 giờ", "13 ngày làm việc", "2 days",
    /// "30 phút", "1 tuần", "4h" and the other spellings `TableDuration`
    /// reads; nil when it is none of them or says no time.
    public static func duration(_ text: String, workdayHours: Double = 8) -> Double? {
        if case .hours(let h, _)? = TableDuration.read(text, workdayHours: workdayHours) { return h }
        return nil
    }

    /// The kind a task's words suggest (a guess for the reviewer to check).
    public static func guessKind(_ label: String) -> StepKind {
        let l = TableText.nfc(label).lowercased()
        let words = l.split(whereSeparator: { !$0.isLetter })
        func has(_ s: String) -> Bool { l.holds(s) }
        if has("tiếp nhận") || has("receive") || has("intake") { return .intake }
        if has("trả kết quả") || has("return the result") || has("deliver") { return .delivery }
        if has("bổ sung") || has("more documents") || has("additional documents") { return .rework }
        if has("lấy ý kiến") || has("consult") { return .consult }
        if has("thực địa") || has("kiểm tra thực tế") || has("inspect") || has("site visit") { return .field }
        if has("chuyển hồ sơ") || has("chuyển ") && !has("chuyên") || has("transfer") || has("forward") || has("route") { return .handoff }
        if has("vào số") || has("đóng dấu") || has("phát hành") || has("stamp") { return .clerical }
        let signs = words.enumerated().contains { i, w in w == "ký" && (i == 0 || words[i - 1] != "đăng") }
        if signs || has("phê duyệt") || has("xem xét") || has("trình") || has("approve") || has("sign") { return .approval }
        return .work
    }

    /// "Lãnh đạo phòng" → "ldp": the first letters of the words, without
    /// diacritics (đ → d), at most six.
    public static func initials(_ name: String) -> String {
        let folded = name.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .decomposedStringWithCanonicalMapping
        let ascii = String(String.UnicodeScalarView(folded.unicodeScalars.filter { $0.isASCII }))
        let letters = ascii.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).compactMap { $0.first?.lowercased() }
        let id = letters.prefix(6).joined()
        return id.isEmpty || !(id.first!.isLetter) ? "a" + id : id
    }

    static func uniqueID(_ base: String, taken: Set<String>) -> String {
        if !taken.contains(base) { return base }
        var n = 2
        while taken.contains("\(base)\(n)") { n += 1 }
        return "\(base)\(n)"
    }
}
