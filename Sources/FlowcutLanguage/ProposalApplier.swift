import FlowcutCore

/// A proposal applied: the *after* workflow and its `.flow` text.
public struct AppliedProposal: Sendable {
    public var workflow: Workflow
    /// The after workflow as a `.flow` file; reading it back gives `workflow`.
    public var text: String
}

/// Applies change statements to a workflow with the semantics of
/// LANGUAGE.md ("Proposals"), one after the other, on the model: a change
/// that would leave a loop without a way out, a step that can no longer be
/// reached, or a decision that no longer adds up is refused. The process is
/// printed once at the end, and reads back to the same model. Only when a
/// change is refused is the proposal applied the printing way (each change
/// printed and checked by the front end), for the front end's words about
/// it at the change's own line.
public enum ProposalApplier {
    /// - Parameter layout: lay the resulting text out canonically (for
    ///   people); measuring does not need it.
    public static func apply(_ changes: [Change], to workflow: Workflow, layout: Bool = true) -> Result<AppliedProposal, ApplyError> {
        // On the model, change after change; the process is printed once, at
        // the end. Only a change that fails is applied again the printing
        // way, for the front end's words about what it breaks, at its line.
        var model: Workflow? = workflow
        for change in changes { model = model.flatMap { applyForMeasuring(change.action, to: $0) } }
        if var after = model {
            after.proposals = []
            return .success(AppliedProposal(workflow: after, text: WorkflowPrinter.text(after, layout: layout)))
        }
        return applyPrinting(changes, to: workflow, layout: layout)
    }

    /// `apply` by printing the process after each change and checking it
    /// again: the error a change makes, in the front end's words.
    package static func applyPrinting(_ changes: [Change], to workflow: Workflow, layout: Bool) -> Result<AppliedProposal, ApplyError> {
        var draft = Draft(workflow)
        var current = AppliedProposal(workflow: workflow, text: "")
        for change in changes {
            do {
                try draft.apply(change.action)
            } catch let message as ApplyMessage {
                return .failure(ApplyError(message: message.text, change: change))
            } catch {
                return .failure(ApplyError(message: "\(error)", change: change))
            }
            let text = WorkflowPrinter.text(draft.workflow(like: workflow), layout: false)
            let checked = Checker.check(SourceFile(path: "after.flow", text: text), keepSyntax: false)
            // Errors first; a step left unreachable counts as one too.
            if let problem = checked.diagnostics.first(where: { $0.severity == .error }) {
                return .failure(ApplyError(message: "this change leaves an invalid process: \(problem.message)", change: change))
            }
            guard let after = checked.workflow else {
                return .failure(ApplyError(message: "this change leaves an invalid process", change: change))
            }
            if !after.starts.isEmpty, let lost = after.reachable.firstIndex(of: false) {
                return .failure(
                    ApplyError(
                        message: "this change leaves an invalid process: step '\(after.steps[lost].id)' is never reached from the start", change: change))
            }
            draft = Draft(after)
            current = AppliedProposal(workflow: after, text: text)
        }
        current.workflow.proposals = []
        current.text = WorkflowPrinter.text(current.workflow, layout: layout)
        return .success(current)
    }

