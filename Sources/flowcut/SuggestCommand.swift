import ArgumentParser
import Flowcut
import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutReport
import FlowcutSimulation
import FlowcutTiming

struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Suggest changes for a procedure, as a proposal block to paste into its file.",
        discussion: "Each suggestion is measured by applying it alone and analysing again with the same seed; see docs/suggestions.md.")

    @Argument(help: "The .flow file.")
    var file: String

    @OptionGroup var simulation: SimulationOptions

    @OptionGroup(title: "Limits") var limits: ReadLimitOptions

    @Option(help: "Language of the reasons and comments: en or vi (the statements are the .flow language's; default: FLOWCUT_LANG, else en).")
    var lang: ReportLanguage = DefaultLanguage.value

    func validate() throws { try DefaultLanguage.validate() }

    func run() throws {
        Terminal.speak(lang)
        let (_, w) = try Inputs.workflow(file, limits: limits.applied())
        guard w.steps.count <= Suggester.stepLimit else {
            Terminal.out(
                lang == .vi
                    ? "# flowcut suggest \(file): \(lang.words.count(w.steps.count)) bước: chỉ đề xuất thay đổi cho quy trình có không quá \(lang.words.count(Suggester.stepLimit)) bước"
                    : "# flowcut suggest \(file): \(grouped(w.steps.count)) steps: suggestions are measured for processes of at most \(grouped(Suggester.stepLimit)) steps"
            )
            return
        }
        let request = simulation.request(limits: limits.applied())
        if let refusal = request.tooManyCases(steps: w.steps.count) { throw ValidationError("\(Files.shown(file)): \(refusal)") }
        let before = Analyzer.analyze(w, options: request.options(steps: w.steps.count, joins: w.joinCount).options, keepingTrace: true)
        let suggestions = Suggester.suggestions(before)
        let chosen = Suggester.suggestedChanges(suggestions, to: w)
        if suggestions.isEmpty {
            Terminal.out(
                lang == .vi
                    ? "# flowcut suggest \(file): không quy tắc nào tìm thấy điểm cần thay đổi" : "# flowcut suggest \(file): no rule finds anything to change")
            return
        }
        Terminal.out(ProcedureReport.proposalBlock(w, path: file, suggestions: suggestions, chosen: chosen, words: lang.words), terminator: "")
    }
}
