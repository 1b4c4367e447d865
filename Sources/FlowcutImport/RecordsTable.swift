import FlowcutCore
import Foundation
import SwiftCSV

/// A table of the department's records: the one-stop system's statistics
/// (report 06a: one row per procedure and period) or the procedure
/// catalogue (code, name, level, deadline, sector), as CSV or one sheet of
/// a workbook (rows of text). docs/records.md lists the headers it knows.
public enum RecordsTable {
    /// What a table gave: its procedures, and every problem found in it
    /// (each bad cell once; the good rows are kept).
    public struct Reading: Sendable {
        public var procedures: [ProcedureRecord]
        public var diagnostics: [Diagnostic]
    }

    /// A column of the records, by what its header says.
    enum Column: Hashable {
        case code, name, level, deadline, sector, year, period
        case receivedOnline, receivedOffline, carriedOver
        case resolvedEarly, resolvedOnTime, resolvedLate, returned
        case openWithinTerm, openLate, waitingForSupplements
        /// A total or an average: what the other columns add up to; not read.
        case total

        /// Columns whose several occurrences add up (in person and by post; returned and withdrawn).
        var adds: Bool { [.receivedOffline, .returned, .waitingForSupplements].contains(self) }
        var isCount: Bool { ![.code, .name, .level, .deadline, .sector, .year, .period, .total].contains(self) }
    }