    /// One change applied for measuring: the same workflow as `apply`
    /// gives (without source positions or proposals), or nil where `apply`
    /// fails — but without printing the process and reading it back. The
    /// decisions' shares are rounded as the printed text would round them,
    /// and the checks that reading back would make (decisions adding up,
    /// loops with a way out, every step reached) are made on the model.
    /// The suggester measures every candidate this way; a test compares it
    /// with `apply` on every bundled workflow and many changes.
    public static func applyForMeasuring(_ action: ChangeAction, to workflow: Workflow) -> Workflow? {
        var draft = Draft(workflow)
        do { try draft.apply(action) } catch { return nil }
        var (steps, arrows, starts) = draft.parts()
        guard !steps.isEmpty, !starts.isEmpty else { return nil }
        // Without arrows, reading back gives the implicit sequence: leave
        // that rare case to the printing path.
        if arrows.isEmpty && steps.count > 1 {
            guard case .success(let applied) = applyPrinting([Change(action)], to: workflow, layout: false) else { return nil }
            return applied.workflow
        }
        // The shares as read back from the printed percentages.
        let graph = FlowGraph(stepCount: steps.count, arrows: arrows)
        let written = WorkflowPrinter.writtenPercents(stepCount: steps.count, arrows: arrows, graph: graph)
        for (a, text) in written.enumerated() {
            arrows[a].writtenProbability = text.map { Double($0.dropLast())! / 100 }
            arrows[a].probability = 1
        }
        guard DecisionShares.settle(&arrows, stepCount: steps.count, graph: graph).problems.isEmpty else { return nil }
        let w = Workflow(
            name: workflow.name, code: workflow.code, agency: workflow.agency, field: workflow.field,
            deadline: workflow.deadline, target: workflow.target, service: workflow.service,
            workdayHours: workflow.workdayHours, dossiers: workflow.dossiers, actors: workflow.actors,
            steps: steps, arrows: arrows, starts: starts)
        guard w.loopsWithoutWayOut().isEmpty, !w.reachable.contains(false) else { return nil }
        return w
    }

    /// What `shorten` and `online` do to a step they name.
    static func retime(_ step: inout Step, _ action: ChangeAction) {
        switch action {
        case .shorten(_, let to): step.duration = to
        case .shortenWait(_, let to): step.wait = to
        case .shortenBy(_, let percent):
            let factor = 1 - percent / 100
            step.duration = step.duration.scaled(by: factor)
            step.wait = step.wait.scaled(by: factor)
        case .online(_, let duration):
            step.channel = .online
            if let duration { step.duration = duration }
        case .cut, .merge, .parallel, .chance: break
        }
    }

    /// For a change that only sets a step's times or channel (`shorten`,
    /// `online`): each step it changes, by index, as the change leaves it —
    /// the process is otherwise the same, so it needs no other check. Nil
    /// for other changes, unknown steps, or a time below zero.
    public static func retimedSteps(_ action: ChangeAction, in w: Workflow) -> [(index: Int, step: Step)]? {
        let ids: [String]
        switch action {
        case .shorten(let id, _), .shortenWait(let id, _), .shortenBy(let id, _): ids = [id]
        case .online(let list, _): ids = list
        case .cut, .merge, .parallel, .chance: return nil
        }
        var out: [(index: Int, step: Step)] = []
        for id in ids {
            guard let i = w.stepIndex(of: id) else { return nil }
            var step = out.first(where: { $0.index == i })?.step ?? w.steps[i]
            retime(&step, action)
            guard step.duration.minimum >= 0, step.wait.minimum >= 0 else { return nil }
            out.removeAll { $0.index == i }
            out.append((i, step))
        }
        return out
    }

    /// Applies the proposal named `name` of the workflow.
    public static func apply(proposal name: String, to workflow: Workflow) -> Result<AppliedProposal, ApplyError>? {
        guard let proposal = workflow.proposals.first(where: { $0.name == name }) else { return nil }
        return apply(proposal.changes, to: workflow)
    }
}

/// A change that cannot be applied, with the change (and so its line).
public struct ApplyError: Error, Sendable, Hashable {
    /// The front end's code for what the change would break, else E509.
    public var code: DiagnosticCode = .changeLeavesInvalidProcess
    public var message: String
    public var change: Change

    /// The error as a diagnostic at the change statement.
    public var diagnostic: Diagnostic? {
        change.range.map { .error(code, message, at: $0) }
    }
}

struct ApplyMessage: Error {
    var text: String
    init(_ text: String) { self.text = text }
}

/// A mutable copy of a process, by step ID, for applying changes.
struct Draft {
    struct Link: Hashable {
        var from: String
        var to: String
        /// The branch probability for an arrow of a decision, nil for an
        /// arrow of a parallel split.
        var probability: Double?
        var label: String?
    }

    var steps: [Step]
    var links: [Link]
    var starts: [String]

