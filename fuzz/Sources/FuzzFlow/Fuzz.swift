import FlowcutCore
import FlowcutLanguage

/// libFuzzer's driver (SwiftPM names an executable's entry point itself).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Any bytes: the front end reports what is wrong and never crashes; a
/// file it can format formats to text that checks and formats the same.
@_cdecl("FuzzFlow_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runDriver(&argc, &argv) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let checked = Checker.check(SourceFile(path: "f.flow", bytes: bytes))
        if let formatted = Formatter.format(checked) {
            let again = Checker.check(SourceFile(path: "f.flow", text: formatted))
            precondition(again.diagnostics.errorCount == 0, "the formatted text does not check")
            precondition(Formatter.format(again) == formatted, "format(parse(x)) is not stable")
        }
        return 0
    }
}
