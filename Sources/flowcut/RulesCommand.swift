import ArgumentParser
import FlowcutReport

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the suggestion rules with their explanations and examples (Markdown).")

    func run() throws {
        Terminal.out(RulesDocument.markdown(), terminator: "")
    }
}
