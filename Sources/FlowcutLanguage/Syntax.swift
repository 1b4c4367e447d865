import FlowcutCore

// The syntax tree: what the file says, as written, with a range for every
// piece. The resolver turns it into a `Workflow`; the formatter prints it back.

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
public enum TimeUnit: String, Sendable, Hashable {
    case minutes = "m", hours = "h", days = "d", weeks = "w"
}

/// One point of a duration: `0,5d`.
public struct DurationPoint: Hashable, Sendable {
    public var value: Double
    public var unit: TimeUnit
}

/// A duration as written: one, two (range) or three (PERT) points.
public struct DurationLiteral: Hashable, Sendable {
    /// The text as written (kept by the formatter).
    public var text: String
    public var points: [DurationPoint]
    public var range: SourceRange

    /// In working hours, with `workdayHours` hours per day.
    public func estimate(workdayHours: Double) -> TimeEstimate {
        let hours = points.map { point -> Double in
            switch point.unit {
            case .minutes: point.value / 60
            case .hours: point.value
            case .days: point.value * workdayHours
            case .weeks: point.value * workdayHours * 5
            }
        }
        switch hours.count {
        case 1: return .single(hours[0])
        case 2: return .range(min: hours[0], max: hours[1])
        default: return .threePoint(min: hours[0], likely: hours[1], max: hours[2])
        }
    }
}

public struct PercentLiteral: Hashable, Sendable {
    public var text: String
    /// 0…100 as written.
    public var value: Double
    public var range: SourceRange
}

public struct NumberLiteral: Hashable, Sendable {
    public var text: String
    public var value: Int
    public var range: SourceRange
}

/// `procedure "Name"`
public struct ProcedureDecl: Hashable, Sendable {
    public var keyword: Name
    public var name: StringLiteral
}

/// A header property: `code`, `agency`, `field`, `deadline`, `target`, `service`, `workday`.
public struct PropertyDecl: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case string(StringLiteral)
        case duration(DurationLiteral)
        case level(Name)

        public var range: SourceRange {
            switch self {
            case .string(let s): s.range
            case .duration(let d): d.range
            case .level(let n): n.range
            }
        }
    }

    public var keyword: Name
    public var value: Value
}

/// `dossiers YEAR online N paper N`
public struct DossiersDecl: Hashable, Sendable {
    public var keyword: Name
    public var year: NumberLiteral
    public var online: NumberLiteral?
    public var paper: NumberLiteral?
}

/// `actor ID "Label" [external]`
public struct ActorDecl: Hashable, Sendable {
    public var keyword: Name
    public var id: Name
    public var label: StringLiteral
    public var external: Name?
}

/// One attribute of a step line.
public enum StepAttribute: Hashable, Sendable {
    case actor(keyword: Name, actor: Name)
    case duration(DurationLiteral)
    case wait(keyword: Name, duration: DurationLiteral)
    case kind(Name, StepKind)
    case channel(Name, Channel)
    case fixed(Name)
    case note(keyword: Name, text: StringLiteral)

    public var range: SourceRange {
        switch self {
        case .actor(let k, let a): k.range.extended(to: a.range)
        case .duration(let d): d.range
        case .wait(let k, let d): k.range.extended(to: d.range)
        case .kind(let n, _), .channel(let n, _), .fixed(let n): n.range
        case .note(let k, let t): k.range.extended(to: t.range)
        }
    }
}

/// `step ID "Label" ATTRIBUTE...`
public struct StepDecl: Hashable, Sendable {
    public var keyword: Name
    public var id: Name
    public var label: StringLiteral
    public var attributes: [StepAttribute]
}

/// `start ID...`
public struct StartDecl: Hashable, Sendable {
    public var keyword: Name
    public var steps: [Name]
}

/// `-> TARGET [N%] ["label"]`, one link of a flow chain.
public struct FlowLink: Hashable, Sendable {
    public var arrow: SourceRange
    public var target: Name
    public var probability: PercentLiteral?
    public var label: StringLiteral?
}

/// `A -> B -> C`
public struct FlowDecl: Hashable, Sendable {
    public var first: Name
    public var links: [FlowLink]
}

/// `proposal "Name"`
public struct ProposalDecl: Hashable, Sendable {
    public var keyword: Name
    public var name: StringLiteral
}

/// A change statement inside a proposal block.
public struct ChangeDecl: Hashable, Sendable {
    public enum Form: Hashable, Sendable {
        case cut(Name)
        case shorten(Name, DurationLiteral)
        case shortenWait(Name, wait: Name, DurationLiteral)
        case shortenBy(Name, by: Name, PercentLiteral)
        case merge(Name, Name, by: Name?, actor: Name?, duration: DurationLiteral?)
        case parallel(Name, Name)
        case online([Name], DurationLiteral?)
        case chance(Name, arrow: SourceRange, Name, PercentLiteral)
    }

    public var keyword: Name
    public var form: Form
    public var reason: StringLiteral?
}

/// One statement: one line of the file.
public enum Statement: Hashable, Sendable {
    case procedure(ProcedureDecl)
    case property(PropertyDecl)
    case dossiers(DossiersDecl)
    case actor(ActorDecl)
    case step(StepDecl)
    case start(StartDecl)
    case flow(FlowDecl)
    case proposal(ProposalDecl)
    case change(ChangeDecl)

    /// The range of the statement's first token.
    public var leadingRange: SourceRange {
        switch self {
        case .procedure(let d): d.keyword.range
        case .property(let d): d.keyword.range
        case .dossiers(let d): d.keyword.range
        case .actor(let d): d.keyword.range
        case .step(let d): d.keyword.range
        case .start(let d): d.keyword.range
        case .flow(let d): d.first.range
        case .proposal(let d): d.keyword.range
        case .change(let d): d.keyword.range
        }
    }
}

/// One line of the file as the formatter sees it.
public enum SyntaxLine: Hashable, Sendable {
    case blank
    /// A line holding only a comment (text from `#`).
    case comment(String)
    /// A statement, with the comment that ends its line, if any.
    case statement(Statement, comment: String?)
    /// A line with errors, kept verbatim.
    case unparsed(String, comment: String?)
}

/// A parsed file: every line, and every error met on the way.
public struct SyntaxTree: Sendable {
    public var file: SourceFile
    public var lines: [SyntaxLine]
    public var diagnostics: [Diagnostic]
    /// IDs read from lines that did not parse (see `BrokenDeclaration`).
    public var brokenDeclarations: [BrokenDeclaration] = []

    public init(file: SourceFile, lines: [SyntaxLine], diagnostics: [Diagnostic]) {
        self.file = file
        self.lines = lines
        self.diagnostics = diagnostics
    }

    /// The statements in file order.
    public var statements: [Statement] {
        lines.compactMap { line in
            if case .statement(let s, _) = line { return s }
            return nil
        }
    }
}
