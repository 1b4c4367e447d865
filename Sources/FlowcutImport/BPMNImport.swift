// Over 400 lines: reading a model and folding its events and gateways into steps are one algorithm over one graph.
import FlowcutCore
import Foundation

/// A BPMN 2.0 process (any namespace prefix, UTF-8 or ISO-8859-1) as a
/// workflow: lanes become actors; every kind of task a step; start, end and
/// intermediate events are dropped with their flows joined; embedded
/// sub-processes are flattened; gateways become the language's decisions and
/// parallel splits and joins (below). Probabilities and durations come from
/// a Prosimos scenario when one is given; otherwise probabilities are equal
/// shares and durations zero, each reported as a warning to fill in.
public enum BPMNImport {
    static let taskKinds: Set<String> = [
        "task", "userTask", "serviceTask", "manualTask", "businessRuleTask", "scriptTask", "sendTask", "receiveTask", "callActivity",
    ]
    static let gatewayKinds: Set<String> = ["exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway"]
    static let eventKinds: Set<String> = [
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent", "implicitThrowEvent",
    ]

    /// A node of the BPMN graph.
    struct Node {
        enum Role { case task, gateway(String), event, pass }
        var id: String
        var name: String
        /// The element's tag: task, userTask, exclusiveGateway, …
        var kind = ""
        var role: Role
        var isStart = false
    }

    public static func read(_ data: Data, name fallback: String, scenario: ProsimosScenario.Scenario? = nil) throws(ImportError) -> Imported {
        try read([UInt8](data), name: fallback, scenario: scenario)
    }

    public static func read(_ bytes: [UInt8], name fallback: String, scenario: ProsimosScenario.Scenario? = nil) throws(ImportError) -> Imported {
        let reader = try readModel(bytes)
        guard reader.sawDefinitions else { throw ImportError(message: "this is XML but not BPMN 2.0 (no <definitions>)") }
        guard !reader.nodes.isEmpty else { throw ImportError(message: "the BPMN file has no process with tasks") }
        return try build(reader, name: reader.processName ?? fallback, scenario: scenario)
    }

    /// The model's elements as the file lists them, before any folding.
    static func readModel(_ data: Data) throws(ImportError) -> Reader {
        try readModel([UInt8](data))
    }

    static func readModel(_ bytes: [UInt8]) throws(ImportError) -> Reader {
        let reader = Reader()
        do {
            try XMLReader.read(bytes) { event throws(XMLReader.Problem) in
                switch event {
                case .start(let name, let attributes): reader.start(name, attributes)
                case .end(let name): reader.end(name)
                case .text(let text): reader.characters(text)
                }
            }
        } catch {
            throw ImportError(message: error.located)
        }
        reader.finish()
        return reader
    }

    // MARK: Building the workflow

