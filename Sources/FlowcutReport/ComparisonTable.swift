import FlowcutAnalysis
import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

extension ProcedureReport {
    /// `--compare`: every proposal and the suggested set, side by side, in
    /// the report's language. Widths count characters, so Vietnamese
    /// headers line up too.
    public static func compareTable(_ before: ProcedureAnalysis, _ comparisons: [Comparison], words x: Words = .english) -> String {
        guard !comparisons.isEmpty else { return "" }
        let t = WorkingTime(workdayHours: before.workflow.workdayHours, words: x)
        var rows: [[String]] = [
            [
                "", x[.compareMain], x[.compareExpected], "P90", x[.compareHandoffs], x[.compareWorkHours],
                x[.compareCitizenDays], x[.compareStaffHours],
            ]
        ]
        func cells(_ name: String, _ a: ProcedureAnalysis, _ c: Comparison?) -> [String] {
            [
                name, t.short(a.mainLeadTime), a.simulation.map { t.short($0.expectedLeadTime) } ?? "—",
                a.simulation.map { t.short($0.percentile(0.9)) } ?? "—", "\(a.handoffs)", x.number(a.workHours, decimals: 1),
                c.map { x.number($0.citizenDaysPerYear, decimals: 1) } ?? "", c.map { x.number($0.staffHoursPerYear, decimals: 1) } ?? "",
            ]
        }
        rows.append(cells(x.before, before, nil))
        for c in comparisons {
            switch c.origin {
            case .suggested: rows.append(cells(x[.compareSuggested], c.after, c))
            case .proposal(let name): rows.append(cells("\"\(name)\"", c.after, c))
            }
        }
        let widths = (0..<rows[0].count).map { col in rows.map { $0[col].count }.max() ?? 0 }
        var out = "  \(x[.compared])\n"
        for r in rows {
            var line = "    " + r[0] + String(repeating: " ", count: widths[0] - r[0].count)
            for col in 1..<r.count { line += "  " + String(repeating: " ", count: widths[col] - r[col].count) + r[col] }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
