import ArgumentParser
import Flowcut
import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutRender
import FlowcutReport
import FlowcutSimulation
import FlowcutTiming
import Foundation

enum DiagramFormat: String, ExpressibleByArgument, CaseIterable {
    case svg, png, pdf, dot
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a procedure with Graphviz (in-process): before, or after a proposal.")

    @Argument(help: "The .flow file.")
    var file: String

    @Option(help: "Draw the process after this proposal.")
    var proposal: String?

    @Flag(help: "Draw the process after the file's first proposal (else the suggested changes).")
    var after = false

    @Option(help: "svg, png, pdf, or dot (the Graphviz input itself).")
    var format: DiagramFormat = .svg

    @Option(name: .shortAndLong, help: "Write here (atomically) instead of to standard output.")
    var output: String?

    @OptionGroup var simulation: SimulationOptions

    @OptionGroup(title: "Limits") var limits: ReadLimitOptions

    @Option(
        name: .customLong("max-draw-steps"),
        help: "Most steps drawn (default 2,000: Graphviz's layout grows faster than the process; --format dot is not limited).")
    var maxDrawSteps: Int = drawLimit

    @Option(help: "Language of the diagram's own words: en or vi (default: FLOWCUT_LANG, else en).")
    var lang: ReportLanguage = DefaultLanguage.value

    @Option(help: .hidden)
    var `repeat`: Int = 1

    func validate() throws {
        try DefaultLanguage.validate()
        if maxDrawSteps < 1 { throw ValidationError("--max-draw-steps takes 1 or more, not \(maxDrawSteps)") }
        if proposal != nil && after { throw ValidationError("--proposal and --after go one at a time") }
        if (format == .png || format == .pdf) && output == nil {
            throw ValidationError("--format \(format.rawValue) needs -o FILE (it is not text)")
        }
        if let output, Files.isSameFile(output, asAnyOf: [file]) {
            throw ValidationError("\(Files.shown(output)) is the input file itself; choose another output")
        }
    }

    func run() throws {
        Terminal.speak(lang)
        let (_, w) = try Inputs.workflow(file, limits: limits.applied())
        // Before anything is analysed: a layout of thousands of steps takes minutes and gigabytes.
        if format != .dot, w.steps.count > maxDrawSteps {
            Terminal.fail(
                "\(Files.shown(file)): \(grouped(w.steps.count)) steps, more than flowcut draws (\(grouped(maxDrawSteps))); raise the limit with --max-draw-steps, or write the Graphviz input with --format dot"
            )
            throw ExitCode(1)
        }
        let drawAfter = after || proposal != nil
        let request = simulation.request(
            after: proposal.map(AfterChoice.proposal) ?? .firstProposal, suggestions: drawAfter && w.proposals.isEmpty, limits: limits.applied())
        if let refusal = request.tooManyCases(steps: w.steps.count) { throw ValidationError("\(Files.shown(file)): \(refusal)") }
        let outcome = Flowcut.analyze(w, request)
        for note in outcome.notes {
            if case .fewerCases = note { Terminal.note("\(file): \(note)") }
        }
        if let missing = outcome.missingProposal {
            Terminal.fail("\(file) has no proposal \"\(missing)\"")
            throw ExitCode(1)
        }
        if let failure = outcome.failure {
            Terminal.fail("\(file): \(failure.message)")
            throw ExitCode(1)
        }
        let diagram: Diagram
        if drawAfter {
            guard let c = outcome.comparisons.first else {
                Terminal.fail("\(file): nothing to change, so no after diagram")
                throw ExitCode(1)
            }
            diagram = Diagrams.after(c, words: lang.words)
        } else {
            diagram = Diagrams.before(outcome.before, nil, words: lang.words)
        }
        let dot = DotBuilder.dot(diagram)
        let bytes: [UInt8]
        if format == .dot {
            bytes = Array(dot.utf8)
        } else {
            do {
                bytes = try Graphviz.render(dot: dot, format: Graphviz.Format(rawValue: format.rawValue)!)
            } catch {
                Terminal.fail("\(file): \(error.message)")
                throw ExitCode(1)
            }
        }
        if `repeat` > 1, format != .dot {
            try measure(dot, Graphviz.Format(rawValue: format.rawValue)!)
        }
        if let output {
            try writeOutputFile(bytes, to: output, inputs: [file])
        } else {
            Terminal.outBytes(bytes)
        }
    }
}

extension Render {
    /// For the leak check and the benchmark: renders the diagram `repeat`
    /// more times after 100 warm-up renders, and says on standard error how
    /// long a render took and how much resident memory grew.
    func measure(_ dot: String, _ format: Graphviz.Format) throws {
        for _ in 0..<100 { _ = try? Graphviz.render(dot: dot, format: format) }
        let start = residentKB()
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<`repeat` { _ = try? Graphviz.render(dot: dot, format: format) }
        }
        let grew = residentKB() - start
        let perRender = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        Terminal.err("rendered \(`repeat`) times: \(formatNumber(perRender / Double(`repeat`), decimals: 3)) ms a render, resident memory grew by \(grew) kB")
    }

    private func residentKB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
}
