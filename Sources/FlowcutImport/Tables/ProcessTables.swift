import FlowcutCore
import FlowcutLanguage
import Foundation

/// Finds the process tables in a document's tables and turns each into a
/// procedure: the header row by its words (docs/import.md lists them),
/// title, part and total rows told from step rows, every bad cell
/// reported, and the procedure's name, code and declared total taken
/// from the text before its table.
public enum ProcessTables {
    /// What a header cell names.
    enum Column: Hashable { case step, task, responsible, time }

    /// A header cell folded for comparison: lower case, NFC, without spaces,
    /// brackets and punctuation.
    static func fold(_ text: String) -> String {
        // `plain` has made every space one U+0020.
        var out = String.UnicodeScalarView()
        for scalar in TableDuration.plain(text).unicodeScalars where !dropped.contains(scalar) { out.append(scalar) }
        return String(out)
    }

    static let dropped = Set(" ()[]/\\,.:;-–_*#".unicodeScalars)
    static let stepHeaders: Set<String> = [
        "bước", "cácbước", "thứtựcôngviệc", "thứtự", "trìnhtựcácbước", "trìnhtự", "trìnhtựthựchiện", "stt", "tt", "step", "no", "nr",
    ]
    static let timeHeaders: Set<String> = ["time", "duration", "hours", "days"]
    static let taskHeaders: Set<String> = ["côngviệc", "têncôngviệc", "task", "tasks", "content", "activity", "description"]
    static let responsibleHeaders: Set<String> = ["responsible", "responsibility", "who", "actor", "performer", "unit", "role"]

    /// The column a header names, or nil for one flowcut does not read (Kết quả, Ghi chú, Biểu mẫu).
    static func column(_ header: String) -> Column? {
        let f = fold(header)
        if f.isEmpty { return nil }
        if stepHeaders.contains(f) { return .step }
        if f.hasPrefix("thờigian") || f.hasPrefix("thờihạn") || timeHeaders.contains(f) || f.hasPrefix("timeh")
            || f.hasPrefix("timed") || f.hasPrefix("durationh") || f.hasPrefix("durationd")
        {
            return .time
        }
        if f.hasPrefix("nộidung") || taskHeaders.contains(f) { return .task }
        if f.hasPrefix("tráchnhiệm") || f.holds("thựchiện") || f.holds("xửlý") || f.hasPrefix("đơnvị") || f.hasPrefix("bộphận")
            || f.hasPrefix("người") || f.hasPrefix("cánhân") || f.hasPrefix("phòng") || f == "chủtrì"
            || responsibleHeaders.contains(f)
        {
            return .responsible
        }
        return nil
    }

    /// The header's columns when `cells` is a process table's header: a
    /// task column and at least one other.
    static func header(_ cells: [String]) -> [Column: Int]? {
        var found: [Column: Int] = [:]
        for (i, cell) in cells.enumerated() {
            if let c = column(cell), found[c] == nil { found[c] = i }
        }
        guard found[.task] != nil, found.count >= 2 else { return nil }
        return found
    }

    /// Every process table of `tables`, in order. `fileName` names
    /// procedures whose text gives no name.
    public static func read(_ tables: [SourceTable], fileName: String, workdayHours: Double = 8) -> ImportedDocument {
        var document = ImportedDocument()
        var carried: [String] = []  // text since the last process table, across non-process tables
        var sawTable = false
        for table in tables {
            sawTable = sawTable || !table.rows.isEmpty
            let headers = table.rows.indices.compactMap { i in header(table.rows[i].cells).map { (i, $0) } }
            guard !headers.isEmpty else {
                carried += table.before + table.rows.map { line(of: $0.cells) }.filter { !$0.isEmpty }
                continue
            }
            var before = carried + table.before + table.rows[..<headers[0].0].map { line(of: $0.cells) }.filter { !$0.isEmpty }
            carried = []
            for (k, (h, columns)) in headers.enumerated() {
                let end = k + 1 < headers.count ? headers[k + 1].0 : table.rows.count
                var body = Array(table.rows[(h + 1)..<end])
                // Title rows of the next table belong to it, not to this one.
                var next: [String] = []
                if k + 1 < headers.count {
                    while let last = body.last, !isStep(last, columns) {
                        next.insert(line(of: last.cells), at: 0)
                        body.removeLast()
                    }
                }
                let found = procedure(
                    table: table.name, header: table.rows[h], columns: columns, body: body, before: before, fileName: fileName,
                    number: document.procedures.count + 1, workdayHours: workdayHours)
                document.procedures.append(found)
                before = next.filter { !$0.isEmpty }
            }
        }
        if document.procedures.isEmpty {
            document.findings.append(
                Diagnostic(
                    .noProcessTable,
                    sawTable
                        ? "no process table found: no table has a header with a task column (Nội dung công việc / Task) and a time, responsible or step column"
                        : "no table found: a process is imported from a table with the columns Bước, Nội dung công việc, Trách nhiệm thực hiện, Thời gian thực hiện",
                    in: .file))
        }
        return document
    }

