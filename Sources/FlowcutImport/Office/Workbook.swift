import FlowcutCore
import Foundation

/// An Excel workbook (.xlsx) read as its sheets' tables: shared and inline
/// strings, numbers as written, merged ranges read as what they show.
/// Columns past `maximumColumns` are not read (no process or statistics
/// table comes near).
public enum Workbook {
    public static let maximumColumns = 512

    /// Every sheet, in the workbook's order, as a table named "sheet 'NAME'".
    public static func sheets(_ bytes: [UInt8], expandedBytes: Int = OfficeArchive.expandedBytes) throws(ImportError) -> [SourceTable] {
        var archive = try OfficeArchive(bytes, kind: "Excel workbook", expandedBytes: expandedBytes)
        guard let workbook = try archive.part("xl/workbook.xml") else {
            throw ImportError(message: "this ZIP archive is not an Excel workbook: it has no xl/workbook.xml (a .docx is read as a Word document)")
        }
        var sheets: [(name: String, id: String)] = []
        try parse(workbook, part: "xl/workbook.xml") { event in
            if case .start(let name, let attributes) = event, local(name) == "sheet" {
                let id = attributes.first { local($0.key) == "id" && $0.key.contains(":") }?.value ?? ""
                sheets.append((attributes["name"] ?? "sheet \(sheets.count + 1)", id))
            }
        }
        var targets: [String: String] = [:]
        if let rels = try archive.part("xl/_rels/workbook.xml.rels") {
            try parse(rels, part: "xl/_rels/workbook.xml.rels") { event in
                if case .start(let name, let a) = event, local(name) == "Relationship", let id = a["Id"], let target = a["Target"] {
                    targets[id] = OfficeArchive.resolve(target, from: "xl/workbook.xml")
                }
            }
        }
        let strings = try sharedStrings(&archive)
        var tables: [SourceTable] = []
        for (i, sheet) in sheets.enumerated() {
            let path = targets[sheet.id] ?? "xl/worksheets/sheet\(i + 1).xml"
            guard let data = try archive.part(path) else { continue }
            tables.append(try read(sheet: data, part: path, name: "sheet '\(sheet.name)'", strings: strings))
        }
        return tables
    }

    static func local(_ name: String) -> String {
        name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
    }

    static func parse(_ bytes: [UInt8], part: String, _ handle: (XMLReader.Event) throws(XMLReader.Problem) -> Void) throws(ImportError) {
        do { try XMLReader.read(bytes, handle) } catch {
            throw ImportError(message: "the file is damaged: its part \(part) is not XML that can be read (\(error.located))")
        }
    }

    static func sharedStrings(_ archive: inout OfficeArchive) throws(ImportError) -> [String] {
        guard let data = try archive.part("xl/sharedStrings.xml") else { return [] }
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        try parse(data, part: "xl/sharedStrings.xml") { event in
            switch event {
            case .start(let name, _):
                switch local(name) {
                case "si": current = ""
                case "t": inText = phonetic == 0
                case "rPh": phonetic += 1
                default: break
                }
            case .end(let name):
                switch local(name) {
                case "si": strings.append(current)
                case "t": inText = false
                case "rPh": phonetic -= 1
                default: break
                }
            case .text(let text):
                if inText { current += text }
            }
        }
        return strings
    }

    /// "AB12" → (column 28, row 12), 1-based.
    static func reference(_ ref: String) -> (column: Int, row: Int)? {
        var column = 0
        var row = 0
        var digits = false
        for byte in ref.utf8 {
            switch byte {
            case 0x41...0x5A where !digits: column = column * 26 + Int(byte - 0x40)
            case 0x61...0x7A where !digits: column = column * 26 + Int(byte - 0x60)
            case 0x30...0x39:
                digits = true
                row = row * 10 + Int(byte - 0x30)
            default: return nil
            }
            if column > 16_384 || row > 1_048_576 { return nil }
        }
        return column > 0 && row > 0 ? (column, row) : nil
    }

    /// One sheet's XML read as a table (what the fuzzer feeds besides whole workbooks).
    public static func read(sheet data: [UInt8], part: String, name: String, strings: [String]) throws(ImportError) -> SourceTable {
        var cells: [Int: [Int: String]] = [:]
        var merges: [(first: (column: Int, row: Int), last: (column: Int, row: Int))] = []
        var cell: (column: Int, row: Int, type: String)?
        var value = ""
        var inValue = false
        var nextRow = 1
        var nextColumn = 1
        try parse(data, part: part) { event in
            switch event {
            case .start(let element, let a):
                switch local(element) {
                case "row":
                    if let r = a["r"].flatMap(Int.init), r > 0 { nextRow = r }
                    nextColumn = 1
                case "c":
                    let at = a["r"].flatMap(reference) ?? (nextColumn, nextRow)
                    cell = (at.column, at.row, a["t"] ?? "n")
                    nextColumn = at.column + 1
                    value = ""
                case "v", "t": inValue = cell != nil
                case "mergeCell":
                    let ends = (a["ref"] ?? "").split(separator: ":").compactMap { reference(String($0)) }
                    if ends.count == 2 { merges.append((ends[0], ends[1])) }
                default: break
                }
            case .end(let element):
                switch local(element) {
                case "v", "t": inValue = false
                case "c":
                    if let c = cell, c.column <= maximumColumns {
                        let text: String
                        switch c.type {
                        case "s": text = Int(value.trimmingCharacters(in: .whitespaces)).flatMap { $0 >= 0 && $0 < strings.count ? strings[$0] : nil } ?? ""
                        case "b": text = value == "1" ? "TRUE" : "FALSE"
                        case "n": text = number(value)
                        default: text = value
                        }
                        if !text.isEmpty { cells[c.row, default: [:]][c.column] = text }
                    }
                    cell = nil
                case "row": nextRow += 1
                default: break
                }
            case .text(let text):
                if inValue { value += text }
            }
        }
        // Merged ranges show the first cell's text everywhere they cover.
        var continued: [Int: Set<Int>] = [:]
        var covered = 0
        for m in merges {
            let rows = min(m.first.row, m.last.row)...max(m.first.row, m.last.row)
            let columns = min(m.first.column, m.last.column)...min(max(m.first.column, m.last.column), maximumColumns)
            guard columns.lowerBound <= maximumColumns else { continue }
            covered += rows.count * columns.count
            guard covered <= 4_000_000 else { break }
            let text = cells[rows.lowerBound]?[columns.lowerBound] ?? ""
            for r in rows {
                for c in columns {
                    if !text.isEmpty { cells[r, default: [:]][c] = text }
                    if r > rows.lowerBound { continued[r, default: []].insert(c - 1) }
                }
            }
        }
        let rows = cells.keys.sorted().map { r -> SourceTable.Row in
            let row = cells[r]!
            let width = row.keys.max() ?? 0
            return SourceTable.Row(number: r, cells: (1...max(width, 1)).map { row[$0] ?? "" }, continued: continued[r] ?? [])
        }
        return SourceTable(name: name, rows: rows)
    }

    /// A number as a person wrote it: "10" stays "10"; "1.5E-2" becomes "0.015".
    static func number(_ value: String) -> String {
        let v = value.trimmingCharacters(in: .whitespaces)
        guard v.contains(where: { $0 == "E" || $0 == "e" }), let d = Double(v), d.isFinite else { return v }
        return plainDecimal(d)
    }
}
