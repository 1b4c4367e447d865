import ArgumentParser
import Flowcut
import FlowcutCore
import FlowcutImport
import FlowcutLanguage
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring a BPMN 2.0 model (.bpmn, .xml) or a published process table (.csv) in as a .flow file.",
        discussion:
            "Headers in Vietnamese (Bước, Nội dung công việc, Trách nhiệm thực hiện, Thời gian thực hiện) or English (Step, Task, Responsible, Time). Step kinds are guessed from the task's words: check them."
    )

    @Argument(help: "The model (.bpmn, .xml) or the table (.csv).")
    var file: String

    @Option(help: "The procedure's name (default: the model's, else the file's name).")
    var name: String?

    @Option(help: "A Prosimos simulation scenario (JSON) for the BPMN model: task durations and branching probabilities.")
    var scenario: String?

    @Option(name: .shortAndLong, help: "Write the .flow here (atomically) instead of to standard output.")
    var output: String?

    @OptionGroup(title: "Limits") var limits: ReadLimitOptions

    func validate() throws {
        guard let importer = Importers.importer(for: file) else {
            throw ValidationError("flowcut import reads \(Importers.endings) files")
        }
        if scenario != nil && !importer.takesScenario {
            throw ValidationError("--scenario goes with a BPMN model, not a \(importer.kind)")
        }
        if let output, Files.isSameFile(output, asAnyOf: [file] + (scenario.map { [$0] } ?? [])) {
            throw ValidationError("-o \(Files.shown(output)) is the file being imported; choose another output")
        }
    }

    func run() throws {
        let importer = Importers.importer(for: file)!
        guard let bytes = Inputs.readBytes(file, limits: limits.applied()) else { throw ExitCode(1) }
        var options = ImportOptions(name: name)
        if let scenario {
            guard let data = Inputs.readBytes(scenario, limits: limits.applied()) else { throw ExitCode(1) }
            do { options.scenario = try ProsimosScenario.read(Data(data)) } catch {
                Terminal.fail("\(Files.shown(scenario)): \(error.message)")
                throw ExitCode(1)
            }
        }
        let result: Imported
        do { result = try importer.read(bytes, path: file, options: options) } catch {
            Terminal.fail("\(Files.shown(file)): \(error.message)")
            throw ExitCode(1)
        }
        let source = URL(fileURLWithPath: file).lastPathComponent
        let comment =
            importer.takesScenario
            ? "Imported by flowcut import from \(source)\(scenario == nil ? ": fill in durations and probabilities." : " with its scenario.")"
            : "Imported by flowcut import from \(source); step kinds are guessed from the tasks' words: check them."
        let problems = result.problems(limits: limits.applied())
        Terminal.importFindings(result.findings + problems.filter { $0.severity != .error }, in: file)
        let errors = problems.filter { $0.severity == .error }
        if !errors.isEmpty {
            Terminal.importFindings(errors, in: file)
            Terminal.fail("\(Files.shown(file)): nothing was written: the process it gives would not check")
            throw ExitCode(1)
        }
        try emit(WorkflowPrinter.text(result.workflow, comment: comment))
    }

    /// Writes the imported process, once the front end has read it back
    /// without an error: an import never writes a file `check` rejects.
    func emit(_ flow: String) throws {
        let checked = Checker.check(SourceFile(path: file, text: flow), keepSyntax: false, limits: limits.applied())
        let errors = checked.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            for e in errors { Terminal.fail("\(Files.shown(file)): cannot import it: the process it gives would not check: \(e.message)") }
            throw ExitCode(1)
        }
        if let output {
            try writeOutputFile(Array(flow.utf8), to: output, inputs: [file] + (scenario.map { [$0] } ?? []))
        } else {
            Terminal.out(flow, terminator: "")
        }
    }
}
