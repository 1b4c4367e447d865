/// The decision-share rule of LANGUAGE.md ("Flows"), written once: a step
/// with at least one written probability on its arrows is a decision;
/// arrows without one share equally what the written ones leave; the
/// written ones must add up to 100% when all are given, to at most 100%
/// otherwise. The resolver reports the problems at their lines; the
/// proposal applier refuses a change that leaves one.
public enum DecisionShares {
    /// What is wrong with one decision's shares.
    public enum Problem: Sendable, Hashable {
        /// Every arrow has a probability and they do not add up to 100%.
        case notHundred(step: Int, total: Double, firstWritten: Int)
        /// The written probabilities add up to more than 100%.
        case overHundred(step: Int, total: Double, firstWritten: Int)
    }

    /// Sets every decision arrow's probability: its written one, or an
    /// equal share of what the written ones leave (a decision with a
    /// problem is left as it was). Returns the problems, and the arrows
    /// that end at 0% (never taken).
    public static func settle(_ arrows: inout [Arrow], stepCount: Int, graph: FlowGraph) -> (problems: [Problem], neverTaken: [Int]) {
        var problems: [Problem] = []
        var neverTaken: [Int] = []
        for step in 0..<stepCount {
            let out = graph.outgoing(step)
            guard let firstWritten = out.first(where: { arrows[$0].writtenProbability != nil }) else { continue }
            var written = 0.0
            var unwritten = 0
            for a in out {
                if let p = arrows[a].writtenProbability { written += p } else { unwritten += 1 }
            }
            if unwritten == 0, abs(written - 1) > 1e-9 {
                problems.append(.notHundred(step: step, total: written, firstWritten: firstWritten))
                continue
            }
            if written > 1 + 1e-9 {
                problems.append(.overHundred(step: step, total: written, firstWritten: firstWritten))
                continue
            }
            let share = unwritten > 0 ? max(0, 1 - written) / Double(unwritten) : 0
            for a in out {
                arrows[a].probability = arrows[a].writtenProbability ?? share
                if arrows[a].probability <= 1e-12 { neverTaken.append(a) }
            }
        }
        return (problems, neverTaken)
    }
}
