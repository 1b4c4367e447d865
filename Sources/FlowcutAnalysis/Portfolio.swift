import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// A department's procedures together (ANALYSIS.md, "A portfolio").
public struct Portfolio: Sendable {
    /// One analysed procedure: where it came from, its process, and the
    /// figures of its analysis the review uses (kept, not the whole
    /// analysis: a review of thousands is ranked from these, and a run
    /// that reuses a procedure's files has only these).
    public struct Entry: Sendable {
        public var path: String
        public var workflow: Workflow
        public var figures: Figures

        /// What the review reads of a procedure's analysis.
        public struct Figures: Sendable, Hashable {
            /// The main scenario's lead time, and the simulation's P90 (nil without one).
            public var mainLeadTime: Double
            public var p90: Double?
            /// The expected lead time, else the main one (`comparableLeadTime`), before and after.
            public var before: Double
            public var after: Double?
            public var citizenDaysPerYear: Double
            public var staffHoursPerYear: Double

            public init(mainLeadTime: Double, p90: Double?, before: Double, after: Double?, citizenDaysPerYear: Double, staffHoursPerYear: Double) {
                self.mainLeadTime = mainLeadTime
                self.p90 = p90
                self.before = before
                self.after = after
                self.citizenDaysPerYear = citizenDaysPerYear
                self.staffHoursPerYear = staffHoursPerYear
            }

            public init(before: ProcedureAnalysis, comparison: Comparison?) {
                self.init(
                    mainLeadTime: before.mainLeadTime, p90: before.simulation?.percentile(0.9), before: before.comparableLeadTime,
                    after: comparison?.after.comparableLeadTime, citizenDaysPerYear: comparison?.citizenDaysPerYear ?? 0,
                    staffHoursPerYear: comparison?.staffHoursPerYear ?? 0)
            }
        }

        public init(path: String, before: ProcedureAnalysis, comparison: Comparison?) {
            self.init(path: path, workflow: before.workflow, figures: Figures(before: before, comparison: comparison))
        }

        public init(path: String, workflow: Workflow, figures: Figures) {
            self.path = path
            self.workflow = workflow
            self.figures = figures
        }

        /// Dossiers of the latest year (0 without counts).
        public var dossiersPerYear: Int { workflow.latestDossiers?.total ?? 0 }
        public var citizenDaysPerYear: Double { figures.citizenDaysPerYear }
        public var staffHoursPerYear: Double { figures.staffHoursPerYear }

        /// How the process as written stands against its deadline: nil
        /// without one.
        public var deadlineFit: DeadlineFit? {
            guard let deadline = workflow.deadline else { return nil }
            if ProcedureAnalysis.fits(figures.mainLeadTime, deadline) == false { return .mainOver }
            if ProcedureAnalysis.fits(figures.p90, deadline) == false { return .p90Over }
            return .within
        }

        /// Main lead time or P90 above the deadline.
        public var isOverDeadline: Bool { deadlineFit.map { $0 != .within } ?? false }
    }

    /// The review's deadline column (ANALYSIS.md, "Over the deadline": the
    /// main lead time or P90 above it), telling which of the two it is.
    public enum DeadlineFit: Sendable, Hashable {
        /// The main scenario and P90 end by the deadline.
        case within
        /// The main scenario ends after it.
        case mainOver
        /// The main scenario ends by it, but more than one dossier in ten
        /// of the simulation does not.
        case p90Over
    }

    public let entries: [Entry]
    /// Files that could not be analysed, with their error count.
    public let failures: [(path: String, errors: Int)]
    /// The department's statistics and catalogue (empty without tables).
    public let records: Records
    /// Procedures of the records with no process file, by code: in the
    /// review's scope all the same (docs/records.md).
    public let unwritten: [ProcedureRecord]
    /// The rates the department is ranked on, per procedure and year.
    public let scorecard: Scorecard

    /// - Parameter records: the statistics and catalogue; the entries'
    ///   dossiers are expected to be joined already (`Flowcut.join`).
    public init(entries: [Entry], failures: [(path: String, errors: Int)] = [], records: Records = Records(), targets: Targets = .decision766) {
        self.entries = entries
        self.failures = failures
        self.records = records
        var written = Set<ProcedureCode>()
        var procedures: [Scorecard.Procedure] = []
        for e in entries {
            guard let code = e.workflow.code.flatMap(ProcedureCode.init) else { continue }
            // Two files of one code: the first given (a folder's: by path) speaks for it.
            guard written.insert(code).inserted else { continue }
            let record = records[code]
            procedures.append(
                Scorecard.Procedure(
                    code: code, name: e.workflow.name, file: e.path, service: e.workflow.service,
                    years: record?.years
                        ?? e.workflow.dossiers.map { d in
                            var c = PeriodCounts()
                            c.receivedOnline = d.online
                            c.receivedOffline = d.paper
                            return (d.year, c)
                        }, inRecords: record != nil))
        }
        unwritten = records.procedures.filter { !written.contains($0.code) }
        procedures += unwritten.map {
            Scorecard.Procedure(code: $0.code, name: $0.name ?? $0.code.short, file: nil, service: $0.service, years: $0.years, inRecords: true)
        }
        scorecard = Scorecard(procedures, targets: targets)
    }

