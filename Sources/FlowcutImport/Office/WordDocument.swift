import FlowcutCore
import Foundation

/// A Word document (.docx) read as its tables, each with the paragraphs
/// written before it: a provincial decision's appendix holds one heading
/// and one table per procedure. Cells spanning columns (`gridSpan`) or
/// rows (`vMerge`) are read as what they show; a table inside a cell
/// gives its text to that cell.
public enum WordDocument {
    /// The tables, in document order, named "table 1", "table 2", … .
    public static func tables(_ bytes: [UInt8], expandedBytes: Int = OfficeArchive.expandedBytes) throws(ImportError) -> [SourceTable] {
        var archive = try OfficeArchive(bytes, kind: "Word document", expandedBytes: expandedBytes)
        guard let data = try archive.part("word/document.xml") else {
            throw ImportError(message: "this ZIP archive is not a Word document: it has no word/document.xml (an .xlsx is read as an Excel workbook)")
        }
        return try read(document: data)
    }

    /// One cell as written: its text, how many grid columns it spans, and
    /// whether it continues the cell above.
    struct Cell {
        var text = ""
        var span = 1
        var continues = false
    }

    /// The tables of `word/document.xml` itself (what the fuzzer feeds).
    public static func read(document data: [UInt8]) throws(ImportError) -> [SourceTable] {
        var tables: [SourceTable] = []
        var paragraphs: [String] = []
        var paragraph = ""
        var depth = 0  // tables open
        var rows: [[Cell]] = []
        var rowSkips: [Int] = []
        var row: [Cell] = []
        var cell = Cell()
        var skip = 0
        var inText = false
        var inCellProperties = false
        var deleted = 0
        var paragraphDepth = 0  // a text box's paragraphs sit inside a paragraph
        var fallback = 0  // mc:Fallback repeats what mc:Choice holds
        do {
            try XMLReader.read(data) { event in
                switch event {
                case .start(let name, let a):
                    switch Workbook.local(name) {
                    case "tbl":
                        depth += 1
                        if depth == 1 {
                            rows = []
                            rowSkips = []
                        }
                    case "tr" where depth == 1:
                        row = []
                        skip = 0
                    case "gridBefore" where depth == 1:
                        skip = a.first { Workbook.local($0.key) == "val" }.flatMap { Int($0.value) } ?? 0
                    case "tc" where depth == 1: cell = Cell()
                    case "tcPr" where depth == 1: inCellProperties = true
                    case "gridSpan" where depth == 1 && inCellProperties:
                        cell.span = max(1, min(a.first { Workbook.local($0.key) == "val" }.flatMap { Int($0.value) } ?? 1, Workbook.maximumColumns))
                    case "vMerge" where depth == 1 && inCellProperties:
                        cell.continues = a.first { Workbook.local($0.key) == "val" }?.value != "restart"
                    case "p":
                        if paragraphDepth == 0 { paragraph = "" }
                        paragraphDepth += 1
                    case "t": inText = deleted == 0 && fallback == 0
                    case "Fallback": fallback += 1
                    case "tab": paragraph += " "
                    case "br", "cr": paragraph += "\n"
                    case "del", "moveFrom": deleted += 1
                    default: break
                    }
                case .end(let name):
                    switch Workbook.local(name) {
                    case "t": inText = false
                    case "del", "moveFrom": deleted -= 1
                    case "Fallback": fallback -= 1
                    case "tcPr": inCellProperties = false
                    case "p":
                        paragraphDepth -= 1
                        guard paragraphDepth == 0 else {
                            paragraph += " "
                            break
                        }
                        if depth == 0 {
                            paragraphs.append(paragraph)
                        } else {
                            cell.text += (cell.text.isEmpty ? "" : "\n") + paragraph
                        }
                        paragraph = ""
                    case "tc" where depth == 1: row.append(cell)
                    case "tr" where depth == 1:
                        rows.append(row)
                        rowSkips.append(skip)
                    case "tbl":
                        if depth == 1 {
                            tables.append(grid(rows, skips: rowSkips, name: "table \(tables.count + 1)", before: paragraphs))
                            paragraphs = []
                        }
                        depth -= 1
                    default: break
                    }
                case .text(let text):
                    if inText { paragraph += text }
                }
            }
        } catch {
            throw ImportError(message: "the Word document is damaged: word/document.xml is not XML that can be read (\(error.located))")
        }
        return tables
    }

    /// The rows laid on the table's grid: a spanning cell's text in every
    /// column it covers, a continuing cell showing the text above it.
    static func grid(_ rows: [[Cell]], skips: [Int], name: String, before: [String]) -> SourceTable {
        var out: [SourceTable.Row] = []
        var above: [String] = []
        for (r, row) in rows.enumerated() {
            var cells: [String] = Array(repeating: "", count: min(skips[r], Workbook.maximumColumns))
            var continued: Set<Int> = []
            for cell in row {
                for _ in 0..<cell.span where cells.count < Workbook.maximumColumns {
                    let column = cells.count
                    if cell.continues {
                        continued.insert(column)
                        cells.append(column < above.count ? above[column] : "")
                    } else {
                        cells.append(cell.text)
                    }
                }
            }
            out.append(SourceTable.Row(number: r + 1, cells: cells, continued: continued))
            above = cells
        }
        return SourceTable(name: name, before: before.map { ProcessTables.clean($0) }.filter { !$0.isEmpty }, rows: out)
    }
}
