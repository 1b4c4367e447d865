import FlowcutCore

/// A file after parsing and resolving: its syntax, the workflow (only when
/// the file has no errors), and every diagnostic in file order.
public struct CheckedFile: Sendable {
    public var syntax: SyntaxTree
    public var workflow: Workflow?
    public var diagnostics: [Diagnostic]

    public var file: SourceFile { syntax.file }
    public var hasErrors: Bool { diagnostics.hasErrors }
}

/// The front end in one call: parse, resolve, check.
public enum Checker {
    public static func check(_ file: SourceFile) -> CheckedFile {
        let tree = Parser.parse(file)
        var resolver = Resolver(tree: tree)
        let workflow = resolver.resolve()
        let diagnostics = (tree.diagnostics + resolver.diagnostics).sortedByPosition()
        return CheckedFile(
            syntax: tree, workflow: diagnostics.hasErrors ? nil : workflow, diagnostics: diagnostics)
    }
}

/// Turns a syntax tree into a `Workflow`, checking names, durations,
/// decisions, loops and proposals (LANGUAGE.md), and collecting every error.
struct Resolver {
    let tree: SyntaxTree
    var diagnostics: [Diagnostic] = []

    // What the walk over the statements collects.
    var procedure: ProcedureDecl?
    var properties: [String: PropertyDecl] = [:]
    var dossiers: [Int: DossiersDecl] = [:]
    var actorDecls: [ActorDecl] = []
    var stepDecls: [StepDecl] = []
    var flowDecls: [FlowDecl] = []
    var startDecl: StartDecl?
    var proposals: [(decl: ProposalDecl, changes: [ChangeDecl])] = []
    var workdayHours = 8.0
    /// Actors offered as "did you mean": a typo was meant to name them.
    var suggestedActors = Set<String>()

    init(tree: SyntaxTree) {
        self.tree = tree
    }

