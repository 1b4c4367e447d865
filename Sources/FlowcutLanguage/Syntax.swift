import FlowcutCore

// The syntax tree: what the file says, as written, with a range for every
// piece. Declarations are kept by kind, in file order, in flat arrays (a
// million-step file must stay small); `lines` says how they are laid out, for
// the formatter. Literals keep their range only: their text as written is
// read back from the file (`SourceFile.text(_:)`).

/// An identifier or keyword as written.
public struct Name: Hashable, Sendable {
    public var text: String
    public var range: SourceRange
}

public struct StringLiteral: Hashable, Sendable {
    /// The value, escapes decoded.
    public var value: String
    public var range: SourceRange
}

/// A unit of time as written.
public enum TimeUnit: UInt8, Sendable, Hashable {
    case minutes, hours, days, weeks

    public init?(symbol: String) {
        guard symbol.utf8.count == 1, let byte = symbol.utf8.first else { return nil }
        self.init(symbol: byte)
    }

    /// From the unit's one ASCII letter.
    init?(symbol byte: UInt8) {
        switch byte {
        case UInt8(ascii: "m"): self = .minutes
        case UInt8(ascii: "h"): self = .hours
        case UInt8(ascii: "d"): self = .days
        case UInt8(ascii: "w"): self = .weeks
        default: return nil
        }
    }

    public var symbol: String {
        switch self {
        case .minutes: "m"
        case .hours: "h"
        case .days: "d"
        case .weeks: "w"
        }
    }

    /// Working hours in one of this unit.
    public func hours(workdayHours: Double) -> Double {
        switch self {
        case .minutes: 1.0 / 60
        case .hours: 1
        case .days: workdayHours
        case .weeks: workdayHours * 5
        }
    }
}

/// One point of a duration: `0,5d`.
public struct DurationPoint: Hashable, Sendable {
    public var value: Double
    public var unit: TimeUnit
}

/// A duration as written: one, two (range) or three (PERT) points, stored
/// inline in 48 bytes (no array per duration).
public struct DurationLiteral: Hashable, Sendable {
    public var range: SourceRange
    private var v0: Double, v1: Double, v2: Double
    private var u0: TimeUnit, u1: TimeUnit, u2: TimeUnit
    /// 1, 2 or 3.
    public private(set) var pointCount: UInt8

    /// Up to three points, and how many more were written, without an array.
    struct Points {
        private var p0 = DurationPoint(value: 0, unit: .hours)
        private var p1 = DurationPoint(value: 0, unit: .hours)
        private var p2 = DurationPoint(value: 0, unit: .hours)
        private(set) var count = 0

        mutating func append(_ p: DurationPoint) {
            switch count {
            case 0: p0 = p
            case 1: p1 = p
            case 2: p2 = p
            default: break
            }
            count += 1
        }

        subscript(i: Int) -> DurationPoint { i == 0 ? p0 : i == 1 ? p1 : p2 }
    }

    init(range: SourceRange, points: Points) {
        self.range = range
        v0 = points[0].value
        u0 = points[0].unit
        v1 = points.count > 1 ? points[1].value : 0
        u1 = points.count > 1 ? points[1].unit : .hours
        v2 = points.count > 2 ? points[2].value : 0
        u2 = points.count > 2 ? points[2].unit : .hours
        pointCount = UInt8(max(1, min(points.count, 3)))
    }

    init(range: SourceRange, points: [DurationPoint]) {
        var inline = Points()
        for p in points { inline.append(p) }
        self.init(range: range, points: inline)
    }

    public var points: [DurationPoint] {
        let all = [DurationPoint(value: v0, unit: u0), DurationPoint(value: v1, unit: u1), DurationPoint(value: v2, unit: u2)]
        return Array(all.prefix(Int(pointCount)))
    }

    /// In working hours, with `workdayHours` hours per day.
    public func estimate(workdayHours: Double) -> TimeEstimate {
        let h0 = v0 * u0.hours(workdayHours: workdayHours)
        switch pointCount {
        case 3: return .threePoint(min: h0, likely: v1 * u1.hours(workdayHours: workdayHours), max: v2 * u2.hours(workdayHours: workdayHours))
        case 2: return .range(min: h0, max: v1 * u1.hours(workdayHours: workdayHours))
        default: return .single(h0)
        }
    }
}

public struct PercentLiteral: Hashable, Sendable {
    /// 0…100 as written.
    public var value: Double
    public var range: SourceRange
}

public struct NumberLiteral: Hashable, Sendable {
    public var value: Int
    public var range: SourceRange
}

/// `procedure "Name"`
public struct ProcedureDecl: Hashable, Sendable {
    public var keyword: SourceRange
    public var name: StringLiteral
}

/// A header property: `code`, `agency`, `field`, `deadline`, `target`, `service`, `workday`.
public struct PropertyDecl: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case string(StringLiteral)
        case duration(DurationLiteral)
        case level(Name)
    }

    public var keyword: Name
    public var value: Value
}

/// `dossiers YEAR online N paper N`
public struct DossiersDecl: Hashable, Sendable {
    public var keyword: SourceRange
    public var year: NumberLiteral
    public var online: NumberLiteral?
    public var paper: NumberLiteral?
}

/// `actor ID "Label" [external]`
public struct ActorDecl: Hashable, Sendable {
    public var keyword: SourceRange
    public var id: Name
    public var label: StringLiteral
    public var isExternal: Bool
}

