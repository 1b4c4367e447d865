import FlowcutCore

/// The rates a department is ranked on (Decision 766/QĐ-TTg's index, as
/// docs/records.md explains each formula), and what it aims for.
public struct Targets: Sendable, Hashable {
    /// On-time rate aimed at (766: full points at 100%).
    public var onTime: Double
    /// Online share aimed at (766: full points at 50% of all received).
    public var online: Double
    /// Share of online services with at least one online dossier aimed at (766: 100%).
    public var servicesWithDossiers: Double

    public init(onTime: Double = 1, online: Double = 0.5, servicesWithDossiers: Double = 1) {
        self.onTime = onTime
        self.online = online
        self.servicesWithDossiers = servicesWithDossiers
    }

    public static let decision766 = Targets()
}

/// The scorecard: per procedure and year the counts of report 06a and the
/// rates they give; per year the department's; and the procedures that
/// keep each rate from its target.
public struct Scorecard: Sendable {
    /// One procedure in one year.
    public struct Row: Sendable {
        public var code: ProcedureCode
        public var name: String
        /// The process file, if the procedure has one.
        public var file: String?
        public var year: Int
        public var counts: PeriodCounts
        public var onTimeRate: Double? { counts.onTimeRate }
        public var onlineShare: Double? { counts.onlineShare }
    }

    /// The department in one year.
    public struct Year: Sendable {
        public var year: Int
        /// Every row's counts added.
        public var counts: PeriodCounts
        /// The on-time rate over the rows that report resolution (a process
        /// file's `dossiers` line counts only what was received).
        public var onTimeRate: Double?
        public var onlineShare: Double? { counts.onlineShare }
        /// Online services counted this year, and those with at least one online dossier.
        public var onlineServices: Int
        public var onlineServicesWithDossiers: Int
        public var servicesShare: Double? { onlineServices > 0 ? Double(onlineServicesWithDossiers) / Double(onlineServices) : nil }
    }

    /// A procedure keeping a rate under its target: how many dossiers would
    /// have had to be on time (or online) for the department to get there.
    public struct Shortfall: Sendable {
        public var code: ProcedureCode
        public var name: String
        public var file: String?
        public var dossiers: Int
    }

    public var targets: Targets
    /// By code, then year.
    public var rows: [Row]
    /// Ascending.
    public var years: [Year]
    /// In the latest year, most dossiers first (ties: code).
    public var onTimeShortfalls: [Shortfall]
    public var onlineShortfalls: [Shortfall]
    /// Online services with no online dossier in the latest year, by code.
    public var servicesWithoutOnlineDossiers: [Shortfall]

    public var latestYear: Year? { years.last }
    public var isEmpty: Bool { rows.isEmpty }

    /// A procedure of the review, as the scorecard needs it.
    public struct Procedure: Sendable {
        public var code: ProcedureCode
        public var name: String
        public var file: String?
        public var service: ServiceLevel?
        /// By year, ascending.
        public var years: [(year: Int, counts: PeriodCounts)]
        /// Whether the department's records hold it (then a year without a
        /// row, in a year the records count, had no dossiers).
        public var inRecords: Bool

        public init(
            code: ProcedureCode, name: String, file: String?, service: ServiceLevel?, years: [(year: Int, counts: PeriodCounts)], inRecords: Bool
        ) {
            self.code = code
            self.name = name
            self.file = file
            self.service = service
            self.years = years
            self.inRecords = inRecords
        }
    }

    public init(_ procedures: [Procedure], targets: Targets = .decision766) {
        self.targets = targets
        let sorted = procedures.sorted { $0.code < $1.code }
        rows = sorted.flatMap { p in p.years.map { Row(code: p.code, name: p.name, file: p.file, year: $0.year, counts: $0.counts) } }
        let recordYears = Set(sorted.filter(\.inRecords).flatMap { $0.years.map(\.year) })
        let allYears = Set(rows.map(\.year)).sorted()
        var years: [Year] = []
        for year in allYears {
            var counts = PeriodCounts()
            var resolved = PeriodCounts()
            var services = 0
            var withDossiers = 0
            for p in sorted {
                let c = p.years.first { $0.year == year }?.counts
                if let c {
                    counts = counts + c
                    if c.hasResolution { resolved = resolved + c }
                }
                if p.service?.acceptsOnlineDossiers == true && (c != nil || (p.inRecords && recordYears.contains(year))) {
                    services += 1
                    if (c?.receivedOnline ?? 0) > 0 { withDossiers += 1 }
                }
            }
            years.append(
                Year(year: year, counts: counts, onTimeRate: resolved.onTimeRate, onlineServices: services, onlineServicesWithDossiers: withDossiers))
        }
        self.years = years
        var onTime: [Shortfall] = []
        var online: [Shortfall] = []
        var without: [Shortfall] = []
        if let latest = allYears.last {
            for p in sorted {
                let c = p.years.first { $0.year == latest }?.counts
                if let c {
                    let lateNeeded = Self.needed(targets.onTime, of: c.toHandle, have: c.onTime)
                    if c.hasResolution && lateNeeded > 0 { onTime.append(Shortfall(code: p.code, name: p.name, file: p.file, dossiers: lateNeeded)) }
                    let onlineNeeded = Self.needed(targets.online, of: c.received, have: c.receivedOnline)
                    if onlineNeeded > 0 { online.append(Shortfall(code: p.code, name: p.name, file: p.file, dossiers: onlineNeeded)) }
                }
                if p.service?.acceptsOnlineDossiers == true, (c?.receivedOnline ?? 0) == 0, c != nil || (p.inRecords && recordYears.contains(latest)) {
                    without.append(Shortfall(code: p.code, name: p.name, file: p.file, dossiers: c?.received ?? 0))
                }
            }
        }
        let byDossiers = { (a: Shortfall, b: Shortfall) in a.dossiers != b.dossiers ? a.dossiers > b.dossiers : a.code < b.code }
        onTimeShortfalls = onTime.sorted(by: byDossiers)
        onlineShortfalls = online.sorted(by: byDossiers)
        servicesWithoutOnlineDossiers = without
    }

    /// Dossiers that would have to change for `have` of `total` to reach
    /// `target`: the smallest whole number n with have + n ≥ target × total.
    public static func needed(_ target: Double, of total: Int, have: Int) -> Int {
        guard total > 0 else { return 0 }
        let aim = target * Double(total)
        // A target × total that is a whole number but for rounding (0.5 × 30) is that number.
        let rounded = aim.rounded()
        let goal = abs(aim - rounded) < 1e-9 ? Int(rounded) : Int(aim.rounded(.up))
        return max(0, goal - have)
    }
}
