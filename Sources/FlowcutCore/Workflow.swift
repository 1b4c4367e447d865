/// A role or unit that performs steps.
public struct Actor: Sendable, Hashable {
    public var id: String
    public var label: String
    /// Another agency (a consultation partner).
    public var isExternal: Bool
    public var range: SourceRange?

    public init(id: String, label: String, isExternal: Bool = false, range: SourceRange? = nil) {
        self.id = id
        self.label = label
        self.isExternal = isExternal
        self.range = range
    }
}

/// One row of the internal process: what is done, by whom, in how long.
public struct Step: Sendable, Hashable {
    public var id: String
    public var label: String
    /// The performing actor's ID, if written.
    public var actor: String?
    /// How long the work takes, in working hours.
    public var duration: TimeEstimate
    /// Queue time before the work starts, in working hours.
    public var wait: TimeEstimate
    public var kind: StepKind
    public var channel: Channel?
    /// Required by law: never cut or merged (it may be shortened).
    public var isFixed: Bool
    /// `ends`: when this step finishes, the dossier's case is over (a
    /// refusal): every other branch is cancelled.
    public var endsCase: Bool
    public var note: String?
    /// Where the step is declared (its ID).
    public var range: SourceRange?

    public init(
        id: String, label: String, actor: String? = nil, duration: TimeEstimate = .zero,
        wait: TimeEstimate = .zero, kind: StepKind = .work, channel: Channel? = nil,
        isFixed: Bool = false, endsCase: Bool = false, note: String? = nil, range: SourceRange? = nil
    ) {
        self.id = id
        self.label = label
        self.actor = actor
        self.duration = duration
        self.wait = wait
        self.kind = kind
        self.channel = channel
        self.isFixed = isFixed
        self.endsCase = endsCase
        self.note = note
        self.range = range
    }

    /// Step time = wait + duration, by means (ANALYSIS.md).
    public var meanTime: Double { wait.mean + duration.mean }
}

/// `A -> B`: B starts after A.
public struct Arrow: Sendable, Hashable {
    // A million-step process has millions of arrows: each is stored in 56
    // bytes, not 80 — its steps as 32-bit numbers (a file is at most 2 GiB),
    // no optional's extra byte for the written probability or the range.
    private var source: Int32
    private var target: Int32
    /// The written probability's bits; `Self.notWritten` for none.
    private var writtenBits: UInt64
    /// The probability that this branch is taken when `from` finishes: 1 for
    /// the arrows of a parallel split; for a decision, the written value or an
    /// equal share of what the written ones leave.
    public var probability: Double
    public var label: String?
    /// The range, or one on line 0 (no line has that number) for none.
    private var place: SourceRange

    /// A NaN no arithmetic makes (all bits set): never a probability.
    private static let notWritten = UInt64.max
    private static let nowhere = SourceRange(start: 0, end: 0, line: 0, lineStart: 0)

    /// Index into `Workflow.steps`.
    public var from: Int {
        get { Int(source) }
        set { source = Int32(truncatingIfNeeded: newValue) }
    }

    public var to: Int {
        get { Int(target) }
        set { target = Int32(truncatingIfNeeded: newValue) }
    }

    /// The probability as written (0…1), or nil.
    public var writtenProbability: Double? {
        get { writtenBits == Self.notWritten ? nil : Double(bitPattern: writtenBits) }
        set { writtenBits = newValue?.bitPattern ?? Self.notWritten }
    }

    /// Where the arrow's target is written; nil for the implicit sequence of a
    /// file without flow statements.
    public var range: SourceRange? {
        get { place.line == 0 ? nil : place }
        set { place = newValue ?? Self.nowhere }
    }

    public init(
        from: Int, to: Int, writtenProbability: Double? = nil, probability: Double = 1,
        label: String? = nil, range: SourceRange? = nil
    ) {
        source = Int32(truncatingIfNeeded: from)
        target = Int32(truncatingIfNeeded: to)
        writtenBits = writtenProbability?.bitPattern ?? Self.notWritten
        self.probability = probability
        self.label = label
        place = range ?? Self.nowhere
    }
}

/// Dossiers received in one year, by channel.
public struct DossierCount: Sendable, Hashable {
    public var year: Int
    public var online: Int
    public var paper: Int
    /// Where a `.flow` file says it (`.nowhere` for counts from elsewhere);
    /// not part of what the count is (equality and hashing leave it out).
    public var range: SourceRange

    public init(year: Int, online: Int, paper: Int, range: SourceRange = .nowhere) {
        self.year = year
        self.online = online
        self.paper = paper
        self.range = range
    }

    public var total: Int { online + paper }

    public static func == (a: DossierCount, b: DossierCount) -> Bool { a.year == b.year && a.online == b.online && a.paper == b.paper }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(year)
        hasher.combine(online)
        hasher.combine(paper)
    }
}

