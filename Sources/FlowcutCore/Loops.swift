extension Workflow {
    /// The strongly connected components of the graph made of the arrows
    /// that `include` accepts, keeping only those that can loop (two or more
    /// steps, or one step with an arrow to itself). Iterative Tarjan: linear,
    /// and safe on a million steps.
    public func loops(through include: (Int) -> Bool) -> [[Int]] {
        let n = steps.count
        var order = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var components: [[Int]] = []
        var counter = 0
        // Each frame: a step and the position (in the graph's rows) of the
        // next of its outgoing arrows.
        var frames: [(step: Int, next: Int)] = []
        for root in 0..<n where order[root] < 0 {
            frames.append((root, graph.outRange(root).lowerBound))
            order[root] = counter
            low[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let frame = frames.last {
                let end = graph.outRange(frame.step).upperBound
                var position = frame.next
                var descended = false
                while position < end {
                    let arrow = graph.outArrow(position)
                    let w = graph.outTarget(position)
                    position += 1
                    guard include(arrow) else { continue }
                    if order[w] < 0 {
                        frames[frames.count - 1].next = position
                        order[w] = counter
                        low[w] = counter
                        counter += 1
                        stack.append(w)
                        onStack[w] = true
                        frames.append((w, graph.outRange(w).lowerBound))
                        descended = true
                        break
                    } else if onStack[w] {
                        low[frame.step] = min(low[frame.step], order[w])
                    }
                }
                if descended { continue }
                frames.removeLast()
                let v = frame.step
                if let parent = frames.last {
                    low[parent.step] = min(low[parent.step], low[v])
                }
                guard low[v] == order[v] else { continue }
                if stack.last == v {
                    // A step alone (most are): a loop only with an arrow to itself.
                    stack.removeLast()
                    onStack[v] = false
                    if graph.outRange(v).contains(where: { include(graph.outArrow($0)) && graph.outTarget($0) == v }) {
                        components.append([v])
                    }
                    continue
                }
                var component: [Int] = []
                while let w = stack.popLast() {
                    onStack[w] = false
                    component.append(w)
                    if w == v { break }
                }
                components.append(component.sorted())
            }
        }
        return components.sorted { $0[0] < $1[0] }
    }

    /// A shortest cycle through the first step of `component`, as arrow
    /// indices in order, using only arrows that `include` accepts.
    public func cycle(in component: [Int], through include: (Int) -> Bool) -> [Int] {
        guard let start = component.first else { return [] }
        let members = Set(component)
        var via: [Int: Int] = [:]  // step -> arrow that reached it
        var queue = [start]
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            for arrow in graph.outgoing(v) where include(arrow) {
                let w = arrows[arrow].to
                guard members.contains(w) else { continue }
                if w == start {
                    var path = [arrow]
                    var at = v
                    while at != start, let back = via[at] {
                        path.append(back)
                        at = arrows[back].from
                    }
                    return path.reversed()
                }
                if via[w] == nil {
                    via[w] = arrow
                    queue.append(w)
                }
            }
        }
        return []
    }

    /// Arrows that go back to a step still on the path of a depth-first
    /// walk from `roots` (default: the starts), following arrows in the
    /// order written and only those `forward` allows.
    public func retreatingArrows(from roots: [Int]? = nil, forward: (Int) -> Bool = { _ in true }) -> [Int] {
        var state = [UInt8](repeating: 0, count: steps.count)  // 0 new, 1 on path, 2 done
        var result: [Int] = []
        for root in roots ?? starts where state[root] == 0 {
            var stack: [(step: Int, next: Int)] = [(root, graph.outRange(root).lowerBound)]
            state[root] = 1
            while let top = stack.last {
                if top.next < graph.outRange(top.step).upperBound {
                    stack[stack.count - 1].next += 1
                    let a = graph.outArrow(top.next)
                    guard forward(a) else { continue }
                    let t = graph.outTarget(top.next)
                    if state[t] == 1 {
                        result.append(a)
                    } else if state[t] == 0 {
                        state[t] = 1
                        stack.append((t, graph.outRange(t).lowerBound))
                    }
                } else {
                    state[top.step] = 2
                    stack.removeLast()
                }
            }
        }
        return result
    }

    /// Steps reachable from the starts along arrows that can be taken
    /// (a decision's 0% arrow reaches nothing).
    public func reachableSteps() -> [Bool] {
        var seen = [Bool](repeating: false, count: steps.count)
        var queue = starts
        for s in starts { seen[s] = true }
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            for k in graph.outRange(v) where graph.canTake[graph.outArrow(k)] {
                let w = graph.outTarget(k)
                if !seen[w] {
                    seen[w] = true
                    queue.append(w)
                }
            }
        }
        return seen
    }
}