/// `step ID "Label" ATTRIBUTE...`, attributes in fields (each may be written once).
public struct StepDecl: Hashable, Sendable {
    public var keyword: SourceRange
    public var id: Name
    /// The label's value (its place is not needed: nothing points at it).
    public var label: String
    public var actor: Name?
    public var duration: DurationLiteral?
    public var wait: DurationLiteral?
    public var kind: StepKind?
    public var channel: Channel?
    public var isFixed = false
    public var endsCase = false
    public var note: String?
}

/// `start ID...`
public struct StartDecl: Hashable, Sendable {
    public var keyword: SourceRange
    public var steps: [Name]
}

/// `-> TARGET [N%] ["label"]`, one link of a flow chain.
public struct FlowLink: Hashable, Sendable {
    public var target: Name
    /// The probability and label, which few links have, out of line: a
    /// million-arrow file keeps 40 bytes a link instead of 96.
    private var extra: Extra?

    private final class Extra: Hashable, Sendable {
        let probability: PercentLiteral?
        let label: StringLiteral?

        init(_ probability: PercentLiteral?, _ label: StringLiteral?) {
            self.probability = probability
            self.label = label
        }

        static func == (a: Extra, b: Extra) -> Bool { a.probability == b.probability && a.label == b.label }

        func hash(into hasher: inout Hasher) {
            hasher.combine(probability)
            hasher.combine(label)
        }
    }

    public init(target: Name, probability: PercentLiteral?, label: StringLiteral?) {
        self.target = target
        extra = probability == nil && label == nil ? nil : Extra(probability, label)
    }

    public var probability: PercentLiteral? {
        get { extra?.probability }
        set { extra = newValue == nil && label == nil ? nil : Extra(newValue, label) }
    }

    public var label: StringLiteral? {
        get { extra?.label }
        set { extra = newValue == nil && probability == nil ? nil : Extra(probability, newValue) }
    }
}

/// `A -> B -> C`: the first step, and its links in `SyntaxTree.flowLinks`.
public struct FlowDecl: Hashable, Sendable {
    public var first: Name
    /// Stored as 32-bit positions (40 bytes a declaration, not 48).
    private var linkStart: Int32, linkEnd: Int32

    public init(first: Name, links: Range<Int>) {
        self.first = first
        linkStart = Int32(truncatingIfNeeded: links.lowerBound)
        linkEnd = Int32(truncatingIfNeeded: links.upperBound)
    }

    public var links: Range<Int> {
        get { Int(linkStart)..<Int(linkEnd) }
        set {
            linkStart = Int32(truncatingIfNeeded: newValue.lowerBound)
            linkEnd = Int32(truncatingIfNeeded: newValue.upperBound)
        }
    }
}

/// `proposal "Name"`
public struct ProposalDecl: Hashable, Sendable {
    public var keyword: SourceRange
    public var name: StringLiteral
}

/// A change statement inside a proposal block.
public struct ChangeDecl: Hashable, Sendable {
    public enum Form: Hashable, Sendable {
        case cut(Name)
        case shorten(Name, DurationLiteral)
        case shortenWait(Name, DurationLiteral)
        case shortenBy(Name, PercentLiteral)
        case merge(Name, Name, actor: Name?, duration: DurationLiteral?)
        case parallel(Name, Name)
        case online([Name], DurationLiteral?)
        case chance(Name, Name, PercentLiteral)
    }

    public var keyword: Name
    public var form: Form
    public var reason: StringLiteral?
}

/// What kind of statement a line holds, and where its declaration is.
public struct StatementRef: Hashable, Sendable {
    public enum Kind: UInt8, Hashable, Sendable {
        case procedure, property, dossiers, actor, step, start, flow, proposal, change
    }

    public var kind: Kind
    /// Index into the tree's array for that kind.
    public var index: Int
}

/// One line of the file as the formatter sees it.
public enum SyntaxLine: Hashable, Sendable {
    case blank
    /// A line holding only a comment (text from `#`).
    case comment(String)
    /// A statement, with the comment that ends its line, if any.
    case statement(StatementRef, comment: String?)
    /// A line with errors, kept verbatim.
    case unparsed(String, comment: String?)
}

/// A parsed file: its declarations, every error met on the way, and (when
/// asked for) the layout of its lines.
public struct SyntaxTree: Sendable {
    public var file: SourceFile
    public var diagnostics: [Diagnostic] = []
    /// IDs read from lines that did not parse (see `BrokenDeclaration`).
    public var brokenDeclarations: [BrokenDeclaration] = []
    /// The file's first statement, to check that it is `procedure`.
    public var firstStatement: (kind: StatementRef.Kind, range: SourceRange)?

    public var procedures: [ProcedureDecl] = []
    public var properties: [PropertyDecl] = []
    public var dossiers: [DossiersDecl] = []
    public var actors: [ActorDecl] = []
    public var steps: Segmented<StepDecl> = []
    public var starts: [StartDecl] = []
    public var flows: Segmented<FlowDecl> = []
    public var flowLinks: Segmented<FlowLink> = []
    public var proposals: [ProposalDecl] = []
    public var changes: [ChangeDecl] = []

    /// Every line, in order; empty unless the parse kept the layout.
    public var lines: [SyntaxLine] = []
    /// Whether `lines` was kept.
    public var hasLayout = false

    public init(file: SourceFile) {
        self.file = file
    }

    /// Whether any statement was read.
    public var isEmpty: Bool { firstStatement == nil }
}
