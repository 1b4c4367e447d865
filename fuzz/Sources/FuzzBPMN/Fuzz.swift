import FlowcutCore
import FlowcutImport
import FlowcutLanguage
import FuzzSupport

/// Any bytes: refused with a message or imported, never a crash; an import
/// without errors prints as a .flow file that checks (what flowcut import writes).
@_cdecl("FuzzBPMN_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzz(argc, argv) { data, size in
        guard let imported = try? BPMNImporter().read(bytes(data, size), path: "f.bpmn", options: ImportOptions()) else { return 0 }
        if !imported.problems().hasErrors {
            let printed = Checker.check(SourceFile(path: "f.flow", text: WorkflowPrinter.text(imported.workflow)))
            precondition(printed.diagnostics.errorCount == 0 || imported.workflow.steps.isEmpty, "the import prints a file check rejects")
        }
        return 0
    }
}
