import ArgumentParser
import FlowcutCore
import FlowcutLanguage
import FlowcutReport

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a procedure with one of its proposals applied, as a .flow file.",
        discussion: "The output reads back to the same process (flowcut check accepts it).")

    @Argument(help: "The .flow file.")
    var file: String

    @Option(help: "The proposal to apply (default: the file's first).")
    var proposal: String?

    @OptionGroup(title: "Limits") var limits: ReadLimitOptions

    @Option(help: "Language of the findings and messages: en or vi (the codes stay; default: FLOWCUT_LANG, else en).")
    var lang: ReportLanguage = DefaultLanguage.value

    func validate() throws { try DefaultLanguage.validate() }

    func run() throws {
        Terminal.speak(lang)
        let (source, before) = try Inputs.workflow(file, limits: limits.applied())
        guard let chosen = proposal.map({ name in before.proposals.first { $0.name == name } }) ?? before.proposals.first else {
            if let proposal {
                let names = before.proposals.map { "\"\($0.name)\"" }.joined(separator: ", ")
                Terminal.fail(
                    Terminal.isVietnamese
                        ? "\(file) không có phương án “\(proposal)”" + (names.isEmpty ? "" : "; các phương án có trong tệp: \(names)")
                        : "\(file) has no proposal \"\(proposal)\"" + (names.isEmpty ? "" : "; it has \(names)"), translated: true)
            } else {
                Terminal.fail(Terminal.isVietnamese ? "\(file) không có phương án nào để áp dụng" : "\(file) has no proposal to apply", translated: true)
            }
            throw ExitCode(1)
        }
        switch ProposalApplier.apply(chosen.changes, to: before) {
        case .success(let applied):
            Terminal.out(
                Terminal.isVietnamese
                    ? "# \(before.name): sau khi áp dụng phương án “\(chosen.name)” (flowcut apply \(file))"
                    : "# \(before.name): after proposal \"\(chosen.name)\" (flowcut apply \(file))", terminator: "\n")
            Terminal.out(applied.text, terminator: "")
        case .failure(let error):
            if let d = error.diagnostic {
                Terminal.errRaw(Terminal.diagnosticText.render(d, in: source))
            } else {
                Terminal.fail(error.message)
            }
            throw ExitCode(1)
        }
    }
}
