import FlowcutCore
import FlowcutImport
import FlowcutLanguage
import FuzzSupport

/// Bytes that begin like a ZIP archive are read as a Word document and as
/// an Excel workbook (the archive, its limits, its parts); any other bytes
/// as a document's XML and as a sheet's XML, so that the mutations reach
/// the parts' readers past the archive's checksums. Refused with a message
/// or read, never a crash or a hang; every procedure found without an
/// error prints as a .flow file that checks (what flowcut import writes).
@_cdecl("FuzzOffice_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzz(argc, argv) { data, size in
        let input = bytes(data, size)
        var found: [[SourceTable]] = []
        if input.starts(with: [0x50, 0x4B]) {
            if let t = try? WordDocument.tables(input, expandedBytes: 1 << 24) { found.append(t) }
            if let t = try? Workbook.sheets(input, expandedBytes: 1 << 24) { found.append(t) }
        } else {
            if let t = try? WordDocument.read(document: input) { found.append(t) }
            if let t = try? Workbook.read(sheet: input, part: "s.xml", name: "sheet 's'", strings: ["Bước", "Nội dung công việc", "2 ngày"]) {
                found.append([t])
                _ = RecordsTable.read(rows: t.denseRows, table: t.name, path: "r.xlsx")
            }
        }
        for tables in found {
            for procedure in ProcessTables.read(tables, fileName: "f").procedures where procedure.isWritable {
                guard !procedure.imported.problems().hasErrors else { continue }
                let printed = Checker.check(SourceFile(path: "f.flow", text: WorkflowPrinter.text(procedure.imported.workflow)))
                precondition(printed.diagnostics.errorCount == 0, "the import prints a file check rejects")
            }
        }
        return 0
    }
}
