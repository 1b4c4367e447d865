import ArgumentParser
import Flowcut
import FlowcutCore
import FlowcutLanguage

/// The files named on the command line, read and checked through the
/// façade; what could not be read is reported here.
struct Inputs {
    /// Paths that could not be read, already reported.
    var failures = 0
    var files: [String] = []
    /// How big a file, how many steps and arrows, how long a text are read.
    var limits: Limits = .standard

    /// Expands folders (recursively, sorted) and keeps files as given.
    init(paths: [String], limits: Limits = .standard) {
        self.limits = limits
        let list = Flowcut.sources(paths)
        for problem in list.problems { Terminal.fail(problem) }
        failures = list.problems.count
        files = list.files
    }

    /// Reads and checks every file, in parallel, results in input order;
    /// nil (after reporting it) for a file that could not be read.
    /// - Parameter keepSyntax: keep each file's syntax tree (for `fmt`).
    func check(keepSyntax: Bool = false) -> [CheckedFile?] {
        Flowcut.load(files, keepSyntax: keepSyntax, limits: limits).map { result in
            switch result {
            case .success(let checked): return checked
            case .failure(let problem):
                Terminal.fail(problem.description)
                return nil
            }
        }
    }

    /// One file read and checked, its diagnostics printed; exit 1 when it
    /// cannot be read or has errors.
    static func workflow(_ path: String, limits: Limits = .standard) throws -> (SourceFile, Workflow) {
        let checked: CheckedFile
        switch Flowcut.load(path, limits: limits) {
        case .success(let c): checked = c
        case .failure(let problem):
            Terminal.fail(problem.description)
            throw ExitCode(1)
        }
        Terminal.printDiagnostics(checked)
        guard let workflow = checked.workflow else { throw ExitCode(1) }
        return (checked.file, workflow)
    }

    /// The file's bytes; nil after saying why not.
    static func readBytes(_ path: String, limits: Limits = .standard) -> [UInt8]? {
        switch Flowcut.readFile(path, limits: limits) {
        case .success(let bytes): return bytes
        case .failure(let problem):
            Terminal.fail(problem.description)
            return nil
        }
    }
}
