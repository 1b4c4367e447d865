import FlowcutCore
import FlowcutLanguage
import Foundation
import SwiftCSV

/// The published table of an internal process (step, task, responsible,
/// time), as CSV with Vietnamese or English headers, turned into a workflow
/// whose steps run in the order of the table.
public enum PublishedTable {
    /// Accepted headers, compared without case, spaces or parentheses.
    static let columns: [(key: String, names: [String])] = [
        ("step", ["bước", "step", "stt", "no"]),
        ("task", ["nộidungcôngviệc", "nộidung", "task", "content", "activity"]),
        ("responsible", ["tráchnhiệmthựchiện", "tráchnhiệm", "responsible", "responsibility", "who"]),
        ("time", ["thờigianthựchiện", "thờigian", "time", "duration"]),
    ]

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

    static func normalized(_ header: String) -> String {
        String(header.lowercased().filter { !$0.isWhitespace && $0 != "(" && $0 != ")" && $0 != "\u{FEFF}" })
    }

    public static func read(_ text: String, name: String) throws(ImportError) -> Imported {
        // Quotes first, with their place: SwiftCSV's own error names no
        // line, and it reads a quote never closed as one cell to the end.
        if let problem = quoteProblem(text) { throw ImportError(message: problem) }
        let csv: CSV<Enumerated>
        do { csv = try CSV<Enumerated>(string: text) } catch {
            throw ImportError(message: "this is not a CSV table that can be read: save it again as CSV (UTF-8, comma-separated)")
        }
        var index: [String: Int] = [:]
        for (i, header) in csv.header.enumerated() {
            let h = normalized(header)
            for (key, names) in columns where index[key] == nil && names.contains(h) { index[key] = i }
        }
        guard index["task"] != nil else {
            throw ImportError(message: "the table needs a task column (Nội dung công việc / Task); its headers are: \(csv.header.joined(separator: ", "))")
        }
        var findings: [Diagnostic] = []
        var rows: [Diagnostic.Place] = []
        let timeHeader = index["time"].map { csv.header[$0] }
        var steps: [Step] = []
        var actors: [Actor] = []
        var actorIDs: [String: String] = [:]
        for (r, row) in csv.rows.enumerated() {
            let line = r + 2  // the header is line 1
            func cell(_ key: String) -> String {
                guard let i = index[key], i < row.count else { return "" }
                return row[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let label = cell("task").split(whereSeparator: \.isNewline).joined(separator: " ")
            if label.isEmpty { continue }
            var step = Step(id: "s\(steps.count + 1)", label: label, kind: guessKind(label))
            let who = cell("responsible").split(whereSeparator: \.isNewline).joined(separator: " ")
            if !who.isEmpty {
                if actorIDs[who] == nil {
                    let id = uniqueID(initials(who), taken: Set(actorIDs.values))
                    actorIDs[who] = id
                    actors.append(Actor(id: id, label: who))
                }
                step.actor = actorIDs[who]
            }
            let time = cell("time")
            if time.isEmpty {
                findings.append(
                    Diagnostic(.noTime, "no time for \"\(label)\"; counted as 0 h, fill it in", in: .cell(table: nil, row: line, column: timeHeader)))
            } else {
                guard let hours = duration(time) else {
                    throw ImportError(
                        message: "line \(line): '\(Escape.oneLine(time))' is not a duration; write it like 0,5 ngày, 04 giờ, 13 ngày làm việc or 2 days")
                }
                // What the language cannot say, an import cannot write (found by fuzz.sh).
                guard hours <= maximumDurationHours else {
                    throw ImportError(
                        message:
                            "line \(line): '\(Escape.oneLine(time))' is longer than a step may take: at most 1 000 000 working hours (125 000 days)")
                }
                step.duration = .single(hours)
            }
            steps.append(step)
            rows.append(.cell(table: nil, row: line, column: nil))
        }
        guard !steps.isEmpty else { throw ImportError(message: "the table has no step") }
        let arrows = (0..<(steps.count - 1)).map { Arrow(from: $0, to: $0 + 1) }
        return Imported(workflow: Workflow(name: name, actors: actors, steps: steps, arrows: arrows), findings: findings, elements: rows)
    }

    /// Working hours in "0,5 ngày", "04 giờ", "13 ngày làm việc", "2 days",
    /// "30 phút", "1 tuần", "4h"; nil when it is none of these.
    public static func duration(_ text: String, workdayHours: Double = 8) -> Double? {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        var digits = ""
        var rest = Substring(t)
        while let c = rest.first, c.isNumber || c == "," || c == "." {
            digits.append(c == "," ? "." : c)
            rest = rest.dropFirst()
        }
        guard let value = Double(digits) else { return nil }
        let unit = rest.trimmingCharacters(in: .whitespaces)
        switch unit {
        case "ngày", "ngày làm việc", "ngay", "day", "days", "working day", "working days", "d": return value * workdayHours
        case "giờ", "giờ làm việc", "tiếng", "gio", "hour", "hours", "working hour", "working hours", "h": return value
        case "phút", "phut", "minute", "minutes", "min", "m": return value / 60
        case "tuần", "tuần làm việc", "tuan", "week", "weeks", "w": return value * workdayHours * 5
        default: return nil
        }
    }

    /// The kind a task's words suggest (a guess for the reviewer to check).
    public static func guessKind(_ label: String) -> StepKind {
        let l = label.lowercased()
        let words = l.split(whereSeparator: { !$0.isLetter })
        func has(_ s: String) -> Bool { l.contains(s) }
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
