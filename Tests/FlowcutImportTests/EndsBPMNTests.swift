import FlowcutCore
import FlowcutLanguage
import Foundation
import Testing

@testable import FlowcutImport

/// `ends` as BPMN's terminate end event, both ways.
struct EndsBPMNTests {
    static let flow = """
        procedure "P"
        step receive "R" 2h
        step inspect "I" 8h
        step draft "D" 4h
        step refuse "X" 1h ends
        receive -> inspect -> draft 80%
        inspect -> refuse 20%
        """

    @Test func aStepThatEndsTheCaseIsExportedWithATerminateEndEventAndReadBack() throws {
        let w = try #require(Checker.check(SourceFile(path: "p.flow", text: Self.flow)).workflow)
        let out = try BPMNExport.export(w)
        // One terminate definition, in the end event after refuse (Task_4).
        #expect(out.xml.components(separatedBy: "<bpmn:terminateEventDefinition").count == 2)
        let endAfterRefuse = try #require(out.xml.range(of: "<bpmn:endEvent id=\"End_4\">"))
        let terminate = try #require(out.xml.range(of: "<bpmn:terminateEventDefinition"))
        #expect(endAfterRefuse.lowerBound < terminate.lowerBound)
        let back = try BPMNImport.read(Data(out.xml.utf8), name: "x")
        #expect(back.workflow.steps.map(\.label) == ["R", "I", "D", "X"])
        #expect(back.workflow.steps.map(\.endsCase) == [false, false, false, true])
        // And it checks: the ends step has no way on.
        let printed = WorkflowPrinter.text(back.workflow)
        #expect(Checker.check(SourceFile(path: "x.flow", text: printed)).diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(printed.contains(" ends"))
    }

    /// A terminate end event written by another tool: the task before it ends the case.
    @Test func aTerminateEndEventFromAModeller() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
            <startEvent id="s"/><task id="a" name="Check"/><exclusiveGateway id="g"/>
            <task id="ok" name="Issue"/><task id="no" name="Refuse"/><endEvent id="e1"/>
            <endEvent id="e2"><terminateEventDefinition id="t"/></endEvent>
            <sequenceFlow id="f1" sourceRef="s" targetRef="a"/><sequenceFlow id="f2" sourceRef="a" targetRef="g"/>
            <sequenceFlow id="f3" sourceRef="g" targetRef="ok"/><sequenceFlow id="f4" sourceRef="g" targetRef="no"/>
            <sequenceFlow id="f5" sourceRef="ok" targetRef="e1"/><sequenceFlow id="f6" sourceRef="no" targetRef="e2"/>
            </process></definitions>
            """
        let r = try BPMNImport.read(Data(xml.utf8), name: "x")
        #expect(r.workflow.steps.map { "\($0.label):\($0.endsCase)" } == ["Check:false", "Issue:false", "Refuse:true"])
    }
}
