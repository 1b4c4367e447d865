import FlowcutCore
import FlowcutRender

/// Writes a workflow as BPMN 2.0 XML with a drawn diagram (BPMN DI), so
/// that it opens in a BPMN modeller (bpmn.io, Camunda Modeler, Bizagi) and
/// can be simulated by another engine (Prosimos, with `ProsimosScenario`).
///
/// The mapping, the inverse of `BPMNImport`:
/// - one pool for the process, one lane per actor that has steps (in the
///   order declared); steps with no actor sit in the pool below the lanes;
/// - every step is a plain `task` (Prosimos reads only `task`);
/// - a decision step (its arrows carry probabilities) is followed by an
///   exclusive split; a step with several unconditional arrows by a
///   parallel split;
/// - a step with several incoming arrows is preceded by a join: exclusive
///   when an incoming arrow closes a loop or every branch comes from a
///   decision, parallel when every branch comes from a parallel split,
///   inclusive (the OR-join flowcut's own simulation uses) otherwise;
/// - one start event (a parallel split after it when the process has
///   several starts), an end event after every step with no way out.
///
/// Layout: Graphviz's dot engine (in-process) places the elements left to
/// right; its columns and its order within each lane are kept, and each
/// lane is a band as tall as its rows. Edges are orthogonal connectors
/// between the placed shapes.
public enum BPMNExport {
    public struct Output: Sendable {
        /// The BPMN XML text.
        public var xml: String
        /// The BPMN element ID of each step's task, by step index.
        public var taskIDs: [String]
        /// The exclusive split after each decision step, by step index, with
        /// the sequence flow ID of each of the step's arrows.
        public var decisions: [Int: (gateway: String, flows: [(arrow: Int, flow: String)])]
    }

    enum Kind { case task(Int), start, end, exclusive, parallel, inclusive }

    struct Element {
        var id: String
        var kind: Kind
        var name: String
        var lane: Int?  // actor index
        var width: Double { if case .task = kind { 100 } else if case .start = kind { 36 } else if case .end = kind { 36 } else { 50 } }
        var height: Double { if case .task = kind { 80 } else if case .start = kind { 36 } else if case .end = kind { 36 } else { 50 } }
    }

    struct Flow {
        var id: String
        var from: Int
        var to: Int
        var name: String?
    }

    public static func export(_ w: Workflow) throws(Graphviz.RenderError) -> Output {
        var elements: [Element] = []
        var flows: [Flow] = []
        let laneOf: [Int?] = w.steps.map { s in s.actor.flatMap { a in w.actors.firstIndex { $0.id == a } } }
        // Tasks first (their IDs follow the step order).
        let taskIDs = w.steps.indices.map { "Task_\($0 + 1)" }
        for (i, s) in w.steps.enumerated() { elements.append(Element(id: taskIDs[i], kind: .task(i), name: s.label, lane: laneOf[i])) }
        var gatewayCount = 0
        func addGateway(_ kind: Kind, lane: Int?) -> Int {
            gatewayCount += 1
            elements.append(Element(id: "Gateway_\(gatewayCount)", kind: kind, name: "", lane: lane))
            return elements.count - 1
        }
        func addFlow(_ a: Int, _ b: Int, _ name: String? = nil) -> String {
            let id = "Flow_\(flows.count + 1)"
            flows.append(Flow(id: id, from: a, to: b, name: name))
            return id
        }
        let back = backArrows(w)
        // Joins before steps with several ways in; where each way enters.
        var entry = Array(w.steps.indices)
        for s in w.steps.indices {
            let incoming = w.graph.incoming(s)
            guard incoming.count > 1 else { continue }
            entry[s] = addGateway(joinKind(w, s, incoming, back), lane: laneOf[s])
            _ = addFlow(entry[s], s)
        }
        // Splits after steps with several ways out.
        var decisions: [Int: (gateway: String, flows: [(arrow: Int, flow: String)])] = [:]
        for s in w.steps.indices {
            let outgoing = w.graph.outgoing(s)
            if outgoing.count > 1 {
                let decision = w.isDecision(s)
                let g = addGateway(decision ? .exclusive : .parallel, lane: laneOf[s])
                _ = addFlow(s, g)
                var made: [(arrow: Int, flow: String)] = []
                for a in outgoing { made.append((a, addFlow(g, entry[w.arrows[a].to], w.arrows[a].label))) }
                if decision { decisions[s] = (elements[g].id, made) }
            } else if let a = outgoing.first {
                _ = addFlow(s, entry[w.arrows[a].to], w.arrows[a].label)
            } else {
                elements.append(Element(id: "End_\(s + 1)", kind: .end, name: "", lane: laneOf[s]))
                _ = addFlow(s, elements.count - 1)
            }
        }
        // The start.
        let starts = w.starts.isEmpty ? (w.steps.isEmpty ? [] : [0]) : w.starts
        elements.append(Element(id: "Start", kind: .start, name: "", lane: starts.first.flatMap { laneOf[$0] }))
        let start = elements.count - 1
        if starts.count > 1 {
            let g = addGateway(.parallel, lane: laneOf[starts[0]])
            _ = addFlow(start, g)
            for s in starts { _ = addFlow(g, entry[s]) }
        } else if let s = starts.first {
            _ = addFlow(start, entry[s])
        }
        let bounds = try place(elements, flows, lanes: w.actors.count)
        let xml = write(w, elements, flows, bounds, laneOf: laneOf)
        return Output(xml: xml, taskIDs: taskIDs, decisions: decisions)
    }

