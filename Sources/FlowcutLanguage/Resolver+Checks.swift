import FlowcutCore

/// Decisions, loops, reachability, use of actors.
extension Resolver {
    /// Sets every arrow's probability: 1 for a parallel split; for a decision
    /// the written value, or an equal share of what the written ones leave.
    /// - Parameter graph: the arrows' graph, if made already.
    /// - Returns: whether there is a decision (then probabilities may have changed).
    @discardableResult
    mutating func resolveDecisions(_ arrows: inout [Arrow], steps: [Step], graph: FlowGraph? = nil) -> Bool {
        if let graph {
            guard graph.isDecision.contains(true) else { return false }
        } else {
            guard arrows.contains(where: { $0.writtenProbability != nil }) else { return false }
        }
        let graph = graph ?? FlowGraph(stepCount: steps.count, arrows: arrows)
        let (problems, neverTaken) = DecisionShares.settle(&arrows, stepCount: steps.count, graph: graph)
        for problem in problems {
            switch problem {
            case .notHundred(let step, let total, let first):
                error(
                    .sharesNot100,
                    "the probabilities of decision '\(steps[step].id)' add up to \(formatNumber(total * 100))%; they must add up to 100% (or leave one arrow without a probability to take the rest)",
                    at: arrows[first].range!)
            case .overHundred(let step, let total, let first):
                error(
                    .sharesOver100, "the probabilities of decision '\(steps[step].id)' add up to \(formatNumber(total * 100))%, over 100%",
                    at: arrows[first].range!)
            }
        }
        for a in neverTaken {
            if let r = arrows[a].range {
                warning(.arrowNeverTaken, "the arrow \(steps[arrows[a].from].id) -> \(steps[arrows[a].to].id) gets 0% and is never taken", at: r)
            }
        }
        return true
    }

    /// LANGUAGE.md: every cycle must be left through a decision arrow with a
    /// probability below 100%. Two checks, both linear:
    /// 1. Drop the arrows of decisions with two or more possible branches
    ///    (any cycle through such a step can leave it); a cycle that remains
    ///    has no decision that leaves it.
    /// 2. A loop made of possible arrows must have a possible arrow out of it,
    ///    or a case inside it never ends.
    mutating func checkLoops(_ workflow: Workflow) {
        for problem in workflow.loopsWithoutWayOut() {
            reportLoop(workflow, cycle: problem.cycle, problem.what)
        }
    }

    private mutating func reportLoop(_ workflow: Workflow, cycle: [Int], _ what: String) {
        guard let closing = cycle.last else { return }
        let ids = cycle.map { workflow.steps[workflow.arrows[$0].from].id } + [workflow.steps[workflow.arrows[closing].to].id]
        let at = workflow.arrows[closing].range ?? workflow.steps[workflow.arrows[closing].to].range!
        error(
            .loopWithoutWayOut, "\(what): \(ids.joined(separator: " -> ")); give one of its steps a decision arrow with a probability that leaves the loop",
            at: at)
    }

    /// An `ends` step is where a dossier stops: nothing may follow it.
    mutating func checkEnds(_ workflow: Workflow) {
        for (s, step) in workflow.steps.enumerated() where step.endsCase && !workflow.graph.outgoing(s).isEmpty {
            if let r = step.range {
                error(
                    .endsWithArrowsOut,
                    "step '\(step.id)' ends the case but has arrows out of it; an 'ends' step is where a dossier stops: remove 'ends' or its arrows",
                    at: r)
            }
        }
    }

    mutating func checkReachability(_ workflow: Workflow) {
        guard !workflow.starts.isEmpty else { return }
        let reached = workflow.reachable
        for (i, step) in workflow.steps.enumerated() where !reached[i] {
            if let r = step.range {
                warning(.stepNeverReached, "step '\(step.id)' is never reached from the start", at: r)
            }
        }
    }

    mutating func checkActorsUsed(_ workflow: Workflow) {
        var used = suggestedActors
        for decl in proposals.flatMap(\.changes) {
            if case .merge(_, _, let actor?, _) = decl.form { used.insert(actor.text) }
        }
        // The steps are read until every actor has been seen (on a big
        // file, within its first lines).
        var unseen = Set(workflow.actors.map(\.id)).subtracting(used)
        for step in workflow.steps {
            if unseen.isEmpty { break }
            if let a = step.actor { unseen.remove(a) }
        }
        for actor in workflow.actors where unseen.contains(actor.id) {
            if let r = actor.range { warning(.actorWithoutStep, "actor '\(actor.id)' performs no step", at: r) }
        }
    }
}
