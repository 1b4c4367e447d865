import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutSimulation
import FlowcutTiming

extension ProcedureReport {
    /// The same as `text`, as a document to circulate.
    public var markdown: String {
        let w = workflow
        let a = analysis
        let x = words
        let time = WorkingTime(workdayHours: w.workdayHours, words: x)
        let md = Escape.markdown
        var out = "## \(md(w.name))\n\n"
        var facts = [Escape.markdownCode(path)]
        if let code = w.code { facts.append("\(x.code) \(md(code))") }
        facts.append("\(x.service) \(x.level(w.service))")
        out += facts.joined(separator: " · ") + "\n\n"
        out += "| | |\n|---|---|\n"
        out += "| \(x.leadTimeMain) | \(time.long(a.mainLeadTime)) |\n"
        if let d = w.deadline { out += "| \(x.deadline) | \(time.long(d)) |\n" }
        if let t = w.target { out += "| \(x.target) | \(time.long(t)) |\n" }
        if let sim = a.simulation, sim.completedCases == 0 {
            out += "| \(x.simulated) (\(x.count(sim.runs)) \(x.cases)) | \(x.noCaseCompleted) |\n"
        } else if let sim = a.simulation {
            out += "| \(x.expectedLeadTime) (\(x.count(sim.runs)) \(x.cases)) | \(time.long(sim.expectedLeadTime)) |\n"
            out += "| P50 · P90 · P95 | \(time.short(sim.percentile(0.5))) · \(time.short(sim.percentile(0.9))) · \(time.short(sim.percentile(0.95))) |\n"
            if let d = w.deadline { out += "| \(x.onTime.capitalizedFirst) | \(x.percent(sim.onTimeRate(d))) |\n" }
        }
        out += "| \(x.handoffs) | \(a.handoffs) |\n"
        if let pce = a.pce { out += "| \(x.pce) | \(x.percent(pce)) |\n" }
        out += "\n**\(x.criticalPath):** " + a.criticalPath.steps.map { "\(w.steps[$0].id) (\(md(w.steps[$0].label)))" }.joined(separator: " → ") + "\n"
        if let c = comparison {
            let table = BeforeAfter(c, words: x, suggestions: suggestions)
            out += "\n### \(x.beforeAfter): " + md(c.origin.phrase(x)) + "\n\n"
            out += "| | \(x.before) | \(x.after) | \(x.saved) |\n|---|---|---|---|\n"
            for r in table.rows {
                out += "| \(r.name) | \(r.before) | \(r.after) | \(r.saved)\(r.unit == .days ? r.share.map { " (\($0))" } ?? "" : "") |\n"
            }
            out += "\n"
            if let y = table.perYear {
                out +=
                    "\(x.perYear) (\(x.dossiers(y.dossiers, in: y.year))): **\(y.citizenDays) \(x.citizenDays)**, **\(y.staffHours) \(x.staffHours)** \(x.savedWord).\n\n"
            }
            out += "\(x.changes):\n\n" + table.changes.map { "- \(md($0.statement))" + ($0.reason.map { " — \(md($0))" } ?? "") + "\n" }.joined()
        }
        let shown = ShownSuggestions.list(suggestions, comparison: comparison, workdayHours: w.workdayHours)
        if !shown.isEmpty {
            out += "\n### \(x.suggestions)\n\n| \(x.change) | \(x.rule) | \(x.perDossier) | \(x.perYearColumn) |\n|---|---|---|---|\n"
            for s in shown.map({ SuggestionRow($0.suggestion, in: w, words: x, conflict: $0.conflict) }) {
                out +=
                    "| \(md(s.statement)) | \(md(s.rule))\(s.isTargetOnly ? " (\(x.targetWord))" : "") | \(s.perDossier) | \(s.perYear) |\n"
            }
        }
        return out
    }
}
