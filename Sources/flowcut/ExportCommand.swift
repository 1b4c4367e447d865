import ArgumentParser
import Flowcut
import FlowcutCore
import FlowcutImport
import FlowcutReport
import Foundation

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case bpmn
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Give a procedure back as BPMN 2.0 (with a drawn diagram), and its times as a Prosimos scenario.",
        discussion:
            "Lanes per actor, a task per step, exclusive gateways for decisions, parallel gateways for parallel work; the layout comes from Graphviz. The scenario (--scenario) holds each task's time in seconds (one working hour = 3 600 s) and each decision's probabilities, for the Prosimos simulator; `flowcut import MODEL.bpmn --scenario FILE.json` reads the pair back."
    )

    @Argument(help: "The .flow file.")
    var file: String

    @Option(help: "The format to write (bpmn).")
    var to: ExportFormat = .bpmn

    @Option(name: .shortAndLong, help: "Write the model here (atomically) instead of to standard output.")
    var output: String?

    @Option(help: "Also write the Prosimos simulation scenario (JSON) here.")
    var scenario: String?

    @OptionGroup(title: "Limits") var limits: ReadLimitOptions

    func validate() throws {
        try DefaultLanguage.validate()
        for target in [output, scenario].compactMap({ $0 }) where Files.isSameFile(target, asAnyOf: [file]) {
            throw ValidationError("\(Files.shown(target)) is the input file itself; choose another output")
        }
        if let output, let scenario, output == scenario || Files.isSameFile(output, asAnyOf: [scenario]) {
            throw ValidationError("-o and --scenario name the same file")
        }
    }

    @Option(help: "Language of the findings and messages: en or vi (the codes stay; default: FLOWCUT_LANG, else en).")
    var lang: ReportLanguage = DefaultLanguage.value

    func run() throws {
        Terminal.speak(lang)
        let (_, w) = try Inputs.workflow(file, limits: limits.applied())
        let exported: BPMNExport.Output
        do { exported = try BPMNExport.export(w) } catch {
            Terminal.fail("\(file): the layout failed: \(error.message)")
            throw ExitCode(1)
        }
        if let scenario { try writeOutputFile(Array(ProsimosScenario.write(w, exported).utf8), to: scenario, inputs: [file]) }
        if let output { try writeOutputFile(Array(exported.xml.utf8), to: output, inputs: [file]) } else { Terminal.out(exported.xml, terminator: "") }
    }
}