    static func build(_ r: Reader, name: String, scenario: ProsimosScenario.Scenario?) throws(ImportError) -> Imported {
        var findings: [Diagnostic] = []
        func place(_ id: String) -> Diagnostic.Place {
            let node = nodes[id] ?? r.nodes[id]
            return .element(kind: node?.kind ?? "element", id: id, name: node?.name)
        }
        var nodes = r.nodes
        var endSteps = Set<String>()
        // Successors and predecessors by node id, in the file's order.
        var out: [String: [String]] = [:]
        var into: [String: [String]] = [:]
        var labels: [String: String] = [:]  // "from>to" → flow name
        var shares: [String: Double] = [:]  // "from>to" → the scenario's probability
        func link(_ a: String, _ b: String) {
            guard a != b || nodes[a].map({ if case .task = $0.role { return true } else { return false } }) == true else { return }
            if out[a, default: []].contains(b) { return }
            out[a, default: []].append(b)
            into[b, default: []].append(a)
        }
        func unlink(_ node: String) {
            for s in out[node] ?? [] { into[s]?.removeAll { $0 == node } }
            for p in into[node] ?? [] { out[p]?.removeAll { $0 == node } }
            out[node] = nil
            into[node] = nil
            nodes[node] = nil
        }
        // A flow through a dropped node keeps its name and probability.
        func through(_ p: String, _ dropped: String, _ s: String) {
            link(p, s)
            if let share = shares["\(p)>\(dropped)"] ?? shares["\(dropped)>\(s)"] { shares["\(p)>\(s)"] = share }
            if let label = labels["\(p)>\(dropped)"] ?? labels["\(dropped)>\(s)"] { labels["\(p)>\(s)"] = label }
        }
        for f in r.flows {
            guard nodes[f.source] != nil, nodes[f.target] != nil else {
                throw ImportError(message: "sequence flow '\(f.id)' points at '\(nodes[f.source] == nil ? f.source : f.target)', which is not in the process")
            }
            link(f.source, f.target)
            if let n = f.name, !n.isEmpty { labels["\(f.source)>\(f.target)"] = n }
            if let p = scenario?.flowProbabilities[f.id] { shares["\(f.source)>\(f.target)"] = p }
        }
        for (id, attached) in r.boundaryAttachments where nodes[id] != nil && nodes[attached] != nil {
            findings.append(
                Diagnostic(
                    .boundaryAsParallel,
                    "read as a parallel branch of the task it is attached to, '\(nodes[attached]!.name.isEmpty ? attached : nodes[attached]!.name)'",
                    in: place(id)))
            link(attached, id)
        }
        // An end event that a splitting gateway leads to is a branch of its
        // own (the process ends there): it stays, as a step of 0 h.
        for id in r.order where r.endEvents.contains(id) {
            let fromGateway = (into[id] ?? []).contains { p in
                if case .gateway = nodes[p]!.role { return (out[p] ?? []).count >= 2 } else { return false }
            }
            if fromGateway, var node = nodes[id] {
                node.role = .task
                if node.name.isEmpty { node.name = "End" }
                nodes[id] = node
                endSteps.insert(id)
            }
        }
        // A task whose only way on is a terminate end event ends the case (`ends`).
        var endsCase = Set<String>()
        for id in r.terminateEnds where nodes[id] != nil {
            if endSteps.contains(id) {
                endsCase.insert(id)
                continue
            }
            for p in into[id] ?? [] where out[p] == [id] {
                if case .task = nodes[p]?.role { endsCase.insert(p) }
            }
        }
        // The process starts where its start events lead.
        var starts = r.order.filter { nodes[$0]?.isStart == true }
        // Events and sub-process borders are dropped, their flows joined.
        for id in r.order {
            guard let node = nodes[id] else { continue }
            switch node.role {
            case .event, .pass:
                let preds = into[id] ?? []
                let succs = out[id] ?? []
                if starts.contains(id) {
                    starts.removeAll { $0 == id }
                    starts += succs.filter { !starts.contains($0) }
                }
                unlink(id)
                for p in preds { for s in succs { through(p, id, s) } }
            default: break
            }
        }
        // Gateways: a merge (one way out) dissolves into its predecessors; a
        // split whose predecessors lead only to it folds into them; any other
        // stays as a step of 0 h, so that nothing of its meaning is lost.
        var decisions: [String: [String]] = [:]  // step → its decision successors
        var kept: Set<String> = []
        var changed = true
        while changed {
            changed = false
            for id in r.order {
                guard let node = nodes[id], case .gateway(let kind) = node.role, !kept.contains(id) else { continue }
                let preds = into[id] ?? []
                let succs = out[id] ?? []
                let exclusive = kind == "exclusiveGateway" || kind == "eventBasedGateway"
                if kind == "parallelGateway", preds.isEmpty, starts.contains(id) {
                    // A parallel split right after the start: every branch starts.
                    starts.removeAll { $0 == id }
                    starts += succs.filter { !starts.contains($0) }
                    unlink(id)
                    changed = true
                } else if succs.count <= 1 {
                    if starts.contains(id) {
                        starts.removeAll { $0 == id }
                        starts += succs
                    }
                    unlink(id)
                    for p in preds { for s in succs { through(p, id, s) } }
                    changed = true
                } else if !preds.isEmpty, !starts.contains(id),
                    preds.allSatisfy({ (out[$0] ?? []) == [id] && decisions[$0] == nil }),
                    preds.allSatisfy({ if case .task = nodes[$0]!.role { return true } else { return kept.contains($0) } })
                {
                    unlink(id)
                    for p in preds {
                        for s in succs { through(p, id, s) }
                        if exclusive { decisions[p] = succs }
                    }
                    if !exclusive || succs.contains(where: { shares["\(id)>\($0)"] == nil }) { note(kind, node, &findings) }
                    changed = true
                } else {
                    kept.insert(id)
                    if exclusive { decisions[id] = succs }
                    if !exclusive || succs.contains(where: { shares["\(id)>\($0)"] == nil }) { note(kind, node, &findings) }
                }
            }
        }
        // Steps, with IDs made valid for the language.
        var stepIDs: [String: String] = [:]
        var used = Set<String>()
        var steps: [Step] = []
        var laneActor: [String: String] = [:]
        var actors: [Actor] = []
        for lane in r.lanes {
            let id = uniqueIdentifier(slug(lane.name ?? "", fallback: lane.id), &used)
            actors.append(Actor(id: id, label: oneLine(lane.name ?? lane.id)))
            for member in lane.members { laneActor[member] = id }
        }
        for id in r.order {
            guard let node = nodes[id] else { continue }
            var label = oneLine(node.name)
            if case .gateway(let kind) = node.role, label.isEmpty {
                label = kind == "parallelGateway" ? "Parallel split" : "Decision"
            }
            if label.isEmpty { label = oneLine(id) }
            let sid = uniqueIdentifier(slug(label, fallback: id), &used)
            stepIDs[id] = sid
            var step = Step(id: sid, label: label, actor: laneActor[id], kind: PublishedTable.guessKind(label))
            if case .gateway = node.role {
                step.kind = .work
                step.note = "gateway \(id) of the BPMN model"
            } else if endSteps.contains(id) {
                step.kind = .delivery
                step.note = "end event \(id) of the BPMN model"
            } else if let d = scenario?.taskDurations[id] {
                step.duration = d
            } else {
                findings.append(Diagnostic(.noDuration, "no duration (0 h): fill it in", in: place(id)))
            }
            step.endsCase = endsCase.contains(id)
            steps.append(step)
        }
        guard !steps.isEmpty else {
            throw ImportError(
                message:
                    "the model has no task: only events\(r.nodes.values.contains { if case .gateway = $0.role { return true } else { return false } } ? " and gateways" : ""), and flowcut imports tasks as steps"
            )
        }
        let index = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($1.id, $0) })
        var arrows: [Arrow] = []
        for id in r.order where nodes[id] != nil {
            let from = index[stepIDs[id]!]!
            let succs = out[id] ?? []
            let equal = decisions[id].map { _ in 1.0 / Double(max(succs.count, 1)) }
            for s in succs {
                guard let sid = stepIDs[s], let to = index[sid] else { continue }
                let share = equal.map { shares["\(id)>\(s)"] ?? $0 }
                arrows.append(Arrow(from: from, to: to, writtenProbability: share, probability: share ?? 1, label: labels["\(id)>\(s)"].map(oneLine)))
            }
        }
        let startIndices = starts.compactMap { stepIDs[$0].flatMap { index[$0] } }
        let workflow = Workflow(name: oneLine(name), actors: actors, steps: steps, arrows: arrows, starts: startIndices.isEmpty ? nil : startIndices)
        var elements: [Diagnostic.Place] = []
        for id in r.order where nodes[id] != nil { elements.append(place(id)) }
        return Imported(workflow: workflow, findings: findings, elements: elements)
    }

    static func note(_ kind: String, _ node: Node, _ findings: inout [Diagnostic]) {
        let at = Diagnostic.Place.element(kind: node.kind, id: node.id, name: node.name)
        switch kind {
        case "exclusiveGateway", "eventBasedGateway":
            findings.append(Diagnostic(.equalShares, "no probabilities in the model; its branches share equally: fill them in", in: at))
        case "inclusiveGateway":
            findings.append(Diagnostic(.readAsParallel, "read as parallel (every branch taken)", in: at))
        case "complexGateway":
            findings.append(Diagnostic(.readAsParallel, "read as parallel (every branch taken)", in: at))
        default: break
        }
    }

    /// A readable identifier from a name: "Approve Invoice" → "approve-invoice"
    /// (diacritics folded, at most 30 characters); the BPMN id when the name
    /// gives nothing.
    static func slug(_ name: String, fallback: String) -> String {
        let folded = name.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .decomposedStringWithCanonicalMapping.lowercased()
        let words = String(String.UnicodeScalarView(folded.unicodeScalars.filter { $0.isASCII }))
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        var id = ""
        for w in words where id.count + w.count < 30 { id += (id.isEmpty ? "" : "-") + w }
        return id.first?.isLetter == true ? id : fallback
    }

    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: { $0.isNewline || $0 == "\t" }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// A BPMN id as an identifier of the language (ASCII letter first; letters,
    /// digits, `_`, `-` followed by a letter or digit), unique.
    static func uniqueIdentifier(_ raw: String, _ used: inout Set<String>) -> String {
        var id = String(raw.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
        if id.first.map({ !$0.isLetter }) ?? true { id = "n" + id }
        var candidate = id
        var n = 2
        while used.contains(candidate) {
            candidate = "\(id)_\(n)"
            n += 1
        }
        used.insert(candidate)
        return candidate
    }

    // MARK: Reading

    final class Reader {
        struct Flow {
            var id: String
            var source: String
            var target: String
            var name: String?
        }
        struct Lane {
            var id: String
            var name: String?
            var members: [String]
        }

        var sawDefinitions = false
        var processName: String?
        var nodes: [String: Node] = [:]
        var order: [String] = []
        var flows: [Flow] = []
        var lanes: [Lane] = []
        var boundaryAttachments: [(String, String)] = []
        var endEvents = Set<String>()
        /// End events with a terminate event definition: the case ends there.
        var terminateEnds = Set<String>()
        private var currentEndEvent: String?
        private var laneStack: [Int] = []
        private var text = ""
        private var inFlowNodeRef = false
        /// Open sub-processes: their entry and exit pass-through nodes.
        private var subProcesses: [(entry: String, exit: String)] = []

        static func local(_ name: String) -> String { String(name.split(separator: ":").last ?? Substring(name)) }

        func add(_ node: Node) {
            guard nodes[node.id] == nil else { return }
            nodes[node.id] = node
            order.append(node.id)
        }

        func start(_ elementName: String, _ attributes: [String: String]) {
            let name = Self.local(elementName)
            let id = attributes["id"] ?? ""
            let label = attributes["name"] ?? ""
            switch name {
            case "definitions": sawDefinitions = true
            case "process": if processName == nil, !label.isEmpty { processName = label }
            case _ where BPMNImport.taskKinds.contains(name): add(Node(id: id, name: label, kind: name, role: .task))
            case _ where BPMNImport.gatewayKinds.contains(name): add(Node(id: id, name: label, kind: name, role: .gateway(name)))
            case _ where BPMNImport.eventKinds.contains(name):
                // A start event inside a sub-process is entered from the
                // sub-process's entry; its end events lead to the exit.
                var node = Node(id: id, name: label, kind: name, role: .event)
                if name == "startEvent" {
                    if let sp = subProcesses.last { flows.append(Flow(id: "\(sp.entry)>\(id)", source: sp.entry, target: id)) } else { node.isStart = true }
                }
                if name == "endEvent", let sp = subProcesses.last { flows.append(Flow(id: "\(id)>\(sp.exit)", source: id, target: sp.exit)) }
                if name == "endEvent", subProcesses.isEmpty { endEvents.insert(id) }
                if name == "endEvent" { currentEndEvent = id }
                if name == "boundaryEvent", let attached = attributes["attachedToRef"] { boundaryAttachments.append((id, attached)) }
                add(node)
            case "subProcess", "transaction", "adHocSubProcess":
                let entry = id
                let exit = id + "__end"
                add(Node(id: entry, name: label, kind: name, role: .pass))
                add(Node(id: exit, name: label, kind: name, role: .pass))
                // Flows into the sub-process reach its entry; flows out leave its exit.
                subProcesses.append((entry, exit))
            case "terminateEventDefinition":
                if let id = currentEndEvent, subProcesses.isEmpty { terminateEnds.insert(id) }
            case "sequenceFlow":
                if let s = attributes["sourceRef"], let t = attributes["targetRef"] {
                    flows.append(Flow(id: id, source: s, target: t, name: attributes["name"]))
                }
            case "lane":
                lanes.append(Lane(id: id, name: attributes["name"], members: []))
                laneStack.append(lanes.count - 1)
            case "flowNodeRef":
                inFlowNodeRef = true
                text = ""
            default: break
            }
        }

        func characters(_ string: String) {
            if inFlowNodeRef { text += string }
        }

        func end(_ elementName: String) {
            switch Self.local(elementName) {
            case "flowNodeRef":
                if let lane = laneStack.last { lanes[lane].members.append(text.trimmingCharacters(in: .whitespacesAndNewlines)) }
                inFlowNodeRef = false
            case "lane":
                // An outer lane keeps only what no inner lane claims.
                if let lane = laneStack.popLast() {
                    let inner = Set(lanes[(lane + 1)...].flatMap(\.members))
                    lanes[lane].members.removeAll { inner.contains($0) }
                }
            case "endEvent": currentEndEvent = nil
            case "subProcess", "transaction", "adHocSubProcess":
                if let sp = subProcesses.popLast() { exits[sp.entry] = sp.exit }
            default: break
            }
        }

        /// Sub-process entry → exit, to redirect the flows that leave it.
        var exits: [String: String] = [:]

        func finish() {
            // A flow whose source is a sub-process leaves from its exit, unless
            // it is the entry's own flow to an inner start event.
            for k in flows.indices {
                if let exit = exits[flows[k].source], !flows[k].id.hasPrefix("\(flows[k].source)>") {
                    flows[k].source = exit
                }
            }
            // Drop lanes with no members (pure containers).
            lanes.removeAll { $0.members.isEmpty }
        }
    }
}
