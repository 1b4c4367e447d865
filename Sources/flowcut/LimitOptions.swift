import ArgumentParser
import FlowcutCore

/// How much a command reads (`Limits`, docs/reliability.md): a file over
/// one of these is refused with a message that names the flag.
struct ReadLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-file-size"), help: "Largest input file read: bytes, or with K, M or G (default 256M).")
    var fileSize: ByteCount = ByteCount(bytes: Limits.standard.fileBytes)

    @Option(name: .customLong("max-steps"), help: "Most steps in one procedure (default 2,000,000).")
    var steps: Int = Limits.standard.steps

    @Option(name: .customLong("max-arrows"), help: "Most arrows in one procedure (default 4,000,000).")
    var arrows: Int = Limits.standard.arrows

    @Option(name: .customLong("max-text-length"), help: "Most characters in one label, name or note (default 2,000).")
    var textLength: Int = Limits.standard.textCharacters

    func validate() throws {
        for (flag, value) in [("--max-steps", steps), ("--max-arrows", arrows), ("--max-text-length", textLength)] where value < 1 {
            throw ValidationError("\(flag) takes a number of at least 1, not \(value)")
        }
        // The front end's offsets are 32-bit (E101).
        guard (1...Int(Int32.max)).contains(fileSize.bytes) else {
            throw ValidationError("--max-file-size takes 1 byte to 2G")
        }
    }

    /// These on top of `base` (the simulation's limits stay as they are there).
    func applied(to base: Limits = .standard) -> Limits {
        var limits = base
        limits.fileBytes = fileSize.bytes
        limits.steps = steps
        limits.arrows = arrows
        limits.textCharacters = textLength
        return limits
    }
}

/// A size as given on the command line: `1048576`, `512K`, `256M`, `1G`
/// (binary multiples).
struct ByteCount: ExpressibleByArgument {
    var bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(argument)
        var unit = 1
        if let last = digits.last?.uppercased().first, let u = units[last] {
            unit = u
            digits = digits.dropLast()
        }
        guard let n = Int(digits), n >= 0, n <= Int.max / unit else { return nil }
        bytes = n * unit
    }

    var defaultValueDescription: String { "256M" }
}
