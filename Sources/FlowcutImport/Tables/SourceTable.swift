import FlowcutCore

/// A table as a document shows it, whatever the file: a CSV file, a sheet
/// of a workbook, a table of a Word document. Merged cells are already
/// read as what they show: a cell spanning columns or rows gives its text
/// to every place it covers.
public struct SourceTable: Sendable {
    /// Where it is, for messages: nil for a CSV file, "sheet 'Quy trình'", "table 3".
    public var name: String?
    /// The text before the table since the previous one (paragraphs of a
    /// document), where the procedure's name, code and total are written.
    public var before: [String]
    public var rows: [Row]

    public struct Row: Sendable {
        /// 1-based, as the reader counts rows in this file or table.
        public var number: Int
        public var cells: [String]
        /// Columns whose cell continues the one above (a vertical merge):
        /// the text shown is the above cell's.
        public var continued: Set<Int>

        public init(number: Int, cells: [String], continued: Set<Int> = []) {
            self.number = number
            self.cells = cells
            self.continued = continued
        }
    }

    /// Every row from the first to the last, a missing one empty: row
    /// `n` at index `n - 1` (how `RecordsTable` counts rows).
    public var denseRows: [[String]] {
        var out: [[String]] = []
        for row in rows where row.number >= 1 {
            while out.count < row.number - 1 { out.append([]) }
            out.append(row.cells)
        }
        return out
    }

    public init(name: String?, before: [String] = [], rows: [Row]) {
        self.name = name
        self.before = before
        self.rows = rows
    }
}

/// One procedure found in a document: its process, and what the text
/// around its table said about it.
public struct ImportedProcedure: Sendable {
    public var imported: Imported
    /// The table it came from, for messages (nil for a CSV file).
    public var table: String?
    /// The row of its header.
    public var headerRow: Int
    /// Errors in its cells: when any, the procedure is not written.
    public var errors: [Diagnostic]

    public var isWritable: Bool { errors.isEmpty }
}

/// What a document holds: its procedures in document order, and findings
/// about the document as a whole (no table found, a table without a task column).
public struct ImportedDocument: Sendable {
    public var procedures: [ImportedProcedure] = []
    public var findings: [Diagnostic] = []

    public init(procedures: [ImportedProcedure] = [], findings: [Diagnostic] = []) {
        self.procedures = procedures
        self.findings = findings
    }
}
