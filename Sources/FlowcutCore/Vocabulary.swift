/// What a step is, in the categories published tables use.
public enum StepKind: String, CaseIterable, Sendable, Hashable {
    case intake, handoff, work, approval, consult, field, clerical, delivery, rework, delay

    /// The Lean class of the kind.
    public var leanClass: LeanClass {
        switch self {
        case .work: .valueAdding
        case .handoff, .rework, .delay: .waste
        case .intake, .approval, .consult, .field, .clerical, .delivery: .necessary
        }
    }
}

public enum LeanClass: String, Sendable, Hashable {
    case valueAdding = "value-adding"
    case necessary
    case waste
}

/// The channel a dossier travels on in a step.
public enum Channel: String, CaseIterable, Sendable, Hashable {
    case paper, online
}

/// The online public-service level of a procedure.
public enum ServiceLevel: String, CaseIterable, Sendable, Hashable {
    case none, level2, level3, level4, partial, full

    /// Level 3/4, một phần or toàn trình: dossiers can be submitted online.
    public var acceptsOnlineDossiers: Bool {
        switch self {
        case .level3, .level4, .partial, .full: true
        case .none, .level2: false
        }
    }

    /// For analysis `level3` ≈ `partial` and `level4` ≈ `full` (Decree 42/2022).
    public var decree42Equivalent: ServiceLevel {
        switch self {
        case .level3: .partial
        case .level4: .full
        default: self
        }
    }
}
