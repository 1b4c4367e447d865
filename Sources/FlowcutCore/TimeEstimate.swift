/// How long something takes, in working hours: one value, a uniform range,
/// or a three-point (PERT) estimate.
public enum TimeEstimate: Hashable, Sendable {
    case single(Double)
    case range(min: Double, max: Double)
    case threePoint(min: Double, likely: Double, max: Double)

    public static let zero = TimeEstimate.single(0)

    /// The mean: the value; the midpoint of a range; (MIN + 4·LIKELY + MAX) / 6.
    public var mean: Double {
        switch self {
        case .single(let v): v
        case .range(let lo, let hi): (lo + hi) / 2
        case .threePoint(let lo, let likely, let hi): (lo + 4 * likely + hi) / 6
        }
    }

    public var minimum: Double {
        switch self {
        case .single(let v): v
        case .range(let lo, _): lo
        case .threePoint(let lo, _, _): lo
        }
    }

    public var maximum: Double {
        switch self {
        case .single(let v): v
        case .range(_, let hi): hi
        case .threePoint(_, _, let hi): hi
        }
    }

    public var isZero: Bool { maximum == 0 }

    /// Every point multiplied by `factor` (used by `shorten ... by N%`).
    public func scaled(by factor: Double) -> TimeEstimate {
        switch self {
        case .single(let v): .single(v * factor)
        case .range(let lo, let hi): .range(min: lo * factor, max: hi * factor)
        case .threePoint(let lo, let likely, let hi): .threePoint(min: lo * factor, likely: likely * factor, max: hi * factor)
        }
    }
}
