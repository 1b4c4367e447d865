import FlowcutCore

/// The statement forms of LANGUAGE.md, one method each.
extension LineParser {
    mutating func parseStatement() -> Statement? {
        let first = tokens[0]
        if tokens.count > 1, tokens[1].kind == .arrow, first.kind == .word {
            return parseFlow().map(Statement.flow)
        }
        guard first.kind == .word else {
            fail("a statement starts with a keyword (step, actor, …) or a step ID, not \(found)")
            return nil
        }
        let word = text(first)
        let statement: Statement?
        switch word {
        case "procedure":
            let keyword = keyword()
            declaration = BrokenDeclaration(kind: .procedure, name: keyword)
            statement = string("the procedure's name").map { .procedure(ProcedureDecl(keyword: keyword, name: $0)) }
        case "code", "agency", "field":
            let keyword = keyword()
            statement = string("the \(word)").map { .property(PropertyDecl(keyword: keyword, value: .string($0))) }
        case "deadline", "target", "workday":
            let keyword = keyword()
            statement = duration("a duration").map { .property(PropertyDecl(keyword: keyword, value: .duration($0))) }
        case "service":
            statement = parseService()
        case "dossiers":
            statement = parseDossiers()
        case "actor":
            statement = parseActor()
        case "step":
            statement = parseStep()
        case "start":
            let keyword = keyword()
            var steps: [Name] = []
            while let t = current, t.kind == .word {
                steps.append(Name(text: text(t), range: range(t)))
                index += 1
            }
            if steps.isEmpty { fail("expected the ID of a starting step, found \(found)") }
            statement = .start(StartDecl(keyword: keyword, steps: steps))
        case "proposal":
            let keyword = keyword()
            statement = string("the proposal's name").map { .proposal(ProposalDecl(keyword: keyword, name: $0)) }
        case "cut", "shorten", "merge", "parallel", "online", "chance":
            statement = parseChange()
        default:
            let hint = closestName(to: word, among: statementKeywords).map { "; did you mean '\($0)'?" } ?? ""
            let arrowHint = tokens.count > 1 ? "" : " (a flow is written 'A -> B')"
            fail("unknown statement '\(word)'\(hint)\(arrowHint)", at: range(first))
            return nil
        }
        expectEnd()
        return statement
    }

    private mutating func parseService() -> Statement? {
        let keyword = keyword()
        guard let level = name("a service level (none, level2, level3, level4, partial or full)") else { return nil }
        if ServiceLevel(rawValue: level.text) == nil {
            let hint = closestName(to: level.text, among: ServiceLevel.allCases.map(\.rawValue))
                .map { "; did you mean '\($0)'?" } ?? "; use none, level2, level3, level4, partial or full"
            report("unknown service level '\(level.text)'\(hint)", at: level.range)
        }
        return .property(PropertyDecl(keyword: keyword, value: .level(level)))
    }

