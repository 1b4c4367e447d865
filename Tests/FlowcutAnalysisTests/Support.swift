import FlowcutCore
import FlowcutLanguage
import Testing

@testable import FlowcutAnalysis
@testable import FlowcutSimulation
@testable import FlowcutTiming

/// A workflow from .flow text; the test fails if the text has errors.
func workflow(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Workflow {
    let checked = Checker.check(SourceFile(path: "t.flow", text: text))
    let errors = checked.diagnostics.filter { $0.severity == .error }.map(\.message)
    #expect(errors == [], sourceLocation: sourceLocation)
    guard let w = checked.workflow else { throw InvalidWorkflow() }
    return w
}

func ids(_ w: Workflow, _ steps: [Int]) -> [String] { steps.map { w.steps[$0].id } }

func schedule(_ a: ProcedureAnalysis, _ id: String) throws -> StepSchedule {
    let index = try #require(a.workflow.stepIndex(of: id))
    return try #require(a.criticalPath.schedule[index])
}

func near(_ x: Double, _ y: Double, _ tolerance: Double = 1e-9) -> Bool { abs(x - y) <= tolerance }

struct InvalidWorkflow: Error {}

extension Tag {
    /// Suites that take seconds (many simulated cases, differential runs
    /// over hundreds of random processes): `swift test --skip
    /// 'StepwiseSimulationTests|SimulationTests|MeasuringTests|SavingsMeterTests'`
    /// leaves them out while working (CONTRIBUTING.md).
    @Tag static var slow: Self
}
