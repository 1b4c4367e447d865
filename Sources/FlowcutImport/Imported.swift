import FlowcutCore
import FlowcutLanguage

/// Why a file could not be brought in: one message for the reviewer.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// What came in, and what the reviewer should look at.
public struct Imported: Sendable {
    public var workflow: Workflow
    /// Warnings about the model or table, each naming its element or cell.
    public var findings: [Diagnostic]
    /// Where each step came from (by step index): the element or the row.
    public var elements: [Diagnostic.Place]

    public init(workflow: Workflow, findings: [Diagnostic], elements: [Diagnostic.Place]) {
        self.workflow = workflow
        self.findings = findings
        self.elements = elements
    }

    /// What the front end would find in the process itself, on the model:
    /// more steps, arrows or characters than `limits` allow and loops a
    /// case could never leave (errors), steps no case reaches (a warning),
    /// each at the element its step came from.
    public func problems(limits: Limits = .standard) -> [Diagnostic] {
        let w = workflow
        let place = { (step: Int) in step < elements.count ? elements[step] : .element(kind: "step", id: w.steps[step].id, name: w.steps[step].label) }
        if w.steps.count > limits.steps {
            return [
                Diagnostic(
                    .tooManySteps,
                    "the model has \(grouped(w.steps.count)) tasks and events that become steps, over the limit of \(grouped(limits.steps)); raise it with --max-steps",
                    in: place(limits.steps))
            ]
        }
        if w.arrows.count > limits.arrows {
            return [
                Diagnostic(
                    .tooManyArrows,
                    "the model has \(grouped(w.arrows.count)) flows between steps, over the limit of \(grouped(limits.arrows)); raise it with --max-arrows",
                    in: place(w.arrows[limits.arrows].from))
            ]
        }
        var out: [Diagnostic] = []
        let tooLong = { (text: String, what: String, at: Diagnostic.Place) in
            if limits.isTooLong(text.utf8) {
                out.append(
                    Diagnostic(
                        .textTooLong,
                        "\(what) has \(grouped(text.count)) characters, over the limit of \(grouped(limits.textCharacters)); shorten it, or raise the limit with --max-text-length",
                        in: at))
            }
        }
        // Texts that belong to no step are placed at the first step that shows them.
        if !w.steps.isEmpty { tooLong(w.name, "the procedure's name", place(0)) }
        for s in w.steps.indices {
            tooLong(w.steps[s].label, "the step's name", place(s))
            if let note = w.steps[s].note { tooLong(note, "the step's note", place(s)) }
        }
        for actor in w.actors {
            if let s = w.steps.firstIndex(where: { $0.actor == actor.id }) { tooLong(actor.label, "the actor's name", place(s)) }
        }
        for arrow in w.arrows { if let label = arrow.label { tooLong(label, "the arrow's label", place(arrow.from)) } }
        for loop in w.loopsWithoutWayOut() {
            guard let closing = loop.cycle.last else { continue }
            let names = loop.cycle.map { w.steps[w.arrows[$0].from].label } + [w.steps[w.arrows[closing].to].label]
            out.append(
                Diagnostic(
                    .loopWithoutWayOut, "\(loop.what): \(names.joined(separator: " → ")); the model needs a decision that leaves the loop",
                    in: place(w.arrows[closing].to)))
        }
        if !w.starts.isEmpty {
            let reached = w.reachable
            for s in w.steps.indices where !reached[s] {
                out.append(Diagnostic(.stepNeverReached, "never reached from the start", in: place(s)))
            }
        }
        return out
    }
}

/// Options an importer may take.
public struct ImportOptions: Sendable {
    /// The procedure's name (default: the model's, else the file's name).
    public var name: String?
    /// Task durations and branch probabilities for a BPMN model.
    public var scenario: ProsimosScenario.Scenario?

    public init(name: String? = nil, scenario: ProsimosScenario.Scenario? = nil) {
        self.name = name
        self.scenario = scenario
    }
}

/// Reads one kind of file into a workflow. A new kind of input is a type
/// conforming to this, in a file of its own, and a line in
/// `Importers.registered`.
public protocol ProcessImporter: Sendable {
    /// What it reads, for messages: "BPMN 2.0 model".
    var kind: String { get }
    /// The file name endings it reads, lower case, without the dot.
    var extensions: [String] { get }
    /// Whether `ImportOptions.scenario` means anything to it.
    var takesScenario: Bool { get }
    func read(_ bytes: [UInt8], path: String, options: ImportOptions) throws(ImportError) -> Imported
    /// Every procedure the file holds (a decision's appendix holds dozens),
    /// each with its own errors: a bad cell stops its procedure only.
    func document(_ bytes: [UInt8], path: String, options: ImportOptions) throws(ImportError) -> ImportedDocument
}

