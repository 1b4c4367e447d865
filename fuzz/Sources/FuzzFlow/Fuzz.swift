import FlowcutCore
import FlowcutLanguage
import FuzzSupport

/// Any bytes: the front end reports what is wrong and never crashes; a
/// file it can format formats to text that checks and formats the same.
@_cdecl("FuzzFlow_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzz(argc, argv) { data, size in
        let checked = Checker.check(SourceFile(path: "f.flow", bytes: bytes(data, size)))
        if let formatted = Formatter.format(checked) {
            let again = Checker.check(SourceFile(path: "f.flow", text: formatted))
            precondition(again.diagnostics.errorCount == 0, "the formatted text does not check")
            precondition(Formatter.format(again) == formatted, "format(parse(x)) is not stable")
        }
        return 0
    }
}
