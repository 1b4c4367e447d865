import FlowcutCore
import FlowcutLanguage
import Foundation
import Testing

@testable import FlowcutImport

/// Files that crashed Foundation's XMLParser, or imported into something
/// `check` rejects, or let an ID become syntax: each pinned in
/// Tests/Regressions/bpmn (also the fuzzers' seeds), each with the error a
/// reviewer should read. The expected words are the design's, written here
/// by hand; the positions were counted in the files.
struct HostileBPMNTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Regressions/bpmn")

    static func importing(_ name: String) throws -> Result<Imported, ImportError> {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return Result { () throws(ImportError) in try BPMNImport.read(data, name: "x") }
    }

    static func refusal(_ name: String) throws -> String {
        switch try importing(name) {
        case .success: return "imported"
        case .failure(let e): return e.message
        }
    }

    @Test func anUnknownEncodingIsRefusedBeforeAnyParserSeesIt() throws {
        #expect(
            try Self.refusal("unknown-encoding.bpmn")
                == "line 1, column 1: the file declares the encoding 'bogus', which flowcut does not read; save it as UTF-8")
    }

    @Test func anEmptyProcessingInstructionIsAnXMLError() throws {
        let message = try Self.refusal("empty-processing-instruction.bpmn")
        #expect(message.hasPrefix("line 2, column "))
        #expect(message.contains("the XML is not well-formed"))
    }

    /// `<ta\xFFsk` on line 2: the byte is the 85th character of the line.
    @Test func aBadByteInANameIsNamedWithItsPlace() throws {
        #expect(try Self.refusal("invalid-utf8-in-element-name.bpmn").hasPrefix("line 2, column 85: byte 0xFF is not UTF-8, and the file says it is UTF-8"))
        #expect(try Self.refusal("invalid-utf8-in-attribute-name.bpmn").hasPrefix("line 2, column 97: byte 0xC3 is not UTF-8"))
    }

    /// `name="Caf\xE9"` on line 3: `<process id="p" name="Caf` is 25 characters.
    @Test func aLatin1ByteInAFileDeclaredUTF8() throws {
        #expect(try Self.refusal("latin1-byte-declared-utf8.bpmn").hasPrefix("line 3, column 26: byte 0xE9 is not UTF-8"))
    }

    @Test func aFileReallyInLatin1IsRead() throws {
        let xml =
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\" name=\"Caf\u{E9}\"><task id=\"a\" name=\"T\u{E2}che\"/></process></definitions>"
        let bytes = xml.unicodeScalars.map { UInt8($0.value) }  // every scalar here is below 256: Latin-1
        let r = try BPMNImport.read(Data(bytes), name: "x")
        #expect(r.workflow.name == "Café")
        #expect(r.workflow.steps.map(\.label) == ["Tâche"])
    }

    @Test func noDocumentTypeSoNoEntityIsEverExpanded() throws {
        for name in ["billion-laughs.bpmn", "external-entity.bpmn"] {
            let message = try Self.refusal(name)
            #expect(
                message
                    == "line 2, column 1: the file declares a document type (<!DOCTYPE); BPMN models have none, and flowcut reads no DTD or entity (refused)")
            #expect(!message.contains("root:"))  // nothing of /etc/passwd
        }
    }

    /// IDs with `&#10;` in them: the printed file has exactly the model's
    /// three steps (a, b and the end the gateway leads to), the line breaks
    /// as spaces, and no `injected` statement.
    @Test func anIDWithALineBreakNeverBecomesAStatement() throws {
        let r = try Self.importing("id-with-line-break.bpmn").get()
        let text = WorkflowPrinter.text(r.workflow)
        let checked = Checker.check(SourceFile(path: "x.flow", text: text))
        #expect(checked.diagnostics.filter { $0.severity == .error }.isEmpty)
        let w = try #require(checked.workflow)
        #expect(w.steps.count == 3)
        #expect(!w.steps.contains { $0.id.hasPrefix("injected") })
        #expect(w.steps[0].label == "a step injected2 \"Y\" 99w")
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("step injected") })
    }

    @Test func aModelWithNoTaskIsRefusedInWords() throws {
        #expect(try Self.refusal("no-task.bpmn") == "the model has no task: only events, and flowcut imports tasks as steps")
    }

    /// The loop a → b → a has no way out: the import gives a process `check`
    /// rejects, so the CLI refuses to write it (FlowcutCLITests); here, the
    /// front end's verdict on what the importer gives.
    @Test func aLoopWithNoWayOutGivesAProcessCheckRejects() throws {
        let r = try Self.importing("loop-without-exit.bpmn").get()
        let checked = Checker.check(SourceFile(path: "x.flow", text: WorkflowPrinter.text(r.workflow)))
        #expect(checked.diagnostics.contains { $0.severity == .error && $0.message.hasPrefix("rework loop with no way out: a -> b -> a") })
    }
}

/// What the importer finds names the model's element, by kind, name and ID.
struct ImportFindingTests {
    @Test func aStepNoCaseReachesIsNamedByItsElement() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
            <startEvent id="s"/><userTask id="a" name="Receive"/><task id="orphan" name="Archive"/><endEvent id="e"/>
            <sequenceFlow id="f1" sourceRef="s" targetRef="a"/><sequenceFlow id="f2" sourceRef="a" targetRef="e"/>
            <sequenceFlow id="f3" sourceRef="orphan" targetRef="e"/>
            </process></definitions>
            """
        let r = try BPMNImport.read(Data(xml.utf8), name: "x")
        #expect(r.problems().map(\.code) == [.stepNeverReached])
        #expect(r.problems().first?.place == .element(kind: "task", id: "orphan", name: "Archive"))
        #expect(
            DiagnosticText().render(r.problems()[0], in: SourceFile(path: "m.bpmn", bytes: []))
                == "m.bpmn: task 'Archive' (id orphan): warning: never reached from the start\n")
        #expect(
            r.findings.map(\.place) == [
                .element(kind: "userTask", id: "a", name: "Receive"), .element(kind: "task", id: "orphan", name: "Archive"),
            ])
    }

    @Test func theRegistryDecidesByEndingAlone() {
        #expect(Importers.importer(for: "m.bpmn")?.kind == "BPMN 2.0 model")
        #expect(Importers.importer(for: "dir.v2/M.XML")?.kind == "BPMN 2.0 model")
        #expect(Importers.importer(for: "t.csv")?.kind == "process table")
        #expect(Importers.importer(for: "p.flow") == nil)
        #expect(Importers.importer(for: ".bpmn") == nil)
    }
}
