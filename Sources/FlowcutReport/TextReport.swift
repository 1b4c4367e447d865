import FlowcutAnalysis
import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

extension ProcedureReport {
    /// The terminal summary: lead time against the deadline, the critical
    /// path, the top time consumers, the distribution, actors' work,
    /// handoffs, PCE.
    public var text: String {
        let w = workflow
        let a = analysis
        let x = words
        let time = WorkingTime(workdayHours: w.workdayHours, words: x)
        var lines: [String] = []
        lines.append(w.name)
        var facts = [path]
        if let code = w.code { facts.append("\(x.code) \(code)") }
        facts.append("\(x.service) \(x.level(w.service))")
        if let latest = w.latestDossiers { facts.append(x.dossiers(latest.total, in: latest.year)) }
        lines.append(facts.joined(separator: " · "))
        var rows: [(String, String)] = []
        rows.append((x.leadTimeMain, time.long(a.mainLeadTime)))
        if let deadline = w.deadline {
            rows.append((x.deadline, "\(time.long(deadline)): \(x.deadlineVerdict(a, deadline, time))"))
        }
        if let target = w.target {
            rows.append((x.target, "\(time.long(target)): \(x.verdict(a.mainLeadTime, target, time, against: .target))"))
        }
        if let sim = a.simulation {
            var parts = [
                "\(x.expected) \(time.short(sim.expectedLeadTime))", "P50 \(time.short(sim.percentile(0.5)))",
                "P90 \(time.short(sim.percentile(0.9)))", "P95 \(time.short(sim.percentile(0.95)))",
            ]
            if let deadline = w.deadline { parts.append("\(x.onTime) \(x.percent(sim.onTimeRate(deadline)))") }
            if sim.completedCases == 0 { parts = [x.noCaseCompleted] }
            rows.append(("\(x.simulated) (\(words.count(sim.runs)) \(x.cases), \(x.seed) \(sim.seed))", parts.joined(separator: " · ")))
            if sim.stoppedCases > 0 {
                let counts = [sim.stoppedCases, sim.runs, sim.limits.loopReturns, sim.limits.stepRuns].map(x.count)
                rows.append((x.stoppedCases, x.fill(x.stoppedWhy, counts)))
            }
        }
        // In Vietnamese, the reader is the civil servant, who knows the steps
        // and the people by name; in English, the file's author, by ID.
        let named = x.language == .vi
        func step(_ i: Int) -> String { named && !w.steps[i].label.isEmpty ? w.steps[i].label : w.steps[i].id }
        func actor(_ id: String) -> String { named ? x.actor(id, in: w) : id }
        rows.append((x.criticalPath, path(a.criticalPath.steps.map(step))))
        let lead = max(a.mainLeadTime, 1e-12)
        let top = a.topTimeConsumers.prefix(3).map {
            "\(step($0)) \(time.short(a.stepTimes[$0])) (\(x.percent(a.stepTimes[$0] / lead)))"
        }
        if !top.isEmpty { rows.append((x.topConsumers, top.joined(separator: " · "))) }
        if let sim = a.simulation {
            let off = w.steps.indices.filter { !a.scenario.contains[$0] && sim.visitProbability[$0] > 0 }
            if !off.isEmpty {
                rows.append(
                    (
                        x.offScenario,
                        off.map {
                            "\(step($0)): \(x.percent(sim.visitProbability[$0])) \(x.inCases)"
                        }.joined(separator: " · ")
                    ))
            }
        }
        let busy = a.actors.filter { $0.hours > 0 }.sorted { $0.hours > $1.hours }
        if !busy.isEmpty {
            rows.append(
                (
                    x.workPerDossier,
                    busy.map {
                        "\($0.actor.map(actor) ?? x.noActor) \(time.short($0.hours)) (\(x.percent($0.shareOfLeadTime)))"
                    }.joined(separator: " · ")
                ))
        }
        rows.append((x.handoffs, "\(a.handoffs)"))
        if let pce = a.pce {
            rows.append((x.pce, "\(x.percent(pce)) (\(x.pceNote))"))
        }
        let width = rows.map(\.0.count).max() ?? 0
        for (label, value) in rows {
            lines.append("  " + label + String(repeating: " ", count: width - label.count) + "  " + value)
        }
        var out = lines.joined(separator: "\n") + "\n"
        if let comparison { out += Self.comparisonText(comparison, suggestions: suggestions, words: words) }
        return out
    }

    /// A path of steps on one line; a long one as its first 12 and last
    /// 3 steps (a terminal line of 10 000 IDs helps nobody; JSON has them all).
    private func path(_ ids: [String]) -> String {  // IDs or names
        guard ids.count > 24 else { return ids.joined(separator: " → ") }
        let shown = ids.prefix(12) + ["…"] + ids.suffix(3)
        return shown.joined(separator: " → ") + " (" + words.fill(words.stepCount, words.count(ids.count)) + ")"
    }

}
