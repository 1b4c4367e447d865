import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutRender
import FlowcutSimulation
import FlowcutTiming

/// Diagrams of an analysis: *before* (the steps a proposal removes struck
/// out, the ones it changes marked) and *after* (changed steps highlighted,
/// savings in the caption), drawn the same way so the eye can compare.
public enum Diagrams {
    public static func before(_ a: ProcedureAnalysis, _ comparison: Comparison?, words: Words = .english) -> Diagram {
        var marks: [String: Diagram.Mark] = [:]
        for change in comparison?.changes ?? [] {
            switch change.action {
            case .cut(let id): marks[id] = .removed
            case .merge(let x, let y, _, _):
                let into = a.workflow.stepIndex(of: x).map { a.workflow.steps[$0].label } ?? x
                marks[y] = .merged(into: into.isEmpty ? x : into)
                if marks[x] == nil { marks[x] = .changed }
            default:
                for id in change.action.stepIDs where marks[id] == nil { marks[id] = .changed }
            }
        }
        return diagram(a, marks: marks, caption: [], words: words)
    }

    public static func after(_ c: Comparison, words x: Words = .english) -> Diagram {
        var marks: [String: Diagram.Mark] = [:]
        for change in c.changes {
            for id in change.action.stepIDs where c.after.workflow.stepIndex(of: id) != nil { marks[id] = .changed }
        }
        let t = WorkingTime(workdayHours: c.before.workflow.workdayHours, words: x)
        let saved = c.savedExpectedLeadTime ?? c.savedMainLeadTime
        var caption = [
            "\(x.savedPerDossier): \(t.short(saved))" + (c.before.comparableLeadTime > 0 ? " (\(x.percent(saved / c.before.comparableLeadTime)))" : "")
        ]
        if let latest = c.before.workflow.latestDossiers {
            caption.append(
                "\(x.perYear) (\(x.dossiers(latest.total, in: latest.year))): \(x.number(c.citizenDaysPerYear, decimals: 1)) \(x.citizenDays), \(x.number(c.staffHoursPerYear, decimals: 1)) \(x.staffHours)"
            )
        }
        let name = c.origin.phrase(x, diagram: true)
        var d = diagram(c.after, marks: marks, caption: caption, words: x)
        d.title[0] += " — \(x.afterWord) \(name)"
        return d
    }

    static func diagram(_ a: ProcedureAnalysis, marks: [String: Diagram.Mark], caption: [String], words x: Words) -> Diagram {
        let w = a.workflow
        let t = WorkingTime(workdayHours: w.workdayHours, words: x)
        var line = "\(x.diagramLeadTime) \(t.long(a.mainLeadTime))"
        if let sim = a.simulation { line += " · \(x.expected) \(t.short(sim.expectedLeadTime)) · P90 \(t.short(sim.percentile(0.9)))" }
        if let deadline = w.deadline { line += " · \(x.diagramDeadline) \(t.long(deadline))" }
        let path = a.criticalPath.steps
        var criticalArrows = Set<Int>()
        for (x, y) in zip(path, path.dropFirst()) {
            if let arrow = w.graph.outgoing(x).first(where: { w.arrows[$0].to == y }) { criticalArrows.insert(arrow) }
        }
        return Diagram(
            workflow: w, title: [w.name, line], caption: caption, criticalSteps: Set(path), criticalArrows: criticalArrows,
            closesLoop: a.structure.closesLoop, marks: marks, words: x.diagram)
    }
}
