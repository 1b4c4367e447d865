import FlowcutAnalysis
import FlowcutCore
import FlowcutTiming

/// A Gantt-style timeline of the main scenario, as reviewers used to MS
/// Project expect one: a row per step that runs in it (parallel branches
/// side by side in time), each bar from its earliest start to its earliest
/// finish, the wait before the work drawn pale, the critical path in red,
/// the deadline as a line. Drawn as SVG by hand (no layout to compute):
/// text at 16 px, one unit to a pixel, so that it reads on a projector.
public enum Timeline {
    static let rowHeight = 34.0
    static let labelWidth = 380.0
    static let chartWidth = 900.0
    static let top = 58.0
    /// More rows than a meeting reads: the rest are counted, not drawn
    /// (a page of a 100 000-step process stays a page).
    static let maximumRows = 300

    public static func svg(_ a: ProcedureAnalysis, words x: Words) -> String {
        let w = a.workflow
        let t = WorkingTime(workdayHours: w.workdayHours, words: x)
        let scheduled = w.steps.indices.compactMap { s in a.criticalPath.schedule[s].map { (s, $0) } }
            .sorted { ($0.1.earliestStart, $0.0) < ($1.1.earliestStart, $1.0) }
        let rows = scheduled.prefix(maximumRows)
        let left = scheduled.count - rows.count
        let critical = Set(a.criticalPath.steps)
        // A little room after the later of the lead time and the deadline.
        let end = max(a.mainLeadTime, w.deadline ?? 0, 1e-9) * 1.08
        let scale = chartWidth / end
        let height = top + Double(rows.count) * rowHeight + (left > 0 ? 70 : 50)
        let width = labelWidth + chartWidth + 40
        func n(_ v: Double) -> String { formatNumber(v, decimals: 1) }
        func e(_ s: String) -> String { Escape.markup(s) }
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"16\" role=\"img\" aria-label=\"\(e(x[.timeline]))\">\n"
        out += "<text x=\"8\" y=\"24\" font-weight=\"bold\" font-size=\"18\">\(e(x[.timeline]))</text>\n"
        // Working days along the top: every day up to 20, else every 5 or 10.
        let days = end / w.workdayHours
        let every = days <= 20 ? 1.0 : days <= 60 ? 5.0 : 10.0
        var day = 0.0
        while day <= days + 1e-9 {
            let px = labelWidth + day * w.workdayHours * scale
            out += "<line x1=\"\(n(px))\" y1=\"\(n(top - 6))\" x2=\"\(n(px))\" y2=\"\(n(height - 44))\" stroke=\"#d0d7de\"/>"
            out +=
                "<text x=\"\(n(px))\" y=\"\(n(top - 12))\" text-anchor=\"middle\" font-size=\"13\" fill=\"#57606a\">\(e(x.number(day, decimals: 0)))</text>\n"
            day += every
        }
        for (row, (s, schedule)) in rows.enumerated() {
            let step = w.steps[s]
            let y = top + Double(row) * rowHeight
            let name = step.label.isEmpty ? step.id : step.label
            let shown = name.count > 36 ? String(name.prefix(35)) + "…" : name
            let isCritical = critical.contains(s)
            out += "<g><title>\(e(name)): \(e(t.short(schedule.earliestStart))) → \(e(t.short(schedule.earliestFinish)))</title>"
            out +=
                "<text x=\"\(n(labelWidth - 10))\" y=\"\(n(y + 22))\" text-anchor=\"end\"\(isCritical ? " font-weight=\"bold\"" : "")>\(e(shown))</text>"
            let wait = min(step.wait.mean, schedule.earliestFinish - schedule.earliestStart)
            let colour = isCritical ? "#c0392b" : "#6b7785"
            let x0 = labelWidth + schedule.earliestStart * scale
            if wait > 0 {
                out +=
                    "<rect x=\"\(n(x0))\" y=\"\(n(y + 7))\" width=\"\(n(max(wait * scale, 1)))\" height=\"20\" fill=\"\(colour)\" fill-opacity=\"0.25\"/>"
            }
            let work = schedule.earliestFinish - schedule.earliestStart - wait
            out +=
                "<rect x=\"\(n(x0 + wait * scale))\" y=\"\(n(y + 7))\" width=\"\(n(max(work * scale, 2)))\" height=\"20\" fill=\"\(colour)\"/></g>\n"
        }
        if let deadline = w.deadline {
            let px = labelWidth + deadline * scale
            out +=
                "<line x1=\"\(n(px))\" y1=\"\(n(top - 6))\" x2=\"\(n(px))\" y2=\"\(n(height - 44))\" stroke=\"#cf222e\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
            out +=
                "<text x=\"\(n(px))\" y=\"\(n(height - 24))\" text-anchor=\"end\" fill=\"#cf222e\">\(e(x[.diagramDeadline])) \(e(t.short(deadline)))</text>\n"
        }
        if left > 0 {
            let more = x.language == .en && left == 1 ? "… and 1 more step (the JSON report has them all)" : x.fill(x[.timelineMore], x.count(left))
            out += "<text x=\"\(n(labelWidth))\" y=\"\(n(height - 48))\" font-size=\"14\" fill=\"#57606a\">\(e(more))</text>\n"
        }
        // The legend, on one line under the chart.
        let y = height - 8
        out +=
            "<rect x=\"8\" y=\"\(n(y - 13))\" width=\"24\" height=\"14\" fill=\"#c0392b\"/><text x=\"38\" y=\"\(n(y))\" font-size=\"14\">\(e(x[.diagramCritical]))</text>"
        out +=
            "<rect x=\"180\" y=\"\(n(y - 13))\" width=\"24\" height=\"14\" fill=\"#6b7785\" fill-opacity=\"0.25\"/><text x=\"210\" y=\"\(n(y))\" font-size=\"14\">\(e(x[.diagramWait]))</text>\n"
        out += "</svg>\n"
        return out
    }
}
