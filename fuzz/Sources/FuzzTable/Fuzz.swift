import FlowcutCore
import FlowcutImport
import FlowcutLanguage
import FuzzSupport

/// Any bytes: refused with a message or imported, never a crash; an import
/// without errors prints as a .flow file that checks (what flowcut import
/// writes). The records reader takes the same bytes.
@_cdecl("FuzzTable_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzz(argc, argv) { data, size in
        // The same bytes as the department's records: findings, never a crash.
        if let text = String(validating: bytes(data, size), as: UTF8.self) { _ = RecordsTable.read(csv: text, path: "r.csv") }
        guard let imported = try? PublishedTableImporter().read(bytes(data, size), path: "f.csv", options: ImportOptions()) else { return 0 }
        if !imported.problems().hasErrors {
            let printed = Checker.check(SourceFile(path: "f.flow", text: WorkflowPrinter.text(imported.workflow)))
            precondition(printed.diagnostics.errorCount == 0 || imported.workflow.steps.isEmpty, "the import prints a file check rejects")
        }
        return 0
    }
}
