import ArgumentParser
import Flowcut
import FlowcutAnalysis
import FlowcutCore
import FlowcutReport
import FlowcutSimulation
import FlowcutTiming
import Foundation

@main
struct FlowcutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowcut",
        abstract: "Review administrative procedures and make them shorter.",
        discussion: """
            Procedures are written in the .flow language (docs/language.md). \
            Exit codes: 0 fine, 1 the input has errors, 64 wrong usage.
            """,
        version: flowcutVersion,
        subcommands: [
            Analyze.self, Apply.self, CalendarCommand.self, Check.self, Due.self, Export.self, Format.self, Import.self, Render.self, Restore.self, Serve.self,
            Suggest.self, Rules.self,
            Diagnostics.self,
            Version.self,
        ],
        defaultSubcommand: nil
    )
}

let flowcutVersion = "0.1.0"

#if os(Linux)
    /// glibc's mallopt(3), which Swift's Glibc module does not export.
    @_silgen_name("mallopt") private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
    private let mTrimThreshold: Int32 = -1  // <malloc.h>
    private let mMmapMax: Int32 = -4  // <malloc.h>
#endif

extension FlowcutCommand {
    /// Before any command: keep large arrays on the heap and freed memory in
    /// the process, so the next array reuses it instead of the kernel mapping
    /// and zeroing fresh pages (10–20% of the time on a million-step file).
    static func main() {
        #if os(Linux)
            _ = mallopt(mMmapMax, 0)
            _ = mallopt(mTrimThreshold, Int32.max)
        #endif
        main(nil)
    }
}

/// Where to read procedures from, shared by the commands.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or folders of .flow files (folders are searched recursively).")
    var paths: [String] = ["workflows"]
}

/// The simulation's size and seed, shared by analyze and suggest.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Cases to simulate per procedure (0 skips the simulation; default 10,000, fewer for a process too big to simulate that often).")
    var runs: Int?

    @Option(help: "Seed of the simulation.")
    var seed: UInt64 = Simulator.defaultSeed

    @Option(name: .customLong("max-loop-returns"), help: "Loop returns after which a simulated case is stopped and counted (default 1,000).")
    var loopReturns: Int = Limits.standard.loopReturns

    @Option(
        name: .customLong("max-step-cases"),
        help:
            "Most step runs in one procedure's simulation, summed over its cases: cases × steps may not be more, and each case gets its share (default 1,000,000,000)."
    )
    var stepCases: Int = Limits.standard.stepCases

    /// These limits on top of `base`.
    func applied(to base: Limits) -> Limits {
        var limits = base
        limits.loopReturns = loopReturns
        limits.stepCases = stepCases
        return limits
    }

    /// The façade's request for these options, with `limits` (the reading
    /// limits of the command) on top of which the simulation's go.
    func request(after: AfterChoice = .firstProposal, suggestions: Bool = true, limits: Limits = .standard) -> AnalysisRequest {
        AnalysisRequest(runs: runs, seed: seed, after: after, suggestions: suggestions, limits: applied(to: limits))
    }

    func validate() throws {
        if let runs, !(0...10_000_000).contains(runs) {
            throw ValidationError("--runs takes 0 to 10,000,000 cases, not \(runs)")
        }
        if loopReturns < 0 { throw ValidationError("--max-loop-returns takes 0 or more, not \(loopReturns)") }
        if stepCases < 1 { throw ValidationError("--max-step-cases takes 1 or more, not \(stepCases)") }
        guard seed < 1 << 53 else {
            throw ValidationError("--seed takes 0 to 2^53 − 1 (so that JSON readers keep it exactly)")
        }
    }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print flowcut's version and the Graphviz library it is linked with.")

    func run() throws {
        Terminal.out("flowcut \(flowcutVersion)")
        Terminal.out("graphviz \(GraphvizInfo.version)")
    }
}

/// The language every `--lang` defaults to: FLOWCUT_LANG's (en or vi), else
/// English.
enum DefaultLanguage {
    static let variable = ProcessInfo.processInfo.environment["FLOWCUT_LANG"].flatMap { $0.isEmpty ? nil : $0 }
    static var value: ReportLanguage { variable.flatMap { ReportLanguage(rawValue: $0.lowercased()) } ?? .en }

    /// A FLOWCUT_LANG that is neither is a usage error, not English.
    static func validate() throws {
        if let v = variable, ReportLanguage(rawValue: v.lowercased()) == nil {
            throw ValidationError("FLOWCUT_LANG is '\(v)': it takes en or vi")
        }
    }
}
