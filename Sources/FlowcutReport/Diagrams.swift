import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutRender

/// Diagrams of an analysis: *before* (the steps a proposal removes struck
/// out, the ones it changes marked) and *after* (changed steps highlighted,
/// savings in the caption), drawn the same way so the eye can compare.
public enum Diagrams {
    static let words: [String: String] = [
        "wait": "wait", "paper": "paper", "online": "online", "fixed": "fixed", "external": "other agency",
        "removed": "removed by the proposal", "changed": "changed by the proposal", "legend": "Legend",
        "critical": "critical path", "loop": "rework loop (dashed)",
        "intake": "intake", "handoff": "handoff", "work": "specialist work", "approval": "approval",
        "consult": "consultation", "field": "field check", "clerical": "clerical", "delivery": "delivery",
        "rework": "rework", "delay": "delay",
    ]

    public static func before(_ a: ProcedureAnalysis, _ comparison: Comparison?) -> Diagram {
        var marks: [String: Diagram.Mark] = [:]
        for change in comparison?.changes ?? [] {
            switch change.action {
            case .cut(let id): marks[id] = .removed
            case .merge(let x, let y, _, _):
                marks[y] = .removed
                if marks[x] == nil { marks[x] = .changed }
            default:
                for id in change.action.stepIDs where marks[id] == nil { marks[id] = .changed }
            }
        }
        return diagram(a, marks: marks, caption: [])
    }

    public static func after(_ c: Comparison) -> Diagram {
        var marks: [String: Diagram.Mark] = [:]
        for change in c.changes {
            for id in change.action.stepIDs where c.after.workflow.stepIndex(of: id) != nil { marks[id] = .changed }
        }
        let t = WorkingTime(workdayHours: c.before.workflow.workdayHours)
        let saved = c.savedExpectedLeadTime ?? c.savedMainLeadTime
        var caption = ["Saved per dossier: \(t.long(saved))" + (c.before.comparableLeadTime > 0 ? " (\(percent(saved / c.before.comparableLeadTime)))" : "")]
        if let latest = c.before.workflow.latestDossiers {
            caption.append("Per year (\(latest.total) dossiers in \(latest.year)): \(formatNumber(c.citizenDaysPerYear, decimals: 1)) citizen-days, \(formatNumber(c.staffHoursPerYear, decimals: 1)) staff hours")
        }
        let name = c.proposal == "suggested" ? "the suggested changes" : "proposal “\(c.proposal)”"
        var d = diagram(c.after, marks: marks, caption: caption)
        d.title[0] += " — after \(name)"
        return d
    }

    static func diagram(_ a: ProcedureAnalysis, marks: [String: Diagram.Mark], caption: [String]) -> Diagram {
        let w = a.workflow
        let t = WorkingTime(workdayHours: w.workdayHours)
        var line = "Lead time \(t.long(a.mainLeadTime))"
        if let sim = a.simulation { line += " · expected \(t.short(sim.expectedLeadTime)) · P90 \(t.short(sim.percentile(0.9)))" }
        if let deadline = w.deadline { line += " · deadline \(t.long(deadline))" }
        let path = a.criticalPath.steps
        var criticalArrows = Set<Int>()
        for (x, y) in zip(path, path.dropFirst()) {
            if let arrow = w.graph.outgoing(x).first(where: { w.arrows[$0].to == y }) { criticalArrows.insert(arrow) }
        }
        return Diagram(
            workflow: w, title: [w.name, line], caption: caption, criticalSteps: Set(path), criticalArrows: criticalArrows,
            closesLoop: a.structure.closesLoop, marks: marks, words: words)
    }
}
