import ArgumentParser
import Flowcut
import FlowcutCore
import FlowcutImport
import FlowcutLanguage
import FlowcutReport
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
        try DefaultLanguage.validate()
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

    @Option(help: "Language of the findings and messages: en or vi (the codes stay; default: FLOWCUT_LANG, else en).")
    var lang: ReportLanguage = DefaultLanguage.value

    func run() throws {
        Terminal.speak(lang)
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
            Terminal.fail(
                Terminal.isVietnamese
                    ? "\(Files.shown(file)): chưa ghi gì: tệp không có quy trình nào flowcut đọc được"
                    : "\(Files.shown(file)): nothing was written: it holds no process flowcut can read", translated: true)
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
                Terminal.isVietnamese
                    ? "\(Files.shown(file)) có \(document.procedures.count) thủ tục: hãy chỉ thư mục để ghi bằng -o THƯ_MỤC (mỗi thủ tục ghi thành MÃ.flow)"
                    : "\(Files.shown(file)) holds \(document.procedures.count) procedures: name a folder for them with -o FOLDER (each is written there as CODE.flow)",
                translated: true)
            throw ExitCode(64)
        }
        try several(document.procedures, into: output, source: source)
    }

    /// The file's one procedure, to `-o` or standard output.
    func single(_ procedure: ImportedProcedure, importer: any ProcessImporter, source: String) throws {
        let result = procedure.imported
        let vi = Terminal.isVietnamese
        let comment =
            importer.takesScenario
            ? (vi
                ? "Chuyển đổi bằng flowcut import từ \(source)\(scenario == nil ? ": cần bổ sung thời gian và xác suất." : " cùng kịch bản mô phỏng.")"
                : "Imported by flowcut import from \(source)\(scenario == nil ? ": fill in durations and probabilities." : " with its scenario.")")
            : (vi
                ? "Chuyển đổi bằng flowcut import từ \(source); loại bước được đoán theo nội dung công việc: cần kiểm tra lại."
                : "Imported by flowcut import from \(source); step kinds are guessed from the tasks' words: check them.")
        let problems = procedure.errors + result.problems(limits: limits.applied())
        Terminal.importFindings(result.findings + problems.filter { $0.severity != .error }, in: file)
        let errors = problems.filter { $0.severity == .error }
        if !errors.isEmpty {
            Terminal.importFindings(errors, in: file)
            Terminal.fail(
                Terminal.isVietnamese
                    ? "\(Files.shown(file)): chưa ghi gì: quy trình chuyển đổi được không hợp lệ"
                    : "\(Files.shown(file)): nothing was written: the process it gives would not check", translated: true)
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
                Terminal.isVietnamese
                ? "Chuyển đổi bằng flowcut import từ \(source), \(procedure.table.map { "\($0), " } ?? "")dòng tiêu đề \(procedure.headerRow); loại bước được đoán theo nội dung công việc: cần kiểm tra lại."
                : "Imported by flowcut import from \(source), \(procedure.table.map { "\($0), " } ?? "")header at row \(procedure.headerRow); step kinds are guessed from the tasks' words: check them."
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
                Terminal.fail(
                    Terminal.isVietnamese
                        ? "không tạo được thư mục \(Files.shown(folder)): \(String(cString: strerror(errno)))"
                        : "cannot make the folder \(Files.shown(folder)): \(String(cString: strerror(errno)))", translated: true)
                throw ExitCode(1)
            }
        }
        let existing = planned.filter { FileManager.default.fileExists(atPath: $0.path) }
        if !existing.isEmpty && !force {
            let names = existing.map { Files.shown($0.path) }.joined(separator: ", ")
            Terminal.fail(
                Terminal.isVietnamese
                    ? "\(names) đã có: chưa ghi gì; dùng --force để ghi đè"
                    : "\(names) already \(existing.count == 1 ? "exists" : "exist"): nothing was written; give --force to replace them", translated: true)
            throw ExitCode(1)
        }
        for item in planned { try writeOutputFile(Array(item.flow.utf8), to: item.path, inputs: [file]) }
        let names = planned.map { $0.path.split(separator: "/").last.map(String.init) ?? $0.path }
        let vi = Terminal.isVietnamese
        let listed =
            names.prefix(10).joined(separator: ", ") + (names.count > 10 ? (vi ? " và \(names.count - 10) tệp khác" : " and \(names.count - 10) more") : "")
        Terminal.err(
            vi
                ? "đã ghi \(planned.count)/\(procedures.count) thủ tục vào \(Files.shown(folder)): \(listed)"
                : "wrote \(planned.count) of \(procedures.count) procedures to \(Files.shown(folder)): \(listed)")
        if !skipped.isEmpty {
            Terminal.fail(
                vi
                    ? "chưa ghi, do các lỗi nêu trên: \(skipped.joined(separator: "; "))"
                    : "not written, for the errors above: \(skipped.joined(separator: "; "))", translated: true)
            throw ExitCode(1)
        }
    }

    /// Writes the imported process, once the front end has read it back
    /// without an error: an import never writes a file `check` rejects.
    func emit(_ flow: String) throws {
        let checked = Checker.check(SourceFile(path: file, text: flow), keepSyntax: false, limits: limits.applied())
        let errors = checked.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            for e in errors {
                Terminal.fail(
                    Terminal.isVietnamese
                        ? "\(Files.shown(file)): không chuyển đổi được: quy trình thu được không hợp lệ: \(e.vietnameseMessage) [\(e.code.rawValue)]"
                        : "\(Files.shown(file)): cannot import it: the process it gives would not check: \(e.message)", translated: true)
            }
            throw ExitCode(1)
        }
        if let output {
            try writeOutputFile(Array(flow.utf8), to: output, inputs: [file] + (scenario.map { [$0] } ?? []))
        } else {
            Terminal.out(flow, terminator: "")
        }
    }
}
