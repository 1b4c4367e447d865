/// How much one run accepts, so that no file, however built, takes
/// unbounded memory or time. Each has a flag of the same name
/// (`--max-file-size` …, docs/reliability.md); the defaults are far above
/// any procedure a decision publishes (5–40 steps, labels of a line or
/// two) and leave room for the million-step benchmarks.
public struct Limits: Sendable, Hashable {
    /// Bytes of one input file; a larger one is not read at all.
    public var fileBytes: Int
    /// Steps of one procedure.
    public var steps: Int
    /// Arrows of one procedure.
    public var arrows: Int
    /// Characters of one text: a label, a name, a note.
    public var textCharacters: Int
    /// Loop returns of one simulated case; a case that makes more is stopped
    /// and counted (`SimulationResult.stoppedCases`).
    public var loopReturns: Int
    /// Step runs of one procedure's simulation, summed over its cases:
    /// cases × steps may not be more, and a case that has run its share
    /// (this ÷ cases) when a loop returns is stopped.
    public var stepCases: Int

    public init(
        fileBytes: Int = 256 << 20, steps: Int = 2_000_000, arrows: Int = 4_000_000, textCharacters: Int = 2_000,
        loopReturns: Int = 1_000, stepCases: Int = 1_000_000_000
    ) {
        self.fileBytes = fileBytes
        self.steps = steps
        self.arrows = arrows
        self.textCharacters = textCharacters
        self.loopReturns = loopReturns
        self.stepCases = stepCases
    }

    public static let standard = Limits()

    /// What each of `runs` simulated cases may do: `loopReturns`, and its
    /// share of `stepCases`.
    public func perCase(runs: Int) -> CaseLimits {
        CaseLimits(loopReturns: loopReturns, stepRuns: runs > 0 ? max(1, stepCases / runs) : stepCases)
    }

    /// The most cases a `steps`-step process may be simulated within `stepCases`.
    public func mostRuns(steps: Int) -> Int { stepCases / max(steps, 1) }

    /// Whether a text's UTF-8 bytes hold more than `textCharacters`
    /// characters (counted only when the bytes alone could).
    public func isTooLong(_ utf8: some Collection<UInt8>) -> Bool {
        utf8.count > textCharacters && String(decoding: utf8, as: UTF8.self).count > textCharacters
    }
}

/// What one simulated case may do before it is stopped and counted
/// (`SimulationResult.stoppedCases`): so that a loop that repeats with
/// 99.9999%, or a step started by each of hundreds of predecessors, ends.
public struct CaseLimits: Sendable, Hashable {
    /// Loop returns (an arrow that closes a loop firing).
    public var loopReturns: Int
    /// Step runs, every visit of every step counted: a case that has run
    /// this many when a loop returns (or a step of more than 64
    /// predecessors is reached again) is stopped.
    public var stepRuns: Int

    public init(loopReturns: Int, stepRuns: Int) {
        self.loopReturns = loopReturns
        self.stepRuns = stepRuns
    }
}
