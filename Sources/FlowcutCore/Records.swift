/// A national procedure code (mã TTHC) in its short form, `1.001806`.
/// Systems print it long (`1.001806.000.00.00.H12`) or without the dot
/// (`1001806`); all three are one procedure.
public struct ProcedureCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `1.001806`.
    public let short: String

    /// The code in any of its spellings, or nil when it does not parse: a
    /// digit, a dot and six digits, then optionally `.` and the long form's
    /// parts; or seven digits. Spaces (also non-breaking) around it are dropped.
    public init?(_ text: String) {
        // The usual spellings, ASCII without spaces, read from the bytes.
        let bytes = Array(text.utf8)
        if !bytes.isEmpty, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            func digit(_ i: Int) -> Bool { bytes[i] >= 0x30 && bytes[i] <= 0x39 }
            if bytes.count >= 8, digit(0), bytes[1] == 0x2E, (2..<8).allSatisfy(digit), bytes.count == 8 || bytes[8] == 0x2E {
                short = String(decoding: bytes[0..<8], as: UTF8.self)
                return
            }
            if bytes.count == 7, (0..<7).allSatisfy(digit) {
                short = String(decoding: bytes[0..<1], as: UTF8.self) + "." + String(decoding: bytes[1..<7], as: UTF8.self)
                return
            }
            return nil
        }
        let scalars = Array(text.unicodeScalars.filter { !$0.properties.isWhitespace })
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { scalars[$0].properties.numericType == .decimal && scalars[$0].isASCII } }
        if scalars.count >= 8, digits(0..<1), scalars[1] == ".", digits(2..<8), scalars.count == 8 || scalars[8] == "." {
            short = String(String.UnicodeScalarView(scalars[0..<8]))
        } else if scalars.count == 7, digits(0..<7) {
            short = String(String.UnicodeScalarView(scalars[0..<1])) + "." + String(String.UnicodeScalarView(scalars[1..<7]))
        } else {
            return nil
        }
    }

    public var description: String { short }
    public static func < (a: ProcedureCode, b: ProcedureCode) -> Bool { a.short < b.short }
}

/// One period's dossiers of one procedure, in the columns of the one-stop
/// system's report 06a (docs/records.md).
public struct PeriodCounts: Sendable, Hashable {
    /// Received in the period online.
    public var receivedOnline = 0
    /// Received in the period in person or by post (post is not online).
    public var receivedOffline = 0
    /// Carried over from the period before, still open.
    public var carriedOver = 0
    /// Resolved before the appointment date.
    public var resolvedEarly = 0
    /// Resolved on the appointment date; returned or withdrawn dossiers count here.
    public var resolvedOnTime = 0
    public var resolvedLate = 0
    /// Still open and within their term (waiting for supplements included).
    public var openWithinTerm = 0
    public var openLate = 0

    public init() {}

    public var received: Int { receivedOnline + receivedOffline }
    /// What the period had to handle: received and carried over.
    public var toHandle: Int { received + carriedOver }
    /// What the period accounts for: resolved and still open.
    public var accountedFor: Int { resolvedEarly + resolvedOnTime + resolvedLate + openWithinTerm + openLate }
    /// Counted as on time by Decision 766: resolved early or on time, and open within term.
    public var onTime: Int { resolvedEarly + resolvedOnTime + openWithinTerm }
    /// Whether any column of report 06a beyond what was received is filled.
    public var hasResolution: Bool { carriedOver + accountedFor > 0 }

    /// Decision 766's on-time rate: (early + on time + open within term) ÷
    /// (received + carried over); nil when there was nothing to handle or
    /// the table says nothing of resolution.
    public var onTimeRate: Double? {
        guard toHandle > 0, hasResolution else { return nil }
        return Double(onTime) / Double(toHandle)
    }

    /// Online ÷ received; nil when nothing was received.
    public var onlineShare: Double? { received > 0 ? Double(receivedOnline) / Double(received) : nil }

    /// A year from its periods in order: what was received and resolved
    /// adds up; what was carried over is the first period's, what is still
    /// open the last period's (a dossier open at the end of March is the one
    /// carried into April, not a second dossier).
    public static func year(_ periods: [PeriodCounts]) -> PeriodCounts {
        var y = PeriodCounts()
        for p in periods {
            y.receivedOnline += p.receivedOnline
            y.receivedOffline += p.receivedOffline
            y.resolvedEarly += p.resolvedEarly
            y.resolvedOnTime += p.resolvedOnTime
            y.resolvedLate += p.resolvedLate
        }
        if let first = periods.first { y.carriedOver = first.carriedOver }
        if let last = periods.last {
            y.openWithinTerm = last.openWithinTerm
            y.openLate = last.openLate
        }
        return y
    }

    /// Counts of several procedures in one year, added.
    public static func + (a: PeriodCounts, b: PeriodCounts) -> PeriodCounts {
        var s = a
        s.receivedOnline += b.receivedOnline
        s.receivedOffline += b.receivedOffline
        s.carriedOver += b.carriedOver
        s.resolvedEarly += b.resolvedEarly
        s.resolvedOnTime += b.resolvedOnTime
        s.resolvedLate += b.resolvedLate
        s.openWithinTerm += b.openWithinTerm
        s.openLate += b.openLate
        return s
    }
}

/// A procedure as the department's records know it: the catalogue's line
/// (name, level, deadline, sector) and its counts by year.
public struct ProcedureRecord: Sendable {
    public var code: ProcedureCode
    public var name: String?
    public var service: ServiceLevel?
    /// Statutory deadline in working days, as the catalogue writes it.
    public var deadlineDays: Double?
    public var sector: String?
    /// By year, ascending.
    public var years: [(year: Int, counts: PeriodCounts)]
    /// Where it was read (the table's file).
    public var source: String

    public init(
        code: ProcedureCode, name: String? = nil, service: ServiceLevel? = nil, deadlineDays: Double? = nil, sector: String? = nil,
        years: [(year: Int, counts: PeriodCounts)] = [], source: String = ""
    ) {
        self.code = code
        self.name = name
        self.service = service
        self.deadlineDays = deadlineDays
        self.sector = sector
        self.years = years
        self.source = source
    }

    public func counts(year: Int) -> PeriodCounts? { years.first { $0.year == year }?.counts }

    /// The years as a process file's `dossiers` lines would count them.
    public var dossiers: [DossierCount] {
        years.map { DossierCount(year: $0.year, online: $0.counts.receivedOnline, paper: $0.counts.receivedOffline) }
    }
}

/// The department's records: every procedure of its statistics and
/// catalogue tables, by code.
public struct Records: Sendable {
    /// By code, ascending.
    public var procedures: [ProcedureRecord]

    public init(procedures: [ProcedureRecord] = []) {
        self.procedures = procedures.sorted { $0.code < $1.code }
    }

    public var isEmpty: Bool { procedures.isEmpty }

    public subscript(code: ProcedureCode) -> ProcedureRecord? {
        var low = 0
        var high = procedures.count
        while low < high {
            let mid = (low + high) / 2
            if procedures[mid].code < code { low = mid + 1 } else { high = mid }
        }
        return low < procedures.count && procedures[low].code == code ? procedures[low] : nil
    }
}