/// One administrative procedure's internal process, resolved and checked.
public struct Workflow: Sendable {
    public var name: String
    public var code: String?
    public var agency: String?
    public var field: String?
    /// Statutory processing time, in working hours.
    public var deadline: Double?
    /// The time the agency commits to after cuts, in working hours.
    public var target: Double?
    public var service: ServiceLevel
    /// Hours in one working day (default 8).
    public var workdayHours: Double
    /// By year, ascending.
    public var dossiers: [DossierCount]
    public var actors: [Actor]
    public var steps: [Step]
    public var arrows: [Arrow]
    /// Indices of the starting steps.
    public var starts: [Int]
    public var proposals: [Proposal]
    /// Adjacency of `arrows`, built once.
    public private(set) var graph: FlowGraph
    /// The rework loops: the steps of each strongly connected group along
    /// arrows that can be taken, in declaration order; built once.
    public package(set) var reworkLoops: [[Int]] = []
    /// Per step: reachable from the starts along arrows that can be taken; built once.
    public package(set) var reachable: [Bool] = []
    /// Step IDs to indices (the resolver's own, which may also hold -1
    /// for steps whose line did not parse).
    private var indexByID: NameIndex

    public init(
        name: String, code: String? = nil, agency: String? = nil, field: String? = nil,
        deadline: Double? = nil, target: Double? = nil, service: ServiceLevel = .none,
        workdayHours: Double = 8, dossiers: [DossierCount] = [], actors: [Actor] = [],
        steps: [Step], arrows: [Arrow], starts: [Int]? = nil, proposals: [Proposal] = []
    ) {
        self.init(
            name: name, code: code, agency: agency, field: field, deadline: deadline, target: target,
            service: service, workdayHours: workdayHours, dossiers: dossiers, actors: actors, steps: steps,
            arrows: arrows, starts: starts, proposals: proposals, stepIndex: nil, graph: nil)
    }

    /// - Parameters:
    ///   - stepIndex: the steps' IDs to indices, if made already.
    ///   - graph: `FlowGraph(stepCount: steps.count, arrows:)` of these
    ///     arrows as they are (the resolver's, which it needed to find
    ///     arrows written twice), or nil to build it.
    ///   - walks: find the rework loops and the reachable steps (false: the
    ///     caller does, with `walkInParallel()`).
    package init(
        name: String, code: String?, agency: String?, field: String?,
        deadline: Double?, target: Double?, service: ServiceLevel,
        workdayHours: Double, dossiers: [DossierCount], actors: [Actor],
        steps: [Step], arrows: [Arrow], starts: [Int]?, proposals: [Proposal],
        stepIndex: NameIndex?, graph: FlowGraph?, walks: Bool = true
    ) {
        self.name = name
        self.code = code
        self.agency = agency
        self.field = field
        self.deadline = deadline
        self.target = target
        self.service = service
        self.workdayHours = workdayHours
        self.dossiers = dossiers.sorted { $0.year < $1.year }
        self.actors = actors
        self.steps = steps
        self.arrows = arrows
        self.starts = starts ?? (steps.isEmpty ? [] : [0])
        self.proposals = proposals
        self.graph = graph ?? FlowGraph(stepCount: steps.count, arrows: arrows)
        if let stepIndex {
            self.indexByID = stepIndex
        } else {
            var index = NameIndex(minimumCapacity: steps.count)
            for (i, step) in steps.enumerated() { index.insert(step.id, i) }
            self.indexByID = index
        }
        // The loops and what can be reached: two walks (the resolver makes
        // them at once for a big file: `walkInParallel`).
        if walks {
            let canTake = self.graph.canTake
            reworkLoops = loops { canTake[$0] }
            reachable = reachableSteps()
        }
    }

    /// The latest year's dossiers: the annual volume (ANALYSIS.md).
    public var latestDossiers: DossierCount? { dossiers.last }

    /// A step's name as written: its label, or its ID when it has none (or
    /// when no step has that ID).
    public func stepName(_ id: String) -> String {
        guard let i = stepIndex(of: id), !steps[i].label.isEmpty else { return id }
        return steps[i].label
    }

    /// An actor's name as written: its label, or its ID when it has none
    /// (or when no actor has that ID).
    public func actorName(_ id: String) -> String {
        guard let a = actors.first(where: { $0.id == id }), !a.label.isEmpty else { return id }
        return a.label
    }

    /// A step with at least one written probability on its outgoing arrows.
    public func isDecision(_ step: Int) -> Bool { graph.isDecision[step] }

    public func stepIndex(of id: String) -> Int? { indexByID[id].flatMap { $0 >= 0 ? $0 : nil } }
}