    private mutating func parseDossiers() -> Statement? {
        let keyword = keyword()
        guard let year = number("the year") else { return nil }
        if year.value < 1900 || year.value > 2200 {
            report("'\(year.text)' is not a plausible year", at: year.range)
        }
        var online: NumberLiteral?
        var paper: NumberLiteral?
        while let t = current, t.kind == .word {
            let word = text(t)
            let r = range(t)
            index += 1
            switch word {
            case "online":
                if online != nil { report("'online' is given twice", at: r) }
                online = number("the number of online dossiers")
            case "paper":
                if paper != nil { report("'paper' is given twice", at: r) }
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
        return .dossiers(DossiersDecl(keyword: keyword, year: year, online: online, paper: paper))
    }

    private mutating func parseActor() -> Statement? {
        let keyword = keyword()
        guard let id = name("an actor ID") else { return nil }
        declaration = BrokenDeclaration(kind: .actor, name: id)
        guard let label = string("the actor's label") else { return nil }
        var external: Name?
        if isWord("external") { external = self.keyword() }
        return .actor(ActorDecl(keyword: keyword, id: id, label: label, external: external))
    }

    private mutating func parseStep() -> Statement? {
        let keyword = keyword()
        guard let id = name("a step ID") else { return nil }
        declaration = BrokenDeclaration(kind: .step, name: id)
        guard let label = string("the step's label") else { return nil }
        var attributes: [StepAttribute] = []
        var seen: [String: SourceRange] = [:]
        func once(_ key: String, _ what: String, _ r: SourceRange, _ parser: inout LineParser) {
            if seen[key] != nil {
                parser.report("\(what) is given twice", at: r)
            }
            seen[key] = r
        }
        while let t = current {
            let r = range(t)
            switch t.kind {
            case .duration, .number:
                once("duration", "the duration", r, &self)
                index += 1
                attributes.append(.duration(parseDuration(t)))
            case .word:
                let word = text(t)
                let kw = self.keyword()
                if let kind = StepKind(rawValue: word) {
                    once("kind", "the kind", r, &self)
                    attributes.append(.kind(kw, kind))
                } else if let channel = Channel(rawValue: word) {
                    once("channel", "the channel (paper or online)", r, &self)
                    attributes.append(.channel(kw, channel))
                } else {
                    switch word {
                    case "by":
                        once("by", "'by'", r, &self)
                        guard let actor = name("an actor ID after 'by'") else { return nil }
                        attributes.append(.actor(keyword: kw, actor: actor))
                    case "wait":
                        once("wait", "'wait'", r, &self)
                        guard let d = duration("a duration after 'wait'") else { return nil }
                        attributes.append(.wait(keyword: kw, duration: d))
                    case "fixed":
                        once("fixed", "'fixed'", r, &self)
                        attributes.append(.fixed(kw))
                    case "note":
                        once("note", "'note'", r, &self)
                        guard let s = string("the note") else { return nil }
                        attributes.append(.note(keyword: kw, text: s))
                    default:
                        let hint = closestName(to: word, among: stepAttributeWords).map { "; did you mean '\($0)'?" }
                            ?? "; a step takes by ACTOR, a duration, wait DURATION, a kind, paper or online, fixed, note \"…\""
                        fail("unknown step attribute '\(word)'\(hint)", at: r)
                        return nil
                    }
                }
            case .string:
                fail("a step has one label; write further text as note \"…\"", at: r)
                return nil
            case .percent:
                fail("a probability belongs on an arrow (A -> B 10%), not on a step", at: r)
                return nil
            case .arrow:
                fail("unexpected '->' in a step declaration; write flows on their own line", at: r)
                return nil
            }
        }
        return .step(StepDecl(keyword: keyword, id: id, label: label, attributes: attributes))
    }

    private mutating func parseFlow() -> FlowDecl? {
        let first = keyword()
        var links: [FlowLink] = []
        while let t = current {
            guard t.kind == .arrow else {
                fail("expected '->' or the end of the line, found \(found)")
                return nil
            }
            let arrow = range(t)
            index += 1
            guard let target = name("a step ID after '->'") else { return nil }
            var link = FlowLink(arrow: arrow, target: target, probability: nil, label: nil)
            if let p = current, p.kind == .percent {
                index += 1
                let percent = parsePercent(p)
                if percent.value > 100 {
                    // Reported here; kept off the arrow so the decision is not reported again.
                    report("probability \(percent.text) is over 100%", at: percent.range)
                } else {
                    link.probability = percent
                }
            }
            link.label = optionalString()
            links.append(link)
        }
        return FlowDecl(first: first, links: links)
    }

    private mutating func parseChange() -> Statement? {
        let keyword = keyword()
        let form: ChangeDecl.Form
        switch keyword.text {
        case "cut":
            guard let id = name("the ID of the step to cut") else { return nil }
            form = .cut(id)
        case "shorten":
            guard let id = name("the ID of the step to shorten") else { return nil }
            if isWord("wait") {
                let wait = self.keyword()
                guard let d = duration("the new wait") else { return nil }
                form = .shortenWait(id, wait: wait, d)
            } else if isWord("by") {
                let by = self.keyword()
                guard let p = percent("the cut in percent") else { return nil }
                if p.value > 100 { report("cannot shorten by more than 100% ('\(p.text)')", at: p.range) }
                form = .shortenBy(id, by: by, p)
            } else if let d = optionalDuration() {
                form = .shorten(id, d)
            } else {
                fail("expected a new duration, 'wait DURATION' or 'by N%' after the step, found \(found)")
                return nil
            }
        case "merge":
            guard let a = name("the first step to merge") else { return nil }
            guard let b = name("the second step to merge") else { return nil }
            var by: Name?
            var actor: Name?
            if isWord("by") {
                by = self.keyword()
                guard let n = name("an actor ID after 'by'") else { return nil }
                actor = n
            }
            form = .merge(a, b, by: by, actor: actor, duration: optionalDuration())
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
            if p.value > 100 { report("probability \(p.text) is over 100%", at: p.range) }
            form = .chance(a, arrow: range(t), b, p)
        }
        return .change(ChangeDecl(keyword: keyword, form: form, reason: optionalString()))
    }
}
