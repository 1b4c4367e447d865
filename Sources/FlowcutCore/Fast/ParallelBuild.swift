// Hot path (a Fast/ folder). Public, not package: the release build inlines public declarations across modules, not package ones.
/// The model's two big constructions made on both cores for a big process:
/// the graph's rows both ways, and the walks for loops and reachability.
/// Kept here, out of the initialisers, which stay sequential; the resolver
/// calls these for the files it reads (a 1 000 000-step file spends a
/// tenth of a second in each).
extension FlowGraph {
    /// `FlowGraph(stepCount:arrows:)`, the two directions at once from 100 000 arrows on.
    package static func built(stepCount: Int, arrows: [Arrow]) -> FlowGraph {
        let (outgoing, incoming) = both(arrows.count >= 100_000) {
            rows(stepCount, arrows, byTarget: false)
        } _: {
            Self.incoming(stepCount, arrows)
        }
        return FlowGraph(stepCount: stepCount, arrows: arrows, outgoing: outgoing, incoming: incoming)
    }
}

extension Workflow {
    /// Finds the rework loops and the reachable steps, the two walks at
    /// once from 100 000 steps on (for a workflow made with `walks: false`).
    package mutating func walkInParallel() {
        let canTake = graph.canTake
        let workflow = self
        (reworkLoops, reachable) = both(steps.count >= 100_000) {
            workflow.loops { canTake[$0] }
        } _: {
            workflow.reachableSteps()
        }
    }
}