    /// Arrows that close a loop: found by a depth-first search from the
    /// starts, then from any step they do not reach.
    static func backArrows(_ w: Workflow) -> Set<Int> {
        Set(w.retreatingArrows(from: w.starts + w.steps.indices.filter { !w.starts.contains($0) }))
    }

    /// The join before `step`: each incoming branch is traced back through
    /// steps with one way in and one way out to the step where it split.
    static func joinKind(_ w: Workflow, _ step: Int, _ incoming: ArrowRow, _ back: Set<Int>) -> Kind {
        if incoming.contains(where: back.contains) { return .exclusive }
        var decisions = 0
        var parallels = 0
        for a in incoming {
            var s = w.arrows[a].from
            var seen = 0
            while w.graph.outgoing(s).count == 1, w.graph.incoming(s).count == 1, seen < w.steps.count {
                s = w.arrows[w.graph.incoming(s).first!].from
                seen += 1
            }
            if w.graph.outgoing(s).count > 1 { if w.isDecision(s) { decisions += 1 } else { parallels += 1 } }
        }
        if decisions == incoming.count { return .exclusive }
        if parallels == incoming.count { return .parallel }
        return .inclusive
    }

    // MARK: Layout

    struct Box {
        var x: Double
        var y: Double
        var width: Double
        var height: Double
    }
    struct Bounds {
        var elements: [Box]
        var lanes: [Box?]
        var pool: Box
    }

    static let poolLabel = 30.0, rowHeight = 110.0, lanePadding = 15.0, margin = 40.0

    static func place(_ elements: [Element], _ flows: [Flow], lanes: Int) throws(Graphviz.RenderError) -> Bounds {
        let centre = elements.count <= graphvizLimit ? try dotPlacements(elements, flows) : columns(elements, flows)
        // Rows within each band: in Graphviz's vertical order, each element
        // takes the first row where it overlaps nothing horizontally.
        var bands: [[Int]] = Array(repeating: [], count: lanes + 1)  // the last: no lane
        for (i, e) in elements.enumerated() { bands[e.lane ?? lanes].append(i) }
        var row = [Int](repeating: 0, count: elements.count)
        var rowsInBand = [Int](repeating: 0, count: lanes + 1)
        for (b, members) in bands.enumerated() {
            var rows: [[(Double, Double)]] = []
            for i in members.sorted(by: { (centre[$0].y, centre[$0].x, $0) < (centre[$1].y, centre[$1].x, $1) }) {
                let span = (centre[i].x - elements[i].width / 2 - 8, centre[i].x + elements[i].width / 2 + 8)
                var r = 0
                while r < rows.count, rows[r].contains(where: { $0.0 < span.1 && span.0 < $0.1 }) { r += 1 }
                if r == rows.count { rows.append([]) }
                rows[r].append(span)
                row[i] = r
            }
            rowsInBand[b] = rows.count
        }
        let width = poolLabel + 2 * margin + (centre.map { $0.x + $0.width / 2 }.max() ?? 0)
        var top = [Double](repeating: 0, count: lanes + 1)
        var y = 0.0
        var laneBoxes: [Box?] = []
        for b in 0...lanes {
            top[b] = y
            let h = rowsInBand[b] == 0 ? 0 : 2 * lanePadding + Double(rowsInBand[b]) * rowHeight
            if b < lanes { laneBoxes.append(h > 0 ? Box(x: poolLabel, y: y, width: width - poolLabel, height: h) : nil) }
            y += h
        }
        var boxes: [Box] = []
        for (i, e) in elements.enumerated() {
            let b = e.lane ?? lanes
            let cy = top[b] + lanePadding + Double(row[i]) * rowHeight + rowHeight / 2
            boxes.append(Box(x: (poolLabel + margin + centre[i].x - e.width / 2).rounded(), y: (cy - e.height / 2).rounded(), width: e.width, height: e.height))
        }
        return Bounds(elements: boxes, lanes: laneBoxes, pool: Box(x: 0, y: 0, width: width.rounded(), height: max(y, rowHeight)))
    }

