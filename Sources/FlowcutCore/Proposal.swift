/// A named set of changes to a procedure: one alternative to compare.
public struct Proposal: Sendable, Hashable {
    public var name: String
    public var changes: [Change]
    public var range: SourceRange?

    public init(name: String, changes: [Change], range: SourceRange? = nil) {
        self.name = name
        self.changes = changes
        self.range = range
    }
}

/// One change statement of a proposal, with its reason.
public struct Change: Sendable, Hashable {
    public var action: ChangeAction
    public var reason: String?
    public var range: SourceRange?

    public init(_ action: ChangeAction, reason: String? = nil, range: SourceRange? = nil) {
        self.action = action
        self.reason = reason
        self.range = range
    }
}

/// What a change statement does. Steps are named by ID, so that a change
/// still means the same step after earlier changes moved the others.
public enum ChangeAction: Sendable, Hashable {
    /// `cut ID`
    case cut(String)
    /// `shorten ID DURATION`
    case shorten(String, to: TimeEstimate)
    /// `shorten ID wait DURATION`
    case shortenWait(String, to: TimeEstimate)
    /// `shorten ID by N%` (percent as 0…100)
    case shortenBy(String, percent: Double)
    /// `merge A B [by ACTOR] [DURATION]`
    case merge(String, String, actor: String?, duration: TimeEstimate?)
    /// `parallel A B`
    case parallel(String, String)
    /// `online ID... [DURATION]`
    case online([String], duration: TimeEstimate?)
    /// `chance A -> B N%` (percent as 0…100)
    case chance(from: String, to: String, percent: Double)

    /// The statement's keyword.
    public var keyword: String {
        switch self {
        case .cut: "cut"
        case .shorten, .shortenWait, .shortenBy: "shorten"
        case .merge: "merge"
        case .parallel: "parallel"
        case .online: "online"
        case .chance: "chance"
        }
    }

    /// Every step the statement names.
    public var stepIDs: [String] {
        switch self {
        case .cut(let s), .shorten(let s, _), .shortenWait(let s, _), .shortenBy(let s, _): [s]
        case .merge(let a, let b, _, _), .parallel(let a, let b): [a, b]
        case .online(let ids, _): ids
        case .chance(let a, let b, _): [a, b]
        }
    }
}
