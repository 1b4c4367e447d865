import ArgumentParser
import FlowcutCore
import FlowcutLanguage

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse procedures. For now: check each file and summarise the procedure it describes.",
        discussion: "Timing (critical path, simulation), suggestions and diagrams are being built; see README.md.")

    @OptionGroup var input: InputOptions

    func run() throws {
        let inputs = Inputs(paths: input.paths)
        var withErrors = inputs.failures
        for (path, result) in zip(inputs.files, inputs.check()) {
            guard let result else {
                withErrors += 1
                continue
            }
            Terminal.printDiagnostics(result)
            guard let w = result.workflow else {
                Terminal.out(summaryLine(path, result))
                withErrors += 1
                continue
            }
            Terminal.out(procedureSummary(path, w))
        }
        if withErrors > 0 { throw ExitCode(1) }
    }
}

/// What a reviewer sees first about one procedure, from the file alone.
func procedureSummary(_ path: String, _ w: Workflow) -> String {
    var lines = ["\(w.name)  (\(path))"]
    var facts: [String] = []
    if let code = w.code { facts.append("code \(code)") }
    if let deadline = w.deadline { facts.append("deadline \(workingTime(deadline, w.workdayHours))") }
    facts.append("service \(w.service.rawValue)")
    lines.append("  " + facts.joined(separator: " · "))
    let kinds = Dictionary(grouping: w.steps, by: \.kind)
    let kindText = StepKind.allCases.compactMap { k in kinds[k].map { "\($0.count) \(k.rawValue)" } }
    lines.append("  \(plural(w.steps.count, "step")) (\(kindText.joined(separator: ", "))), \(plural(w.actors.count, "actor")), \(plural(w.arrows.count, "arrow"))")
    let paper = w.steps.filter { $0.channel == .paper }.count
    if paper > 0 { lines.append("  \(plural(paper, "step")) on paper") }
    if let latest = w.latestDossiers {
        lines.append("  dossiers \(latest.year): \(latest.total) (\(latest.online) online, \(latest.paper) paper)")
    }
    for p in w.proposals {
        lines.append("  proposal \"\(p.name)\": \(plural(p.changes.count, "change"))")
    }
    return lines.joined(separator: "\n")
}

/// "6.5 working days (52 h)" (ANALYSIS.md).
func workingTime(_ hours: Double, _ workday: Double) -> String {
    "\(formatNumber(hours / workday, decimals: 2)) working days (\(formatNumber(hours, decimals: 2)) h)"
}
