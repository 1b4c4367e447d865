import FlowcutCore

/// Writes a `Diagram` as DOT text: deterministic, node IDs generated (`n0`,
/// `n1`, …), every piece of user text escaped (GRAPHVIZ.md: HTML-like
/// labels XML-escape `& < > "`; quoted strings are kept far below 16 KB).
public enum DotBuilder {
    static let font = "DejaVu Sans"
    static let red = "#c0392b"

    /// Fill colour and shape of each kind: waste red, value-adding green,
    /// the necessary ones in calm colours. Intake and delivery, handoff and
    /// rework (once alike) differ in hue and in lightness, so that they
    /// still differ printed in grey; the handoff is also an arrow-shaped box.
    static let style: [StepKind: (fill: String, shape: String)] = [
        .intake: ("#dbeafe", "box"), .delivery: ("#93c5fd", "box"),
        .work: ("#dcfce7", "box"), .approval: ("#fed7aa", "box"),
        .consult: ("#e9d5ff", "box"), .field: ("#a5f3fc", "box"),
        .clerical: ("#e5e7eb", "box"), .handoff: ("#fecaca", "cds"),
        .rework: ("#f87171", "box"), .delay: ("#fef08a", "box"),
    ]

    public static func dot(_ d: Diagram) -> String {
        let w = d.workflow
        var out: [String] = []
        out.append("digraph \"flowcut\" {")
        out.append("  graph [rankdir=TB, fontname=\"\(font)\", fontsize=18, labelloc=t, labeljust=l, nodesep=0.3, ranksep=0.35, newrank=true, pad=0.3,")
        out.append("         label=<\(titleLabel(d))>];")
        out.append(
            "  node [fontname=\"\(font)\", fontsize=16, shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#6b7785\", margin=\"0.16,0.1\"];")
        out.append("  edge [fontname=\"\(font)\", fontsize=13, color=\"#6b7785\", arrowsize=0.7];")
        // Top to bottom, each step naming its actor: a long procedure makes a
        // taller diagram, not a wider one, so that it fits a projector's
        // width with names at 16 points (lanes as cluster boxes floated
        // about, of different widths, and drew one actor's box around
        // steps days apart).
        for s in w.steps.indices { out.append("  " + node(s, d)) }
        for (a, arrow) in w.arrows.enumerated() { out.append("  " + edge(a, arrow, d)) }
        out.append(contentsOf: legend(d))
        // Below the last steps (held there by invisible arrows), where it
        // does not widen the diagram.
        for s in w.steps.indices where w.graph.outgoing(s).isEmpty { out.append("  n\(s) -> legend [style=invis];") }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    private static func titleLabel(_ d: Diagram) -> String {
        var parts: [String] = []
        for (i, line) in d.title.enumerated() {
            parts.append(
                i == 0
                    ? "<B>\(wrapped(String(line.prefix(300)), width: 60, align: "<BR ALIGN=\"LEFT\"/>"))</B>"
                    : "<FONT POINT-SIZE=\"14\">\(escape(line, limit: 300))</FONT>")
        }
        for line in d.caption {
            parts.append("<FONT POINT-SIZE=\"14\" COLOR=\"#1a7f37\">\(escape(line, limit: 300))</FONT>")
        }
        return parts.joined(separator: "<BR ALIGN=\"LEFT\"/>") + "<BR ALIGN=\"LEFT\"/>"
    }

    private static func node(_ s: Int, _ d: Diagram) -> String {
        let step = d.workflow.steps[s]
        let (fill, shape) = style[step.kind] ?? ("#ffffff", "box")
        let mark = d.marks[step.id]
        var label = wrapped(step.label.count > 200 ? String(step.label.prefix(199)) + "…" : step.label, width: 26)
        if mark?.isGone == true { label = "<S>\(label)</S>" }
        var details: [String] = []
        let time = timeText(step.duration, d.workflow.workdayHours, d.words)
        if !time.isEmpty { details.append(time) }
        if !step.wait.isZero { details.append(d.words.wait + " " + timeText(step.wait, d.workflow.workdayHours, d.words)) }
        if let c = step.channel { details.append(d.words.channel(c)) }
        if step.isFixed { details.append(d.words.fixed) }
        if step.endsCase { details.append(d.words.ends) }
        var html = ""
        if let id = step.actor {
            let external = d.workflow.actors.contains { $0.id == id && $0.isExternal } ? " (\(d.words.external))" : ""
            html += "<FONT POINT-SIZE=\"13\" COLOR=\"#57606a\">\(wrapped(d.workflow.actorName(id) + external, width: 34))</FONT><BR/>"
        }
        html += "<B>\(label)</B>"
        if !details.isEmpty { html += "<BR/><FONT POINT-SIZE=\"13\" COLOR=\"#57606a\">\(details.joined(separator: " · "))</FONT>" }
        if let mark {
            let word =
                switch mark {
                case .removed: d.words.removed
                case .merged(let into): d.words.mergedInto.replacing("{}", with: "“\(into)”")
                case .changed(let how): how ?? d.words.changed
                }
            html +=
                "<BR/><FONT POINT-SIZE=\"13\" COLOR=\"\(mark.isGone ? "#8c959f" : "#9a6700")\"><I>\(wrapped(String(word.prefix(240)), width: 34))</I></FONT>"
        }
        // Later settings replace earlier ones: kind, then mark, then critical path.
        var attributes = Attributes()
        attributes["label"] = "<\(html)>"
        attributes["tooltip"] = "\"\(quoted(step.id))\""
        if shape != "box" { attributes["shape"] = shape }
        attributes["fillcolor"] = "\"\(fill)\""
        if step.kind == .delay { attributes["style"] = "\"rounded,filled,dotted\"" }
        switch mark {
        case .removed, .merged:
            attributes["fillcolor"] = "\"#f6f8fa\""
            attributes["style"] = "\"rounded,filled,dashed\""
            attributes["fontcolor"] = "\"#8c959f\""
            attributes["color"] = "\"#afb8c1\""
        case .changed:
            attributes["fillcolor"] = "\"#fff8c5\""
            attributes["color"] = "\"#bf8700\""
            attributes["penwidth"] = "2"
        case nil:
            break
        }
        // The critical path stays one red line: a step the proposal takes
        // out of it keeps its red border, dashed.
        if d.criticalSteps.contains(s) {
            attributes["color"] = "\"\(red)\""
            attributes["penwidth"] = "2"
        }
        return "n\(s) [\(attributes.text)];"
    }

    private static func edge(_ a: Int, _ arrow: Arrow, _ d: Diagram) -> String {
        let w = d.workflow
        var attributes = Attributes()
        var label: [String] = []
        if w.isDecision(arrow.from) { label.append(percentText(arrow.probability, d.words)) }
        if let text = arrow.label { label.append(escape(text, limit: 80)) }
        if !label.isEmpty { attributes["label"] = "<\(label.joined(separator: "<BR/>"))>" }
        if d.closesLoop.indices.contains(a), d.closesLoop[a] {
            attributes["style"] = "dashed"
            attributes["constraint"] = "false"
        }
        let bypassed = d.marks[w.steps[arrow.from].id]?.isGone == true || d.marks[w.steps[arrow.to].id]?.isGone == true
        if d.criticalArrows.contains(a) {
            // Red all along; dotted where the proposal bypasses a step.
            attributes["color"] = "\"\(red)\""
            attributes["penwidth"] = "2.5"
            if bypassed { attributes["style"] = "dotted" }
        } else if bypassed {
            attributes["color"] = "\"#afb8c1\""
            attributes["fontcolor"] = "\"#8c959f\""
        }
        return "n\(arrow.from) -> n\(arrow.to)" + (attributes.isEmpty ? ";" : " [\(attributes.text)];")
    }

    /// A legend of the kinds present, the critical path and loops: one
    /// table node of two columns, compact wherever the layout puts it.
    private static func legend(_ d: Diagram) -> [String] {
        let kinds = StepKind.allCases.filter { k in d.workflow.steps.contains { $0.kind == k } }
        var cells: [String] = []
        for kind in kinds {
            let fill = style[kind]?.fill ?? "#ffffff"
            cells.append("<TD BGCOLOR=\"\(fill)\" WIDTH=\"16\"> </TD><TD ALIGN=\"LEFT\">\(escape(d.words.kinds[kind] ?? kind.rawValue))</TD>")
        }
        cells.append("<TD><FONT COLOR=\"\(red)\"><B>━━</B></FONT></TD><TD ALIGN=\"LEFT\">\(escape(d.words.critical))</TD>")
        if d.marks.values.contains(where: \.isGone) {
            cells.append("<TD><FONT COLOR=\"\(red)\"><B>┄┄</B></FONT></TD><TD ALIGN=\"LEFT\">\(escape(d.words.bypassed))</TD>")
        }
        cells.append("<TD>- - -</TD><TD ALIGN=\"LEFT\">\(escape(d.words.loop))</TD>")
        var rows = "<TR><TD COLSPAN=\"4\" ALIGN=\"LEFT\"><B>\(escape(d.words.legend))</B></TD></TR>"
        for start in stride(from: 0, to: cells.count, by: 2) {
            rows += "<TR>" + cells[start..<min(start + 2, cells.count)].joined() + "</TR>"
        }
        return [
            "  legend [shape=plaintext, style=\"\", fontsize=12, label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">\(rows)</TABLE>>];"
        ]
    }

    /// "4 h", "1 d", "2–5 d", "2–3–5 d" (working days above one day).
    static func timeText(_ e: TimeEstimate, _ workday: Double, _ words: DiagramWords = DiagramWords()) -> String {
        if e.isZero { return "" }
        let inDays = e.maximum >= workday
        let mark = words.decimal
        func one(_ h: Double) -> String {
            let text = formatNumber(inDays ? h / workday : h, decimals: 2)
            return mark == "." ? text : text.replacing(".", with: mark)
        }
        let unit = " " + (inDays ? words.days : words.hours)
        switch e {
        case .single(let v): return one(v) + unit
        case .range(let lo, let hi): return one(lo) + "–" + one(hi) + unit
        case .threePoint(let lo, let m, let hi): return one(lo) + "–" + one(m) + "–" + one(hi) + unit
        }
    }

    static func percentText(_ p: Double, _ words: DiagramWords = DiagramWords()) -> String {
        let text = formatNumber(p * 100, decimals: 1)
        return text.replacing(".", with: words.decimal) + "%"
    }

    /// DOT attributes in the order first set; setting one again replaces it.
    struct Attributes {
        private var names: [String] = []
        private var values: [String: String] = [:]

        subscript(name: String) -> String? {
            get { values[name] }
            set {
                if values[name] == nil { names.append(name) }
                values[name] = newValue
            }
        }

        var isEmpty: Bool { names.isEmpty }
        var text: String { names.compactMap { n in values[n].map { "\(n)=\($0)" } }.joined(separator: ", ") }
    }

    /// Text for an HTML-like label: XML-escaped, control characters as
    /// spaces, at most `limit` characters, and a backslash doubled
    /// (Graphviz expands `\N`, `\G` and the like even in HTML-like labels,
    /// entities decoded first: a step named "a \N" was drawn with the
    /// node's internal name; `\\` is drawn as one backslash).
    public static func escape(_ s: String, limit: Int = 200) -> String {
        let text = s.utf8.count > limit && s.count > limit ? String(s.prefix(limit - 1)) + "…" : s
        // One pass: what Escape.markup does, after control characters become
        // spaces, and with a backslash doubled.
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x20, 0x7F: out.append(" ")
            case 0x5C: out.append(contentsOf: "\\\\".unicodeScalars)
            case 0x26, 0x3C, 0x3E, 0x22, 0x27: out.append(contentsOf: Escape.markup(String(scalar)).unicodeScalars)
            case 0xFFFE, 0xFFFF: continue
            case _ where Escape.isBidiControl(scalar): continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// A label escaped and broken into lines of at most `width` characters
    /// at spaces (a word longer than that keeps its line), so that a long
    /// step name makes a taller node, not a wider diagram.
    static func wrapped(_ s: String, width: Int, align: String = "<BR/>") -> String {
        var out = ""
        var line = ""
        var length = 0  // characters in `line`, counted once per word
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            let count = word.count
            if length > 0, length + 1 + count > width {
                out += escape(line, limit: 200) + align
                line = ""
                length = 0
            }
            if length > 0 {
                line += " "
                length += 1
            }
            line += word
            length += count
        }
        return out + escape(line, limit: 200)
    }

    /// Text for a quoted DOT string: backslash first, then quotes (no newlines reach here).
    static func quoted(_ s: String) -> String {
        var out = ""
        for ch in s.prefix(200) {
            if ch == "\\" || ch == "\"" { out.append("\\") }
            out.append(ch == "\n" || ch == "\r" ? " " : ch)
        }
        return out
    }
}
