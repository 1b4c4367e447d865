import FlowcutCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    import Foundation
#endif

/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64: the same
/// seed gives the same numbers on every machine.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1), 53 random bits.
    @inline(__always)
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal (Marsaglia's polar method; only sqrt and log).
    public mutating func normal() -> Double {
        while true {
            let u = 2 * unit() - 1
            let v = 2 * unit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * log(s) / s).squareRoot() }
        }
    }

    /// Gamma(shape, 1) for shape ≥ 1 (Marsaglia and Tsang, 2000).
    public mutating func gamma(shape: Double) -> Double {
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = unit()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// Beta(α, β) for α, β ≥ 1, from two gammas.
    public mutating func beta(_ alpha: Double, _ beta: Double) -> Double {
        let x = gamma(shape: alpha)
        let y = gamma(shape: beta)
        return x / (x + y)
    }
}

/// How a step's time is drawn in the simulation.
public enum TimeDistribution: Sendable, Hashable {
    case constant(Double)
    /// Uniform on [min, max].
    case uniform(Double, Double)
    /// PERT: min + (max − min)·Beta(α, β), α = 1 + 4(likely − min)/(max − min),
    /// β = 1 + 4(max − likely)/(max − min); its mean is (min + 4·likely + max)/6.
    case pert(min: Double, width: Double, alpha: Double, beta: Double)

    public init(_ e: TimeEstimate) {
        switch e {
        case .single(let v): self = .constant(v)
        case .range(let lo, let hi): self = lo == hi ? .constant(lo) : .uniform(lo, hi)
        case .threePoint(let lo, let likely, let hi):
            let width: Double = hi - lo
            if width == 0 {
                self = .constant(lo)
            } else {
                let alpha: Double = 1 + 4 * (likely - lo) / width
                let beta: Double = 1 + 4 * (hi - likely) / width
                self = .pert(min: lo, width: width, alpha: alpha, beta: beta)
            }
        }
    }

    @inline(__always)
    public func draw(_ random: inout SeededRandom) -> Double {
        switch self {
        case .constant(let v): v
        case .uniform(let lo, let hi): lo + (hi - lo) * random.unit()
        case .pert(let lo, let width, let a, let b): lo + width * random.beta(a, b)
        }
    }
}