    /// Procedures without a process file that carry dossiers, most in the
    /// latest year first (ties: code): the next ones to write down.
    public var unwrittenByDossiers: [ProcedureRecord] {
        let carrying = unwritten.filter { ($0.years.last?.counts.received ?? 0) > 0 }
        return carrying.sorted { a, b in
            let (x, y) = (a.years.last!.counts.received, b.years.last!.counts.received)
            return x != y ? x > y : a.code < b.code
        }
    }

    /// Online services without a process file and without a dossier in any
    /// year from 2018 on, by code.
    public var unwrittenOnlineWithoutDossiers: [ProcedureRecord] {
        unwritten.filter { r in
            let since = r.years.filter { $0.year >= 2018 }
            return r.service?.acceptsOnlineDossiers == true && !since.isEmpty && since.allSatisfy { $0.counts.received == 0 }
        }
    }

    /// Online services without a process file that the records count no year for.
    public var unwrittenOnlineWithoutCounts: [ProcedureRecord] {
        unwritten.filter { r in r.service?.acceptsOnlineDossiers == true && !r.years.contains { $0.year >= 2018 } }
    }

    /// Online services without a process file still taking paper in 2022 or later.
    public var unwrittenPaperAfterCutOver: [ProcedureRecord] {
        unwritten.filter { r in
            r.service?.acceptsOnlineDossiers == true && r.years.contains { $0.year >= 2022 && $0.counts.receivedOffline > 0 }
        }
    }

    /// By dossiers per year, most first (ties: path).
    public var byDossiers: [Entry] { sorted(by: \.dossiersPerYear, >) }

    /// By citizen-days saved per year, most first (ties: path).
    public var bySavings: [Entry] { sorted(by: \.citizenDaysPerYear, >) }

    /// The entries by `key` (`first` says which goes first), ties by path:
    /// each key worked out once, and indices sorted instead of entries.
    private func sorted<K: Equatable>(by key: (Entry) -> K, _ first: (K, K) -> Bool) -> [Entry] {
        let keys = entries.map(key)
        let paths = entries.map(\.path)
        return entries.indices.sorted { a, b in keys[a] != keys[b] ? first(keys[a], keys[b]) : paths[a] < paths[b] }
            .map { entries[$0] }
    }

    /// Every entry, by path.
    public var byPath: [Entry] { listed { _ in true } }

    /// The entries for which `include` holds, by path.
    private func listed(_ include: (Entry) -> Bool) -> [Entry] {
        let chosen = entries.indices.filter { include(entries[$0]) }
        return chosen.sorted { entries[$0].path < entries[$1].path }.map { entries[$0] }
    }

    public var citizenDaysPerYear: Double { entries.reduce(0) { $0 + $1.citizenDaysPerYear } }
    public var staffHoursPerYear: Double { entries.reduce(0) { $0 + $1.staffHoursPerYear } }

    /// Every year any procedure counts dossiers for, ascending.
    public var years: [Int] {
        Array(Set(entries.flatMap { $0.workflow.dossiers.map(\.year) } + unwritten.flatMap { $0.years.map(\.year) })).sorted()
    }

    /// Online share of the dossiers of one procedure in one year (nil without dossiers).
    public static func onlineShare(_ w: Workflow, year: Int) -> Double? {
        guard let d = w.dossiers.first(where: { $0.year == year }), d.total > 0 else { return nil }
        return Double(d.online) / Double(d.total)
    }

    /// Online share of all procedures' dossiers in one year (those
    /// without a process file included).
    public func onlineShare(year: Int) -> Double? {
        let counts =
            entries.compactMap { e in e.workflow.dossiers.first { $0.year == year } }
            + unwritten.compactMap { $0.counts(year: year) }.map { DossierCount(year: year, online: $0.receivedOnline, paper: $0.receivedOffline) }
        let total = counts.reduce(0) { $0 + $1.total }
        return total > 0 ? Double(counts.reduce(0) { $0 + $1.online }) / Double(total) : nil
    }

    /// Online services (level 3/4, một phần, toàn trình) that counted years
    /// from 2018 on and received no dossier in any of them: the list the
    /// letter's item 5 asks to review.
    public var onlineWithoutDossiers: [Entry] {
        listed { e in
            let w = e.workflow
            let since = w.dossiers.filter { $0.year >= 2018 }
            return w.service.acceptsOnlineDossiers && !since.isEmpty && since.allSatisfy { $0.total == 0 }
        }
    }

    /// Online services without any count from 2018 on: nobody can tell.
    public var onlineWithoutCounts: [Entry] {
        listed { e in
            e.workflow.service.acceptsOnlineDossiers && !e.workflow.dossiers.contains { $0.year >= 2018 }
        }
    }

    /// Online services still taking paper after the cut-over (the letter's
    /// item 4: online only from 2022): paper dossiers in 2022 or later, or
    /// paper steps in the process.
    public var paperAfterCutOver: [Entry] {
        listed { e in
            let w = e.workflow
            return w.service.acceptsOnlineDossiers
                && (w.dossiers.contains { $0.year >= 2022 && $0.paper > 0 } || w.steps.contains { $0.channel == .paper })
        }
    }

    /// Main lead time or P90 over the statutory deadline.
    public var overDeadline: [Entry] { listed(\.isOverDeadline) }
}
