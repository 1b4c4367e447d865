// Over 400 lines: name resolution and the declaration checks share the resolver's state and its diagnostics.
import Dispatch
import FlowcutCore

/// A file after parsing and resolving: the workflow (only when the file has
/// no errors), every diagnostic in file order, and the syntax when it was kept.
public struct CheckedFile: Sendable {
    public var file: SourceFile
    /// The parsed file with its layout; nil when checked without it.
    public var syntax: SyntaxTree?
    public var workflow: Workflow?
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.hasErrors }

    public init(file: SourceFile, syntax: SyntaxTree?, workflow: Workflow?, diagnostics: [Diagnostic]) {
        self.file = file
        self.syntax = syntax
        self.workflow = workflow
        self.diagnostics = diagnostics
    }
}

/// The front end in one call: parse, resolve, check.
public enum Checker {
    /// - Parameter keepSyntax: keep the syntax tree with its layout (the
    ///   formatter needs it); without it a huge file takes far less memory.
    /// - Parameter limits: how many steps and arrows, and how long a text,
    ///   the file may have; a file over them is not resolved.
    public static func check(_ file: SourceFile, keepSyntax: Bool = true, limits: Limits = .standard) -> CheckedFile {
        check(file, keepSyntax: keepSyntax, parallelAbove: Parser.parallelThreshold, limits: limits)
    }

    static func check(_ file: SourceFile, keepSyntax: Bool, parallelAbove: Int, limits: Limits = .standard) -> CheckedFile {
        let tree = Parser.parse(file, keepLayout: keepSyntax, parallelAbove: parallelAbove, limits: limits)
        let parseDiagnostics = tree.diagnostics
        if let over = overLimits(tree, limits) {
            return CheckedFile(
                file: file, syntax: keepSyntax ? tree : nil, workflow: nil, diagnostics: (parseDiagnostics + [over]).sortedByPosition())
        }
        var resolver = Resolver(tree: tree, keepDeclarations: keepSyntax)
        let workflow = resolver.resolve()
        let diagnostics = (parseDiagnostics + resolver.diagnostics).sortedByPosition()
        return CheckedFile(
            file: file, syntax: keepSyntax ? resolver.tree : nil,
            workflow: diagnostics.hasErrors ? nil : workflow, diagnostics: diagnostics)
    }

    /// More steps or arrows than the limits allow: an error at the first one
    /// over (such a file is not resolved, let alone simulated).
    static func overLimits(_ tree: SyntaxTree, _ limits: Limits) -> Diagnostic? {
        if tree.steps.count > limits.steps {
            return .error(
                .tooManySteps,
                "this is step \(grouped(limits.steps + 1)): the file declares \(grouped(tree.steps.count)) steps, over the limit of \(grouped(limits.steps)); split the procedure, or raise the limit with --max-steps",
                at: tree.steps[limits.steps].id.range)
        }
        if tree.flowLinks.count > limits.arrows {
            return .error(
                .tooManyArrows,
                "this is arrow \(grouped(limits.arrows + 1)): the file draws \(grouped(tree.flowLinks.count)) arrows, over the limit of \(grouped(limits.arrows)); split the procedure, or raise the limit with --max-arrows",
                at: tree.flowLinks[limits.arrows].target.range)
        }
        return nil
    }
}

/// Turns a syntax tree into a `Workflow`, checking names, durations,
/// decisions, loops and proposals (LANGUAGE.md), and collecting every error.
struct Resolver {
    private(set) var tree: SyntaxTree
    /// When false, declarations are dropped as soon as they are resolved.
    let keepDeclarations: Bool
    var diagnostics: [Diagnostic] = []

    // What the walk over the declarations collects.
    var procedure: ProcedureDecl?
    var properties: [String: PropertyDecl] = [:]
    var dossiers: [Int: DossiersDecl] = [:]
    var startDecl: StartDecl?
    var proposals: [(decl: ProposalDecl, changes: [ChangeDecl])] = []
    var workdayHours = 8.0
    /// Actors offered as "did you mean": a typo was meant to name them.
    var suggestedActors = Set<String>()
    /// The resolved steps, for "did you mean" suggestions.
    var resolvedSteps: [Step] = []
    /// How many names "did you mean" may still compare (see `closestName`).
    var suggestionBudget = 5_000_000

