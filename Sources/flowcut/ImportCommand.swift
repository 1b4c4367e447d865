import ArgumentParser
import Flowcut
import FlowcutCore
import FlowcutImport
import FlowcutLanguage
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Bring a BPMN 2.0 model (.bpmn, .xml), a published process table (.csv, .xlsx) or a decision's appendix (.docx) in as .flow files.",
        discussion:
            "Headers in Vietnamese (Bước, Nội dung công việc, Trách nhiệm thực hiện, Thời gian thực hiện and their variants, docs/import.md) or English (Step, Task, Responsible, Time). A workbook or Word document holding several procedures is written as one .flow per procedure into the folder -o names, each named from its code. Step kinds are guessed from the task's words: check them."
    )

    @Argument(help: "The model (.bpmn, .xml), the table (.csv, .xlsx) or the decision (.docx).")
    var file: String

    @Option(help: "The procedure's name (default: the model's, else the file's name).")
    var name: String?

    @Option(help: "A Prosimos simulation scenario (JSON) for the BPMN model: task durations and branching probabilities.")
    var scenario: String?

    @Option(
        name: .shortAndLong,
        help: "Write the .flow here (atomically) instead of to standard output; for a file of several procedures, the folder to write them into.")
    var output: String?

    @Flag(help: "Replace .flow files of the same names already in the -o folder.")
    var force = false

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
        let document: ImportedDocument
        do { document = try importer.document(bytes, path: file, options: options) } catch {
            Terminal.fail("\(Files.shown(file)): \(error.message)")
            throw ExitCode(1)
        }
        Terminal.importFindings(document.findings, in: file)
        if document.procedures.isEmpty {
            Terminal.fail("\(Files.shown(file)): nothing was written: it holds no process flowcut can read")
            throw ExitCode(1)
        }
        let source = URL(fileURLWithPath: file).lastPathComponent
        let intoFolder = document.procedures.count > 1 || output.map(Files.isFolder) == true
        guard intoFolder else {
            try single(document.procedures[0], importer: importer, source: source)
            return
        }
        guard let output else {
            Terminal.fail(
                "\(Files.shown(file)) holds \(document.procedures.count) procedures: name a folder for them with -o FOLDER (each is written there as CODE.flow)"
            )
            throw ExitCode(64)
        }
        try several(document.procedures, into: output, source: source)
    }

    /// The file's one procedure, to `-o` or standard output.
    func single(_ procedure: ImportedProcedure, importer: any ProcessImporter, source: String) throws {
        let result = procedure.imported
        let comment =
            importer.takesScenario
            ? "Imported by flowcut import from \(source)\(scenario == nil ? ": fill in durations and probabilities." : " with its scenario.")"
            : "Imported by flowcut import from \(source); step kinds are guessed from the tasks' words: check them."
        let problems = procedure.errors + result.problems(limits: limits.applied())
        Terminal.importFindings(result.findings + problems.filter { $0.severity != .error }, in: file)
        let errors = problems.filter { $0.severity == .error }
        if !errors.isEmpty {
            Terminal.importFindings(errors, in: file)
            Terminal.fail("\(Files.shown(file)): nothing was written: the process it gives would not check")
            throw ExitCode(1)
        }
        try emit(WorkflowPrinter.text(result.workflow, comment: comment))
    }

    /// A decision's procedures, one .flow each in `folder`, named from the
    /// code (else the name). A procedure with an error is not written, the
    /// others are; no file already there is replaced without `--force`.
    func several(_ procedures: [ImportedProcedure], into folder: String, source: String) throws {
        var planned: [(path: String, flow: String, label: String)] = []
        var taken: Set<String> = []
        var skipped: [String] = []
        for procedure in procedures {
            let w = procedure.imported.workflow
            let label = w.code.map { "\(w.name) (\($0))" } ?? w.name
            let problems = procedure.errors + procedure.imported.problems(limits: limits.applied())
            Terminal.importFindings(procedure.imported.findings + problems, in: file)
            let comment =
                "Imported by flowcut import from \(source), \(procedure.table.map { "\($0), " } ?? "")header at row \(procedure.headerRow); step kinds are guessed from the tasks' words: check them."
            let flow = WorkflowPrinter.text(w, comment: comment)
            let checked = Checker.check(SourceFile(path: file, text: flow), keepSyntax: false, limits: limits.applied())
            let errors = problems.filter { $0.severity == .error } + checked.diagnostics.filter { $0.severity == .error }
            guard errors.isEmpty else {
                skipped.append(label)
                continue
            }
            var stem = Review.slug(for: (w.code ?? w.name) + ".flow")
            if taken.contains(stem.lowercased()) {
                var n = 2
                while taken.contains("\(stem)-\(n)".lowercased()) { n += 1 }
                stem = "\(stem)-\(n)"
            }
            taken.insert(stem.lowercased())
            planned.append(((folder.hasSuffix("/") ? folder : folder + "/") + stem + ".flow", flow, label))
        }
        if !planned.isEmpty && !Files.isFolder(folder) {
            guard mkdir(folder, 0o755) == 0 else {
                Terminal.fail("cannot make the folder \(Files.shown(folder)): \(String(cString: strerror(errno)))")
                throw ExitCode(1)
            }
        }
        let existing = planned.filter { FileManager.default.fileExists(atPath: $0.path) }
        if !existing.isEmpty && !force {
            Terminal.fail(
                "\(existing.map { Files.shown($0.path) }.joined(separator: ", ")) already \(existing.count == 1 ? "exists" : "exist"): nothing was written; give --force to replace them"
            )
            throw ExitCode(1)
        }
        for item in planned { try writeOutputFile(Array(item.flow.utf8), to: item.path, inputs: [file]) }
        let names = planned.map { $0.path.split(separator: "/").last.map(String.init) ?? $0.path }
        let listed = names.prefix(10).joined(separator: ", ") + (names.count > 10 ? " and \(names.count - 10) more" : "")
        Terminal.err("wrote \(planned.count) of \(procedures.count) procedures to \(Files.shown(folder)): \(listed)")
        if !skipped.isEmpty {
            Terminal.fail("not written, for the errors above: \(skipped.joined(separator: "; "))")
            throw ExitCode(1)
        }
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
