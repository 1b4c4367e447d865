import FlowcutCore

/// The statement forms of LANGUAGE.md, one method each. Each appends its
/// declaration to the tree and returns where it went, or nil (with a
/// diagnostic) when the line does not parse.
extension LineParser {
    mutating func parseStatement(into tree: inout SyntaxTree) -> StatementRef? {
        let first = tokens[0]
        if tokens.count > 1, tokens[1].kind == .arrow, first.kind == .word {
            let linksBefore = tree.flowLinks.count
            guard let flow = parseFlow(into: &tree), !failed else {
                tree.flowLinks.removeSubrange(linksBefore...)
                return nil
            }
            tree.flows.append(flow)
            return StatementRef(kind: .flow, index: tree.flows.count - 1)
        }
        guard first.kind == .word else {
            fail(.unknownStatement, "a statement starts with a keyword (step, actor, …) or a step ID, not \(found)")
            return nil
        }
        // Most lines of a big file are steps: recognise them without a String.
        let word = matches(first, "step") ? "step" : text(first)
        var ref: StatementRef?
        switch word {
        case "procedure":
            let keyword = keyword()
            declaration = BrokenDeclaration(kind: .procedure, name: keyword)
            guard let name = string("the procedure's name") else { return nil }
            ref = append(ProcedureDecl(keyword: keyword.range, name: name), .procedure, to: &tree.procedures)
        case "code", "agency", "field":
            let keyword = keyword()
            guard let s = string("the \(word)") else { return nil }
            ref = append(PropertyDecl(keyword: keyword, value: .string(s)), .property, to: &tree.properties)
        case "deadline", "target", "workday":
            let keyword = keyword()
            guard let d = duration("a duration") else { return nil }
            ref = append(PropertyDecl(keyword: keyword, value: .duration(d)), .property, to: &tree.properties)
        case "service":
            guard let decl = parseService() else { return nil }
            ref = append(decl, .property, to: &tree.properties)
        case "dossiers":
            guard let decl = parseDossiers() else { return nil }
            ref = append(decl, .dossiers, to: &tree.dossiers)
        case "actor":
            guard let decl = parseActor() else { return nil }
            ref = append(decl, .actor, to: &tree.actors)
        case "step":
            guard let decl = parseStep() else { return nil }
            ref = append(decl, .step, to: &tree.steps)
        case "start":
            let keyword = keyword()
            var steps: [Name] = []
            while let t = current, t.kind == .word {
                steps.append(Name(text: text(t), range: range(t)))
                index += 1
            }
            if steps.isEmpty {
                fail("expected the ID of a starting step, found \(found)")
                return nil
            }
            ref = append(StartDecl(keyword: keyword.range, steps: steps), .start, to: &tree.starts)
        case "proposal":
            let keyword = keyword()
            guard let name = string("the proposal's name") else { return nil }
            ref = append(ProposalDecl(keyword: keyword.range, name: name), .proposal, to: &tree.proposals)
        case "cut", "shorten", "merge", "parallel", "online", "chance":
            guard let decl = parseChange() else { return nil }
            ref = append(decl, .change, to: &tree.changes)
        default:
            let hint = closestName(to: word, among: statementKeywords).map { "; did you mean '\($0)'?" } ?? ""
            let arrowHint = tokens.count > 1 ? "" : " (a flow is written 'A -> B')"
            fail(.unknownStatement, "unknown statement '\(word)'\(hint)\(arrowHint)", at: range(first))
            return nil
        }
        expectEnd()
        guard !failed, let ref else {
            undo(ref, in: &tree)
            return nil
        }
        return ref
    }

    private func append<D>(_ decl: D, _ kind: StatementRef.Kind, to array: inout [D]) -> StatementRef {
        array.append(decl)
        return StatementRef(kind: kind, index: array.count - 1)
    }

    private func append<D>(_ decl: D, _ kind: StatementRef.Kind, to array: inout Segmented<D>) -> StatementRef {
        array.append(decl)
        return StatementRef(kind: kind, index: array.count - 1)
    }

    /// Takes back a declaration whose line turned out to have trailing junk.
    private func undo(_ ref: StatementRef?, in tree: inout SyntaxTree) {
        guard let ref else { return }
        switch ref.kind {
        case .procedure: tree.procedures.removeLast()
        case .property: tree.properties.removeLast()
        case .dossiers: tree.dossiers.removeLast()
        case .actor: tree.actors.removeLast()
        case .step: tree.steps.removeLast()
        case .start: tree.starts.removeLast()
        case .flow: tree.flows.removeLast()
        case .proposal: tree.proposals.removeLast()
        case .change: tree.changes.removeLast()
        }
    }

