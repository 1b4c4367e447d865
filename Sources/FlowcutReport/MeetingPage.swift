import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutSimulation
import FlowcutTiming

/// The page a review meeting looks at: before, after and a timeline, the
/// numbers and savings, the suggestions with their reasons. Self-contained
/// (inline SVG and CSS, nothing fetched), large enough for a projector,
/// printable. Everything that comes from the reviewers' files is escaped.
public enum MeetingPage {
    /// - Parameter live: the proposal editor and script of a page served
    /// by `flowcut serve`; nil for the page written into the review.
    public static func html(_ report: ProcedureReport, beforeSVG: String, afterSVG: String?, live: LiveEditor? = nil) -> String {
        let w = report.analysis.workflow
        let x = report.words
        var h =
            pageHead(title: w.name, language: x.language) + (live == nil ? "" : LivePage.style) + """
                h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
                .facts { color: #57606a; margin-bottom: 1rem; }
                .diagrams > input { position: absolute; opacity: 0; }
                .diagrams > label { display: inline-block; padding: .4rem 1.1rem; border: 1px solid #d0d7de; border-bottom: none; border-radius: 6px 6px 0 0; cursor: pointer; font-size: 1.1rem; background: #f6f8fa; }
                #view-before:checked ~ label[for=view-before], #view-after:checked ~ label[for=view-after], #view-timeline:checked ~ label[for=view-timeline] { background: #0969da; color: #fff; border-color: #0969da; }
                .diagrams > input:focus-visible + label { outline: 3px solid #0969da; outline-offset: 2px; }
                .diagrams > figure { display: none; margin: 0; border: 1px solid #d0d7de; border-radius: 0 6px 6px 6px; padding: .5rem; overflow: auto; max-height: 88vh; }
                #view-before:checked ~ figure.before, #view-after:checked ~ figure.after, #view-timeline:checked ~ figure.timeline { display: block; }
                figure svg { display: block; margin: 0 auto; }
                figcaption { font-weight: bold; margin-bottom: .3rem; }
                table { border-collapse: collapse; margin: .5rem 0; }
                th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .8rem; text-align: right; }
                th:first-child, td:first-child { text-align: left; }
                .saved { color: #1a7f37; font-weight: bold; }
                code { background: #f6f8fa; padding: .1rem .3rem; border-radius: 4px; }
                th.why, td.why, td.rule { text-align: left; }
                figcaption a { font-weight: normal; font-size: .8rem; }
                @media print { figcaption a, .diagrams > label { display: none; } .diagrams > figure { display: block; margin-bottom: 1rem; border: none; overflow: visible; max-height: none; } figure svg { max-width: 100%; height: auto; } }
                </style>
                </head>
                <body>
                <h1>\(escape(w.name))</h1>

                """
        var facts = [escape(report.path)]
        if let code = w.code { facts.append("\(x.code) \(escape(code))") }
        facts.append("\(x.service) \(escape(x.level(w.service)))")
        if let d = w.latestDossiers {
            facts.append("\(x.dossiers(d.total, in: d.year)) (\(x.count(d.online)) \(x[.onlineDossiers]), \(x.count(d.paper)) \(x.paper))")
        }
        h += "<p class=\"facts\">\(facts.joined(separator: " · "))</p>\n"
        if let live { h += LivePage.editor(live, words: x) }
        h += "<div id=\"figures\">\n" + figures(report, beforeSVG: beforeSVG, afterSVG: afterSVG) + "</div>\n"
        if live != nil { h += LivePage.script }
        h += "</body>\n</html>\n"
        return h
    }

