import ArgumentParser
import FlowcutReport

struct Diagnostics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every diagnostic code (E… errors, W… warnings) with what it means (Markdown).")

    func run() throws {
        Terminal.out(DiagnosticsDocument.markdown(), terminator: "")
    }
}
