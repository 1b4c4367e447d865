import ArgumentParser
import Dispatch
import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutReport

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse procedures: critical path, simulation, actors, handoffs, deadline fit.",
        discussion: """
            Every number is defined in docs/analysis.md. The simulation is seeded: \
            the same input, runs and seed give byte-identical output.
            """)

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: text (a summary per procedure), json (ANALYSIS.md's report) or markdown.")
    var format: ReportFormat = .text

    @Option(help: "Cases to simulate per procedure (0 skips the simulation).")
    var runs: Int = Simulator.defaultRuns

    @Option(help: "Seed of the simulation.")
    var seed: UInt64 = Simulator.defaultSeed

    func validate() throws {
        guard (0...10_000_000).contains(runs) else {
            throw ValidationError("--runs takes 0 to 10 000 000 cases, not \(runs)")
        }
        guard seed < 1 << 53 else {
            throw ValidationError("--seed takes 0 to 2^53 − 1 (so that JSON readers keep it exactly)")
        }
    }

    func run() throws {
        let inputs = Inputs(paths: input.paths)
        var withErrors = inputs.failures
        let checked = inputs.check()
        let options = AnalysisOptions(runs: runs, seed: seed)
        // Analyse in parallel; print in input order.
        let analyses = ResultBox<ProcedureAnalysis?>(count: checked.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: checked.count) { i in
            analyses[i] = checked[i]?.workflow.map { Analyzer.analyze($0, options: options) }
        }
        let analysed = analyses.values
        var reports: [ProcedureReport] = []
        // Text: one block per file, in input order (a broken file's line too).
        var blocks: [String] = []
        for (i, (path, result)) in zip(inputs.files, checked).enumerated() {
            guard let result else {
                withErrors += 1
                continue
            }
            Terminal.printDiagnostics(result)
            guard let analysis = analysed[i] else {
                blocks.append(summaryLine(path, result) + "\n")
                withErrors += 1
                continue
            }
            let report = ProcedureReport(path: path, analysis: analysis)
            reports.append(report)
            blocks.append(report.text)
        }
        switch format {
        case .text:
            Terminal.out(blocks.joined(separator: "\n"), terminator: "")
        case .json:
            if reports.count == 1 && inputs.files.count == 1 {
                Terminal.out(reports[0].json.text(), terminator: "")
            } else if !reports.isEmpty || !inputs.files.isEmpty {
                let all = JSON.object([("procedures", .array(reports.map(\.json))), ("portfolio", .null)])
                Terminal.out(all.text(), terminator: "")
            }
        case .markdown:
            Terminal.out("# flowcut analysis\n\n" + reports.map(\.markdown).joined(separator: "\n"), terminator: "")
        }
        if withErrors > 0 { throw ExitCode(1) }
    }
}
