import ArgumentParser
import Flowcut
import FlowcutCore
import FlowcutLanguage
import FlowcutReport

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check .flow files: print every error and warning, and a line per file.")

    @OptionGroup var input: InputOptions

    @OptionGroup(title: "Limits") var limits: ReadLimitOptions

    @Option(help: "Language of the findings and messages: en or vi (the codes stay; default: FLOWCUT_LANG, else en).")
    var lang: ReportLanguage = DefaultLanguage.value

    func validate() throws { try DefaultLanguage.validate() }

    func run() throws {
        Terminal.speak(lang)
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
            Terminal.out(
                Terminal.isVietnamese
                    ? "đã kiểm tra \(total) tệp: \(total - min(withErrors, total)) hợp lệ, \(withErrors) có lỗi, \(warnings) cảnh báo"
                    : "checked \(plural(total, "file")): \(total - min(withErrors, total)) ok, \(withErrors) with errors, \(plural(warnings, "warning"))")
        }
        Terminal.finish(withErrors > 0 ? 1 : 0)
    }
}

/// `path: ok: "Name": 8 steps, 5 actors, …` or `path: 2 errors, 1 warning`.
func summaryLine(_ path: String, _ checked: CheckedFile) -> String {
    let d = checked.diagnostics
    let vi = Terminal.isVietnamese
    guard let w = checked.workflow else {
        return vi
            ? "\(Files.shown(path)): \(d.errorCount) lỗi, \(d.warningCount) cảnh báo"
            : "\(Files.shown(path)): \(plural(d.errorCount, "error")), \(plural(d.warningCount, "warning"))"
    }
    let decisions = w.steps.indices.count { w.isDecision($0) }
    let loops = w.reworkLoops.count
    if vi {
        var facts = [
            "\(w.steps.count) bước", "\(w.actors.count) người thực hiện", "\(w.arrows.count) mũi tên", "\(decisions) điểm rẽ nhánh",
            "\(loops) vòng lặp", "\(w.proposals.count) phương án",
        ]
        if d.warningCount > 0 { facts.append("\(d.warningCount) cảnh báo") }
        return "\(Files.shown(path)): hợp lệ: “\(Escape.oneLine(w.name))”: " + facts.joined(separator: ", ")
    }
    var facts = [
        plural(w.steps.count, "step"), plural(w.actors.count, "actor"), plural(w.arrows.count, "arrow"),
        plural(decisions, "decision"), plural(loops, "loop"), plural(w.proposals.count, "proposal"),
    ]
    if d.warningCount > 0 { facts.append(plural(d.warningCount, "warning")) }
    return "\(Files.shown(path)): ok: \"\(Escape.oneLine(w.name))\": " + facts.joined(separator: ", ")
}
