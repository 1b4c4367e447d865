import FlowcutCore

/// Checks every change statement against the process as written
/// (docs/language.md, "Proposals").
extension Resolver {
    mutating func resolveProposals(
        _ workflow: Workflow, stepIndex: NameIndex, actorIndex: NameIndex
    ) -> [Proposal] {
        var result: [Proposal] = []
        for (decl, changeDecls) in proposals {
            var changes: [Change] = []
            var cut: [String: SourceRange] = [:]
            for change in changeDecls {
                if let action = resolveChange(change, workflow, stepIndex, actorIndex, cut: &cut) {
                    changes.append(Change(action, reason: change.reason?.value, range: change.keyword.range))
                }
            }
            if changeDecls.isEmpty {
                warning(.proposalChangesNothing, "proposal \"\(decl.name.value)\" changes nothing", at: decl.name.range)
            }
            result.append(Proposal(name: decl.name.value, changes: changes, range: decl.name.range))
        }
        return result
    }

    private mutating func resolveChange(
        _ change: ChangeDecl, _ workflow: Workflow, _ stepIndex: NameIndex,
        _ actorIndex: NameIndex, cut: inout [String: SourceRange]
    ) -> ChangeAction? {
        // Every named step must exist and must not have been cut above.
        func step(_ name: Name, _ resolver: inout Resolver) -> Int? {
            guard let i = resolver.lookUpStep(name, stepIndex) else { return nil }
            if let at = cut[name.text] {
                resolver.error(
                    .cutEarlier, "'\(name.text)' is cut earlier in this proposal", at: name.range,
                    notes: [.init("cut here", at: at)])
                return nil
            }
            return i
        }
        func notFixed(_ name: Name, _ i: Int, _ verb: String, _ resolver: inout Resolver) -> Bool {
            guard workflow.steps[i].isFixed else { return true }
            resolver.error(
                .fixedStep, "cannot \(verb) '\(name.text)': it is fixed (required by law); it may be shortened instead",
                at: name.range)
            return false
        }
        switch change.form {
        case .cut(let name):
            guard let i = step(name, &self), notFixed(name, i, "cut", &self) else { return nil }
            cut[name.text] = name.range
            return .cut(name.text)
        case .shorten(let name, let d):
            guard step(name, &self) != nil else { return nil }
            return .shorten(name.text, to: estimate(d))
        case .shortenWait(let name, let d):
            guard step(name, &self) != nil else { return nil }
            return .shortenWait(name.text, to: estimate(d))
        case .shortenBy(let name, let p):
            guard step(name, &self) != nil else { return nil }
            return .shortenBy(name.text, percent: p.value)
        case .merge(let a, let b, let actor, let d):
            let ia = step(a, &self)
            let ib = step(b, &self)
            if let actor, actorIndex[actor.text] == nil { unknownActor(actor, actorIndex) }
            guard let ia, let ib else { return nil }
            let okA = notFixed(a, ia, "merge", &self)
            let okB = notFixed(b, ib, "merge", &self)
            guard okA, okB else { return nil }
            let out = workflow.graph.outgoing(ia)
            let into = workflow.graph.incoming(ib)
            let direct = out.contains { workflow.arrows[$0].to == ib }
            guard direct, out.count == 1, into.count == 1 else {
                let why: String
                if !direct {
                    why = "'\(a.text)' is not directly followed by '\(b.text)'"
                } else if out.count != 1 {
                    why = "'\(a.text)' has \(out.count) successors"
                } else {
                    why = "'\(b.text)' has \(into.count) predecessors"
                }
                error(
                    .cannotMerge, "cannot merge '\(a.text)' and '\(b.text)': \(why); merge needs A's only successor to be B and B's only predecessor to be A",
                    at: b.range)
                return nil
            }
            return .merge(a.text, b.text, actor: actor?.text, duration: d.map { estimate($0) })
        case .parallel(let a, let b):
            guard let ia = step(a, &self), let ib = step(b, &self) else { return nil }
            guard workflow.graph.outgoing(ia).contains(where: { workflow.arrows[$0].to == ib }) else {
                error(
                    .cannotParallel,
                    "cannot parallel '\(a.text)' and '\(b.text)': there is no arrow \(a.text) -> \(b.text); parallel needs A to directly precede B",
                    at: b.range)
                return nil
            }
            if workflow.isDecision(ia) {
                error(
                    .cannotParallel, "cannot parallel '\(a.text)' and '\(b.text)': \(a.text) -> \(b.text) is a branch of a decision, not a sequence",
                    at: b.range)
                return nil
            }
            return .parallel(a.text, b.text)
        case .online(let names, let d):
            var ids: [String] = []
            var seen = Set<String>()
            for name in names {
                guard step(name, &self) != nil else { continue }
                if !seen.insert(name.text).inserted {
                    error(.stepNamedTwice, "'\(name.text)' is named twice", at: name.range)
                    continue
                }
                ids.append(name.text)
            }
            guard ids.count == names.count else { return nil }
            return .online(ids, duration: d.map { estimate($0) })
        case .chance(let a, let b, let p):
            guard let ia = step(a, &self), let ib = step(b, &self) else { return nil }
            let out = workflow.graph.outgoing(ia)
            guard out.contains(where: { workflow.arrows[$0].to == ib }) else {
                error(.noSuchArrow, "there is no arrow \(a.text) -> \(b.text) to change", at: b.range)
                return nil
            }
            guard workflow.isDecision(ia) else {
                error(
                    .notADecision, "'\(a.text)' is not a decision (none of its arrows has a probability); chance changes a decision's arrow",
                    at: a.range)
                return nil
            }
            if out.count == 1, p.value != 100 {
                error(
                    .onlyArrow,
                    "\(a.text) -> \(b.text) is the only arrow of '\(a.text)': no other arrow can take the remaining \(formatNumber(100 - p.value))%",
                    at: p.range)
                return nil
            }
            return .chance(from: a.text, to: b.text, percent: p.value)
        }
    }
}
