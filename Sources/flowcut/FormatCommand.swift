import ArgumentParser
import Flowcut
import FlowcutCore
import FlowcutImport
import FlowcutLanguage
import FlowcutReport
import Foundation

struct Format: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite .flow files in the canonical layout (never a file with errors).")

    @Flag(help: "Change nothing; list the files that are not formatted and exit 1 if any.")
    var check = false

    @OptionGroup var input: InputOptions

    @OptionGroup(title: "Limits") var limits: ReadLimitOptions

    @Option(help: "Language of the findings and messages: en or vi (the codes stay; default: FLOWCUT_LANG, else en).")
    var lang: ReportLanguage = DefaultLanguage.value

    func validate() throws { try DefaultLanguage.validate() }

    func run() throws {
        Terminal.speak(lang)
        let inputs = Inputs(paths: input.paths, limits: limits.applied())
        var failed = inputs.failures > 0
        var unformatted = 0
        for (path, result) in zip(inputs.files, inputs.check(keepSyntax: true)) {
            if let importer = Importers.importer(for: path) {
                Terminal.fail("\(Files.shown(path)) is a \(importer.kind), not a .flow file: fmt leaves it as it is (flowcut import writes it as one)")
                failed = true
                continue
            }
            guard let result else {
                failed = true
                continue
            }
            guard let formatted = Formatter.format(result) else {
                Terminal.printDiagnostics(result)
                Terminal.err(
                    Terminal.isVietnamese
                        ? "\(path): chưa định dạng: tệp có \(result.diagnostics.errorCount) lỗi"
                        : "\(path): not formatted: the file has \(plural(result.diagnostics.errorCount, "error"))")
                failed = true
                continue
            }
            let bytes = Array(formatted.utf8)
            if bytes == result.file.bytes { continue }
            // The layout must not change the meaning; refuse to write if it would.
            let again = Checker.check(SourceFile(path: path, bytes: bytes), limits: limits.applied())
            guard let before = result.workflow, let after = again.workflow, before.dump() == after.dump() else {
                Terminal.fail(
                    Terminal.isVietnamese
                        ? "\(path): định dạng lại sẽ làm thay đổi nội dung thủ tục nên tệp được giữ nguyên (đề nghị báo lỗi này)"
                        : "\(path): formatting would change the procedure's meaning; the file was left as it is (please report this)", translated: true)
                failed = true
                continue
            }
            unformatted += 1
            if check {
                Terminal.out(Terminal.isVietnamese ? "\(path): chưa đúng định dạng chuẩn" : "\(path): not formatted")
                continue
            }
            do {
                try Files.writeAtomically(bytes, to: path)
                Terminal.out(Terminal.isVietnamese ? "đã định dạng \(path)" : "formatted \(path)")
            } catch {
                Terminal.fail(error.description)
                failed = true
            }
        }
        if failed || (check && unformatted > 0) { throw ExitCode(1) }
    }
}

/// Writes a command's output file atomically (Files.writeAtomically),
/// refusing one that is the same file as an input; exit 1 with the reason.
func writeOutputFile(_ bytes: [UInt8], to path: String, inputs: [String]) throws {
    if Files.isSameFile(path, asAnyOf: inputs) {
        Terminal.fail(
            Terminal.isVietnamese
                ? "\(Files.shown(path)) chính là tệp đầu vào; hãy chọn tệp khác để ghi"
                : "\(Files.shown(path)) is the input file itself; choose another output", translated: true)
        throw ExitCode(64)
    }
    do { try Files.writeAtomically(bytes, to: path) } catch {
        Terminal.fail(error.description)
        throw ExitCode(1)
    }
}
