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
        var how: [String: [String]] = [:]
        for change in comparison?.changes ?? [] {
            switch change.action {
            case .cut(let id): marks[id] = .removed
            case .merge(let x, let y, _, _):
                marks[y] = .merged(into: a.workflow.stepName(x))
            default: break
            }
            for id in change.action.stepIDs where marks[id] == nil || how[id] != nil {
                how[id, default: []].append(words.changeNote(change.action, at: id, in: a.workflow))
            }
        }
        for (id, notes) in how { marks[id] = .changed(how: notes.joined(separator: "; ")) }
        return diagram(a, marks: marks, caption: [], words: words)
    }

    public static func after(_ c: Comparison, words x: Words = .english) -> Diagram {
        var marks: [String: Diagram.Mark] = [:]
        var how: [String: [String]] = [:]
        for change in c.changes {
            for id in change.action.stepIDs where c.after.workflow.stepIndex(of: id) != nil {
                how[id, default: []].append(x.changeNote(change.action, at: id, in: c.before.workflow))
            }
        }
        for (id, notes) in how { marks[id] = .changed(how: notes.joined(separator: "; ")) }
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
        // Short lines: the diagram is drawn top to bottom, and its title
        // should not make it wider than its steps.
        var title = [w.name, "\(x.diagramLeadTime) \(t.long(a.mainLeadTime))"]
        if let deadline = w.deadline { title[1] += " · \(x.diagramDeadline) \(t.long(deadline))" }
        if let sim = a.simulation { title.append("\(x.expected) \(t.short(sim.expectedLeadTime)) · P90 \(t.short(sim.percentile(0.9)))") }
        let path = a.criticalPath.steps
        var criticalArrows = Set<Int>()
        for (x, y) in zip(path, path.dropFirst()) {
            if let arrow = w.graph.outgoing(x).first(where: { w.arrows[$0].to == y }) { criticalArrows.insert(arrow) }
        }
        return Diagram(
            workflow: w, title: title, caption: caption, criticalSteps: Set(path), criticalArrows: criticalArrows,
            closesLoop: a.structure.closesLoop, marks: marks, words: x.diagram)
    }
}