    private mutating func parseService() -> PropertyDecl? {
        let keyword = keyword()
        guard let level = name("a service level (none, level2, level3, level4, partial or full)") else { return nil }
        if ServiceLevel(rawValue: level.text) == nil {
            let hint =
                closestName(to: level.text, among: ServiceLevel.allCases.map(\.rawValue))
                .map { "; did you mean '\($0)'?" } ?? "; use none, level2, level3, level4, partial or full"
            report(.unknownServiceLevel, "unknown service level '\(level.text)'\(hint)", at: level.range)
        }
        return PropertyDecl(keyword: keyword, value: .level(level))
    }

    private mutating func parseDossiers() -> DossiersDecl? {
        let keyword = keyword()
        guard let year = number("the year") else { return nil }
        if year.value < 1900 || year.value > 2200 {
            report(.implausibleYear, "'\(file.text(year.range))' is not a plausible year", at: year.range)
        }
        var online: NumberLiteral?
        var paper: NumberLiteral?
        while let t = current, t.kind == .word {
            let word = text(t)
            let r = range(t)
            index += 1
            switch word {
            case "online":
                if online != nil { report(.givenTwiceInStatement, "'online' is given twice", at: r) }
                online = number("the number of online dossiers")
            case "paper":
                if paper != nil { report(.givenTwiceInStatement, "'paper' is given twice", at: r) }
                paper = number("the number of paper dossiers")
            default:
                let hint = closestName(to: word, among: ["online", "paper"]).map { "; did you mean '\($0)'?" } ?? ""
                fail("expected 'online N' or 'paper N', found '\(word)'\(hint)", at: r)
                return nil
            }
            if failed { return nil }
        }
        if online == nil && paper == nil {
            fail("expected 'online N' and/or 'paper N' after the year, found \(found)")
            return nil
        }
        return DossiersDecl(keyword: keyword.range, year: year, online: online, paper: paper)
    }

    private mutating func parseActor() -> ActorDecl? {
        let keyword = keyword()
        guard let id = name("an actor ID") else { return nil }
        declaration = BrokenDeclaration(kind: .actor, name: id)
        guard let label = string("the actor's label") else { return nil }
        var external = false
        if isWord("external") {
            _ = self.keyword()
            external = true
        }
        return ActorDecl(keyword: keyword.range, id: id, label: label, isExternal: external)
    }

    private mutating func parseStep() -> StepDecl? {
        // Only where the keyword is: no string for it on every step line.
        let keyword = range(tokens[index])
        index += 1
        guard let id = name("a step ID") else { return nil }
        declaration = BrokenDeclaration(kind: .step, name: id)
        guard let label = string("the step's label") else { return nil }
        var step = StepDecl(keyword: keyword, id: id, label: label.value)
        var seenBy = false
        var seenWait = false
        var seenNote = false
        func twice(_ seen: Bool, _ what: String, _ r: SourceRange, _ parser: inout LineParser) {
            if seen { parser.report(.givenTwiceInStatement, "\(what) is given twice", at: r) }
        }
        while let t = current {
            let r = range(t)
            switch t.kind {
            case .duration, .number:
                twice(step.duration != nil, "the duration", r, &self)
                index += 1
                step.duration = parseDuration(t)
            case .word:
                index += 1
                if let kind = stepKind(t) {
                    twice(step.kind != nil, "the kind", r, &self)
                    step.kind = kind
                    continue
                }
                let word = attributeWord(t)
                switch word {
                case "paper", "online":
                    twice(step.channel != nil, "the channel (paper or online)", r, &self)
                    step.channel = word == "paper" ? .paper : .online
                case "by":
                    twice(seenBy, "'by'", r, &self)
                    seenBy = true
                    guard let actor = name("an actor ID after 'by'") else { return nil }
                    step.actor = actor
                case "wait":
                    twice(seenWait, "'wait'", r, &self)
                    seenWait = true
                    guard let d = duration("a duration after 'wait'") else { return nil }
                    step.wait = d
                case "fixed":
                    twice(step.isFixed, "'fixed'", r, &self)
                    step.isFixed = true
                case "ends":
                    twice(step.endsCase, "'ends'", r, &self)
                    step.endsCase = true
                case "note":
                    twice(seenNote, "'note'", r, &self)
                    seenNote = true
                    guard let s = string("the note") else { return nil }
                    step.note = s.value
                default:
                    let hint =
                        closestName(to: word, among: stepAttributeWords).map { "; did you mean '\($0)'?" }
                        ?? "; a step takes by ACTOR, a duration, wait DURATION, a kind, paper or online, fixed, ends, note \"…\""
                    fail(.unknownAttribute, "unknown step attribute '\(word)'\(hint)", at: r)
                    return nil
                }
            case .string:
                fail(.misplacedInStep, "a step has one label; write further text as note \"…\"", at: r)
                return nil
            case .percent:
                fail(.misplacedInStep, "a probability belongs on an arrow (A -> B 10%), not on a step", at: r)
                return nil
            case .arrow:
                fail(.misplacedInStep, "unexpected '->' in a step declaration; write flows on their own line", at: r)
                return nil
            }
        }
        return step
    }