extension ProcessImporter {
    /// One file, one procedure.
    public func document(_ bytes: [UInt8], path: String, options: ImportOptions) throws(ImportError) -> ImportedDocument {
        let imported = try read(bytes, path: path, options: options)
        return ImportedDocument(procedures: [ImportedProcedure(imported: imported, table: nil, headerRow: 0, errors: [])])
    }
}

/// Importers of tables (CSV, a workbook, a Word document): the file's
/// tables in, its procedures out.
protocol TableImporter: ProcessImporter {
    func tables(_ bytes: [UInt8]) throws(ImportError) -> [SourceTable]
}

extension TableImporter {
    public var takesScenario: Bool { false }

    public func document(_ bytes: [UInt8], path: String, options: ImportOptions) throws(ImportError) -> ImportedDocument {
        var document = ProcessTables.read(try tables(bytes), fileName: fileStem(path))
        if let name = options.name, document.procedures.count == 1 { document.procedures[0].imported.workflow.name = name }
        return document
    }

    /// The file's one procedure, its errors among its findings (`analyze`
    /// reads a table file as one process).
    public func read(_ bytes: [UInt8], path: String, options: ImportOptions) throws(ImportError) -> Imported {
        let document = try document(bytes, path: path, options: options)
        if let problem = document.findings.first { throw ImportError(message: problem.message) }
        guard document.procedures.count == 1 else {
            throw ImportError(
                message:
                    "the file holds \(document.procedures.count) procedures; import them with flowcut import \(path.split(separator: "/").last ?? "") -o FOLDER, one .flow each"
            )
        }
        var imported = document.procedures[0].imported
        imported.findings = document.procedures[0].errors + imported.findings
        return imported
    }
}

/// Every importer, and which one reads a file: the one place where a
/// file's kind is decided, for `import` and `analyze` alike.
public enum Importers {
    public static let registered: [any ProcessImporter] = [
        BPMNImporter(),
        PublishedTableImporter(),
        WorkbookTableImporter(),
        DecisionImporter(),
    ]

    /// The importer for `path`'s ending, or nil (a `.flow` file, or a kind flowcut does not read).
    public static func importer(for path: String) -> (any ProcessImporter)? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ending = name[name.index(after: dot)...].lowercased()
        return registered.first { $0.extensions.contains(ending) }
    }

    /// The endings any importer reads, for messages: ".bpmn, .xml, .csv".
    public static var endings: String {
        registered.flatMap(\.extensions).map { "." + $0 }.joined(separator: ", ")
    }
}

/// The file name without its folder and ending: a procedure's default name.
func fileStem(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
}

/// BPMN 2.0 models (`BPMNImport`).
public struct BPMNImporter: ProcessImporter {
    public init() {}
    public var kind: String { "BPMN 2.0 model" }
    public var extensions: [String] { ["bpmn", "xml"] }
    public var takesScenario: Bool { true }

    public func read(_ bytes: [UInt8], path: String, options: ImportOptions) throws(ImportError) -> Imported {
        var imported = try BPMNImport.read(bytes, name: fileStem(path), scenario: options.scenario)
        if let name = options.name { imported.workflow.name = name }
        return imported
    }
}

/// Published process tables as CSV (`PublishedTable`).
public struct PublishedTableImporter: TableImporter {
    public init() {}
    public var kind: String { "process table" }
    public var extensions: [String] { ["csv"] }

    func tables(_ bytes: [UInt8]) throws(ImportError) -> [SourceTable] {
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].count { $0 == 0x0A } + 1
            throw ImportError(message: "line \(line): the table holds a NUL byte (byte \(nul + 1)); it is not a text table: save it as UTF-8 CSV")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ImportError(message: "this is not UTF-8 text; save the table as UTF-8 CSV")
        }
        return [try PublishedTable.table(text)]
    }
}

/// Process tables in an Excel workbook, every sheet (`Workbook`).
public struct WorkbookTableImporter: TableImporter {
    public init() {}
    public var kind: String { "Excel workbook" }
    public var extensions: [String] { ["xlsx", "xlsm"] }

    func tables(_ bytes: [UInt8]) throws(ImportError) -> [SourceTable] { try Workbook.sheets(bytes) }
}

/// A published decision's appendix as a Word document (`WordDocument`).
public struct DecisionImporter: TableImporter {
    public init() {}
    public var kind: String { "Word document" }
    public var extensions: [String] { ["docx", "docm"] }

    func tables(_ bytes: [UInt8]) throws(ImportError) -> [SourceTable] { try WordDocument.tables(bytes) }
}
