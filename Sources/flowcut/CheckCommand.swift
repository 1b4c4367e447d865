import ArgumentParser
import Flowcut
import FlowcutCore
import FlowcutLanguage

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check .flow files: print every error and warning, and a line per file.")

    @OptionGroup var input: InputOptions

    @OptionGroup(title: "Limits") var limits: ReadLimitOptions

    func run() throws {
        let inputs = Inputs(paths: input.paths, limits: limits.applied())
        var withErrors = inputs.failures
        var warnings = 0
        let checked = inputs.check()
        for (path, result) in zip(inputs.files, checked) {
            guard let result else {
                withErrors += 1
                continue
            }
            Terminal.printDiagnostics(result)
            warnings += result.diagnostics.warningCount
            Terminal.out(summaryLine(path, result))
            if result.hasErrors { withErrors += 1 }
        }
        let total = inputs.files.count
        if total > 1 {
            Terminal.out("checked \(plural(total, "file")): \(total - min(withErrors, total)) ok, \(withErrors) with errors, \(plural(warnings, "warning"))")
        }
        Terminal.finish(withErrors > 0 ? 1 : 0)
    }
}

/// `path: ok: "Name": 8 steps, 5 actors, …` or `path: 2 errors, 1 warning`.
func summaryLine(_ path: String, _ checked: CheckedFile) -> String {
    let d = checked.diagnostics
    guard let w = checked.workflow else {
        return "\(Files.shown(path)): \(plural(d.errorCount, "error")), \(plural(d.warningCount, "warning"))"
    }
    let decisions = w.steps.indices.count { w.isDecision($0) }
    let loops = w.reworkLoops.count
    var facts = [
        plural(w.steps.count, "step"), plural(w.actors.count, "actor"), plural(w.arrows.count, "arrow"),
        plural(decisions, "decision"), plural(loops, "loop"), plural(w.proposals.count, "proposal"),
    ]
    if d.warningCount > 0 { facts.append(plural(d.warningCount, "warning")) }
    return "\(Files.shown(path)): ok: \"\(Escape.oneLine(w.name))\": " + facts.joined(separator: ", ")
}