    init(tree: SyntaxTree, keepDeclarations: Bool = true) {
        self.tree = tree
        self.keepDeclarations = keepDeclarations
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(code, message, at: range, notes: notes))
    }

    mutating func warning(_ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.warning(code, message, at: range, notes: notes))
    }

    func text(_ range: SourceRange) -> String { tree.file.text(range) }

    mutating func resolve() -> Workflow? {
        collectDeclarations()
        guard let procedure else {
            if tree.isEmpty, !tree.diagnostics.hasErrors {
                error(
                    .emptyFile, "the file is empty; a .flow file starts with procedure \"Name\"",
                    at: SourceRange(start: 0, end: 0, line: 1, lineStart: 0))
            }
            return nil
        }
        resolveWorkday()
        let header = resolveHeader()
        let (actors, actorIndex) = resolveActors()
        let (steps, stepIndex) = resolveSteps(actorIndex: actorIndex)
        // A line that did not parse may have been meant as a step: say nothing more then.
        if steps.isEmpty && !tree.diagnostics.hasErrors && diagnostics.isEmpty {
            error(.noSteps, "the procedure has no steps; declare them with step ID \"Label\" …", at: procedure.keyword)
        }
        let hasFlows = !tree.flows.isEmpty
        var (arrows, graph) = hasFlows ? resolveFlows(stepIndex: stepIndex, steps: steps) : (implicitSequence(count: steps.count), nil)
        let starts = resolveStarts(stepIndex: stepIndex, stepCount: steps.count)
        if resolveDecisions(&arrows, steps: steps, graph: graph) {
            // Which arrows can be taken, read again from the settled probabilities.
            graph = graph?.taking(probabilitiesOf: arrows)
        }
        var workflow = Workflow(
            name: procedure.name.value, code: header.code, agency: header.agency, field: header.field,
            deadline: header.deadline, target: header.target, service: header.service,
            workdayHours: workdayHours, dossiers: header.dossiers, actors: actors, steps: steps,
            arrows: arrows, starts: starts, proposals: [], stepIndex: stepIndex, graph: graph, walks: false)
        workflow.walkInParallel()
        checkLoops(workflow)
        checkEnds(workflow)
        checkReachability(workflow)
        checkActorsUsed(workflow)
        workflow.proposals = resolveProposals(workflow, stepIndex: stepIndex, actorIndex: actorIndex)
        return workflow
    }

    // MARK: The walk

    /// Checks where each statement stands (procedure first, declarations
    /// before the first proposal, changes inside one) and collects the header.
    private mutating func collectDeclarations() {
        let reportedProcedure = tree.brokenDeclarations.contains { $0.kind == .procedure }
        if let first = tree.firstStatement, first.kind != .procedure, !reportedProcedure {
            error(.procedureNotFirst, "expected 'procedure \"Name\"' before any other statement; a .flow file starts with it", at: first.range)
        }
        for decl in tree.procedures {
            if let first = procedure {
                error(
                    .procedureTwice, "'procedure' is given twice; a file holds one procedure", at: decl.keyword,
                    notes: [.init("first given here", at: first.keyword)])
            } else {
                procedure = decl
            }
        }
        let proposalLine = tree.proposals.first?.keyword.line ?? Int.max
        for decl in tree.properties {
            if decl.keyword.range.line > proposalLine { headerAfterProposal(decl.keyword.text, decl.keyword.range) }
            if let first = properties[decl.keyword.text] {
                error(
                    .propertyTwice, "'\(decl.keyword.text)' is given twice", at: decl.keyword.range,
                    notes: [.init("first given here", at: first.keyword.range)])
            } else {
                properties[decl.keyword.text] = decl
            }
        }
        for decl in tree.dossiers {
            if decl.keyword.line > proposalLine { headerAfterProposal("dossiers", decl.keyword) }
            if let first = dossiers[decl.year.value] {
                error(
                    .dossiersTwice, "dossiers for \(decl.year.value) are given twice", at: decl.year.range,
                    notes: [.init("first given here", at: first.year.range)])
            } else {
                dossiers[decl.year.value] = decl
            }
        }
        if proposalLine < Int.max {
            for decl in tree.actors where decl.keyword.line > proposalLine { declarationInProposal("actor", decl.keyword) }
            for decl in tree.steps where decl.keyword.line > proposalLine { declarationInProposal("step", decl.keyword) }
            for decl in tree.starts where decl.keyword.line > proposalLine { declarationInProposal("start", decl.keyword) }
            for decl in tree.flows where decl.first.range.line > proposalLine {
                error(
                    .flowInProposal,
                    "a flow cannot appear inside a proposal; write flows before the first 'proposal' (a proposal changes them with cut, merge, parallel, chance)",
                    at: decl.first.range)
            }
        }
        for decl in tree.starts {
            if let first = startDecl {
                error(
                    .startTwice, "'start' is given twice; name every starting step in one 'start' line", at: decl.keyword,
                    notes: [.init("first given here", at: first.keyword)])
            } else {
                startDecl = decl
            }
        }
        var proposalNames: [String: SourceRange] = [:]
        for decl in tree.proposals {
            if let first = proposalNames[decl.name.value] {
                error(
                    .proposalNameTaken, "a proposal named \"\(decl.name.value)\" already exists", at: decl.name.range,
                    notes: [.init("first given here", at: first)])
            } else {
                proposalNames[decl.name.value] = decl.name.range
            }
            proposals.append((decl, []))
        }
        // Each change belongs to the last proposal above it.
        var current = -1
        for decl in tree.changes {
            while current + 1 < proposals.count, proposals[current + 1].decl.keyword.line < decl.keyword.range.line {
                current += 1
            }
            if current < 0 {
                error(
                    .changeOutsideProposal, "'\(decl.keyword.text)' is a change statement; put it in a block opened by proposal \"Name\"",
                    at: decl.keyword.range)
            } else {
                proposals[current].changes.append(decl)
            }
        }
    }

    private mutating func headerAfterProposal(_ keyword: String, _ range: SourceRange) {
        error(.headerAfterProposal, "'\(keyword)' belongs to the header; move it before the first 'proposal'", at: range)
    }

    private mutating func declarationInProposal(_ what: String, _ range: SourceRange) {
        error(.declarationInProposal, "'\(what)' cannot appear inside a proposal; declare it before the first 'proposal'", at: range)
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
        if d.pointCount != 1 {
            error(.workdayRange, "the workday is one length, not a range ('\(text(d.range))')", at: d.range)
            return
        }
        let point = d.points[0]
        guard point.unit == .hours || point.unit == .minutes else {
            error(.workdayUnit, "give the workday in hours (workday 8h), not in '\(point.unit.symbol)'", at: d.range)
            return
        }
        let hours = point.unit == .hours ? point.value : point.value / 60
        guard hours > 0, hours <= 24 else {
            error(.workdayImpossible, "a workday of '\(text(d.range))' is not possible; it must be more than 0h and at most 24h", at: d.range)
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
            let last = $0.paper?.range ?? $0.online?.range ?? $0.year.range
            return DossierCount(
                year: $0.year.value, online: $0.online?.value ?? 0, paper: $0.paper?.value ?? 0,
                range: SourceRange(start: $0.keyword.start, end: last.end, line: $0.keyword.line, lineStart: $0.keyword.lineStart))
        }
        return header
    }

    private mutating func singleDuration(_ d: DurationLiteral, _ what: String) -> Double? {
        if d.pointCount != 1 {
            error(.headerDurationRange, "the \(what) is one duration, not a range ('\(text(d.range))')", at: d.range)
            return nil
        }
        return estimate(d).mean
    }

    /// A duration in working hours, re-checking the order of its points with
    /// the file's own workday (the parser checked with 8 hours).
    mutating func estimate(_ d: DurationLiteral) -> TimeEstimate {
        let e = d.estimate(workdayHours: workdayHours)
        if workdayHours != 8, d.pointCount > 1, Set(d.points.map(\.unit)).count > 1 {
            if case .range(let lo, let hi) = e, lo > hi {
                error(
                    .minimumAboveMaximumInWorkdays,
                    "the minimum is greater than the maximum in '\(text(d.range))' with a \(formatNumber(workdayHours))h workday", at: d.range)
            } else if case .threePoint(let lo, let likely, let hi) = e, !(lo <= likely && likely <= hi) {
                error(.notThreePointInWorkdays, "'\(text(d.range))' is not MIN..LIKELY..MAX with a \(formatNumber(workdayHours))h workday", at: d.range)
            }
        }
        return e
    }

    // MARK: Actors and steps

    private mutating func resolveActors() -> ([Actor], NameIndex) {
        var actors: [Actor] = []
        var index = NameIndex()
        for decl in tree.actors {
            if let first = index.insert(decl.id.text, actors.count) {
                error(
                    .actorTwice, "actor '\(decl.id.text)' is declared twice", at: decl.id.range,
                    notes: [.init("first declared here", at: actors[first].range)])
                continue
            }
            actors.append(Actor(id: decl.id.text, label: decl.label.value, isExternal: decl.isExternal, range: decl.id.range))
        }
        for broken in tree.brokenDeclarations where broken.kind == .actor { index.insert(broken.name.text, -1) }
        return (actors, index)
    }

    /// Steps in declaration order, and the index of every ID (-1 for a step
    /// whose line did not parse).
    private mutating func resolveSteps(actorIndex: NameIndex) -> ([Step], NameIndex) {
        let decls = tree.steps
        let workdayHours = workdayHours
        // Two jobs at once, each only reading the declarations: the index of
        // IDs (a step declared twice keeps its first number), and a Step
        // for every declaration (the repeated ones dropped below).
        let ((ids, repeated), (made, unknownActors)) = both(decls.count >= Self.parallelAbove) {
            var ids = NameIndex(minimumCapacity: decls.count)
            var found: [(decl: Int, first: Int)] = []
            var partStart = 0
            for part in decls.parts {
                ids.insert(count: part.count, name: { part[$0].id.text }, value: { partStart + $0 - found.count }) { k, previous in
                    if let previous { found.append((partStart + k, previous)) }
                }
                partStart += part.count
            }
            return (ids, found)
        } _: {
            var unknown: [Int] = []
            var steps: [Step] = []
            steps.reserveCapacity(decls.count)
            for part in decls.parts {
                for decl in part {
                    if let actor = decl.actor, actorIndex[actor.text] == nil { unknown.append(steps.count) }
                    steps.append(
                        Step(
                            id: decl.id.text, label: decl.label, actor: decl.actor?.text,
                            duration: decl.duration?.estimate(workdayHours: workdayHours) ?? .zero,
                            wait: decl.wait?.estimate(workdayHours: workdayHours) ?? .zero,
                            kind: decl.kind ?? .work, channel: decl.channel, isFixed: decl.isFixed, endsCase: decl.endsCase,
                            note: decl.note, range: decl.id.range))
                }
            }
            return (steps, unknown)
        }
        var stepIndex = ids
        var steps = made
        let isRepeat = Set(repeated.map(\.decl))
        if !repeated.isEmpty {
            steps = steps.indices.filter { !isRepeat.contains($0) }.map { steps[$0] }
            for r in repeated {
                let id = decls[r.decl].id
                error(
                    .stepTwice, "step '\(id.text)' is declared twice", at: id.range,
                    notes: [.init("first declared here", at: steps[r.first].range)])
            }
        }
        // What the two jobs could not report: unknown actors, and the order
        // of a duration's points under the file's own workday.
        for d in unknownActors where !isRepeat.contains(d) { unknownActor(decls[d].actor!, actorIndex) }
        if workdayHours != 8 {
            for (d, decl) in decls.enumerated() where !isRepeat.contains(d) {
                _ = decl.duration.map { estimate($0) }
                _ = decl.wait.map { estimate($0) }
            }
        }
        resolvedSteps = steps
        if !keepDeclarations { tree.steps = [] }
        for broken in tree.brokenDeclarations where broken.kind == .step { stepIndex.insert(broken.name.text, -1) }
        return (steps, stepIndex)
    }

    mutating func unknownActor(_ name: Name, _ actorIndex: NameIndex) {
        if actorIndex.isEmpty {
            error(.unknownActor, "unknown actor '\(name.text)'; declare it with actor \(name.text) \"Label\"", at: name.range)
        } else {
            let suggestion = closestName(to: name.text, among: tree.actors.lazy.map(\.id.text), budget: &suggestionBudget)
            if let suggestion { suggestedActors.insert(suggestion) }
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? "; declare it with actor \(name.text) \"Label\""
            error(.unknownActor, "unknown actor '\(name.text)'\(hint)", at: name.range)
        }
    }

    /// Looks a step up; reports an unknown one with a suggestion. -1 stands
    /// for a step whose line did not parse (already reported).
    mutating func lookUpStep(_ name: Name, _ stepIndex: NameIndex) -> Int? {
        if let i = stepIndex[name.text] { return i >= 0 ? i : nil }
        let hint = closestName(to: name.text, among: resolvedSteps.lazy.map(\.id), budget: &suggestionBudget).map { "; did you mean '\($0)'?" } ?? ""
        error(.unknownStep, "unknown step '\(name.text)'\(hint)", at: name.range)
        return nil
    }

    // MARK: Flows

    /// The arrows, and their graph when it is still theirs (see `dropRepeatedArrows`).
    private mutating func resolveFlows(stepIndex: NameIndex, steps: [Step]) -> ([Arrow], FlowGraph?) {
        var arrows: [Arrow]
        if let known = Self.arrowsIfEveryNameIsKnown(tree.flows, tree.flowLinks, stepIndex) {
            arrows = known
        } else {
            // A name is unknown, or on a line that did not parse: one pass
            // in order, reporting each (with a suggestion) where it is met.
            arrows = []
            arrows.reserveCapacity(tree.flowLinks.count)
            for flow in tree.flows {
                var from = lookUpStep(flow.first, stepIndex)
                for link in tree.flowLinks[flow.links] {
                    let to = lookUpStep(link.target, stepIndex)
                    if let f = from, let t = to { arrows.append(Self.arrow(f, t, link)) }
                    from = to
                }
            }
        }
        if !keepDeclarations {
            tree.flows = []
            tree.flowLinks = []
        }
        let graph = dropRepeatedArrows(&arrows, steps: steps)
        return (arrows, graph)
    }

    static func arrow(_ from: Int, _ to: Int, _ link: FlowLink) -> Arrow {
        Arrow(
            from: from, to: to, writtenProbability: link.probability.map { $0.value / 100 },
            label: link.label?.value, range: link.target.range)
    }

    /// From this many step declarations or flows on, they are resolved on
    /// two cores (the tests' large files take that path).
    static let parallelAbove = 10_000

    /// The arrows of every flow, one per link and in the order written, when
    /// every name in them is a declared step; else nil. Done in parts at
    /// once: the flows' own segments (the halves of a parsed file), a big
    /// one in two halves. The index is only read, many names at a time
    /// (`NameIndex.values`); each part writes the arrows of its own links,
    /// at the links' places, once all of its names are found.
    static func arrowsIfEveryNameIsKnown(_ flows: Segmented<FlowDecl>, _ links: Segmented<FlowLink>, _ index: NameIndex) -> [Arrow]? {
        let flowParts = flows.parts
        let linkParts = links.parts
        // A big segment in two halves: the flows are often all in one
        // segment (the second half of a file, after its steps).
        let parts: [(segment: Int, range: Range<Int>)] = flowParts.indices.flatMap { k in
            let n = flowParts[k].count
            return n >= parallelAbove ? [(k, 0..<n / 2), (k, n / 2..<n)] : n > 0 ? [(k, 0..<n)] : []
        }
        // Per part: the links it starts at, and how many arrows it wrote
        // (all of its links, or none when a name was not found).
        let progress = Slots<(first: Int, written: Int, complete: Bool)>(count: parts.count, initial: (0, 0, true))
        var allKnown = true
        let arrows = [Arrow](unsafeUninitializedCapacity: links.count) { buffer, count in
            let out = Region(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: parts.count) { part in
                let (segment, flowRange) = parts[part]
                let segmentFlows = flowParts[segment]
                guard let firstFlow = flowRange.first, let lastFlow = flowRange.last, let base = out.base else { return }
                // A flow's links are in one segment, and the part's are
                // one run: from its first flow's first to its last flow's last.
                let firstLink = segmentFlows[firstFlow].links.lowerBound
                let linkCount = segmentFlows[lastFlow].links.upperBound - firstLink
                let (linkSegment, linkOffset) = links.locate(firstLink)
                let segmentLinks = linkParts[linkSegment]
                // The step of each flow's first name and of each link's target.
                var complete = true
                var sources = [Int32](repeating: 0, count: flowRange.count)
                index.values(count: flowRange.count, name: { segmentFlows[flowRange.lowerBound + $0].first.text }) { k, step in
                    if let step, step >= 0 { sources[k] = Int32(truncatingIfNeeded: step) } else { complete = false }
                }
                var targets = [Int32](repeating: 0, count: complete ? linkCount : 0)
                if complete {
                    index.values(count: linkCount, name: { segmentLinks[linkOffset + $0].target.text }) { k, step in
                        if let step, step >= 0 { targets[k] = Int32(truncatingIfNeeded: step) } else { complete = false }
                    }
                }
                guard complete else {
                    progress[part] = (firstLink, 0, false)
                    return
                }
                for (k, f) in flowRange.enumerated() {
                    var from = Int(sources[k])
                    for l in segmentFlows[f].links {
                        let to = Int(targets[l - firstLink])
                        (base + l).initialize(to: arrow(from, to, segmentLinks[linkOffset + l - firstLink]))
                        from = to
                    }
                }
                progress[part] = (firstLink, linkCount, true)
            }
            allKnown = progress.values.allSatisfy(\.complete)
            if allKnown {
                count = links.count
            } else {
                // Each part wrote a run from its first link: undone.
                for p in progress.values where p.written > 0 {
                    (buffer.baseAddress! + p.first).deinitialize(count: p.written)
                }
                count = 0
            }
        }
        return allKnown ? arrows : nil
    }

    /// Reports an arrow written twice at its second writing, and drops it.
    /// (Each step's arrows in the order written, each target marked with
    /// the step that last reached it: linear, where a dictionary of pairs
    /// was a tenth of checking a 1 000 000-step file.)
    /// The graph of the arrows, when none was dropped (the workflow takes it
    /// then, instead of building it again).
    private mutating func dropRepeatedArrows(_ arrows: inout [Arrow], steps: [Step]) -> FlowGraph? {
        let n = steps.count
        let graph = FlowGraph.built(stepCount: n, arrows: arrows)
        var repeated: [Bool] = []
        func report(_ a: Int, first: Int, _ s: Int, _ t: Int) {
            if repeated.isEmpty { repeated = Array(repeating: false, count: arrows.count) }
            repeated[a] = true
            if let at = arrows[a].range {
                error(
                    .arrowTwice, "the arrow \(steps[s].id) -> \(steps[t].id) is written twice", at: at,
                    notes: arrows[first].range.map { [.init("first written here", at: $0)] } ?? [])
            }
        }
        // Each step's arrows in the order written: a short row is compared
        // within itself (no table to reach); a long one marks its targets.
        var reachedFrom: [Int] = []
        var firstArrow: [Int] = []
        for s in 0..<n {
            let row = graph.outRange(s)
            guard row.count > 1 else { continue }
            if row.count <= 16 {
                for k in (row.lowerBound + 1)..<row.upperBound {
                    let t = graph.outTarget(k)
                    var j = row.lowerBound
                    while j < k, graph.outTarget(j) != t { j += 1 }
                    if j < k { report(graph.outArrow(k), first: graph.outArrow(j), s, t) }
                }
                continue
            }
            if reachedFrom.isEmpty {
                reachedFrom = Array(repeating: -1, count: n)
                firstArrow = Array(repeating: 0, count: n)
            }
            for k in row {
                let (a, t) = (graph.outArrow(k), graph.outTarget(k))
                if reachedFrom[t] == s {
                    report(a, first: firstArrow[t], s, t)
                } else {
                    reachedFrom[t] = s
                    firstArrow[t] = a
                }
            }
        }
        guard !repeated.isEmpty else { return graph }
        arrows = arrows.indices.filter { !repeated[$0] }.map { arrows[$0] }
        return nil
    }

    private func implicitSequence(count: Int) -> [Arrow] {
        count < 2 ? [] : (0..<(count - 1)).map { Arrow(from: $0, to: $0 + 1) }
    }

    private mutating func resolveStarts(stepIndex: NameIndex, stepCount: Int) -> [Int] {
        guard let decl = startDecl else { return stepCount > 0 ? [0] : [] }
        var starts: [Int] = []
        for name in decl.steps {
            guard let i = lookUpStep(name, stepIndex) else { continue }
            if starts.contains(i) {
                error(.startNamedTwice, "'\(name.text)' is named twice in 'start'", at: name.range)
            } else {
                starts.append(i)
            }
        }
        return starts
    }
}
