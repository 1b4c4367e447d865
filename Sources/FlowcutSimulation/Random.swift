import FlowcutCore
import FlowcutTiming

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    import Foundation
#endif

/// Where the simulation's random numbers come from: every draw has a key —
/// the case, the step (by its ID), the step's visit in that case, and what
/// is drawn (wait, duration, branch) — and comes from its own SplitMix64
/// stream seeded by that key (Steele, Lea and Flood, 2014). So the same
/// seed gives the same numbers on every machine, and two versions of a
/// process draw the same numbers for the steps they share: the before and
/// after analyses of a change differ by the change, not by noise (common
/// random numbers), and a change can be measured by redrawing only the
/// steps it touches.
public enum DrawKey {
    public static let wait: UInt64 = 0
    public static let duration: UInt64 = 1
    public static let branch: UInt64 = 2

    /// SplitMix64's finaliser: a bijection that mixes every bit.
    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 { StableHash.mix(x) }

    /// A step's key: 64-bit FNV-1a of its ID, mixed.
    public static func step(_ id: String) -> UInt64 { StableHash.of(id) }

    @inline(__always)
    public static func simulatedCase(_ index: Int, seed: UInt64) -> UInt64 {
        mix(mix(seed) &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The stream of one draw.
    @inline(__always)
    public static func stream(case c: UInt64, step: UInt64, visit: Int, _ what: UInt64) -> DrawStream {
        DrawStream(state: mix(mix(c ^ step) &+ (UInt64(truncatingIfNeeded: visit) << 2 | what)))
    }
}

/// SplitMix64 from a given state.
public struct DrawStream: RandomNumberGenerator, Sendable {
    var state: UInt64

    public init(state: UInt64) { self.state = state }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return DrawKey.mix(state)
    }

    /// Uniform in [0, 1), 53 random bits.
    @inline(__always)
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal by the ziggurat method (Marsaglia and Tsang, 2000;
    /// 128 layers): one 64-bit number picks a layer (7 bits), a sign (1 bit)
    /// and a point (53 bits); 98.8% of draws end there, the rest test the
    /// curve's edge or draw from the tail (Marsaglia, 1964). Exact, with no
    /// logarithm in the common case.
    @inline(__always)
    public mutating func normal() -> Double {
        let z = Ziggurat.shared
        let u = next()
        let i = Int(u & 127)
        let sign: Double = (u >> 7) & 1 == 0 ? 1 : -1
        let x = Double(u >> 11) * 0x1.0p-53 * z.x[i]
        if x < z.x[i + 1] { return sign * x }
        return normalBeyondLayer(i, sign, x)
    }

    /// The 1.2% of `normal()` draws outside their layer's rectangle: the
    /// tail beyond r, or the wedge under the curve; a rejected point draws
    /// again from the start (out of line: the common case stays small).
    @inline(never)
    mutating func normalBeyondLayer(_ i: Int, _ sign: Double, _ x: Double) -> Double {
        let z = Ziggurat.shared
        if i == 0 {
            // The tail beyond r.
            while true {
                let a = -log(1 - unit()) / Ziggurat.r
                let b = -log(1 - unit())
                if b + b > a * a { return sign * (Ziggurat.r + a) }
            }
        }
        // The wedge between the layer's rectangle and the curve.
        let y = z.f[i] + unit() * (z.f[i + 1] - z.f[i])
        if y < exp(-0.5 * x * x) { return sign * x }
        return normal()
    }

    /// Gamma(shape, 1) for shape ≥ 1 (Marsaglia and Tsang, 2000), the
    /// method's constants made once (`GammaShape`).
    @inline(__always)
    mutating func gamma(_ shape: GammaShape) -> Double {
        let d = shape.d
        let c = shape.c
        while true {
            var x: Double
            var v: Double
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
    @inline(__always)
    mutating func beta(_ alpha: GammaShape, _ beta: GammaShape) -> Double {
        let x = gamma(alpha)
        let y = gamma(beta)
        return x / (x + y)
    }
}

/// A gamma distribution's shape with the constants of Marsaglia and Tsang's
/// method, d = shape − 1/3 and c = 1/√(9d), made once per step instead of
/// once per draw.
public struct GammaShape: Sendable, Hashable {
    public let shape: Double
    let d: Double
    let c: Double

    public init(_ shape: Double) {
        self.shape = shape
        d = shape - 1.0 / 3
        c = 1 / (9 * d).squareRoot()
    }
}

/// How a step's time is drawn in the simulation.
public enum TimeDistribution: Sendable, Hashable {
    case constant(Double)
    /// Uniform on [min, max].
    case uniform(Double, Double)
    /// PERT: min + (max − min)·Beta(α, β), α = 1 + 4(likely − min)/(max − min),
    /// β = 1 + 4(max − likely)/(max − min); its mean is (min + 4·likely + max)/6.
    case pert(min: Double, width: Double, alpha: GammaShape, beta: GammaShape)

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
                self = .pert(min: lo, width: width, alpha: GammaShape(alpha), beta: GammaShape(beta))
            }
        }
    }

    public var isConstant: Bool { if case .constant = self { true } else { false } }

    @inline(__always)
    public func draw(_ random: inout DrawStream) -> Double {
        switch self {
        case .constant(let v): v
        case .uniform(let lo, let hi): lo + (hi - lo) * random.unit()
        case .pert(let lo, let width, let a, let b): lo + width * random.beta(a, b)
        }
    }
}

/// The ziggurat's layers for the standard normal's density f(x) = exp(−x²/2)
/// (unnormalised): layer 0 is the strip under f(r) out to r with the tail
/// beyond it, each layer i ≥ 1 the rectangle [0, x[i]] × [f(x[i]), f(x[i+1])];
/// all have the area v (Marsaglia and Tsang, 2000, for 128 layers).
struct Ziggurat: Sendable {
    static let r = 3.442619855899
    static let v = 9.91256303526217e-3
    static let shared = Ziggurat()

    /// x[0] = v / f(r) (the base strip's width with its tail), x[1] = r, …,
    /// x[128] = 0.
    let x: [Double]
    /// f(x[i]).
    let f: [Double]

    init() {
        var x = [Double](repeating: 0, count: 129)
        x[0] = Self.v / exp(-0.5 * Self.r * Self.r)
        x[1] = Self.r
        for i in 2..<128 { x[i] = (-2 * log(Self.v / x[i - 1] + exp(-0.5 * x[i - 1] * x[i - 1]))).squareRoot() }
        x[128] = 0
        self.x = x
        f = x.map { exp(-0.5 * $0 * $0) }
    }
}