    /// Lower case, `đ` as `d`, diacritics and punctuation dropped, words
    /// separated by one space: "Đã giải quyết - Trước hạn" → "da giai quyet truoc han".
    static func fold(_ text: String) -> String {
        var out = ""
        var space = true
        for scalar in text.lowercased().replacingOccurrences(of: "đ", with: "d").decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) {
                out.unicodeScalars.append(scalar)
                space = false
            } else if !space {
                out.append(" ")
                space = true
            }
        }
        return out.hasSuffix(" ") ? String(out.dropLast()) : out
    }

    /// What a header (its group above it, if any, and its own text) names.
    static func column(_ header: String) -> Column? {
        let h = " " + fold(header) + " "
        func has(_ phrases: String...) -> Bool { phrases.contains { h.contains(" " + $0 + " ") } }
        if has("tong", "total", "trung binh", "average", "ty le", "rate", "ghi chu", "note", "stt", "no") { return .total }
        if h.hasPrefix(" ma ") || has("code") { return .code }
        if has("muc do", "dich vu cong", "level", "service") { return .level }
        if has("thoi han", "deadline") { return .deadline }
        if has("linh vuc", "sector", "field") { return .sector }
        if has("ten", "thu tuc", "name", "procedure") { return .name }
        if h == " nam " || h == " year " { return .year }
        if has("ky bao cao", "period", "quy", "thang", "quarter", "month") || h == " ky " { return .period }
        if has("ky truoc", "ton", "carried", "chuyen sang", "chuyen qua", "brought forward") { return .carriedOver }
        let open = has("dang", "chua", "open", "pending", "unresolved", "in progress")
        if open {
            if has("qua han", "late", "overdue") { return .openLate }
            if has("bo sung", "supplement", "supplements") { return .waitingForSupplements }
            if has("trong han", "within", "dung han", "on time") { return .openWithinTerm }
        }
        if has("bo sung", "supplement", "supplements") { return .waitingForSupplements }
        if has("truoc han", "early") { return .resolvedEarly }
        if has("dung han", "on time") { return .resolvedOnTime }
        if has("trong han", "within term", "within") { return .openWithinTerm }
        if has("tra lai", "rut", "returned", "withdrawn") { return .returned }
        if has("qua han", "late", "overdue") { return .resolvedLate }
        if has("truc tuyen", "online", "qua mang") { return .receivedOnline }
        if has("buu chinh", "post", "postal", "truc tiep", "in person", "paper", "offline", "giay") { return .receivedOffline }
        return nil
    }

    /// A cell as it shows: NFC, every kind of space and line break one space, trimmed.
    static func clean(_ cell: String) -> String {
        // Most cells are counts: plain ASCII already as it should be.
        var plain = true
        var previous: UInt8 = 0x20
        for byte in cell.utf8 {
            if byte >= 0x80 || byte < 0x20 || byte == 0x7F || (byte == 0x20 && previous == 0x20) {
                plain = false
                break
            }
            previous = byte
        }
        if plain && previous != 0x20 { return cell }
        if cell.isEmpty { return cell }
        var out = ""
        var space = false
        for ch in cell.precomposedStringWithCanonicalMapping {
            if ch.isWhitespace || ch.isNewline || ch == "\u{FEFF}" {
                space = !out.isEmpty
            } else {
                if space { out.append(" ") }
                space = false
                out.append(ch)
            }
        }
        return out
    }

    /// A count: a whole number ≥ 0, digit groups separated by `.`, `,` or
    /// spaces allowed ("1.234"), an empty cell 0; else why not.
    static func count(_ text: String) -> Result<Int, CountProblem> {
        // Most counts: a few ASCII digits.
        if !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return .success(text.utf8.reduce(0) { $0 * 10 + Int($1 - 0x30) })
        }
        let t = text.filter { !$0.isWhitespace }
        if t.isEmpty { return .success(0) }
        var body = Substring(t)
        let negative = body.hasPrefix("-") || body.hasPrefix("−")
        if negative { body = body.dropFirst() }
        let groups = body.split(separator: ".", omittingEmptySubsequences: false).flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let allDigits = groups.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitLike) }
        var value: Int?
        if allDigits && groups.count == 1 {
            value = Int(groups[0])
        } else if allDigits && groups.dropFirst().allSatisfy({ $0.count == 3 }) && groups[0].count <= 3 {
            value = Int(groups.joined())
        } else if allDigits && groups.count == 2 && groups[1].allSatisfy({ $0 == "0" }) {
            value = Int(groups[0])  // "12.0", as a spreadsheet writes a number
        }
        guard let value else { return .failure(.notANumber) }
        if negative && value > 0 { return .failure(.negative) }
        return .success(value)
    }

    enum CountProblem: Error { case notANumber, negative }

    /// A period: its year and, inside the year, its order (0 the whole
    /// year; a quarter 3, 6, 9, 12 as its last month; a month 1…12).
    static func period(_ text: String) -> (year: Int, order: Int)? {
        let words = fold(text).split(separator: " ").map(String.init)
        guard let year = words.compactMap({ Int($0) }).first(where: { (1990...2100).contains($0) }) else {
            // "2024-Q1", "Q1/2024" fold to words with the year glued: look inside.
            let digits = text.split { !$0.isASCIIDigitLike }.compactMap { Int($0) }
            guard let y = digits.first(where: { (1990...2100).contains($0) }) else { return nil }
            return (y, order(words: words, numbers: digits.filter { $0 != y }))
        }
        let numbers = words.compactMap { Int($0) }.filter { $0 != year }
        return (year, order(words: words, numbers: numbers))
    }

    private static func order(words: [String], numbers: [Int]) -> Int {
        let roman = ["i": 1, "ii": 2, "iii": 3, "iv": 4]
        for (i, w) in words.enumerated() {
            if w == "quy" || w == "quarter" || w == "q", i + 1 < words.count {
                if let q = Int(words[i + 1]) ?? roman[words[i + 1]], (1...4).contains(q) { return q * 3 }
            }
            if w.count == 2, w.hasPrefix("q"), let q = Int(w.dropFirst()), (1...4).contains(q) { return q * 3 }
            if w.hasPrefix("q"), w.count > 2, let q = Int(w.dropFirst().prefix(1)), (1...4).contains(q) { return q * 3 }
        }
        if let m = numbers.first, (1...12).contains(m) { return m }
        return 0
    }

    /// A service level as catalogues write it ("Toàn trình", "Một phần",
    /// "Mức độ 4", "DVC trực tuyến mức độ 3", "Không"); `known` is false
    /// for a text that names none (an empty cell is known and names none).
    static func serviceLevel(_ text: String) -> (known: Bool, level: ServiceLevel?) {
        let h = " " + fold(text) + " "
        if h == "  " { return (true, nil) }
        func has(_ p: String...) -> Bool { p.contains { h.contains(" " + $0 + " ") } }
        if has("toan trinh", "full") { return (true, .full) }
        if has("mot phan", "partial") { return (true, .partial) }
        if has("4") { return (true, .level4) }
        if has("3") { return (true, .level3) }
        if has("2") { return (true, .level2) }
        if has("khong", "none", "no", "1") { return (true, ServiceLevel.none) }
        return (false, nil)
    }

    /// "10", "10 ngày làm việc", "0,5 ngày": a number of days.
    static func days(_ text: String) -> Double? {
        let t = clean(text)
        let number = t.prefix { $0.isASCIIDigitLike || $0 == "," || $0 == "." }
        guard !number.isEmpty else { return nil }
        return Double(number.replacingOccurrences(of: ",", with: "."))
    }

    /// The separator of a CSV text: of `,`, `;` and tab, the one seen most
    /// outside quotes in its first lines (a comma when none is). SwiftCSV
    /// guesses too, but trims the whole text to do it.
    static func delimiter(of text: String) -> CSVDelimiter {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
        var inQuotes = false
        var lines = 0
        for byte in text.utf8 {
            if byte == 0x22 { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == 0x0A {
                lines += 1
                if lines == 5 { break }
            }
            if counts[byte] != nil { counts[byte]! += 1 }
        }
        let best = [UInt8(0x2C), 0x3B, 0x09].max { counts[$0]! < counts[$1]! }!
        return counts[best]! == 0 ? .comma : (best == 0x2C ? .comma : best == 0x3B ? .semicolon : .tab)
    }

    /// Reads a CSV file of records (comma, semicolon or tab separated).
    public static func read(csv text: String, path: String) -> Reading {
        let separator = delimiter(of: text)
        if let problem = PublishedTable.quoteProblem(text, separator: separator.rawValue) {
            return Reading(procedures: [], diagnostics: [Diagnostic(.recordsUnreadable, problem, in: .file)])
        }
        guard let csv = try? CSV<Enumerated>(string: text, delimiter: separator, loadColumns: false) else {
            return Reading(
                procedures: [],
                diagnostics: [
                    Diagnostic(
                        .recordsUnreadable, "this is not a CSV table that can be read: save it again as CSV (UTF-8)", in: .file
                    )
                ])
        }
        return read(rows: [csv.header] + csv.rows, table: nil, path: path)
    }

    /// Reads the rows of one table (a CSV file's, a sheet's): finds the
    /// header under any title rows, one or two rows high (a group such as
    /// "Đã giải quyết" above "Trước hạn | Đúng hạn | Quá hạn"), then every
    /// row with a procedure code.
    public static func read(rows raw: [[String]], table: String?, path: String) -> Reading {
        // Names and periods repeat in every year's row: each distinct cell cleaned once.
        var cleaned: [String: String] = [:]
        let rows = raw.map { row in
            row.map { cell -> String in
                if cell.utf8.count < 16, cell.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return cell }
                if let known = cleaned[cell] { return known }
                let c = clean(cell)
                cleaned[cell] = c
                return c
            }
        }
        var diagnostics: [Diagnostic] = []
        func place(_ row: Int, _ column: String?) -> Diagnostic.Place { .cell(table: table, row: row + 1, column: column) }
        // The header: the first of the first 30 rows with a code column.
        guard let headerRow = rows.prefix(30).firstIndex(where: { $0.contains { column($0) == .code } }) else {
            let shown = rows.first.map { $0.filter { !$0.isEmpty }.prefix(8).joined(separator: ", ") } ?? ""
            diagnostics.append(
                Diagnostic(
                    .recordsWithoutCode,
                    "no row of this table has a procedure code column (Mã TTHC / Code), so none of it can be joined to a procedure"
                        + (shown.isEmpty ? "" : "; its first row is: \(shown)"),
                    in: place(0, nil)))
            return Reading(procedures: [], diagnostics: diagnostics)
        }
        let top = rows[headerRow]
        let width = rows.map(\.count).max() ?? 0
        // A second header row: below the first, no code in it, and
        // headers the first row's groups need.
        var labels = (0..<width).map { $0 < top.count ? top[$0] : "" }
        var firstData = headerRow + 1
        let codeColumn = labels.firstIndex { column($0) == .code }!
        if headerRow + 1 < rows.count {
            let below = rows[headerRow + 1]
            let cell = codeColumn < below.count ? below[codeColumn] : ""
            let named = below.filter { !$0.isEmpty && column($0) != nil }.count
            if ProcedureCode(cell) == nil && named >= 2 {
                var group = ""
                for j in 0..<width {
                    if !labels[j].isEmpty { group = labels[j] }
                    let sub = j < below.count ? below[j] : ""
                    // A header merged down both rows shows its text twice: once is enough.
                    if !sub.isEmpty && sub != labels[j] { labels[j] = group + " " + sub }
                }
                firstData = headerRow + 2
            }
        }
        // Each column's meaning; a bare "Quá hạn" twice is, as in 06a, resolved late then open late.
        var columns: [Column?] = Array(repeating: nil, count: width)
        var taken: [Column: Int] = [:]
        for (j, label) in labels.enumerated() where !label.isEmpty {
            guard var c = column(label) else {
                diagnostics.append(
                    Diagnostic(
                        .recordsColumnNotRead, "the column '\(label)' is not one flowcut reads (docs/records.md lists them); it is left out",
                        in: place(headerRow, label)))
                continue
            }
            if c == .resolvedLate, taken[.resolvedLate] != nil, taken[.openLate] == nil { c = .openLate }
            if c == .total { continue }
            if let first = taken[c], !c.adds {
                diagnostics.append(
                    Diagnostic(
                        .recordsColumnNotRead,
                        "the column '\(label)' says the same as the column '\(labels[first])' before it; only the first is read", in: place(headerRow, label)))
                continue
            }
            taken[c] = taken[c] ?? j
            columns[j] = c
        }
        let hasPeriod = taken[.year] != nil || taken[.period] != nil
        let countColumns = columns.indices.filter { columns[$0]?.isCount == true }
        if !hasPeriod && !countColumns.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .recordsWithoutPeriod, "this table has dossier counts but no year or period column (Năm / Kỳ báo cáo), so they cannot be counted",
                    in: place(headerRow, nil)))
        }

        struct Row {
            var code: ProcedureCode
            var year: Int?
            var order: Int
            var counts: PeriodCounts
            var name, sector: String?
            var service: ServiceLevel?
            var deadlineDays: Double?
            var row: Int
        }
        var read: [Row] = []
        // A table repeats a handful of periods in every row: each read once.
        var periods: [String: (year: Int, order: Int)?] = [:]
        func periodOf(_ text: String) -> (year: Int, order: Int)? {
            if let known = periods[text] { return known }
            let p = period(text)
            periods[text] = .some(p)
            return p
        }
        for r in firstData..<rows.count {
            let cells = rows[r]
            func cell(_ j: Int) -> String { j < cells.count ? cells[j] : "" }
            if cells.allSatisfy(\.isEmpty) { continue }
            let codeText = cell(codeColumn)
            guard !codeText.isEmpty else { continue }  // a title, part or total row
            guard let code = ProcedureCode(codeText) else {
                let folded = fold(codeText)
                if folded.hasPrefix("tong") || folded.hasPrefix("total") || folded.hasPrefix("cong") { continue }
                diagnostics.append(
                    Diagnostic(
                        .recordsBadCode,
                        "'\(codeText)' is not a procedure code: a code looks like 1.001806 (also written 1.001806.000.00.00.H12 or 1001806); the row is left out",
                        in: place(r, labels[codeColumn])))
                continue
            }
            var row = Row(code: code, year: nil, order: 0, counts: PeriodCounts(), row: r)
            var bad = false
            if hasPeriod {
                let yearText = taken[.year].map(cell) ?? ""
                let periodText = taken[.period].map(cell) ?? ""
                let y = periodOf(yearText) ?? periodOf(periodText)
                let order = taken[.period] != nil ? (periodOf(periodText)?.order ?? 0) : 0
                if let y {
                    row.year = y.year
                    row.order = order
                } else {
                    let j = taken[.year] ?? taken[.period]!
                    let shown = cell(j)
                    diagnostics.append(
                        Diagnostic(
                            .recordsWithoutPeriod,
                            (shown.isEmpty ? "this row has no year" : "'\(shown)' is not a year or a period such as 2024, Quý 1/2024 or 03/2024")
                                + "; the row's counts are left out", in: place(r, labels[j])))
                    bad = true
                }
            }
            for j in countColumns {
                switch count(cell(j)) {
                case .success(let n):
                    switch columns[j]! {
                    case .receivedOnline: row.counts.receivedOnline += n
                    case .receivedOffline: row.counts.receivedOffline += n
                    case .carriedOver: row.counts.carriedOver += n
                    case .resolvedEarly: row.counts.resolvedEarly += n
                    case .resolvedOnTime, .returned: row.counts.resolvedOnTime += n
                    case .resolvedLate: row.counts.resolvedLate += n
                    case .openWithinTerm, .waitingForSupplements: row.counts.openWithinTerm += n
                    case .openLate: row.counts.openLate += n
                    default: break
                    }
                case .failure(let problem):
                    bad = true
                    let what = problem == .negative ? "is negative" : "is not a whole number"
                    diagnostics.append(
                        Diagnostic(
                            .recordsBadCount, "'\(cell(j))' \(what): a count of dossiers is a whole number, 0 or more; the row's counts are left out",
                            in: place(r, labels[j])))
                }
            }
            if let j = taken[.name], !cell(j).isEmpty { row.name = cell(j) }
            if let j = taken[.sector], !cell(j).isEmpty { row.sector = cell(j) }
            if let j = taken[.level] {
                let level = serviceLevel(cell(j))
                row.service = level.level
                if !level.known {
                    diagnostics.append(
                        Diagnostic(
                            .recordsColumnNotRead,
                            "'\(cell(j))' is not a service level flowcut knows (Toàn trình, Một phần, Mức độ 2/3/4, Không); the level is left out",
                            in: place(r, labels[j])))
                }
            }
            if let j = taken[.deadline], !cell(j).isEmpty {
                if let d = days(cell(j)) {
                    row.deadlineDays = d
                } else {
                    diagnostics.append(
                        Diagnostic(
                            .recordsColumnNotRead, "'\(cell(j))' is not a number of days; the deadline is left out", in: place(r, labels[j])))
                }
            }
            if bad {
                row.year = nil  // the catalogue part of the row still counts
            } else if row.year != nil, row.counts.hasResolution, row.counts.toHandle != row.counts.accountedFor {
                diagnostics.append(
                    Diagnostic(
                        .recordsUnbalanced,
                        "received and carried over make \(row.counts.toHandle) dossiers, resolved and still open make \(row.counts.accountedFor); check the row (its counts are used as written)",
                        in: place(r, nil)))
            }
            read.append(row)
        }
        // One record per code: the catalogue's fields from the first row
        // that has them, each period once, periods summed to years in order.
        var byCode: [ProcedureCode: [Row]] = [:]
        var order: [ProcedureCode] = []
        for row in read {
            if byCode[row.code] == nil { order.append(row.code) }
            byCode[row.code, default: []].append(row)
        }
        var procedures: [ProcedureRecord] = []
        for code in order {
            let rowsOfCode = byCode[code]!
            var record = ProcedureRecord(code: code, source: path)
            record.name = rowsOfCode.lazy.compactMap(\.name).first
            record.sector = rowsOfCode.lazy.compactMap(\.sector).first
            record.service = rowsOfCode.lazy.compactMap(\.service).first
            record.deadlineDays = rowsOfCode.lazy.compactMap(\.deadlineDays).first
            var periods: [Int: [(order: Int, counts: PeriodCounts, row: Int)]] = [:]
            for row in rowsOfCode {
                guard let year = row.year else { continue }
                if let same = periods[year]?.first(where: { $0.order == row.order || $0.order == 0 || row.order == 0 }) {
                    diagnostics.append(
                        Diagnostic(
                            .recordsPeriodTwice,
                            "\(code) is counted for \(year) again (row \(same.row + 1) counts it already\(same.order == row.order ? "" : " for the whole year or a period of it")); this row is left out",
                            in: place(row.row, nil)))
                    continue
                }
                periods[year, default: []].append((row.order, row.counts, row.row))
            }
            record.years = periods.keys.sorted().map { year in
                (year, PeriodCounts.year(periods[year]!.sorted { $0.order < $1.order }.map(\.counts)))
            }
            procedures.append(record)
        }
        return Reading(procedures: procedures, diagnostics: diagnostics)
    }

    /// Several tables' procedures as one set of records: a code in two
    /// tables (the catalogue in one, statistics in another) is one
    /// procedure; a year counted in both is an error, the first kept.
    public static func merge(_ readings: [(path: String, procedures: [ProcedureRecord])]) -> (records: Records, diagnostics: [(path: String, Diagnostic)]) {
        var byCode: [ProcedureCode: ProcedureRecord] = [:]
        var problems: [(String, Diagnostic)] = []
        for (path, procedures) in readings {
            for p in procedures {
                guard var known = byCode[p.code] else {
                    byCode[p.code] = p
                    continue
                }
                known.name = known.name ?? p.name
                known.sector = known.sector ?? p.sector
                known.service = known.service ?? p.service
                known.deadlineDays = known.deadlineDays ?? p.deadlineDays
                for (year, counts) in p.years {
                    if known.years.contains(where: { $0.year == year }) {
                        problems.append(
                            (
                                path,
                                Diagnostic(
                                    .recordsPeriodTwice, "\(p.code) is counted for \(year) in \(known.source) already; this table's \(year) is left out",
                                    in: .file)
                            ))
                    } else {
                        known.years.append((year, counts))
                    }
                }
                known.years.sort { $0.year < $1.year }
                byCode[p.code] = known
            }
        }
        return (Records(procedures: Array(byCode.values)), problems)
    }
}

extension Character {
    /// 0–9 only (not other scripts' digits).
    var isASCIIDigitLike: Bool { isASCII && isNumber }
}
