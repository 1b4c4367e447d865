import ArgumentParser
import Foundation
import FlowcutCore
import FlowcutImport
import FlowcutLanguage

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring a BPMN 2.0 model (.bpmn) or a published process table (.csv) in as a .flow file.",
        discussion: "Headers in Vietnamese (Bước, Nội dung công việc, Trách nhiệm thực hiện, Thời gian thực hiện) or English (Step, Task, Responsible, Time). Step kinds are guessed from the task's words: check them.")

    @Argument(help: "The model (.bpmn) or the table (.csv).")
    var file: String

    @Option(help: "The procedure's name (default: the file's name).")
    var name: String?

    @Option(help: "A Prosimos simulation scenario (JSON) for the BPMN model: task durations and branching probabilities.")
    var scenario: String?

    @Option(name: .shortAndLong, help: "Write the .flow here (atomically) instead of to standard output.")
    var output: String?

    func validate() throws {
        guard file.lowercased().hasSuffix(".csv") || file.lowercased().hasSuffix(".bpmn") || file.lowercased().hasSuffix(".xml") else {
            throw ValidationError("flowcut import reads .bpmn models and .csv tables")
        }
        if scenario != nil && file.lowercased().hasSuffix(".csv") {
            throw ValidationError("--scenario goes with a BPMN model, not a table")
        }
        if let output, Files.isSameFile(output, asAnyOf: [file] + (scenario.map { [$0] } ?? [])) {
            throw ValidationError("-o \(Files.shown(output)) is the file being imported; choose another output")
        }
    }

    func run() throws {
        guard let bytes = Inputs.readBytes(file) else {
            Terminal.fail("cannot read \(file): \(String(cString: strerror(errno)))")
            throw ExitCode(1)
        }
        if !file.lowercased().hasSuffix(".csv") {
            var times: ProsimosScenario.Scenario?
            if let scenario {
                guard let data = Inputs.readBytes(scenario) else {
                    Terminal.fail("cannot read \(scenario): \(String(cString: strerror(errno)))")
                    throw ExitCode(1)
                }
                do { times = try ProsimosScenario.read(Data(data)) } catch {
                    Terminal.fail("\(scenario): \(error.message)")
                    throw ExitCode(1)
                }
            }
            let result: Imported
            do {
                result = try BPMNImport.read(Data(bytes), name: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent, scenario: times)
            } catch {
                Terminal.fail("\(file): \(error.message)")
                throw ExitCode(1)
            }
            var workflow = result.workflow
            if let name { workflow.name = name }
            Terminal.warnings(result.warnings, in: file)
            try emit(WorkflowPrinter.text(workflow, comment: "Imported by flowcut import from \(URL(fileURLWithPath: file).lastPathComponent)\(scenario == nil ? ": fill in durations and probabilities." : " with its scenario.")"))
            return
        }
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].count { $0 == 0x0A } + 1
            Terminal.fail("\(Files.shown(file)):\(line): the table holds a NUL byte (byte \(nul + 1)); it is not a text table: save it as UTF-8 CSV")
            throw ExitCode(1)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            Terminal.fail("\(file) is not UTF-8 text; save the table as UTF-8 CSV")
            throw ExitCode(1)
        }
        let procedure = name ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let result: Imported
        do { result = try PublishedTable.read(text, name: procedure) } catch {
            Terminal.fail("\(file): \(error.message)")
            throw ExitCode(1)
        }
        Terminal.warnings(result.warnings, in: file)
        try emit(WorkflowPrinter.text(result.workflow, comment: "Imported by flowcut import from \(URL(fileURLWithPath: file).lastPathComponent); step kinds are guessed from the tasks' words: check them."))
    }

    /// Writes the imported process, once the front end has read it back
    /// without an error: an import never writes a file `check` rejects.
    func emit(_ flow: String) throws {
        let checked = Checker.check(SourceFile(path: file, text: flow), keepSyntax: false)
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
