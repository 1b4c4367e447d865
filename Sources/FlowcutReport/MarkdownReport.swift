import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage

extension ProcedureReport {
    /// The same as `text`, as a document to circulate.
    public var markdown: String {
        let w = workflow
        let a = analysis
        let x = words
        let time = WorkingTime(workdayHours: w.workdayHours, words: x)
        var out = "## \(w.name)\n\n"
        var facts = ["`\(path)`"]
        if let code = w.code { facts.append("\(x.code) \(code)") }
        facts.append("\(x.service) \(x.level(w.service))")
        out += facts.joined(separator: " · ") + "\n\n"
        out += "| | |\n|---|---|\n"
        out += "| \(x.leadTimeMain) | \(time.long(a.mainLeadTime)) |\n"
        if let d = w.deadline { out += "| \(x.deadline) | \(time.long(d)) |\n" }
        if let t = w.target { out += "| \(x.target) | \(time.long(t)) |\n" }
        if let sim = a.simulation {
            out += "| \(x.expectedLeadTime) (\(grouped(sim.runs)) \(x.cases)) | \(time.long(sim.expectedLeadTime)) |\n"
            out += "| P50 · P90 · P95 | \(time.short(sim.percentile(0.5))) · \(time.short(sim.percentile(0.9))) · \(time.short(sim.percentile(0.95))) |\n"
            if let d = w.deadline { out += "| \(x.onTime) | \(x.percent(sim.onTimeRate(d))) |\n" }
        }
        out += "| \(x.handoffs) | \(a.handoffs) |\n"
        if let pce = a.pce { out += "| \(x.pce) | \(x.percent(pce)) |\n" }
        out += "\n**\(x.criticalPath):** " + a.criticalPath.steps.map { "\(w.steps[$0].id) (\(w.steps[$0].label))" }.joined(separator: " → ") + "\n"
        if let c = comparison {
            out += "\n### \(x.beforeAfter): " + (c.origin.phrase(x)) + "\n\n"
            out += "| | \(x.before) | \(x.after) | \(x.saved) |\n|---|---|---|---|\n"
            func row(_ name: String, _ b: Double, _ a: Double) {
                out += "| \(name) | \(time.short(b)) | \(time.short(a)) | \(time.short(b - a))\(b != 0 ? " (\(x.percent((b - a) / b)))" : "") |\n"
            }
            row(x.mainLeadTime, c.before.mainLeadTime, c.after.mainLeadTime)
            if let b = c.before.simulation, let a = c.after.simulation {
                row(x.expectedLeadTime, b.expectedLeadTime, a.expectedLeadTime)
                row("P90", b.percentile(0.9), a.percentile(0.9))
            }
            out += "| \(x.handoffs) | \(c.before.handoffs) | \(c.after.handoffs) | \(c.savedHandoffs) |\n"
            out += "| \(x.workPerDossier) | \(time.hours(c.before.workHours)) | \(time.hours(c.after.workHours)) | \(time.hours(c.savedWorkHours)) |\n\n"
            if let latest = w.latestDossiers {
                out += "\(x.perYear) (\(latest.total) \(x.dossiersIn) \(latest.year)): **\(x.number(c.citizenDaysPerYear, decimals: 1)) \(x.citizenDays)**, **\(x.number(c.staffHoursPerYear, decimals: 1)) \(x.staffHours)** \(x.savedWord).\n\n"
            }
            out += "\(x.changes): " + c.changes.map { "`\(WorkflowPrinter.statement($0.action, workdayHours: w.workdayHours))`" }.joined(separator: ", ") + "\n"
        }
        if !suggestions.isEmpty {
            out += "\n### \(x.suggestions)\n\n| \(x.change) | \(x.rule) | \(x.perDossier) | \(x.perYearColumn) |\n|---|---|---|---|\n"
            for s in suggestions {
                out += "| `\(s.statement)` | \(s.rule)\(s.isTargetOnly ? " (\(x.target_))" : "") | \(time.short(s.savingHours)) | \(time.short(s.savingPerYearHours)) |\n"
            }
        }
        return out
    }

    private func escape(_ s: String) -> String {
        s.replacingPipes()
    }
}

extension String {
    /// Markdown table cells cannot hold a bare `|`.
    func replacingPipes() -> String {
        var out = ""
        for ch in self { out += ch == "|" ? "\\|" : String(ch) }
        return out
    }
}
