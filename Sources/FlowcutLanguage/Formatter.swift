import FlowcutCore

/// Prints a syntax tree in the one canonical layout (docs/language.md,
/// "Canonical layout"): header properties indented under `procedure`,
/// columns aligned within each run of actor, step, header or change lines,
/// comments kept, blank lines kept (one at most), LF line endings.
///
/// Idempotent: formatting the output again gives the same text.
public enum Formatter {
    /// nil when the file has errors: a broken file is never rewritten.
    /// Also nil when the file was checked without keeping its syntax.
    public static func format(_ checked: CheckedFile) -> String? {
        guard !checked.hasErrors, let tree = checked.syntax, tree.hasLayout else { return nil }
        return format(tree)
    }

    static func format(_ tree: SyntaxTree) -> String {
        var rows: [Row] = []
        for line in tree.lines {
            switch line {
            case .blank: rows.append(Row(group: .blank, cells: []))
            case .comment(let text): rows.append(Row(group: .comment, cells: [], comment: text))
            case .statement(let ref, let comment):
                rows.append(row(for: ref, in: tree, comment: comment))
            case .unparsed(let text, let comment):
                rows.append(Row(group: .other(0), cells: [Cell(text)], comment: comment))
            }
        }
        return layout(rows)
    }

    // MARK: Rows and cells

    /// Which lines align with which: consecutive rows of one group.
    enum Group: Equatable {
        case blank, comment, header, actor, step, change
        /// Not aligned, at this indent.
        case other(Int)

        var indent: Int {
            switch self {
            case .header, .change: 2
            case .other(let n): n
            default: 0
            }
        }
    }

    struct Cell {
        var text: String
        /// Spaces after the cell when it is padded.
        var gap: Int

        init(_ text: String, gap: Int = 1) {
            self.text = text
            self.gap = gap
        }
    }

    struct Row {
        var group: Group
        var cells: [Cell]
        /// Cells after the aligned ones, joined by single spaces.
        var tail: [String] = []
        var comment: String?
    }

    /// A string literal of the language, with its only escapes, backslash and quote.
    public static func quoted(_ s: String) -> String { Escape.flowString(s) }

    private static func row(for ref: StatementRef, in tree: SyntaxTree, comment: String?) -> Row {
        let text = { (r: SourceRange) in tree.file.text(r) }
        switch ref.kind {
        case .procedure:
            let d = tree.procedures[ref.index]
            return Row(group: .other(0), cells: [Cell("procedure " + quoted(d.name.value))], comment: comment)
        case .property:
            let d = tree.properties[ref.index]
            let value: String
            switch d.value {
            case .string(let s): value = quoted(s.value)
            case .duration(let t): value = text(t.range)
            case .level(let n): value = n.text
            }
            return Row(group: .header, cells: [Cell(d.keyword.text), Cell(value)], comment: comment)
        case .dossiers:
            let d = tree.dossiers[ref.index]
            var parts = [text(d.year.range)]
            if let n = d.online { parts += ["online", text(n.range)] }
            if let n = d.paper { parts += ["paper", text(n.range)] }
            return Row(group: .header, cells: [Cell("dossiers"), Cell(parts.joined(separator: " "))], comment: comment)
        case .actor:
            let d = tree.actors[ref.index]
            return Row(
                group: .actor, cells: [Cell("actor"), Cell(d.id.text, gap: 1), Cell(quoted(d.label.value))],
                tail: d.isExternal ? ["external"] : [], comment: comment)
        case .step:
            return stepRow(tree.steps[ref.index], text, comment: comment)
        case .start:
            let d = tree.starts[ref.index]
            return Row(group: .other(0), cells: [Cell((["start"] + d.steps.map(\.text)).joined(separator: " "))], comment: comment)
        case .flow:
            let d = tree.flows[ref.index]
            var line = d.first.text
            for link in tree.flowLinks[d.links] {
                line += " -> " + link.target.text
                if let p = link.probability { line += " " + text(p.range) }
                if let l = link.label { line += " " + quoted(l.value) }
            }
            return Row(group: .other(0), cells: [Cell(line)], comment: comment)
        case .proposal:
            let d = tree.proposals[ref.index]
            return Row(group: .other(0), cells: [Cell("proposal " + quoted(d.name.value))], comment: comment)
        case .change:
            let d = tree.changes[ref.index]
            var cells = [Cell(changeText(d, text), gap: 2)]
            if let reason = d.reason { cells.append(Cell(quoted(reason.value))) }
            return Row(group: .change, cells: cells, comment: comment)
        }
    }