/// Outgoing and incoming arrows of every step, in compressed rows, with
/// each arrow's other end beside it: walks over a big process read these
/// rows instead of a whole `Arrow` record for every arrow they pass.
public struct FlowGraph: Sendable {
    // Steps and arrows are numbered below 2^31 (a file is at most 2 GiB):
    // the rows hold 32-bit numbers, half the memory every walk reads.
    private let outStart: [Int32]
    private let outArrows: [Int32]
    private let outTargets: [Int32]
    private let inStart: [Int32]
    private let inArrows: [Int32]
    private let inSources: [Int32]
    /// Per arrow: it can be taken (its probability is above 0).
    public private(set) var canTake: [Bool]
    /// Per step: a decision (at least one written probability on its arrows).
    public let isDecision: [Bool]

    public init(stepCount: Int, arrows: [Arrow]) {
        self.init(
            stepCount: stepCount, arrows: arrows, outgoing: Self.rows(stepCount, arrows, byTarget: false),
            incoming: Self.incoming(stepCount, arrows))
    }

    /// The rows both ways, made by the caller (`FlowGraph.built`, at once for a big process).
    package init(
        stepCount: Int, arrows: [Arrow], outgoing: (start: [Int32], items: [Int32], ends: [Int32]),
        incoming: (start: [Int32], items: [Int32], ends: [Int32], canTake: [Bool], isDecision: [Bool])
    ) {
        (outStart, outArrows, outTargets) = outgoing
        (inStart, inArrows, inSources, canTake, isDecision) = incoming
    }

    /// The rows by target, with which arrows can be taken and which steps decide.
    package static func incoming(_ stepCount: Int, _ arrows: [Arrow]) -> (start: [Int32], items: [Int32], ends: [Int32], canTake: [Bool], isDecision: [Bool]) {
        let (start, items, ends) = rows(stepCount, arrows, byTarget: true)
        var isDecision = [Bool](repeating: false, count: stepCount)
        for a in arrows where a.writtenProbability != nil { isDecision[a.from] = true }
        return (start, items, ends, takeable(arrows), isDecision)
    }

    /// The same graph, which arrows can be taken read again from `arrows`
    /// (the same arrows, their probabilities settled since).
    package func taking(probabilitiesOf arrows: [Arrow]) -> FlowGraph {
        var graph = self
        graph.canTake = Self.takeable(arrows)
        return graph
    }

    /// Per arrow: its probability is above 0.
    private static func takeable(_ arrows: [Arrow]) -> [Bool] { arrows.map { $0.probability > 0 } }

    /// Rows by source (or by target): where each row starts, its arrows in
    /// the order written, and each arrow's other end.
    package static func rows(_ n: Int, _ arrows: [Arrow], byTarget: Bool) -> ([Int32], [Int32], [Int32]) {
        var start = [Int32](repeating: 0, count: n + 1)
        for arrow in arrows { start[(byTarget ? arrow.to : arrow.from) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        var items = [Int32](repeating: 0, count: arrows.count)
        var ends = [Int32](repeating: 0, count: arrows.count)
        for (a, arrow) in arrows.enumerated() {
            let (k, end) = byTarget ? (arrow.to, arrow.from) : (arrow.from, arrow.to)
            let at = Int(fill[k])
            items[at] = Int32(truncatingIfNeeded: a)
            ends[at] = Int32(truncatingIfNeeded: end)
            fill[k] += 1
        }
        return (start, items, ends)
    }

    /// Positions of `step`'s outgoing arrows in the rows (`outArrow`,
    /// `outTarget`): for walks that must not make a slice per step.
    @inline(__always) public func outRange(_ step: Int) -> Range<Int> { Int(outStart[step])..<Int(outStart[step + 1]) }
    @inline(__always) public func outArrow(_ position: Int) -> Int { Int(outArrows[position]) }
    @inline(__always) public func outTarget(_ position: Int) -> Int { Int(outTargets[position]) }
    @inline(__always) public func inRange(_ step: Int) -> Range<Int> { Int(inStart[step])..<Int(inStart[step + 1]) }
    @inline(__always) public func inArrow(_ position: Int) -> Int { Int(inArrows[position]) }
    @inline(__always) public func inSource(_ position: Int) -> Int { Int(inSources[position]) }

    /// Indices (into `Workflow.arrows`) of the arrows leaving `step`, in the order written.
    public func outgoing(_ step: Int) -> ArrowRow { ArrowRow(numbers: outArrows[outRange(step)]) }
    /// Indices of the arrows entering `step`, in the order written.
    public func incoming(_ step: Int) -> ArrowRow { ArrowRow(numbers: inArrows[inRange(step)]) }
}

/// One step's arrows (indices into `Workflow.arrows`), in the order written.
public struct ArrowRow: RandomAccessCollection, Sendable {
    fileprivate let numbers: ArraySlice<Int32>

    public var startIndex: Int { numbers.startIndex }
    public var endIndex: Int { numbers.endIndex }
    public subscript(position: Int) -> Int { Int(numbers[position]) }
}
