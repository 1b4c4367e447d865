import FlowcutCore

/// What a diagram shows: a workflow, its critical path and loops, and what a
/// proposal does to it. Built by the caller from an analysis; this module
/// knows nothing of analysis.
public struct Diagram: Sendable {
    /// How a step is marked.
    public enum Mark: Sendable, Hashable {
        /// Cut by the proposal (in the *before* diagram).
        case removed
        /// Merged by the proposal into the step of this name (in the
        /// *before* diagram): gone, but its work goes on there.
        case merged(into: String)
        /// Changed by the proposal (both diagrams): how, in words ("shortened
        /// by 50%"), or nil for the plain "changed".
        case changed(how: String?)

        /// Not in the process after the proposal.
        public var isGone: Bool {
            if case .changed = self { false } else { true }
        }
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
    /// Words of the legend, the marks and the units.
    public var words: DiagramWords

    public init(
        workflow: Workflow, title: [String], caption: [String] = [], criticalSteps: Set<Int> = [],
        criticalArrows: Set<Int> = [], closesLoop: [Bool]? = nil, marks: [String: Mark] = [:], words: DiagramWords = DiagramWords()
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

/// The words a diagram uses, in the report's language (English by default).
public struct DiagramWords: Sendable {
    public var wait = "wait", paper = "paper", online = "online", fixed = "fixed", external = "external"
    public var removed = "removed", changed = "changed", legend = "Legend", critical = "critical path", loop = "rework loop"
    /// Said of a step marked `ends`.
    public var ends = "ends the case"
    /// Said of a merged step; `{}` is the step it is merged into.
    public var mergedInto = "merged into {}"
    /// The dotted red line: the critical path past a step taken out.
    public var bypassed = "critical path, past a step taken out"
    /// Each kind's name in the legend (the kind's keyword where missing).
    public var kinds: [StepKind: String] = [:]
    public var decimal = ".", days = "d", hours = "h"

    public init() {}

    public init(
        wait: String, paper: String, online: String, fixed: String, external: String, removed: String, changed: String,
        legend: String, critical: String, loop: String, kinds: [StepKind: String], decimal: String, days: String, hours: String
    ) {
        self.wait = wait
        self.paper = paper
        self.online = online
        self.fixed = fixed
        self.external = external
        self.removed = removed
        self.changed = changed
        self.legend = legend
        self.critical = critical
        self.loop = loop
        self.kinds = kinds
        self.decimal = decimal
        self.days = days
        self.hours = hours
    }

    /// A channel's word.
    public func channel(_ c: Channel) -> String { c == .paper ? paper : online }
}