    mutating func error(_ message: String, at range: SourceRange, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(message, at: range, notes: notes))
    }

    mutating func warning(_ message: String, at range: SourceRange, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.warning(message, at: range, notes: notes))
    }

    mutating func resolve() -> Workflow? {
        collectStatements()
        guard let procedure else {
            if tree.statements.isEmpty, !tree.diagnostics.hasErrors {
                error("the file is empty; a .flow file starts with procedure \"Name\"",
                      at: SourceRange(start: 0, end: 0, line: 1, lineStart: 0))
            }
            return nil
        }
        resolveWorkday()
        let header = resolveHeader()
        let (actors, actorIndex) = resolveActors()
        let (steps, stepIndex) = resolveSteps(actorIndex: actorIndex)
        let hasFlows = !flowDecls.isEmpty
        var arrows = hasFlows ? resolveFlows(stepIndex: stepIndex) : implicitSequence(count: steps.count)
        let starts = resolveStarts(stepIndex: stepIndex, stepCount: steps.count)
        // A line that did not parse may have been meant as a step: say nothing more then.
        if steps.isEmpty && stepDecls.isEmpty && !tree.diagnostics.hasErrors {
            error("the procedure has no steps; declare them with step ID \"Label\" …", at: procedure.keyword.range)
        }
        resolveDecisions(&arrows, steps: steps)
        var workflow = Workflow(
            name: procedure.name.value, code: header.code, agency: header.agency, field: header.field,
            deadline: header.deadline, target: header.target, service: header.service,
            workdayHours: workdayHours, dossiers: header.dossiers, actors: actors, steps: steps,
            arrows: arrows, starts: starts)
        checkLoops(workflow)
        checkReachability(workflow)
        checkActorsUsed(workflow)
        workflow.proposals = resolveProposals(workflow, actorIndex: actorIndex)
        return workflow
    }


    // MARK: The walk

    private mutating func collectStatements() {
        var inProposal = false
        // A procedure line that did not parse was reported already.
        var reportedMissingProcedure = tree.brokenDeclarations.contains { $0.kind == .procedure }
        for statement in tree.statements {
            if procedure == nil, !reportedMissingProcedure {
                if case .procedure = statement {} else {
                    error(
                        "expected 'procedure \"Name\"' before any other statement; a .flow file starts with it",
                        at: statement.leadingRange)
                    reportedMissingProcedure = true
                }
            }
            switch statement {
            case .procedure(let decl):
                if let first = procedure {
                    error("'procedure' is given twice; a file holds one procedure", at: decl.keyword.range,
                          notes: [.init("first given here", at: first.keyword.range)])
                } else {
                    procedure = decl
                }
            case .property(let decl):
                if inProposal { headerAfterProposal(decl.keyword) }
                if let first = properties[decl.keyword.text] {
                    error("'\(decl.keyword.text)' is given twice", at: decl.keyword.range,
                          notes: [.init("first given here", at: first.keyword.range)])
                } else {
                    properties[decl.keyword.text] = decl
                }
            case .dossiers(let decl):
                if inProposal { headerAfterProposal(decl.keyword) }
                if let first = dossiers[decl.year.value] {
                    error("dossiers for \(decl.year.value) are given twice", at: decl.year.range,
                          notes: [.init("first given here", at: first.year.range)])
                } else {
                    dossiers[decl.year.value] = decl
                }
            case .actor(let decl):
                if inProposal { declarationInProposal("actor", decl.keyword.range) }
                actorDecls.append(decl)
            case .step(let decl):
                if inProposal { declarationInProposal("step", decl.keyword.range) }
                stepDecls.append(decl)
            case .flow(let decl):
                if inProposal {
                    error("a flow cannot appear inside a proposal; write flows before the first 'proposal' (a proposal changes them with cut, merge, parallel, chance)",
                          at: decl.first.range)
                }
                flowDecls.append(decl)
            case .start(let decl):
                if inProposal { declarationInProposal("start", decl.keyword.range) }
                if let first = startDecl {
                    error("'start' is given twice; name every starting step in one 'start' line", at: decl.keyword.range,
                          notes: [.init("first given here", at: first.keyword.range)])
                } else {
                    startDecl = decl
                }
            case .proposal(let decl):
                inProposal = true
                if let first = proposals.first(where: { $0.decl.name.value == decl.name.value }) {
                    error("a proposal named \"\(decl.name.value)\" already exists", at: decl.name.range,
                          notes: [.init("first given here", at: first.decl.name.range)])
                }
                proposals.append((decl, []))
            case .change(let decl):
                if proposals.isEmpty {
                    error("'\(decl.keyword.text)' is a change statement; put it in a block opened by proposal \"Name\"",
                          at: decl.keyword.range)
                } else {
                    proposals[proposals.count - 1].changes.append(decl)
                }
            }
        }
    }

    private mutating func headerAfterProposal(_ keyword: Name) {
        error("'\(keyword.text)' belongs to the header; move it before the first 'proposal'", at: keyword.range)
    }

    private mutating func declarationInProposal(_ what: String, _ range: SourceRange) {
        error("'\(what)' cannot appear inside a proposal; declare it before the first 'proposal'", at: range)
    }

    // MARK: Header

    private struct Header {
        var code: String?
        var agency: String?
        var field: String?
        var deadline: Double?
        var target: Double?
        var service: ServiceLevel = .none
        var dossiers: [DossierCount] = []
    }

    private mutating func resolveWorkday() {
        guard let decl = properties["workday"], case .duration(let d) = decl.value else { return }
        if d.points.count != 1 {
            error("the workday is one length, not a range ('\(d.text)')", at: d.range)
            return
        }
        let point = d.points[0]
        guard point.unit == .hours || point.unit == .minutes else {
            error("give the workday in hours (workday 8h), not in '\(point.unit.rawValue)'", at: d.range)
            return
        }
        let hours = point.unit == .hours ? point.value : point.value / 60
        guard hours > 0, hours <= 24 else {
            error("a workday of '\(d.text)' is not possible; it must be more than 0h and at most 24h", at: d.range)
            return
        }
        workdayHours = hours
    }

    private mutating func resolveHeader() -> Header {
        var header = Header()
        for (key, decl) in properties {
            switch (key, decl.value) {
            case ("code", .string(let s)): header.code = s.value
            case ("agency", .string(let s)): header.agency = s.value
            case ("field", .string(let s)): header.field = s.value
            case ("deadline", .duration(let d)): header.deadline = singleDuration(d, "deadline")
            case ("target", .duration(let d)): header.target = singleDuration(d, "target")
            case ("service", .level(let n)): header.service = ServiceLevel(rawValue: n.text) ?? .none
            default: break
            }
        }
        header.dossiers = dossiers.values.map {
            DossierCount(year: $0.year.value, online: $0.online?.value ?? 0, paper: $0.paper?.value ?? 0)
        }
        return header
    }

    private mutating func singleDuration(_ d: DurationLiteral, _ what: String) -> Double? {
        if d.points.count != 1 {
            error("the \(what) is one duration, not a range ('\(d.text)')", at: d.range)
            return nil
        }
        return estimate(d).mean
    }

    /// A duration in working hours, re-checking the order of its points with
    /// the file's own workday (the parser checked with 8 hours).
    mutating func estimate(_ d: DurationLiteral) -> TimeEstimate {
        let e = d.estimate(workdayHours: workdayHours)
        if workdayHours != 8, Set(d.points.map(\.unit)).count > 1 {
            if case .range(let lo, let hi) = e, lo > hi {
                error("the minimum is greater than the maximum in '\(d.text)' with a \(formatNumber(workdayHours))h workday", at: d.range)
            } else if case .threePoint(let lo, let likely, let hi) = e, !(lo <= likely && likely <= hi) {
                error("'\(d.text)' is not MIN..LIKELY..MAX with a \(formatNumber(workdayHours))h workday", at: d.range)
            }
        }
        return e
    }

    // MARK: Actors and steps

    private mutating func resolveActors() -> ([Actor], [String: Int]) {
        var actors: [Actor] = []
        var index: [String: Int] = [:]
        for decl in actorDecls {
            if let first = index[decl.id.text] {
                error("actor '\(decl.id.text)' is declared twice", at: decl.id.range,
                      notes: [.init("first declared here", at: actors[first].range)])
                continue
            }
            index[decl.id.text] = actors.count
            actors.append(Actor(id: decl.id.text, label: decl.label.value, isExternal: decl.external != nil, range: decl.id.range))
        }
        for broken in tree.brokenDeclarations where broken.kind == .actor && index[broken.name.text] == nil {
            index[broken.name.text] = -1
        }
        return (actors, index)
    }

    private mutating func resolveSteps(actorIndex: [String: Int]) -> ([Step], [String: Int]) {
        var steps: [Step] = []
        steps.reserveCapacity(stepDecls.count)
        var index = [String: Int](minimumCapacity: stepDecls.count)
        for decl in stepDecls {
            if let first = index[decl.id.text] {
                error("step '\(decl.id.text)' is declared twice", at: decl.id.range,
                      notes: [.init("first declared here", at: steps[first].range)])
                continue
            }
            var step = Step(id: decl.id.text, label: decl.label.value, range: decl.id.range)
            for attribute in decl.attributes {
                switch attribute {
                case .actor(_, let actor):
                    if actorIndex[actor.text] == nil { unknownActor(actor, actorIndex) }
                    step.actor = actor.text
                case .duration(let d): step.duration = estimate(d)
                case .wait(_, let d): step.wait = estimate(d)
                case .kind(_, let kind): step.kind = kind
                case .channel(_, let channel): step.channel = channel
                case .fixed: step.isFixed = true
                case .note(_, let text): step.note = text.value
                }
            }
            index[decl.id.text] = steps.count
            steps.append(step)
        }
        for broken in tree.brokenDeclarations where broken.kind == .step && index[broken.name.text] == nil {
            index[broken.name.text] = -1
        }
        return (steps, index)
    }

    mutating func unknownActor(_ name: Name, _ actorIndex: [String: Int]) {
        if actorIndex.isEmpty {
            error("unknown actor '\(name.text)'; declare it with actor \(name.text) \"Label\"", at: name.range)
        } else {
            let known = actorDecls.map(\.id.text)
            let suggestion = closestName(to: name.text, among: known)
            if let suggestion { suggestedActors.insert(suggestion) }
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? "; declare it with actor \(name.text) \"Label\""
            error("unknown actor '\(name.text)'\(hint)", at: name.range)
        }
    }

    /// Looks a step up; reports an unknown one with a suggestion. -1 stands
    /// for a step whose line did not parse (already reported).
    mutating func lookUpStep(_ name: Name, _ stepIndex: [String: Int]) -> Int? {
        if let i = stepIndex[name.text] { return i >= 0 ? i : nil }
        let hint = closestName(to: name.text, among: stepDecls.lazy.map(\.id.text)).map { "; did you mean '\($0)'?" } ?? ""
        error("unknown step '\(name.text)'\(hint)", at: name.range)
        return nil
    }

    // MARK: Flows

    private mutating func resolveFlows(stepIndex: [String: Int]) -> [Arrow] {
        var arrows: [Arrow] = []
        var seen: [Pair: SourceRange] = [:]
        for flow in flowDecls {
            var from = lookUpStep(flow.first, stepIndex)
            var fromName = flow.first
            for link in flow.links {
                let to = lookUpStep(link.target, stepIndex)
                if let f = from, let t = to {
                    if let first = seen[Pair(from: f, to: t)] {
                        error("the arrow \(fromName.text) -> \(link.target.text) is written twice", at: link.target.range,
                              notes: [.init("first written here", at: first)])
                    } else {
                        seen[Pair(from: f, to: t)] = link.target.range
                        arrows.append(Arrow(
                            from: f, to: t, writtenProbability: link.probability.map { $0.value / 100 },
                            label: link.label?.value, range: link.target.range))
                    }
                }
                from = to
                fromName = link.target
            }
        }
        return arrows
    }

    private func implicitSequence(count: Int) -> [Arrow] {
        count < 2 ? [] : (0..<(count - 1)).map { Arrow(from: $0, to: $0 + 1) }
    }

    private mutating func resolveStarts(stepIndex: [String: Int], stepCount: Int) -> [Int] {
        guard let decl = startDecl else { return stepCount > 0 ? [0] : [] }
        var starts: [Int] = []
        for name in decl.steps {
            guard let i = lookUpStep(name, stepIndex) else { continue }
            if starts.contains(i) {
                error("'\(name.text)' is named twice in 'start'", at: name.range)
            } else {
                starts.append(i)
            }
        }
        return starts
    }
}

struct Pair: Hashable {
    var from: Int
    var to: Int
}