    /// Whether token `t` is exactly `word`, compared on bytes.
    func matches(_ t: Token, _ word: StaticString) -> Bool {
        let length = t.end - t.start
        guard length == word.utf8CodeUnitCount else { return false }
        let bytes = self.bytes
        return word.withUTF8Buffer { w in
            for k in 0..<length where bytes[t.start + k] != w[k] { return false }
            return true
        }
    }

    /// A step attribute word, as a static string when it is one (no
    /// allocation, no String comparison chain on the hot path).
    private func attributeWord(_ t: Token) -> String {
        if matches(t, "by") { return "by" }
        if matches(t, "paper") { return "paper" }
        if matches(t, "online") { return "online" }
        if matches(t, "wait") { return "wait" }
        if matches(t, "fixed") { return "fixed" }
        if matches(t, "ends") { return "ends" }
        if matches(t, "note") { return "note" }
        return text(t)
    }

    /// The step kind a word names, compared on bytes (the hot path of a big file).
    private func stepKind(_ t: Token) -> StepKind? {
        switch t.end - t.start {
        case 4: matches(t, "work") ? .work : nil
        case 5: matches(t, "field") ? .field : matches(t, "delay") ? .delay : nil
        case 6: matches(t, "intake") ? .intake : matches(t, "rework") ? .rework : nil
        case 7: matches(t, "handoff") ? .handoff : matches(t, "consult") ? .consult : nil
        case 8: matches(t, "approval") ? .approval : matches(t, "clerical") ? .clerical : matches(t, "delivery") ? .delivery : nil
        default: nil
        }
    }

    private mutating func parseFlow(into tree: inout SyntaxTree) -> FlowDecl? {
        let first = keyword()
        let start = tree.flowLinks.count
        while let t = current {
            guard t.kind == .arrow else {
                fail("expected '->' or the end of the line, found \(found)")
                return nil
            }
            index += 1
            guard let target = name("a step ID after '->'") else { return nil }
            var link = FlowLink(target: target, probability: nil, label: nil)
            if let p = current, p.kind == .percent {
                index += 1
                let percent = parsePercent(p)
                if percent.value > 100 {
                    // Reported here; kept off the arrow so the decision is not reported again.
                    report(.probabilityOver100, "probability \(text(p)) is over 100%", at: percent.range)
                } else {
                    link.probability = percent
                }
            }
            link.label = optionalString()
            tree.flowLinks.append(link)
        }
        return FlowDecl(first: first, links: start..<tree.flowLinks.count)
    }

    private mutating func parseChange() -> ChangeDecl? {
        let keyword = keyword()
        let form: ChangeDecl.Form
        switch keyword.text {
        case "cut":
            guard let id = name("the ID of the step to cut") else { return nil }
            form = .cut(id)
        case "shorten":
            guard let id = name("the ID of the step to shorten") else { return nil }
            if isWord("wait") {
                _ = self.keyword()
                guard let d = duration("the new wait") else { return nil }
                form = .shortenWait(id, d)
            } else if isWord("by") {
                _ = self.keyword()
                guard let p = percent("the cut in percent") else { return nil }
                if p.value > 100 { report(.shortenOver100, "cannot shorten by more than 100% ('\(file.text(p.range))')", at: p.range) }
                form = .shortenBy(id, p)
            } else if let d = optionalDuration() {
                form = .shorten(id, d)
            } else {
                fail("expected a new duration, 'wait DURATION' or 'by N%' after the step, found \(found)")
                return nil
            }
        case "merge":
            guard let a = name("the first step to merge") else { return nil }
            guard let b = name("the second step to merge") else { return nil }
            var actor: Name?
            if isWord("by") {
                _ = self.keyword()
                guard let n = name("an actor ID after 'by'") else { return nil }
                actor = n
            }
            form = .merge(a, b, actor: actor, duration: optionalDuration())
        case "parallel":
            guard let a = name("the first step") else { return nil }
            guard let b = name("the second step") else { return nil }
            form = .parallel(a, b)
        case "online":
            var ids: [Name] = []
            while let t = current, t.kind == .word {
                ids.append(Name(text: text(t), range: range(t)))
                index += 1
            }
            if ids.isEmpty {
                fail("expected the IDs of the steps to move online, found \(found)")
                return nil
            }
            form = .online(ids, optionalDuration())
        default:  // chance
            guard let a = name("the decision step") else { return nil }
            guard let t = current, t.kind == .arrow else {
                fail("expected '->' after '\(a.text)' (chance A -> B N%), found \(found)")
                return nil
            }
            index += 1
            guard let b = name("the arrow's target step") else { return nil }
            guard let p = percent("the new probability") else { return nil }
            if p.value > 100 { report(.probabilityOver100, "probability \(file.text(p.range)) is over 100%", at: p.range) }
            form = .chance(a, b, p)
        }
        return ChangeDecl(keyword: keyword, form: form, reason: optionalString())
    }
}
