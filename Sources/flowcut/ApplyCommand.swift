import ArgumentParser
import FlowcutCore
import FlowcutLanguage

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a procedure with one of its proposals applied, as a .flow file.",
        discussion: "The output reads back to the same process (flowcut check accepts it).")

    @Argument(help: "The .flow file.")
    var file: String

    @Option(help: "The proposal to apply (default: the file's first).")
    var proposal: String?

    @OptionGroup(title: "Limits") var limits: ReadLimitOptions

    func run() throws {
        let (source, before) = try Inputs.workflow(file, limits: limits.applied())
        guard let chosen = proposal.map({ name in before.proposals.first { $0.name == name } }) ?? before.proposals.first else {
            if let proposal {
                let names = before.proposals.map { "\"\($0.name)\"" }.joined(separator: ", ")
                Terminal.fail("\(file) has no proposal \"\(proposal)\"" + (names.isEmpty ? "" : "; it has \(names)"))
            } else {
                Terminal.fail("\(file) has no proposal to apply")
            }
            throw ExitCode(1)
        }
        switch ProposalApplier.apply(chosen.changes, to: before) {
        case .success(let applied):
            Terminal.out("# \(before.name): after proposal \"\(chosen.name)\" (flowcut apply \(file))", terminator: "\n")
            Terminal.out(applied.text, terminator: "")
        case .failure(let error):
            if let d = error.diagnostic {
                Terminal.errRaw(DiagnosticText(colored: Terminal.colorErrors).render(d, in: source))
            } else {
                Terminal.fail(error.message)
            }
            throw ExitCode(1)
        }
    }
}
