import ArgumentParser
import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutReport

struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Suggest changes for a procedure, as a proposal block to paste into its file.",
        discussion: "Each suggestion is measured by applying it alone and analysing again with the same seed; see docs/suggestions.md.")

    @Argument(help: "The .flow file.")
    var file: String

    @Option(help: "Cases to simulate for each measurement (0: compare main lead times).")
    var runs: Int = Simulator.defaultRuns

    @Option(help: "Seed of the simulation.")
    var seed: UInt64 = Simulator.defaultSeed

    func validate() throws {
        guard (0...10_000_000).contains(runs) else { throw ValidationError("--runs takes 0 to 10 000 000 cases, not \(runs)") }
    }

    func run() throws {
        guard let source = Inputs.read(file) else { throw ExitCode(1) }
        let checked = Checker.check(source, keepSyntax: false)
        Terminal.printDiagnostics(checked)
        guard let w = checked.workflow else { throw ExitCode(1) }
        let before = Analyzer.analyze(w, options: AnalysisOptions(runs: runs, seed: seed))
        let suggestions = Suggester.suggestions(before)
        let chosen = Suggester.suggestedChanges(suggestions, to: w)
        if suggestions.isEmpty {
            Terminal.out("# flowcut suggest \(file): no rule finds anything to change")
            return
        }
        Terminal.out(ProcedureReport.proposalBlock(w, path: file, suggestions: suggestions, chosen: chosen), terminator: "")
    }
}
