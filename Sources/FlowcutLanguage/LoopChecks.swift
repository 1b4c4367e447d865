import FlowcutCore

extension Workflow {
    /// LANGUAGE.md: every cycle must be left through a decision arrow with a
    /// probability below 100%. Two checks, both linear:
    /// 1. Drop the arrows of decisions with two or more possible branches
    ///    (any cycle through such a step can leave it); a cycle that remains
    ///    has no decision that leaves it.
    /// 2. A loop made of possible arrows must have a possible arrow out of it,
    ///    or a case inside it never ends.
    /// Each problem is a cycle (arrow indices, the closing arrow last) and
    /// what is wrong with it.
    public func loopsWithoutWayOut() -> [(cycle: [Int], what: String)] {
        guard !reworkLoops.isEmpty else { return [] }
        let arrows = self.arrows
        let graph = self.graph
        let possible = { (a: Int) in arrows[a].probability > 0 }
        var branching = [Bool](repeating: false, count: steps.count)
        for s in reworkLoops.joined() where isDecision(s) {
            branching[s] = graph.outgoing(s).count { possible($0) } >= 2
        }
        let withoutExit = { (a: Int) in possible(a) && !branching[arrows[a].from] }
        var problems: [(cycle: [Int], what: String)] = []
        var reported = Set<Int>()
        for component in loops(through: withoutExit) {
            problems.append((cycle(in: component, through: withoutExit), "rework loop with no way out"))
            reported.formUnion(component)
        }
        for component in reworkLoops where reported.isDisjoint(with: component) {
            let members = Set(component)
            let leaves = component.contains { s in graph.outgoing(s).contains { possible($0) && !members.contains(arrows[$0].to) } }
            if !leaves {
                problems.append((cycle(in: component, through: possible), "loop with no arrow out of it"))
            }
        }
        return problems
    }
}
