import FlowcutCore
import FlowcutLanguage
import Foundation
import Testing

@testable import FlowcutImport

#if canImport(FoundationXML)
    import FoundationXML
#endif

struct BPMNImportTests {
    static let miwg = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/bpmn-miwg")

    static var references: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: miwg.path)) ?? []).filter { $0.hasSuffix(".bpmn") }.sorted()
    }

    /// Elements of a kind in the file's text, counted without the importer:
    /// opening tags `<kind ` or `<prefix:kind ` (and `>`).
    static func count(_ text: String, _ kinds: [String]) -> Int {
        kinds.reduce(0) { total, kind in
            total + text.matches(of: try! Regex("<([A-Za-z0-9]+:)?\(kind)[\\s>]")).count
        }
    }

    @Test func theReferenceModelsAreHere() throws {
        // The test below says which it read; without the folder it reads none.
        if Self.references.isEmpty { print("BPMN MIWG reference models not found at \(Self.miwg.path): skipped") }
    }

    /// shared/bpmn-miwg: real tool exports (OMG BPMN MIWG, CC BY 3.0). Each
    /// imports without error, with as many task steps as the file has task
    /// elements and as many actors as it has lanes, its reader sees every
    /// gateway and sequence flow, and the result checks clean.
    @Test(arguments: references)
    func referenceModelImports(_ name: String) throws {
        let data = try Data(contentsOf: Self.miwg.appendingPathComponent(name))
        let text = String(decoding: data, as: UTF8.self)
        let r = try BPMNImport.read(data, name: name)
        let tasks = Self.count(
            text, ["task", "userTask", "serviceTask", "manualTask", "businessRuleTask", "scriptTask", "sendTask", "receiveTask", "callActivity"])
        let taskSteps = r.workflow.steps.filter { $0.note == nil }
        #expect(taskSteps.count == tasks, "\(name): \(tasks) tasks in the file")
        #expect(r.workflow.actors.count == Self.count(text, ["lane"]))
        // Every exclusive split of the file is a decision of the workflow
        // (A.2.0, A.2.1, C.1.1 and C.7.0 split once or twice).
        let decisions = r.workflow.steps.indices.count { r.workflow.isDecision($0) }
        #expect(decisions >= (Self.count(text, ["exclusiveGateway"]) > 0 ? 1 : 0))
        // What the reader took from the file, before any folding: every
        // gateway and every sequence flow the text holds.
        let reader = try BPMNImport.readModel(data)
        let gateways = reader.nodes.values.count { if case .gateway = $0.role { true } else { false } }
        #expect(gateways == Self.count(text, ["exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway"]))
        let fileFlows = reader.flows.filter { !$0.id.contains(">") }  // not the reader's own sub-process links
        #expect(fileFlows.count == Self.count(text, ["sequenceFlow"]))
        let printed = WorkflowPrinter.text(r.workflow)
        let checked = Checker.check(SourceFile(path: name, text: printed))
        #expect(checked.diagnostics.filter { $0.severity == .error }.map(\.message) == [])
    }

    static func bpmn(_ body: String, prefix: String = "bpmn:", encoding: String = "UTF-8") -> Data {
        let p = prefix
        let xml = """
            <?xml version="1.0" encoding="\(encoding)"?>
            <\(p)definitions xmlns\(p.isEmpty ? "" : ":" + p.dropLast())="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <\(p)process id="p" name="Fixture">
            \(body.replacingOccurrences(of: "<", with: "<" + p).replacingOccurrences(of: "<\(p)/", with: "</\(p)"))
              </\(p)process>
            </\(p)definitions>
            """
        return Data(xml.utf8)
    }

    func arrows(_ w: Workflow) -> [String] {
        w.arrows.map { "\(w.steps[$0.from].label) -> \(w.steps[$0.to].label)" + (w.isDecision($0.from) ? " \(formatNumber($0.probability * 100))%" : "") }
    }

    @Test(arguments: ["bpmn:", "semantic:", "model:", ""])
    func exclusiveAndParallelGatewaysAnyPrefix(_ prefix: String) throws {
        let data = Self.bpmn(
            """
            <startEvent id="s"/><task id="a" name="A"/><exclusiveGateway id="x"/><task id="b" name="B"/><task id="c" name="C"/>
            <exclusiveGateway id="m"/><parallelGateway id="ps"/><task id="d" name="D"/><task id="e" name="E"/><parallelGateway id="pj"/>
            <task id="f" name="F"/><endEvent id="z"/>
            <sequenceFlow id="1" sourceRef="s" targetRef="a"/><sequenceFlow id="2" sourceRef="a" targetRef="x"/>
            <sequenceFlow id="3" sourceRef="x" targetRef="b"/><sequenceFlow id="4" sourceRef="x" targetRef="c"/>
            <sequenceFlow id="5" sourceRef="b" targetRef="m"/><sequenceFlow id="6" sourceRef="c" targetRef="m"/>
            <sequenceFlow id="7" sourceRef="m" targetRef="ps"/><sequenceFlow id="8" sourceRef="ps" targetRef="d"/>
            <sequenceFlow id="9" sourceRef="ps" targetRef="e"/><sequenceFlow id="10" sourceRef="d" targetRef="pj"/>
            <sequenceFlow id="11" sourceRef="e" targetRef="pj"/><sequenceFlow id="12" sourceRef="pj" targetRef="f"/>
            <sequenceFlow id="13" sourceRef="f" targetRef="z"/>
            """, prefix: prefix)
        let r = try BPMNImport.read(data, name: "x")
        // By hand: A chooses B or C (equal shares); the merge dissolves, so B
        // and C each lead only to the parallel split, which folds into them:
        // whichever runs starts D and E; F waits for both.
        #expect(
            arrows(r.workflow) == [
                "A -> B 50%", "A -> C 50%", "B -> D", "B -> E", "C -> D", "C -> E", "D -> F", "E -> F",
            ])
        #expect(r.findings.contains { $0.code == .equalShares && $0.place == .element(kind: "exclusiveGateway", id: "x", name: "") })
        #expect(r.workflow.starts.map { r.workflow.steps[$0].label } == ["A"])
    }

    @Test func inclusiveGatewayIsReportedAndParallel() throws {
        let data = Self.bpmn(
            """
            <task id="a" name="A"/><inclusiveGateway id="i"/><task id="b" name="B"/><task id="c" name="C"/>
            <sequenceFlow id="1" sourceRef="a" targetRef="i"/><sequenceFlow id="2" sourceRef="i" targetRef="b"/>
            <sequenceFlow id="3" sourceRef="i" targetRef="c"/>
            """)
        let r = try BPMNImport.read(data, name: "x")
        #expect(arrows(r.workflow) == ["A -> B", "A -> C"])
        #expect(r.findings.contains { $0.code == .readAsParallel && $0.place == .element(kind: "inclusiveGateway", id: "i", name: "") })
    }

    @Test func aSubProcessIsFlattenedAndALoopKept() throws {
        let data = Self.bpmn(
            """
            <startEvent id="s"/><task id="a" name="A"/>
            <subProcess id="sp" name="Sub"><startEvent id="ss"/><task id="b" name="B"/><endEvent id="se"/>
              <sequenceFlow id="i1" sourceRef="ss" targetRef="b"/><sequenceFlow id="i2" sourceRef="b" targetRef="se"/></subProcess>
            <exclusiveGateway id="x"/><task id="c" name="C"/><endEvent id="z"/>
            <sequenceFlow id="1" sourceRef="s" targetRef="a"/><sequenceFlow id="2" sourceRef="a" targetRef="sp"/>
            <sequenceFlow id="3" sourceRef="sp" targetRef="x"/><sequenceFlow id="4" sourceRef="x" targetRef="a"/>
            <sequenceFlow id="5" sourceRef="x" targetRef="c"/><sequenceFlow id="6" sourceRef="c" targetRef="z"/>
            """)
        let r = try BPMNImport.read(data, name: "x")
        // A, then B inside the sub-process, then back to A or on to C.
        #expect(arrows(r.workflow) == ["A -> B", "B -> A 50%", "B -> C 50%"])
        let checked = Checker.check(SourceFile(path: "t.flow", text: WorkflowPrinter.text(r.workflow)))
        #expect(checked.workflow?.reworkLoops.count == 1)
    }

    @Test func isoLatin1AndLineBreaksInNames() throws {
        var data = Data(
            """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p">
            <task id="a" name="Prüfung&#10;der Rechnung"/><task id="b" name="B"/>
            <sequenceFlow id="1" sourceRef="a" targetRef="b"/></process></definitions>
            """.utf8)
        // Re-encode "ü" (UTF-8 C3 BC) as ISO-8859-1 FC.
        data = Data(
            data.split(separator: 0xC3, omittingEmptySubsequences: false).enumerated().flatMap { i, part in
                i == 0 ? Array(part) : [0xFC] + part.dropFirst()
            })
        let r = try BPMNImport.read(data, name: "x")
        #expect(r.workflow.steps.first?.label == "Prüfung der Rechnung")
    }

    @Test func badInputIsAClearError() {
        func message(_ data: Data) -> String? {
            do {
                _ = try BPMNImport.read(data, name: "x")
                return nil
            } catch { return error.message }
        }
        #expect(message(Data("not xml at all".utf8)) == "this is not XML: it does not begin with '<'")
        #expect(message(Data("<definitions>\n<process></definitions>".utf8))?.hasPrefix("line 2, column ") == true)
        #expect(message(Data("<definitions>\n<process></definitions>".utf8))?.contains("the XML is not well-formed: Opening and ending tag mismatch") == true)
        #expect(message(Data("<html><body/></html>".utf8)) == "this is XML but not BPMN 2.0 (no <definitions>)")
        #expect(
            message(Self.bpmn("<task id=\"a\"/><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"ghost\"/>"))
                == "sequence flow 'f' points at 'ghost', which is not in the process")
        // Entities that expand a kilobyte into gigabytes: no document type is read at all.
        var doctype = "<!DOCTYPE d [<!ENTITY l0 \"lololololololololololol\">"
        for k in 1...9 { doctype += "<!ENTITY l\(k) \"" + String(repeating: "&l\(k - 1);", count: 10) + "\">" }
        let laughs = "<?xml version=\"1.0\"?>\(doctype)]><definitions><process id=\"p\"><task id=\"a\" name=\"&l9;\"/></process></definitions>"
        #expect(message(Data(laughs.utf8))?.contains("the file declares a document type (<!DOCTYPE)") == true)
        // A big model: 20 000 tasks in a row imports, no crash.
        var body = ""
        for i in 0..<20_000 {
            body += "<task id=\"t\(i)\" name=\"T\(i)\"/>" + (i > 0 ? "<sequenceFlow id=\"f\(i)\" sourceRef=\"t\(i - 1)\" targetRef=\"t\(i)\"/>" : "")
        }
        #expect((try? BPMNImport.read(Self.bpmn(body), name: "big"))?.workflow.steps.count == 20_000)
    }
}
