import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage

extension ProcedureReport {
    /// The same as `text`, as a document to circulate.
    public var markdown: String {
        let w = workflow
        let a = analysis
        let time = WorkingTime(workdayHours: w.workdayHours)
        var out = "## \(w.name)\n\n"
        var facts = ["`\(path)`"]
        if let code = w.code { facts.append("code \(code)") }
        facts.append("service \(w.service.rawValue)")
        out += facts.joined(separator: " · ") + "\n\n"
        out += "| measure | value |\n|---|---|\n"
        out += "| lead time, main scenario | \(time.long(a.mainLeadTime)) |\n"
        if let d = w.deadline { out += "| deadline | \(time.long(d)) |\n" }
        if let t = w.target { out += "| target | \(time.long(t)) |\n" }
        if let sim = a.simulation {
            out += "| expected lead time (\(grouped(sim.runs)) simulated cases) | \(time.long(sim.expectedLeadTime)) |\n"
            out += "| P50 · P90 · P95 | \(time.short(sim.percentile(0.5))) · \(time.short(sim.percentile(0.9))) · \(time.short(sim.percentile(0.95))) |\n"
            if let d = w.deadline { out += "| on time | \(percent(sim.onTimeRate(d))) |\n" }
        }
        out += "| handoffs | \(a.handoffs) |\n"
        if let pce = a.pce { out += "| process cycle efficiency | \(percent(pce)) |\n" }
        out += "\n**Critical path:** " + a.criticalPath.steps.map { "\(w.steps[$0].id) (\(w.steps[$0].label))" }.joined(separator: " → ") + "\n\n"
        out += "| step | actor | mean time | earliest start | slack | visited |\n|---|---|---|---|---|---|\n"
        for (s, step) in w.steps.enumerated() {
            let schedule = a.criticalPath.schedule[s]
            let visited = a.simulation.map { percent($0.visitProbability[s]) } ?? (a.scenario.contains[s] ? "main scenario" : "—")
            out += "| \(step.id) — \(escape(step.label)) | \(step.actor ?? "") | \(time.short(a.stepTimes[s])) | "
            out += "\(schedule.map { time.short($0.earliestStart) } ?? "—") | \(schedule.map { time.short($0.slack) } ?? "—") | \(visited) |\n"
        }
        if let c = comparison {
            out += "\n### Before and after: " + (c.proposal == "suggested" ? "the suggested changes" : "proposal “\(c.proposal)”") + "\n\n"
            out += "| measure | before | after | saved |\n|---|---|---|---|\n"
            func row(_ name: String, _ b: Double, _ a: Double) {
                out += "| \(name) | \(time.short(b)) | \(time.short(a)) | \(time.short(b - a))\(b != 0 ? " (\(percent((b - a) / b)))" : "") |\n"
            }
            row("main lead time", c.before.mainLeadTime, c.after.mainLeadTime)
            if let b = c.before.simulation, let a = c.after.simulation {
                row("expected lead time", b.expectedLeadTime, a.expectedLeadTime)
                row("P90", b.percentile(0.9), a.percentile(0.9))
            }
            out += "| handoffs | \(c.before.handoffs) | \(c.after.handoffs) | \(c.savedHandoffs) |\n"
            out += "| work per dossier | \(formatNumber(c.before.workHours, decimals: 1)) h | \(formatNumber(c.after.workHours, decimals: 1)) h | \(formatNumber(c.savedWorkHours, decimals: 1)) h |\n\n"
            if let latest = w.latestDossiers {
                out += "Per year (\(latest.total) dossiers in \(latest.year)): **\(formatNumber(c.citizenDaysPerYear, decimals: 1)) citizen-days** and **\(formatNumber(c.staffHoursPerYear, decimals: 1)) staff hours** saved.\n\n"
            }
            out += "Changes: " + c.changes.map { "`\(WorkflowPrinter.statement($0.action, workdayHours: w.workdayHours))`" }.joined(separator: ", ") + "\n"
        }
        if !suggestions.isEmpty {
            out += "\n### Suggestions\n\n| change | rule | saving per dossier | per year |\n|---|---|---|---|\n"
            for s in suggestions {
                out += "| `\(s.statement)` | \(s.rule)\(s.isTargetOnly ? " (target)" : "") | \(time.short(s.savingHours)) | \(formatNumber(s.savingPerYearHours / w.workdayHours, decimals: 1)) citizen-days |\n"
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
