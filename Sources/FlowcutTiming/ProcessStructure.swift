import FlowcutCore

/// The shape of a process that every analysis needs: which steps can run,
/// which arrows close a loop, and an order of the steps in which every
/// other arrow goes forward.
///
/// ANALYSIS.md: "An arrow closes a loop when its target lies on every path
/// from the start to its source" — its target dominates its source. Arrows
/// of 0% are never taken and play no part.
public struct ProcessStructure: Sendable {
    /// Steps reachable from the starts.
    public let reachable: [Bool]
    /// Per arrow: it closes a loop.
    public let closesLoop: [Bool]
    /// Reachable steps in an order where every forward arrow (taken, not
    /// closing a loop) goes from an earlier to a later step.
    public let forwardOrder: [Int]

    public init(_ workflow: Workflow) {
        let arrows = workflow.arrows
        let canTake = workflow.graph.canTake
        let taken = { (a: Int) in canTake[a] }
        reachable = workflow.reachable
        var closes = [Bool](repeating: false, count: arrows.count)
        if !workflow.reworkLoops.isEmpty {
            let dominators = Dominators(workflow, taken: taken)
            for (a, arrow) in arrows.enumerated() where taken(a) && reachable[arrow.from] {
                closes[a] = dominators.dominates(arrow.to, arrow.from)
            }
        }
        // A loop entered in two places has no arrow whose target dominates
        // its source; there the arrow found going back in a depth-first walk
        // (in the order written) is taken to close it.
        var order = Self.topologicalOrder(workflow, reachable, forward: { taken($0) && !closes[$0] })
        if order.count < reachable.count(where: { $0 }) {
            for a in workflow.retreatingArrows(forward: { taken($0) && !closes[$0] }) {
                closes[a] = true
            }
            order = Self.topologicalOrder(workflow, reachable, forward: { taken($0) && !closes[$0] })
        }
        closesLoop = closes
        forwardOrder = order
    }

    /// Whether arrow `a` is a forward arrow: taken and not closing a loop.
    public func isForward(_ a: Int, in workflow: Workflow) -> Bool {
        workflow.graph.canTake[a] && !closesLoop[a]
    }

    /// Kahn's algorithm over reachable steps (first in, first out).
    static func topologicalOrder(_ w: Workflow, _ reachable: [Bool], forward: (Int) -> Bool) -> [Int] {
        let n = w.steps.count
        let graph = w.graph
        var indegree = [Int](repeating: 0, count: n)
        for s in 0..<n where reachable[s] {
            for k in graph.outRange(s) where forward(graph.outArrow(k)) { indegree[graph.outTarget(k)] += 1 }
        }
        var order: [Int] = []
        order.reserveCapacity(n)
        for s in 0..<n where reachable[s] && indegree[s] == 0 { order.append(s) }
        var head = 0
        while head < order.count {
            let s = order[head]
            head += 1
            for k in graph.outRange(s) where forward(graph.outArrow(k)) {
                let t = graph.outTarget(k)
                indegree[t] -= 1
                if indegree[t] == 0 { order.append(t) }
            }
        }
        return order
    }
}

/// Dominators of a process, with a virtual root before all starts
/// (Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm"), and
/// an O(1) dominance test by intervals on the dominator tree.
struct Dominators {
    private var enter: [Int]
    private var exit: [Int]

    init(_ w: Workflow, taken: (Int) -> Bool) {
        let n = w.steps.count
        let root = n
        // Reverse postorder from the virtual root.
        var postorder: [Int] = []
        var visited = [Bool](repeating: false, count: n + 1)
        var stack: [(node: Int, next: Int)] = [(root, 0)]
        visited[root] = true
        while let top = stack.last {
            let successors: [Int]
            if top.node == root {
                successors = w.starts
            } else {
                successors = w.graph.outgoing(top.node).filter(taken).map { w.arrows[$0].to }
            }
            if top.next < successors.count {
                stack[stack.count - 1].next += 1
                let s = successors[top.next]
                if !visited[s] {
                    visited[s] = true
                    stack.append((s, 0))
                }
            } else {
                postorder.append(top.node)
                stack.removeLast()
            }
        }
        var number = [Int](repeating: -1, count: n + 1)
        for (i, node) in postorder.enumerated() { number[node] = i }
        let starts = Set(w.starts)
        var idom = [Int](repeating: -1, count: n + 1)
        idom[root] = root
        var changed = true
        while changed {
            changed = false
            for node in postorder.reversed() where node != root {
                var candidate = -1
                var predecessors = w.graph.incoming(node).filter(taken).map { w.arrows[$0].from }
                if starts.contains(node) { predecessors.append(root) }
                for p in predecessors where idom[p] >= 0 {
                    if candidate < 0 {
                        candidate = p
                        continue
                    }
                    var a = p
                    var b = candidate
                    while a != b {
                        while number[a] < number[b] { a = idom[a] }
                        while number[b] < number[a] { b = idom[b] }
                    }
                    candidate = a
                }
                if candidate >= 0, idom[node] != candidate {
                    idom[node] = candidate
                    changed = true
                }
            }
        }
        // Intervals on the dominator tree.
        var children = [[Int]](repeating: [], count: n + 1)
        for node in 0..<n where idom[node] >= 0 { children[idom[node]].append(node) }
        enter = [Int](repeating: -1, count: n + 1)
        exit = [Int](repeating: -1, count: n + 1)
        var clock = 0
        var walk: [(node: Int, next: Int)] = [(root, 0)]
        enter[root] = clock
        clock += 1
        while let top = walk.last {
            if top.next < children[top.node].count {
                walk[walk.count - 1].next += 1
                let c = children[top.node][top.next]
                enter[c] = clock
                clock += 1
                walk.append((c, 0))
            } else {
                exit[top.node] = clock
                clock += 1
                walk.removeLast()
            }
        }
    }

    /// Whether `a` lies on every path from the start to `b`.
    func dominates(_ a: Int, _ b: Int) -> Bool {
        guard enter[a] >= 0, enter[b] >= 0 else { return false }
        return enter[a] <= enter[b] && exit[b] <= exit[a]
    }
}