    init(_ w: Workflow) {
        steps = w.steps
        links = w.arrows.map {
            Link(
                from: w.steps[$0.from].id, to: w.steps[$0.to].id,
                probability: w.isDecision($0.from) ? $0.probability : nil, label: $0.label)
        }
        starts = w.starts.map { w.steps[$0].id }
    }

    func index(_ id: String) throws -> Int {
        guard let i = steps.firstIndex(where: { $0.id == id }) else {
            throw ApplyMessage("'\(id)' no longer exists: an earlier change of this proposal removed it")
        }
        return i
    }

    func outgoing(_ id: String) -> [Int] { links.indices.filter { links[$0].from == id } }
    func incoming(_ id: String) -> [Int] { links.indices.filter { links[$0].to == id } }
    func isDecision(_ id: String) -> Bool { links.contains { $0.from == id && $0.probability != nil } }

    /// Adds an arrow, or adds its probability to the arrow already there.
    mutating func connect(_ link: Link) throws {
        if let k = links.firstIndex(where: { $0.from == link.from && $0.to == link.to }) {
            try merge(link, into: k)
        } else {
            links.append(link)
        }
    }

    /// Adds `link`'s probability to the arrow `k` between the same steps.
    private mutating func merge(_ link: Link, into k: Int) throws {
        switch (links[k].probability, link.probability) {
        case (nil, nil): break
        case (let a?, let b?): links[k].probability = a + b
        default:
            throw ApplyMessage("'\(link.from)' would lead to '\(link.to)' both as a decision and in parallel")
        }
        if links[k].label == nil { links[k].label = link.label }
    }