    /// A row's text, its distinct cells joined: how a title or part row reads.
    static func line(of cells: [String]) -> String {
        var seen: [String] = []
        for cell in cells {
            let t = clean(cell)
            if !t.isEmpty && !seen.contains(t) { seen.append(t) }
        }
        return seen.joined(separator: " ")
    }

    /// NFC, every space and line break one plain space, trimmed; case kept.
    static func clean(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in TableText.nfc(text).unicodeScalars {
            if TableText.isSpace(scalar) {
                space = !out.isEmpty
                continue
            }
            if space { out.unicodeScalars.append(" ") }
            space = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    static func cell(_ row: SourceTable.Row, _ column: Int?) -> String {
        guard let column, column < row.cells.count else { return "" }
        return clean(row.cells[column])
    }

    /// A step row names a task in its own cell (not a heading merged across the row).
    static func isStep(_ row: SourceTable.Row, _ columns: [Column: Int]) -> Bool {
        let task = cell(row, columns[.task])
        guard !task.isEmpty, !isTotal(row) else { return false }
        let repeated = row.cells.indices.filter { $0 != columns[.task] && clean(row.cells[$0]) == task }
        return repeated.isEmpty
    }

    static func isTotal(_ row: SourceTable.Row) -> Bool {
        guard let first = row.cells.map(clean).first(where: { !$0.isEmpty }) else { return false }
        let f = TableDuration.plain(first)
        return f.hasPrefix("tổng") || f.hasPrefix("cộng") || f.hasPrefix("total")
    }

    // MARK: One procedure

    static func procedure(
        table: String?, header: SourceTable.Row, columns: [Column: Int], body: [SourceTable.Row], before: [String], fileName: String,
        number: Int, workdayHours: Double
    ) -> ImportedProcedure {
        var findings: [Diagnostic] = []
        var errors: [Diagnostic] = []
        let headerText = { (c: Column) in columns[c].map { clean(header.cells[$0]) } }
        let place = { (row: Int, c: Column?) in Diagnostic.Place.cell(table: table, row: row, column: c.flatMap(headerText)) }
        let unit: TableDuration.HeaderUnit? = {
            guard let t = headerText(.time).map(TableDuration.plain) else { return nil }
            if t.holds("ngày") || t.holds("day") { return .days }
            if t.holds("giờ") || t.holds("hour") { return .hours }
            return nil
        }()
        if columns[.responsible] == nil {
            findings.append(
                Diagnostic(
                    .noActorColumn,
                    "no responsible column (Trách nhiệm thực hiện / Đơn vị thực hiện / Responsible): the steps have no actor; the headers are: "
                        + header.cells.map(clean).filter { !$0.isEmpty }.joined(separator: ", "),
                    in: place(header.number, nil)))
        }
        if columns[.time] == nil {
            findings.append(
                Diagnostic(
                    .noTime, "no time column (Thời gian thực hiện / Thời hạn / Time): every step is counted as 0 h", in: place(header.number, nil)))
        }
        var steps: [Step] = []
        var rows: [Diagnostic.Place] = []
        var actors: [Actor] = []
        var actorIDs: [String: String] = [:]
        var part: (text: String, row: Int, total: Double?, first: Int)?
        var declared: (hours: Double, text: String, place: Diagnostic.Place)?
        func closePart() {
            guard let p = part, let total = p.total else { return }
            let sum = steps[p.first...].reduce(0) { $0 + $1.duration.mean }
            if abs(sum - total) > 1e-6 {
                findings.append(
                    Diagnostic(
                        .totalDisagrees,
                        "the part '\(p.text)' declares \(hoursAndDays(total, workdayHours)); its steps add up to \(hoursAndDays(sum, workdayHours))",
                        in: place(p.row, nil)))
            }
        }
        for row in body {
            let texts = row.cells.map(clean)
            if texts.allSatisfy(\.isEmpty) { continue }
            if isTotal(row) {
                if declared == nil {
                    let text = line(of: Array(row.cells.dropFirst()))
                    if let hours = durationIn(text.isEmpty ? texts.first { !$0.isEmpty }! : text, workdayHours: workdayHours) {
                        declared = (hours, text, place(row.number, nil))
                    }
                }
                continue
            }
            guard isStep(row, columns) else {
                let text = line(of: row.cells)
                if text.contains(where: \.isLetter) {
                    closePart()
                    part = (text, row.number, durationIn(text, workdayHours: workdayHours), steps.count)
                }
                continue
            }
            let label = cell(row, columns[.task])
            var step = Step(id: "s\(steps.count + 1)", label: label, kind: PublishedTable.guessKind(label))
            if let p = part { step.note = p.text }
            let who = cell(row, columns[.responsible])
            if !who.isEmpty {
                if actorIDs[who] == nil {
                    let id = PublishedTable.uniqueID(PublishedTable.initials(who), taken: Set(actorIDs.values))
                    actorIDs[who] = id
                    actors.append(Actor(id: id, label: who))
                }
                step.actor = actorIDs[who]
            }
            if let t = columns[.time] {
                let raw = t < row.cells.count ? row.cells[t] : ""
                if row.continued.contains(t) {
                    findings.append(
                        Diagnostic(
                            .sharedTimeCell, "the time cell is merged with the row above: its time is counted once, on the first row of the merge",
                            in: place(row.number, .time)))
                } else if clean(raw).isEmpty {
                    findings.append(Diagnostic(.noTime, "no time for \"\(label)\"; counted as 0 h, fill it in", in: place(row.number, .time)))
                } else {
                    switch TableDuration.read(raw, workdayHours: workdayHours, unit: unit) {
                    case nil:
                        errors.append(Diagnostic(.cellNotADuration, notADuration(raw), in: place(row.number, .time)))
                    case .notCounted?:
                        step.kind = .delivery
                    case .notSet?:
                        findings.append(
                            Diagnostic(
                                .noTimeSet, "'\(clean(raw))': the decision sets no time for \"\(label)\"; counted as 0 h", in: place(row.number, .time)))
                    case .hours(let hours, let caveat)?:
                        guard hours <= maximumDurationHours else {
                            errors.append(
                                Diagnostic(
                                    .cellDurationTooLong,
                                    "'\(Escape.oneLine(clean(raw)))' is longer than a step may take: at most 1,000,000 working hours (125,000 days)",
                                    in: place(row.number, .time)))
                            break
                        }
                        step.duration = .single(hours)
                        switch caveat {
                        case .withinTheDay?:
                            findings.append(
                                Diagnostic(
                                    .withinTheDay,
                                    "'\(clean(raw))' (within the day) is counted as one working day (\(plainDecimal(workdayHours)) h); ask the unit how long it really takes",
                                    in: place(row.number, .time)))
                        case .disagrees(let first, let second)?:
                            findings.append(
                                Diagnostic(
                                    .hoursDisagree,
                                    "'\(clean(raw))' says \(plainDecimal(first)) h and then \(plainDecimal(second)) h; the first is used",
                                    in: place(row.number, .time)))
                        case nil: break
                        }
                    }
                }
            }
            steps.append(step)
            rows.append(place(row.number, nil))
        }
        closePart()
        let heading = Heading(before, workdayHours: workdayHours)
        if declared == nil, let total = heading.total { declared = (total.hours, total.text, place(header.number, nil)) }
        let name = heading.name ?? (number == 1 ? fileName : "\(fileName) (\(table ?? "table"), row \(header.number))")
        var workflow = Workflow(name: name, actors: actors, steps: steps, arrows: steps.indices.dropLast().map { Arrow(from: $0, to: $0 + 1) })
        workflow.code = heading.code?.short
        if let declared {
            workflow.deadline = declared.hours
            let sum = steps.reduce(0) { $0 + $1.duration.mean }
            if errors.isEmpty, abs(sum - declared.hours) > 1e-6 {
                findings.append(
                    Diagnostic(
                        .totalDisagrees,
                        "the decision declares \(hoursAndDays(declared.hours, workdayHours)) in total ('\(declared.text)'); the steps add up to \(hoursAndDays(sum, workdayHours))",
                        in: declared.place))
            }
        }
        if steps.isEmpty {
            errors.append(Diagnostic(.noSteps, "the table has a header but no step row", in: place(header.number, nil)))
        }
        return ImportedProcedure(
            imported: Imported(workflow: workflow, findings: findings, elements: rows), table: table, headerRow: header.number, errors: errors)
    }

    /// The message for a time cell that is none of the spellings, showing
    /// characters that look like others by their code.
    static func notADuration(_ raw: String) -> String {
        let shown = TableDuration.visible(Escape.oneLine(raw.trimmingCharacters(in: .whitespacesAndNewlines)))
        return
            "'\(shown)' is not a duration; write it like 0,5 ngày, ½ ngày, 04 giờ, 13 ngày làm việc, Không quá 02 ngày or 2 days"
    }

    /// "80 h (10 days)".
    static func hoursAndDays(_ hours: Double, _ workday: Double) -> String {
        "\(plainDecimal((hours * 1000).rounded() / 1000)) h (\(plainDecimal((hours / workday * 1000).rounded() / 1000)) days)"
    }

    /// The duration a line of text states: after its colon, inside its
    /// brackets, or the whole of it.
    static func durationIn(_ text: String, workdayHours: Double) -> Double? {
        var candidates: [String] = []
        if let colon = text.lastIndex(of: ":") { candidates.append(String(text[text.index(after: colon)...])) }
        if let open = text.lastIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            candidates.append(String(text[text.index(after: open)..<close]))
        }
        candidates.append(text)
        for c in candidates {
            if case .hours(let h, _)? = TableDuration.read(c, workdayHours: workdayHours) { return h }
        }
        return nil
    }

    /// The procedure's name, code and declared total, from the lines before its table.
    struct Heading {
        var name: String?
        var code: ProcedureCode?
        var total: (hours: Double, text: String)?

        init(_ lines: [String], workdayHours: Double) {
            var names: [(text: String, preferred: Bool)] = []
            for raw in lines {
                let line = ProcessTables.clean(raw)
                let plain = TableDuration.plain(line)
                var isCodeLine = false
                if let c = Self.code(in: line) {
                    if code == nil || plain.holds("mã") { code = c }
                    isCodeLine = plain.hasPrefix("mã") || plain.hasPrefix("(mã")
                }
                if plain.hasPrefix("tổng thời gian") || plain.hasPrefix("thời gian giải quyết") || plain.hasPrefix("thời hạn giải quyết")
                    || plain.hasPrefix("total time")
                {
                    if total == nil, let h = ProcessTables.durationIn(line, workdayHours: workdayHours) {
                        let text = line.lastIndex(of: ":").map { String(line[line.index(after: $0)...]).trimmingCharacters(in: .whitespaces) } ?? line
                        total = (h, text)
                    }
                    continue
                }
                if isCodeLine || !line.contains(where: \.isLetter) { continue }
                let name = Self.stripped(line)
                let p = TableDuration.plain(name)
                if name.isEmpty || p.hasPrefix("phụ lục") || p.hasPrefix("(ban hành") || p.hasPrefix("(kèm theo") || p.hasPrefix("ban hành kèm") {
                    continue
                }
                names.append((name, p.hasPrefix("thủ tục") || TableDuration.plain(line).holds("tên thủ tục")))
            }
            name = names.last(where: \.preferred)?.text ?? names.last?.text
        }

        /// A code-shaped word of `line`: "1.001806", "1.001806.000.00.00.H12", "1001806".
        static func code(in line: String) -> ProcedureCode? {
            let words = line.split(whereSeparator: { $0.isWhitespace || ":;,()[]".contains($0) })
            for word in words {
                var w = Substring(word)
                while w.last == "." { w = w.dropLast() }
                if w.first?.isNumber == true, let c = ProcedureCode(String(w)) { return c }
            }
            return nil
        }

        /// "1.2. Tên thủ tục: Đăng ký khai sinh (Mã TTHC: 1.001193)" → "Đăng ký khai sinh".
        static func stripped(_ line: String) -> String {
            var s = Substring(line)
            // Leading numbering: "1.", "1.2.", "I.", "a)", "-".
            while true {
                let t = s.drop { $0 == " " }
                let token = t.prefix { !$0.isWhitespace }
                let isNumbering =
                    token.count <= 6 && (token.last == "." || token.last == ")") && token.dropLast().allSatisfy { $0.isNumber || "IVXLivxl.".contains($0) }
                    && token.count > 1
                if isNumbering || token == "-" || token == "–" || token == "•" {
                    s = t.dropFirst(token.count)
                } else {
                    s = t
                    break
                }
            }
            var name = String(s)
            if let colon = name.firstIndex(of: ":"), TableDuration.plain(String(name[..<colon])).hasSuffix("tên thủ tục") {
                name = String(name[name.index(after: colon)...])
            }
            // A code in brackets after the name.
            if let open = name.lastIndex(of: "("), code(in: String(name[open...])) != nil {
                name = String(name[..<open])
            }
            return name.trimmingCharacters(in: .whitespaces)
        }
    }
}
