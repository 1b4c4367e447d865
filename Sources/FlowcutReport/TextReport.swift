import FlowcutAnalysis
import FlowcutCore

extension ProcedureReport {
    /// The terminal summary: lead time against the deadline, the critical
    /// path, the top time consumers, the distribution, actors' work,
    /// handoffs, PCE.
    public var text: String {
        let w = workflow
        let a = analysis
        let time = WorkingTime(workdayHours: w.workdayHours)
        var lines: [String] = []
        lines.append(w.name)
        var facts = [path]
        if let code = w.code { facts.append("code \(code)") }
        facts.append("service \(w.service.rawValue)")
        if let latest = w.latestDossiers { facts.append("\(latest.total) dossiers in \(latest.year)") }
        lines.append(facts.joined(separator: " · "))
        var rows: [(String, String)] = []
        rows.append(("Lead time, main scenario", time.long(a.mainLeadTime)))
        if let deadline = w.deadline {
            rows.append(("Deadline", "\(time.long(deadline)): \(verdict(a.mainLeadTime, deadline, time))"))
        }
        if let target = w.target {
            rows.append(("Target", "\(time.long(target)): \(verdict(a.mainLeadTime, target, time))"))
        }
        if let sim = a.simulation {
            var parts = [
                "expected \(time.short(sim.expectedLeadTime))", "P50 \(time.short(sim.percentile(0.5)))",
                "P90 \(time.short(sim.percentile(0.9)))", "P95 \(time.short(sim.percentile(0.95)))",
            ]
            if let deadline = w.deadline { parts.append("on time \(percent(sim.onTimeRate(deadline)))") }
            rows.append(("Simulated (\(grouped(sim.runs)) cases, seed \(sim.seed))", parts.joined(separator: " · ")))
            if sim.stoppedCases > 0 {
                rows.append(("Stopped in a loop", "\(grouped(sim.stoppedCases)) cases (over \(Simulator.loopLimit) returns), left out"))
            }
        }
        rows.append(("Critical path", a.criticalPath.steps.map { w.steps[$0].id }.joined(separator: " → ")))
        let lead = max(a.mainLeadTime, 1e-12)
        let top = a.topTimeConsumers.prefix(3).map {
            "\(w.steps[$0].id) \(time.short(a.stepTimes[$0])) (\(percent(a.stepTimes[$0] / lead)))"
        }
        if !top.isEmpty { rows.append(("Top time consumers", top.joined(separator: " · "))) }
        if let sim = a.simulation {
            let off = w.steps.indices.filter { !a.scenario.contains[$0] && sim.visitProbability[$0] > 0 }
            if !off.isEmpty {
                rows.append(("Off the main scenario", off.map {
                    "\(w.steps[$0].id) in \(percent(sim.visitProbability[$0])) of cases"
                }.joined(separator: " · ")))
            }
        }
        let busy = a.actors.filter { $0.hours > 0 }.sorted { $0.hours > $1.hours }
        if !busy.isEmpty {
            rows.append(("Work per dossier", busy.map {
                "\($0.actor ?? "(no actor)") \(time.short($0.hours)) (\(percent($0.shareOfLeadTime)))"
            }.joined(separator: " · ")))
        }
        rows.append(("Handoffs", "\(a.handoffs)"))
        if let pce = a.pce {
            rows.append(("Process cycle efficiency", "\(percent(pce)) (lean: above 25% is good)"))
        }
        let width = rows.map(\.0.count).max() ?? 0
        for (label, value) in rows {
            lines.append("  " + label + String(repeating: " ", count: width - label.count) + "  " + value)
        }
        var out = lines.joined(separator: "\n") + "\n"
        if let comparison { out += Self.comparisonText(comparison, suggestions: suggestions) }
        return out
    }

    private func verdict(_ time: Double, _ limit: Double, _ t: WorkingTime) -> String {
        let margin = limit - time
        if abs(margin) < 1e-9 { return "exactly on it" }
        return margin > 0 ? "within, \(t.short(margin)) to spare" : "over by \(t.short(-margin))"
    }
}

/// 10000 → "10 000" (a thin grouping readers of both languages accept).
func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out += " " }
        out.append(d)
    }
    return out
}