    mutating func apply(_ action: ChangeAction) throws {
        switch action {
        case .cut(let id):
            let i = try index(id)
            if steps[i].isFixed { throw ApplyMessage("cannot cut '\(id)': it is fixed (required by law)") }
            let ins = incoming(id).map { links[$0] }.filter { $0.from != id }
            let outs = outgoing(id).map { links[$0] }.filter { $0.to != id }
            for link in ins where link.probability == nil && outs.contains(where: { $0.probability != nil }) {
                if outgoing(link.from).count > 1 {
                    throw ApplyMessage("cannot cut '\(id)': its decision would fall into the parallel split at '\(link.from)'")
                }
            }
            // The new arrows take the place of the first arrow into the step.
            let place = links.firstIndex { $0.to == id && $0.from != id } ?? links.count
            let before = links[..<place].filter { $0.from != id && $0.to != id }
            let after = links[place...].filter { $0.from != id && $0.to != id }
            links = Array(before)
            steps.remove(at: i)
            // Predecessors connect to successors; probabilities multiply.
            for u in ins {
                for v in outs {
                    let p: Double? = u.probability == nil && v.probability == nil ? nil : (u.probability ?? 1) * (v.probability ?? 1)
                    try connect(Link(from: u.from, to: v.to, probability: p, label: u.label ?? v.label))
                }
            }
            // The arrows after the place are distinct from one another and
            // from those before it, so only the new arrows can meet them
            // (found by a table: a linear search each would be quadratic).
            var fresh: [IDPair: Int] = [:]
            for k in before.count..<links.count { fresh[IDPair(links[k].from, links[k].to)] = k }
            for link in after {
                if let k = fresh[IDPair(link.from, link.to)] { try merge(link, into: k) } else { links.append(link) }
            }
            if let k = starts.firstIndex(of: id) {
                starts.remove(at: k)
                for v in outs where !starts.contains(v.to) { starts.append(v.to) }
            }
        case .shorten(let id, _), .shortenWait(let id, _), .shortenBy(let id, _):
            ProposalApplier.retime(&steps[try index(id)], action)
        case .merge(let a, let b, let actor, let duration):
            let ia = try index(a)
            let ib = try index(b)
            for (i, id) in [(ia, a), (ib, b)] where steps[i].isFixed {
                throw ApplyMessage("cannot merge '\(id)': it is fixed (required by law)")
            }
            let out = outgoing(a)
            let into = incoming(b)
            guard out.count == 1, links[out[0]].to == b, into.count == 1 else {
                throw ApplyMessage("cannot merge '\(a)' and '\(b)': merge needs A's only successor to be B and B's only predecessor to be A")
            }
            var merged = steps[ia]
            merged.label = steps[ia].label + "; " + steps[ib].label
            merged.actor = actor ?? steps[ib].actor
            merged.duration = duration ?? (steps[ib].duration.mean > steps[ia].duration.mean ? steps[ib].duration : steps[ia].duration)
            merged.channel = steps[ia].channel ?? steps[ib].channel
            merged.note = [steps[ia].note, steps[ib].note].compactMap { $0 }.joined(separator: "; ").nilIfEmpty
            steps[ia] = merged
            links.remove(at: out[0])
            for k in links.indices {
                if links[k].from == b { links[k].from = a }
                if links[k].to == b { links[k].to = a }
            }
            steps.remove(at: ib)
            starts.removeAll { $0 == b }
        case .parallel(let a, let b):
            _ = try index(a)
            _ = try index(b)
            guard let ab = links.firstIndex(where: { $0.from == a && $0.to == b }), links[ab].probability == nil else {
                throw ApplyMessage("cannot parallel '\(a)' and '\(b)': parallel needs an arrow \(a) -> \(b) that is not a branch of a decision")
            }
            if isDecision(b) {
                throw ApplyMessage("cannot parallel '\(a)' and '\(b)': '\(b)' is a decision, and its branches cannot wait for '\(a)'")
            }
            // A branch of a decision starts one step: B cannot start with A
            // there (the branch would be counted twice).
            if let branch = incoming(a).map({ links[$0] }).first(where: { $0.probability != nil }) {
                throw ApplyMessage("cannot parallel '\(a)' and '\(b)': '\(a)' is a branch of the decision at '\(branch.from)', and a branch starts one step")
            }
            links.remove(at: ab)
            // B waits for A's predecessors instead of A…
            for k in incoming(a) {
                let p = links[k]
                try connect(Link(from: p.from, to: b, probability: p.probability, label: nil))
            }
            if starts.contains(a), !starts.contains(b) { starts.append(b) }
            // …and B's successors wait for A too.
            for k in outgoing(b) where links[k].to != a {
                try connect(Link(from: a, to: links[k].to, probability: nil, label: nil))
            }
        case .online(let ids, _):
            for id in ids { ProposalApplier.retime(&steps[try index(id)], action) }
        case .chance(let a, let b, let percent):
            _ = try index(a)
            guard isDecision(a), let ab = links.firstIndex(where: { $0.from == a && $0.to == b }) else {
                throw ApplyMessage("'\(a)' -> '\(b)' is not an arrow of a decision")
            }
            let old = links[ab].probability ?? 0
            let new = percent / 100
            let others = outgoing(a).filter { $0 != ab }
            let rest = 1 - old
            for k in others {
                links[k].probability =
                    rest > 1e-12
                    ? (links[k].probability ?? 0) * (1 - new) / rest
                    : (1 - new) / Double(others.count)
            }
            links[ab].probability = new
        }
    }

    /// Steps, arrows and starts by index.
    func parts() -> (steps: [Step], arrows: [Arrow], starts: [Int]) {
        var index: [String: Int] = [:]
        for (i, s) in steps.enumerated() { index[s.id] = i }
        let arrows = links.map { l in
            Arrow(from: index[l.from]!, to: index[l.to]!, writtenProbability: l.probability, probability: l.probability ?? 1, label: l.label)
        }
        return (steps, arrows, starts.compactMap { index[$0] })
    }

    /// The draft as a workflow with `template`'s header.
    func workflow(like template: Workflow) -> Workflow {
        let (steps, arrows, starts) = parts()
        return Workflow(
            name: template.name, code: template.code, agency: template.agency, field: template.field,
            deadline: template.deadline, target: template.target, service: template.service,
            workdayHours: template.workdayHours, dossiers: template.dossiers, actors: template.actors,
            steps: steps, arrows: arrows, starts: starts)
    }
}

/// Two step IDs, for looking arrows up.
private struct IDPair: Hashable {
    var from: String, to: String
    init(_ from: String, _ to: String) {
        self.from = from
        self.to = to
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
