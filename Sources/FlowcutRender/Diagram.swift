import FlowcutCore

/// What a diagram shows: a workflow, its critical path and loops, and what a
/// proposal does to it. Built by the caller from an analysis; this module
/// knows nothing of analysis.
public struct Diagram: Sendable {
    /// How a step is marked.
    public enum Mark: Sendable, Hashable {
        /// Cut or merged away by the proposal (in the *before* diagram).
        case removed
        /// Changed by the proposal (both diagrams).
        case changed
    }

    public var workflow: Workflow
    /// Title lines: the procedure, then its times.
    public var title: [String]
    /// Lines under the diagram (savings, on the *after* diagram).
    public var caption: [String]
    public var criticalSteps: Set<Int>
    public var criticalArrows: Set<Int>
    /// Per arrow: it closes a loop (drawn dashed).
    public var closesLoop: [Bool]
    /// By step ID.
    public var marks: [String: Mark]
    /// Words of the legend (kind names, "critical path", …), by key.
    public var words: [String: String]

    public init(
        workflow: Workflow, title: [String], caption: [String] = [], criticalSteps: Set<Int> = [],
        criticalArrows: Set<Int> = [], closesLoop: [Bool]? = nil, marks: [String: Mark] = [:], words: [String: String] = [:]
    ) {
        self.workflow = workflow
        self.title = title
        self.caption = caption
        self.criticalSteps = criticalSteps
        self.criticalArrows = criticalArrows
        self.closesLoop = closesLoop ?? Array(repeating: false, count: workflow.arrows.count)
        self.marks = marks
        self.words = words
    }
}
