import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage

/// The page a review meeting looks at: before and after side by side, the
/// numbers and savings, the suggestions with their reasons. Self-contained
/// (inline SVG and CSS, nothing fetched), large enough for a projector,
/// printable. Everything that comes from the reviewers' files is escaped.
public enum MeetingPage {
    public static func html(_ report: ProcedureReport, beforeSVG: String, afterSVG: String?) -> String {
        let a = report.analysis
        let w = a.workflow
        let t = WorkingTime(workdayHours: w.workdayHours)
        var h = """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(w.name))</title>
            <style>
            body { font-family: "DejaVu Sans", sans-serif; margin: 1.5rem; color: #1f2328; font-size: 18px; }
            h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
            .facts { color: #57606a; margin-bottom: 1rem; }
            .pair { display: flex; gap: 1rem; align-items: flex-start; }
            .pair > figure { flex: 1; margin: 0; border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem; overflow: auto; }
            figure svg { max-width: 100%; height: auto; }
            figcaption { font-weight: bold; margin-bottom: .3rem; }
            table { border-collapse: collapse; margin: .5rem 0; }
            th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .8rem; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            .saved { color: #1a7f37; font-weight: bold; }
            code { background: #f6f8fa; padding: .1rem .3rem; border-radius: 4px; }
            th.why, td.why { text-align: left; }
            figcaption a { font-weight: normal; font-size: .8rem; }
            @media print { figcaption a { display: none; } }
            @media print { body { font-size: 11pt; margin: 0; } .pair { display: block; } .pair > figure { page-break-inside: avoid; margin-bottom: 1rem; } }
            </style>
            </head>
            <body>
            <h1>\(escape(w.name))</h1>

            """
        var facts = [escape(report.path)]
        if let code = w.code { facts.append("mã TTHC \(escape(code))") }
        facts.append("service \(escape(w.service.rawValue))")
        if let d = w.latestDossiers { facts.append("\(d.total) dossiers in \(d.year) (\(d.online) online, \(d.paper) paper)") }
        h += "<p class=\"facts\">\(facts.joined(separator: " · "))</p>\n"
        h += "<div class=\"pair\">\n<figure><figcaption>Before <a href=\"before.svg\">(full size)</a></figcaption>\n\(inline(beforeSVG))\n</figure>\n"
        if let afterSVG, let c = report.comparison {
            let name = c.proposal == "suggested" ? "the suggested changes" : "proposal “\(escape(c.proposal))”"
            h += "<figure><figcaption>After: \(name) <a href=\"after.svg\">(full size)</a></figcaption>\n\(inline(afterSVG))\n</figure>\n"
        }
        h += "</div>\n"
        h += "<h2>Numbers</h2>\n<table>\n<tr><th></th><th>before</th>"
        if let c = report.comparison {
            h += "<th>after</th><th>saved</th></tr>\n"
            func row(_ name: String, _ b: Double, _ x: Double) {
                let saved = b - x
                h += "<tr><td>\(name)</td><td>\(t.short(b))</td><td>\(t.short(x))</td><td class=\"saved\">\(t.short(saved))\(b != 0 ? " (\(percent(saved / b)))" : "")</td></tr>\n"
            }
            row("Main lead time", c.before.mainLeadTime, c.after.mainLeadTime)
            if let b = c.before.simulation, let x = c.after.simulation {
                row("Expected lead time", b.expectedLeadTime, x.expectedLeadTime)
                row("P90", b.percentile(0.9), x.percentile(0.9))
            }
            h += "<tr><td>Handoffs</td><td>\(c.before.handoffs)</td><td>\(c.after.handoffs)</td><td class=\"saved\">\(c.savedHandoffs)</td></tr>\n"
            h += "<tr><td>Work per dossier</td><td>\(formatNumber(c.before.workHours, decimals: 1)) h</td><td>\(formatNumber(c.after.workHours, decimals: 1)) h</td><td class=\"saved\">\(formatNumber(c.savedWorkHours, decimals: 1)) h</td></tr>\n"
            h += "</table>\n"
            if let latest = w.latestDossiers {
                h += "<p>Per year (\(latest.total) dossiers in \(latest.year)): <span class=\"saved\">\(formatNumber(c.citizenDaysPerYear, decimals: 1)) citizen-days</span> and <span class=\"saved\">\(formatNumber(c.staffHoursPerYear, decimals: 1)) staff hours</span> saved.</p>\n"
            }
            h += "<p>Changes: " + c.changes.map { change in
                "<code>\(escape(WorkflowPrinter.statement(change.action, workdayHours: w.workdayHours)))</code>" + (change.reason.map { " — \(escape($0))" } ?? "")
            }.joined(separator: "; ") + "</p>\n"
        } else {
            h += "</tr>\n<tr><td>Main lead time</td><td>\(t.short(a.mainLeadTime))</td></tr>\n"
            if let sim = a.simulation { h += "<tr><td>Expected lead time</td><td>\(t.short(sim.expectedLeadTime))</td></tr>\n" }
            h += "<tr><td>Handoffs</td><td>\(a.handoffs)</td></tr>\n</table>\n"
        }
        if let deadline = w.deadline {
            h += "<p>Deadline: \(t.long(deadline)).</p>\n"
        }
        if !report.suggestions.isEmpty {
            h += "<h2>Suggestions</h2>\n<table>\n<tr><th>change</th><th>rule</th><th>per dossier</th><th>per year</th><th class=\"why\">why</th></tr>\n"
            for s in report.suggestions {
                h += "<tr><td><code>\(escape(s.statement))</code></td><td>\(escape(s.rule))\(s.isTargetOnly ? " (target)" : "")</td><td>\(t.short(s.savingHours))</td>"
                h += "<td>\(formatNumber(s.savingPerYearHours / w.workdayHours, decimals: 1)) d</td><td class=\"why\">\(escape(s.reason))</td></tr>\n"
            }
            h += "</table>\n"
        }
        h += "</body>\n</html>\n"
        return h
    }

    /// Text for HTML: `& < > " '` escaped.
    public static func escape(_ s: String) -> String { Escape.markup(s) }

    /// An SVG document as an element of the page: without its XML
    /// declaration, doctype and comments (Graphviz escapes the text inside).
    static func inline(_ svg: String) -> String {
        guard let start = svg.firstRange(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...])
    }
}