    /// The diagrams, numbers and suggestions of the page: what a what-if
    /// redraws.
    public static func figures(_ report: ProcedureReport, beforeSVG: String, afterSVG: String?) -> String {
        let a = report.analysis
        let w = a.workflow
        let x = report.words
        let t = WorkingTime(workdayHours: w.workdayHours, words: x)
        var h = ""
        let fullSize = "<a href=\"%@\">(\(x.fullSize))</a>"
        // Before and after in one place at their own size, the same scale
        // (Graphviz's points), switched with tabs: the eye sees what
        // changes, and a step name reads at 16 points on a projector; a
        // diagram larger than the screen pans inside its frame. A third tab:
        // the main scenario as a timeline against the deadline.
        let before =
            "<figure class=\"before\"><figcaption>\(x.beforeDiagram) \(fullSize.replacing("%@", with: "before.svg"))</figcaption>\n\(inline(beforeSVG))\n</figure>\n"
        let timeline = "<figure class=\"timeline\">\n" + Timeline.svg(a, words: x) + "</figure>\n"
        func tab(_ id: String, _ label: String, checked: Bool = false) -> String {
            "<input type=\"radio\" name=\"view\" id=\"view-\(id)\"\(checked ? " checked" : "")><label for=\"view-\(id)\">\(label)</label>\n"
        }
        h += "<div class=\"diagrams\">\n" + tab("before", x.before.capitalizedFirst, checked: true)
        if let afterSVG, let c = report.comparison {
            h += tab("after", "\(x.after.capitalizedFirst): \(escape(c.origin.phrase(x)))") + tab("timeline", x[.timelineTab])
            h += before
            h +=
                "<figure class=\"after\"><figcaption>\(x.afterDiagram) \(fullSize.replacing("%@", with: "after.svg"))</figcaption>\n\(inline(afterSVG))\n</figure>\n"
        } else {
            h += tab("timeline", x[.timelineTab]) + before
        }
        h += timeline + "</div>\n"
        h += "<h2>\(x.numbers)</h2>\n<table id=\"numbers\">\n<thead><tr><th></th><th>\(x.before)</th>"
        if let c = report.comparison {
            let table = BeforeAfter(c, words: x, suggestions: report.suggestions)
            h += "<th>\(x.after)</th><th>\(x.saved)</th></tr></thead>\n"
            for r in table.rows {
                h +=
                    "<tr><td>\(r.name)</td><td>\(r.before)</td><td>\(r.after)</td><td class=\"saved\">\(r.saved)\(r.unit == .days ? r.share.map { " (\($0))" } ?? "" : "")</td></tr>\n"
            }
            h += "</table>\n"
            if let y = table.perYear {
                h +=
                    "<p>\(x.perYear) (\(x.dossiers(y.dossiers, in: y.year))): <span class=\"saved\">\(y.citizenDays) \(x.citizenDays)</span>, <span class=\"saved\">\(y.staffHours) \(x.staffHours)</span> \(x.savedWord).</p>\n"
            }
            h +=
                "<h3>\(x.changes)</h3>\n<ul class=\"changes\">\n"
                + table.changes.map { change in
                    "<li>\(escape(change.statement))" + (change.reason.map { " — <span class=\"why\">\(escape($0))</span>" } ?? "") + "</li>\n"
                }.joined() + "</ul>\n"
        } else {
            h += "</tr></thead>\n<tr><td>\(x.mainLeadTime)</td><td>\(t.short(a.mainLeadTime))</td></tr>\n"
            if let sim = a.simulation {
                let value = sim.completedCases > 0 ? t.short(sim.expectedLeadTime) : x.noCaseCompleted
                h += "<tr><td>\(x.expectedLeadTime)</td><td>\(value)</td></tr>\n"
            }
            h += "<tr><td>\(x.handoffs)</td><td>\(a.handoffs)</td></tr>\n</table>\n"
        }
        if let deadline = w.deadline {
            h += "<p>\(x.deadlineIs) \(t.long(deadline)): \(escape(x.deadlineVerdict(a, deadline, t))).</p>\n"
        }
        if let sim = a.simulation, sim.stoppedCases > 0 {
            let counts = [sim.stoppedCases, sim.runs, sim.limits.loopReturns, sim.limits.stepRuns].map(x.count)
            h += "<p class=\"stopped\">\(x.stoppedCases): \(escape(x.fill(x.stoppedWhy, counts))).</p>\n"
        }
        let shown = ShownSuggestions.list(report.suggestions, comparison: report.comparison, workdayHours: w.workdayHours)
        if !shown.isEmpty {
            h +=
                "<h2>\(x.suggestions)</h2>\n<table>\n<thead><tr><th>\(x.change)</th><th>\(x.rule)</th><th>\(x.perDossier)</th><th>\(x.perYearColumn)</th><th class=\"why\">\(x.why)</th></tr></thead>\n"
            for s in shown.map({ SuggestionRow($0.suggestion, in: w, words: x, conflict: $0.conflict) }) {
                h +=
                    "<tr><td>\(escape(s.statement))</td><td class=\"rule\">\(escape(s.rule))\(s.isTargetOnly ? " (\(x.targetWord))" : "")</td><td>\(s.perDossier)</td>"
                h += "<td>\(s.perYear)</td><td class=\"why\">\(escape(s.reason))\(s.conflict.map { " <strong>\(escape($0))</strong>" } ?? "")</td></tr>\n"
            }
            h += "</table>\n"
        }
        return h
    }

    /// Text for HTML: `& < > " '` escaped.
    public static func escape(_ s: String) -> String { Escape.markup(s) }

    /// The start of every page flowcut writes, up to the first rule of its
    /// style sheet (the page adds its own rules, then closes the head).
    static func pageHead(title: String, language: ReportLanguage) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body { font-family: "DejaVu Sans", sans-serif; margin: 1.5rem; color: #1f2328; font-size: 18px; }
        @page { size: A4; margin: 2cm 2cm 2cm 3cm; }
        @media print {
          body { font-size: 11pt; margin: 0; color: #000; }
          h1, h2, h3 { break-after: avoid; }
          thead { display: table-header-group; }
          tr, figure { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
          figure svg { max-height: 24cm; }
        }

        """
    }

    /// An SVG document as an element of the page: without its XML
    /// declaration, doctype and comments (Graphviz escapes the text inside).
    static func inline(_ svg: String) -> String {
        guard let start = svg.firstRange(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...])
    }
}

extension String {
    /// The first letter upper-cased ("before" → "Before", "trước" → "Trước").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