    /// Each element's centre as dot places it, left to right.
    static func dotPlacements(_ elements: [Element], _ flows: [Flow]) throws(Graphviz.RenderError) -> [Graphviz.Placement] {
        var dot = "digraph bpmn {\n  graph [rankdir=LR, nodesep=0.3, ranksep=0.5];\n  node [shape=box, fixedsize=true, label=\"\"];\n"
        for (i, e) in elements.enumerated() { dot += "  e\(i) [width=\(e.width / 72), height=\(e.height / 72)];\n" }
        for f in flows { dot += "  e\(f.from) -> e\(f.to);\n" }
        dot += "}\n"
        let placed = try Graphviz.layout(dot: dot)
        return elements.indices.map { placed["e\($0)"] ?? Graphviz.Placement() }
    }

    /// Above this many elements dot's layout takes minutes (3 000 steps:
    /// about 4 s, growing faster than linearly), so a plain layout is used:
    /// a column per step of a breadth-first walk from the start.
    static let graphvizLimit = 2_000

    static func columns(_ elements: [Element], _ flows: [Flow]) -> [Graphviz.Placement] {
        var next = [[Int]](repeating: [], count: elements.count)
        for f in flows { next[f.from].append(f.to) }
        var depth = [Int](repeating: -1, count: elements.count)
        var queue = elements.indices.filter { if case .start = elements[$0].kind { true } else { false } }
        for q in queue { depth[q] = 0 }
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            for t in next[v] where depth[t] < 0 {
                depth[t] = depth[v] + 1
                queue.append(t)
            }
        }
        return elements.indices.map { i in
            Graphviz.Placement(x: Double(max(depth[i], 0)) * 150 + 60, y: Double(i), width: elements[i].width, height: elements[i].height)
        }
    }

    static func waypoints(_ a: Box, _ b: Box) -> [(Double, Double)] {
        let ay = a.y + a.height / 2
        let by = b.y + b.height / 2
        if b.x >= a.x + a.width + 10 {
            let from = (a.x + a.width, ay)
            let to = (b.x, by)
            if ay == by { return [from, to] }
            let mid = ((from.0 + to.0) / 2).rounded()
            return [from, (mid, ay), (mid, by), to]
        }
        // Backwards (a loop) or in the same column: under both shapes.
        let low = max(a.y + a.height, b.y + b.height) + 15
        let ax = a.x + a.width / 2
        let bx = b.x + b.width / 2
        return [(ax, a.y + a.height), (ax, low), (bx, low), (bx, b.y + b.height)]
    }

    // MARK: Writing

    static func write(_ w: Workflow, _ elements: [Element], _ flows: [Flow], _ bounds: Bounds, laneOf: [Int?]) -> String {
        func q(_ s: String) -> String { Escape.markup(s) }
        func n(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
        var incoming = [[String]](repeating: [], count: elements.count)
        var outgoing = [[String]](repeating: [], count: elements.count)
        for f in flows {
            outgoing[f.from].append(f.id)
            incoming[f.to].append(f.id)
        }
        var x: [String] = []
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        x.append(
            "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" id=\"Definitions\" targetNamespace=\"https://flowcut.invalid/bpmn\" exporter=\"flowcut\" exporterVersion=\"1\">"
        )
        x.append("  <bpmn:collaboration id=\"Collaboration\">")
        x.append("    <bpmn:participant id=\"Pool\" name=\"\(q(w.name))\" processRef=\"Process\" />")
        x.append("  </bpmn:collaboration>")
        x.append("  <bpmn:process id=\"Process\" name=\"\(q(w.name))\" isExecutable=\"false\">")
        let usedLanes = w.actors.indices.filter { bounds.lanes[$0] != nil }
        if !usedLanes.isEmpty {
            x.append("    <bpmn:laneSet id=\"LaneSet\">")
            for k in usedLanes {
                x.append("      <bpmn:lane id=\"Lane_\(k + 1)\" name=\"\(q(w.actors[k].label))\">")
                for e in elements where e.lane == k { x.append("        <bpmn:flowNodeRef>\(e.id)</bpmn:flowNodeRef>") }
                x.append("      </bpmn:lane>")
            }
            x.append("    </bpmn:laneSet>")
        }
        // Joins first, so that an importer dissolves them before the splits.
        let order = elements.indices.sorted { a, b in
            func rank(_ k: Kind) -> Int { if case .start = k { 0 } else if case .task = k { 2 } else if case .end = k { 4 } else { 1 } }
            return (rank(elements[a].kind), a) < (rank(elements[b].kind), b)
        }
        for i in order {
            let e = elements[i]
            let tag: String
            switch e.kind {
            case .task: tag = "task"
            case .start: tag = "startEvent"
            case .end: tag = "endEvent"
            case .exclusive: tag = "exclusiveGateway"
            case .parallel: tag = "parallelGateway"
            case .inclusive: tag = "inclusiveGateway"
            }
            let name = e.name.isEmpty ? "" : " name=\"\(q(e.name))\""
            x.append("    <bpmn:\(tag) id=\"\(e.id)\"\(name)>")
            if case .task(let s) = e.kind, let note = w.steps[s].note { x.append("      <bpmn:documentation>\(q(note))</bpmn:documentation>") }
            for f in incoming[i] { x.append("      <bpmn:incoming>\(f)</bpmn:incoming>") }
            for f in outgoing[i] { x.append("      <bpmn:outgoing>\(f)</bpmn:outgoing>") }
            // After a step that ends the case: a terminate end event.
            if case .end = e.kind, let f = flows.first(where: { $0.to == i }), case .task(let s) = elements[f.from].kind, w.steps[s].endsCase {
                x.append("      <bpmn:terminateEventDefinition id=\"\(e.id)_Terminate\" />")
            }
            x.append("    </bpmn:\(tag)>")
        }
        for f in flows {
            let name = f.name.map { " name=\"\(q($0))\"" } ?? ""
            x.append("    <bpmn:sequenceFlow id=\"\(f.id)\"\(name) sourceRef=\"\(elements[f.from].id)\" targetRef=\"\(elements[f.to].id)\" />")
        }
        x.append("  </bpmn:process>")
        // The drawing.
        func shape(_ id: String, _ element: String, _ b: Box, _ extra: String = "") {
            x.append("      <bpmndi:BPMNShape id=\"\(id)_di\" bpmnElement=\"\(element)\"\(extra)>")
            x.append("        <dc:Bounds x=\"\(n(b.x))\" y=\"\(n(b.y))\" width=\"\(n(b.width))\" height=\"\(n(b.height))\" />")
            x.append("      </bpmndi:BPMNShape>")
        }
        x.append("  <bpmndi:BPMNDiagram id=\"Diagram\">")
        x.append("    <bpmndi:BPMNPlane id=\"Plane\" bpmnElement=\"Collaboration\">")
        shape("Pool", "Pool", bounds.pool, " isHorizontal=\"true\"")
        for k in usedLanes { shape("Lane_\(k + 1)", "Lane_\(k + 1)", bounds.lanes[k]!, " isHorizontal=\"true\"") }
        for (i, e) in elements.enumerated() {
            var extra = ""
            if case .exclusive = e.kind { extra = " isMarkerVisible=\"true\"" }
            shape(e.id, e.id, bounds.elements[i], extra)
        }
        for f in flows {
            x.append("      <bpmndi:BPMNEdge id=\"\(f.id)_di\" bpmnElement=\"\(f.id)\">")
            for p in waypoints(bounds.elements[f.from], bounds.elements[f.to]) {
                x.append("        <di:waypoint x=\"\(n(p.0))\" y=\"\(n(p.1))\" />")
            }
            x.append("      </bpmndi:BPMNEdge>")
        }
        x.append("    </bpmndi:BPMNPlane>")
        x.append("  </bpmndi:BPMNDiagram>")
        x.append("</bpmn:definitions>")
        return x.joined(separator: "\n") + "\n"
    }
}
