import FlowcutAnalysis
import FlowcutCore
import FlowcutSimulation
import FlowcutTiming
import Foundation
import Testing

@testable import FlowcutLanguage

/// Random damage to real files (seeded, so a failure can be replayed): the
/// front end must never crash or hang, every diagnostic must point inside
/// the file, and a file that checks clean must format to the same model.
struct ChaosTests {
    /// SplitMix64: small, seeded.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    /// Pieces the language is made of, to splice in.
    static let pieces: [[UInt8]] = [
        "->", "\"", "\\", "%", "..", "0,5d", "-1h", "step", "proposal \"X\"", "cut", "#",
        "\n", "\r\n", "\t", " ", "by", "wait", "100%", "999999999999999999999d", "ư", "\u{00A0}",
        "start", "merge a b", "chance a -> b 50%", "\u{FEFF}", "\0",
    ].map { Array($0.utf8) }

    static func mutate(_ bytes: [UInt8], _ random: inout Random) -> [UInt8] {
        var b = bytes
        for _ in 0..<(1 + random.below(6)) {
            let at = random.below(b.count + 1)
            switch random.below(5) {
            case 0: if !b.isEmpty { b.remove(at: min(at, b.count - 1)) }
            case 1: b.insert(contentsOf: pieces[random.below(pieces.count)], at: at)
            case 2: if !b.isEmpty { b[min(at, b.count - 1)] = UInt8(truncatingIfNeeded: random.next()) }
            case 3:  // duplicate a line
                let lines = b.split(separator: 0x0A, omittingEmptySubsequences: false)
                let line = lines[random.below(lines.count)]
                b.insert(contentsOf: Array(line) + [0x0A], at: at)
            default: b = Array(b.prefix(at))
            }
        }
        return b
    }

    @Test(arguments: FormatterTests.bundled)
    func damagedFilesNeverCrash(_ name: String) throws {
        let url = FormatterTests.root.appendingPathComponent("workflows").appendingPathComponent(name)
        let original = [UInt8](try Data(contentsOf: url))
        var random = Random(state: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        // FLOWCUT_CHAOS=N runs N mutants a file (default 300) for a longer hunt.
        let count = ProcessInfo.processInfo.environment["FLOWCUT_CHAOS"].flatMap(Int.init) ?? 300
        for _ in 0..<count {
            let bytes = Self.mutate(original, &random)
            let checked = Checker.check(SourceFile(path: name, bytes: bytes))
            for d in checked.diagnostics {
                #expect(d.range.start >= 0 && d.range.end <= bytes.count && d.range.start <= d.range.end)
                #expect(d.range.line >= 1)
                // Rendering a diagnostic must work too (caret under the place).
                #expect(!DiagnosticText().render(d, in: checked.file).isEmpty)
            }
            if let w = checked.workflow, let text = Formatter.format(checked) {
                let again = Checker.check(SourceFile(path: name, text: text))
                #expect(again.workflow?.dump() == w.dump(), "formatting changed the meaning of a mutant of \(name)")
                // And the whole analysis of a valid mutant: no crash, finite numbers.
                let a = Analyzer.analyze(w, options: AnalysisOptions(runs: 20, seed: 1))
                #expect(a.mainLeadTime.isFinite && a.mainLeadTime >= 0)
                let suggestions = Suggester.suggestions(a)
                #expect(suggestions.allSatisfy { $0.savingHours.isFinite })
                for p in w.proposals { _ = ProposalApplier.apply(p.changes, to: w) }
                _ = ProposalApplier.apply(Suggester.suggestedChanges(suggestions, to: w), to: w)
            }
        }
    }
}