    /// `step ID "Label" by ACTOR DURATION kind channel fixed ends wait D note "…"`.
    private static func stepRow(_ d: StepDecl, _ text: (SourceRange) -> String, comment: String?) -> Row {
        let by = d.actor.map { "by " + $0.text } ?? ""
        let duration = d.duration.map { text($0.range) } ?? ""
        let tail = [
            d.kind?.rawValue, d.channel?.rawValue, d.isFixed ? "fixed" : nil, d.endsCase ? "ends" : nil,
            d.wait.map { "wait " + text($0.range) }, d.note.map { "note " + quoted($0) },
        ].compactMap { $0 }
        let cells = [Cell("step"), Cell(d.id.text, gap: 2), Cell(quoted(d.label), gap: 2), Cell(by), Cell(duration)]
        return Row(group: .step, cells: cells, tail: tail, comment: comment)
    }

    private static func changeText(_ d: ChangeDecl, _ text: (SourceRange) -> String) -> String {
        var words = [d.keyword.text]
        switch d.form {
        case .cut(let a): words.append(a.text)
        case .shorten(let a, let t): words += [a.text, text(t.range)]
        case .shortenWait(let a, let t): words += [a.text, "wait", text(t.range)]
        case .shortenBy(let a, let p): words += [a.text, "by", text(p.range)]
        case .merge(let a, let b, let actor, let t):
            words += [a.text, b.text]
            if let actor { words += ["by", actor.text] }
            if let t { words.append(text(t.range)) }
        case .parallel(let a, let b): words += [a.text, b.text]
        case .online(let ids, let t):
            words += ids.map(\.text)
            if let t { words.append(text(t.range)) }
        case .chance(let a, let b, let p): words += [a.text, "->", b.text, text(p.range)]
        }
        return words.joined(separator: " ")
    }

    // MARK: Layout

    private static func layout(_ rows: [Row]) -> String {
        var out: [String] = []
        var i = 0
        while i < rows.count {
            let group = rows[i].group
            if group == .blank {
                if let last = out.last, !last.isEmpty { out.append("") }
                i += 1
                continue
            }
            if group == .comment {
                out.append(String(repeating: " ", count: commentIndent(rows, i)) + (rows[i].comment ?? ""))
                i += 1
                continue
            }
            // A run: rows of this group, with comment rows inside it.
            var members: [Int] = []
            var j = i
            while j < rows.count {
                if rows[j].group == group { members.append(j) } else if rows[j].group != .comment { break }
                j += 1
            }
            // Comment rows at the end of the run belong to what follows.
            while let last = members.last, last < j - 1, rows[j - 1].group == .comment, j - 1 > last { j -= 1 }
            let widths = columnWidths(members.map { rows[$0] })
            for k in i..<j {
                let row = rows[k]
                if row.group == .comment {
                    out.append(String(repeating: " ", count: commentIndent(rows, k)) + (row.comment ?? ""))
                } else {
                    out.append(render(row, widths: widths))
                }
            }
            i = j
        }
        while let last = out.last, last.isEmpty { out.removeLast() }
        return out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
    }

    /// A comment line takes the indent of the statement after it, or else of the one before it.
    private static func commentIndent(_ rows: [Row], _ index: Int) -> Int {
        var k = index + 1
        while k < rows.count, rows[k].group == .comment { k += 1 }
        if k < rows.count, rows[k].group != .blank { return rows[k].group.indent }
        k = index - 1
        while k >= 0, rows[k].group == .comment { k -= 1 }
        if k >= 0, rows[k].group != .blank { return rows[k].group.indent }
        return 0
    }

    /// The widest text of each column among rows that have more columns after it.
    private static func columnWidths(_ rows: [Row]) -> [Int] {
        let count = rows.map(\.cells.count).max() ?? 0
        var widths = [Int](repeating: 0, count: count)
        for row in rows {
            for (c, cell) in row.cells.enumerated() {
                widths[c] = max(widths[c], cell.text.count)
            }
        }
        return widths
    }

    /// Every column padded to its width (empty columns of the whole run
    /// vanish), then the tail; trailing spaces trimmed.
    private static func render(_ row: Row, widths: [Int]) -> String {
        var line = String(repeating: " ", count: row.group.indent)
        for (c, cell) in row.cells.enumerated() where widths[c] > 0 {
            line += cell.text + String(repeating: " ", count: widths[c] - cell.text.count + cell.gap)
        }
        line += row.tail.joined(separator: " ")
        while line.last == " " { line.removeLast() }
        if let comment = row.comment { line += (line.isEmpty ? "" : "  ") + comment }
        return line
    }
}
