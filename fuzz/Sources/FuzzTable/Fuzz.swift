import FlowcutCore
import FlowcutImport
import FlowcutLanguage

/// libFuzzer's driver (SwiftPM names an executable's entry point itself).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Any bytes: refused with a message or imported, never a crash.
@_cdecl("FuzzTable_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runDriver(&argc, &argv) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        // Refused in words, or imported: then a process without errors prints
        // as a .flow file that checks (what flowcut import writes).
        guard let imported = try? try PublishedTableImporter().read(bytes, path: "f.csv", options: ImportOptions()) else { return 0 }
        if !imported.problems.hasErrors {
            let printed = Checker.check(SourceFile(path: "f.flow", text: WorkflowPrinter.text(imported.workflow)))
            precondition(printed.diagnostics.errorCount == 0 || imported.workflow.steps.isEmpty, "the import prints a file check rejects")
        }
        return 0
    }
}
