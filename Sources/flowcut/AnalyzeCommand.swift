import ArgumentParser
import Dispatch
import Foundation
import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutRender
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

    @OptionGroup var simulation: SimulationOptions

    @Option(help: "The proposal to compare with (default: each file's first proposal, else the suggested changes).")
    var proposal: String?

    @Flag(help: "Compare with the suggested changes, even where the file has proposals.")
    var suggested = false

    @Flag(help: "Compare every proposal of each file and the suggested changes in one table.")
    var compare = false

    @Option(help: "Where to write the review and each procedure's diagrams and page (DIR/<procedure>/); the review it replaces is kept in DIR/.previous/.")
    var out: String = "output"

    @Flag(help: "Replace files in the output folder that flowcut did not write (they are kept in DIR/.previous/).")
    var force = false

    @Flag(help: "Write no diagrams or pages.")
    var noOutput = false

    @Flag(help: "No progress bar.")
    var quiet = false

    @Flag(help: "Run no suggestion rule: analyse each process as written, and its proposal if it has one.")
    var noSuggestions = false

    @Option(help: "Language of the text, pages, review and diagrams: en or vi (the reviewers' labels stay as written).")
    var lang: ReportLanguage = .en

    func validate() throws {
        guard [proposal != nil, suggested, compare].count(where: { $0 }) <= 1 else {
            throw ValidationError("--proposal, --suggested and --compare go one at a time")
        }
        if noSuggestions && (suggested || compare) {
            throw ValidationError("--no-suggestions leaves no suggested changes for \(suggested ? "--suggested" : "--compare") to compare")
        }
    }

    func run() throws {
        // Where the review goes is checked before anything is read.
        let folder: OutputFolder?
        do { folder = noOutput ? nil : try OutputFolder(out, inputs: input.paths) } catch {
            throw ValidationError(error.description)
        }
        let inputs = Inputs(paths: input.paths)
        var withErrors = inputs.failures
        // Inputs that could not be read at all: the review is then not replaced.
        var unreadable = inputs.failures
        let checked = inputs.check()
        // Analyse in parallel; print in input order.
        let analyses = Slots<Outcome?>(count: checked.count, initial: nil)
        let choice = Choice(proposal: proposal, suggested: suggested, compare: compare)
        // Each procedure's diagrams are drawn as soon as it is analysed:
        // Graphviz runs one call at a time (GRAPHVIZ.md), so while one
        // procedure is drawn the other cores go on analysing.
        let pictures = Slots<Result<Drawings, any Error>?>(count: checked.count, initial: nil)
        let words = lang.words
        let progress = Progress(total: checked.count, shown: !quiet && Terminal.isTerminal(STDERR_FILENO) && checked.count > 1)
        DispatchQueue.concurrentPerform(iterations: checked.count) { i in
            let outcome = checked[i]?.workflow.map {
                Outcome.make($0, options: simulation.analysis(steps: $0.steps.count).options, choice: choice,
                             withSuggestions: !noSuggestions && $0.steps.count <= Suggester.stepLimit)
            }
            analyses[i] = outcome
            if let outcome, !noOutput {
                pictures[i] = Result { try Drawings(outcome.before, outcome.comparisons.first, words) }
            }
            progress.advance()
        }
        progress.finish()
        let analysed = analyses.values
        var reports: [ProcedureReport] = []
        var drawn: [Result<Drawings, any Error>?] = []
        var failures: [(path: String, errors: Int)] = []
        // Text: one block per file, in input order (a broken file's line too).
        var blocks: [String] = []
        var textBlocks: [(block: Int, report: ProcedureReport, compared: Outcome?)] = []
        for (i, (path, result)) in zip(inputs.files, checked).enumerated() {
            guard let result else {
                withErrors += 1
                unreadable += 1
                continue
            }
            Terminal.printDiagnostics(result)
            if let w = result.workflow, let note = simulation.analysis(steps: w.steps.count).note {
                Terminal.note("\(path): \(note)")
            }
            if !noSuggestions, let w = result.workflow, w.steps.count > Suggester.stepLimit {
                Terminal.note("\(path): \(w.steps.count) steps: suggestions are measured for processes of at most \(Suggester.stepLimit) steps; none here")
            }
            guard let outcome = analysed[i] else {
                blocks.append(summaryLine(path, result) + "\n")
                failures.append((path, result.diagnostics.errorCount))
                withErrors += 1
                continue
            }
            if let failure = outcome.failure {
                if let d = failure.diagnostic {
                    Terminal.errRaw(DiagnosticText(colored: Terminal.colorErrors).render(d, in: result.file))
                } else {
                    Terminal.fail("\(path): \(failure.message)")
                }
                withErrors += 1
            }
            if let missing = outcome.missingProposal {
                Terminal.fail("\(path) has no proposal \"\(missing)\"")
                withErrors += 1
            }
            let report = ProcedureReport(
                path: path, analysis: outcome.before, comparison: outcome.comparisons.first, suggestions: outcome.suggestions,
                words: lang.words)
            reports.append(report)
            // Moved out of the slots: each procedure's SVGs can then be
            // freed as soon as its files are written.
            drawn.append(pictures.take(i))
            if format == .text {
                // Written below, on every core.
                textBlocks.append((blocks.count, report, compare ? outcome : nil))
                blocks.append("")
            }
        }
        for (k, text) in textBlocks.concurrentMap({ $0.report.text + ($0.compared.map(compareTable) ?? "") }).enumerated() {
            blocks[textBlocks[k].block] = text
        }
        let portfolio = Portfolio(
            entries: reports.map { Portfolio.Entry(path: $0.path, before: $0.analysis, comparison: $0.comparison) },
            failures: failures)
        if let folder {
            if unreadable > 0 {
                Terminal.note("\(out): the review was left as it was: \(unreadable) input\(unreadable == 1 ? "" : "s") could not be read")
            } else {
                do {
                    let written = try writeOutput(reports, portfolio, to: folder, words: lang.words, drawings: &drawn, force: force)
                    if format == .text {
                        blocks.append(lang == .vi
                            ? "Sơ đồ và trang: \(written) thủ tục trong \(out)/; báo cáo rà soát: \(out)/index.html\n"
                            : "Diagrams and pages: \(written) procedure\(written == 1 ? "" : "s") in \(out)/; the department's review: \(out)/index.html\n")
                    }
                } catch {
                    Terminal.fail("\(error)")
                    withErrors += 1
                }
            }
        }
        switch format {
        case .text:
            Terminal.out(blocks.joined(separator: "\n"), terminator: "")
        case .json:
            if reports.count == 1 && inputs.files.count == 1 {
                Terminal.outBytes(reports[0].json.bytes())
            } else if !reports.isEmpty || !inputs.files.isEmpty {
                // Each procedure's JSON made on every core.
                let procedures = JSON.array(reports.concurrentMap(\.json))
                let all = JSON.object([("procedures", procedures), ("portfolio", PortfolioReport(portfolio, words: lang.words).json)])
                Terminal.outBytes(all.bytes())
            }
        case .markdown:
            Terminal.out("# flowcut\n\n" + reports.map(\.markdown).joined(separator: "\n"), terminator: "")
        }
        Terminal.finish(withErrors > 0 ? 1 : 0)
    }
}

/// Which after-workflow to compare with.
struct Choice: Sendable {
    var proposal: String?
    var suggested: Bool
    var compare: Bool
}

/// One procedure analysed: before, suggestions, and the comparisons asked for.
struct Outcome: Sendable {
    var before: ProcedureAnalysis
    var suggestions: [Suggestion]
    var comparisons: [Comparison]
    var failure: ApplyError?
    var missingProposal: String?

    static func make(_ w: Workflow, options: AnalysisOptions, choice: Choice, withSuggestions: Bool = true) -> Outcome {
        // The trace lets the suggester measure most changes without running
        // the cases again; it is large, so it goes once they are measured.
        let traced = Analyzer.analyze(w, options: options, keepingTrace: true)
        let suggestions = withSuggestions ? Suggester.suggestions(traced) : []
        let before = traced.withoutTrace
        let (suggested, suggestedAfter) = Suggester.suggestedSet(suggestions, to: w)
        var outcome = Outcome(before: before, suggestions: suggestions, comparisons: [])
        // ANALYSIS.md: the named proposal; else the file's first; else the suggested changes.
        var wanted: [(AfterOrigin, [Change])] = []
        if choice.compare {
            wanted = w.proposals.map { (.proposal($0.name), $0.changes) } + [(.suggested, suggested)]
        } else if let name = choice.proposal {
            guard let p = w.proposals.first(where: { $0.name == name }) else {
                outcome.missingProposal = name
                return outcome
            }
            wanted = [(.proposal(p.name), p.changes)]
        } else if !choice.suggested, let first = w.proposals.first {
            wanted = [(.proposal(first.name), first.changes)]
        } else {
            wanted = [(.suggested, suggested)]
        }
        for (origin, changes) in wanted where !changes.isEmpty {
            // The traced analysis: its trace may spare the after simulation
            // (the comparison keeps the before analysis without it).
            let applied = origin == .suggested ? suggestedAfter : nil
            switch Comparison.make(traced, origin: origin, changes: changes, applied: applied) {
            case .success(let c): outcome.comparisons.append(c)
            case .failure(let e): outcome.failure = outcome.failure ?? e
            }
        }
        return outcome
    }
}

/// `--compare`: every proposal and the suggested set, side by side.
func compareTable(_ o: Outcome) -> String {
    guard !o.comparisons.isEmpty else { return "" }
    let t = WorkingTime(workdayHours: o.before.workflow.workdayHours)
    var rows: [[String]] = [["", "main", "expected", "P90", "handoffs", "work h", "citizen-days/yr", "staff h/yr"]]
    func cells(_ name: String, _ a: ProcedureAnalysis, _ c: Comparison?) -> [String] {
        [name, t.short(a.mainLeadTime), a.simulation.map { t.short($0.expectedLeadTime) } ?? "—",
         a.simulation.map { t.short($0.percentile(0.9)) } ?? "—", "\(a.handoffs)", formatNumber(a.workHours, decimals: 1),
         c.map { formatNumber($0.citizenDaysPerYear, decimals: 1) } ?? "", c.map { formatNumber($0.staffHoursPerYear, decimals: 1) } ?? ""]
    }
    rows.append(cells("before", o.before, nil))
    for c in o.comparisons {
        switch c.origin {
        case .suggested: rows.append(cells("suggested", c.after, c))
        case .proposal(let name): rows.append(cells("\"\(name)\"", c.after, c))
        }
    }
    let widths = (0..<rows[0].count).map { col in rows.map { $0[col].count }.max() ?? 0 }
    var out = "  Compared\n"
    for r in rows {
        var line = "    " + r[0] + String(repeating: " ", count: widths[0] - r[0].count)
        for col in 1..<r.count { line += "  " + String(repeating: " ", count: widths[col] - r[col].count) + r[col] }
        while line.last == " " { line.removeLast() }
        out += line + "\n"
    }
    return out
}

/// Writes each procedure's diagrams and page (DIR/<procedure>/) and the
/// department's review (index.html, report.md, portfolio.json) into a fresh
/// folder, then swaps it in for DIR (OutputFolder); on any failure DIR is
/// left as it was.
func writeOutput(
    _ reports: [ProcedureReport], _ portfolio: Portfolio, to folder: OutputFolder, words: Words,
    drawings: inout [Result<Drawings, any Error>?], force: Bool
) throws -> Int {
    let staging = try folder.stage()
    do {
        let count = try writeReview(reports, portfolio, to: staging, words: words, drawings: &drawings)
        try staging.publish(force: force)
        return count
    } catch {
        staging.abandon()
        throw error
    }
}

/// Every file of the review, into the staging folder.
private func writeReview(
    _ reports: [ProcedureReport], _ portfolio: Portfolio, to folder: OutputFolder.Staging, words: Words,
    drawings: inout [Result<Drawings, any Error>?]
) throws -> Int {
    var pages: [String: String] = [:]
    var used = Set<String>()
    // Drawings not made yet, and the pages, are made in parallel a batch at
    // a time (so that not every page is held at once); the files are
    // written in order.
    let batch = 64
    var made: [Result<(drawings: Drawings, page: String), any Error>?] = []
    for (i, report) in reports.enumerated() {
        if i % batch == 0 {
            let size = min(batch, reports.count - i)
            let slots = Slots<Result<(drawings: Drawings, page: String), any Error>?>(count: size, initial: nil)
            // This batch's drawings, moved out: written, they are freed.
            var moved: [Result<Drawings, any Error>?] = Array(repeating: nil, count: size)
            for k in 0..<size where i + k < drawings.count { swap(&moved[k], &drawings[i + k]) }
            let taken = moved
            DispatchQueue.concurrentPerform(iterations: size) { k in
                let report = reports[i + k]
                slots[k] = Result {
                    let d = try (taken[k] ?? Result { try Drawings(report.analysis, report.comparison, words) }).get()
                    let page = MeetingPage.html(
                        report, beforeSVG: String(decoding: d.before, as: UTF8.self),
                        afterSVG: d.after.map { String(decoding: $0, as: UTF8.self) })
                    return (d, page)
                }
            }
            made = slots.values
        }
        // Distinct whatever the file system folds: compared in lower case.
        var slug = OutputFolder.slug(for: report.path)
        var n = 2
        while used.contains(slug.lowercased()) {
            slug = OutputFolder.slug(for: report.path) + "-\(n)"
            n += 1
        }
        used.insert(slug.lowercased())
        pages[report.path] = slug
        let (d, page) = try made[i % batch]!.get()
        let before = d.before, after = d.after
        try folder.write(before, to: "\(slug)/before.svg")
        if let after {
            try folder.write(after, to: "\(slug)/after.svg")
        }
        try folder.write(Array(page.utf8), to: "\(slug)/index.html")
    }
    let review = PortfolioReport(portfolio, pages: pages, words: words)
    try folder.write(Array(review.html.utf8), to: "index.html")
    try folder.write(Array(review.markdown.utf8), to: "report.md")
    try folder.write(JSON.object([("procedures", .array(reports.map(\.json))), ("portfolio", review.json)]).bytes(), to: "portfolio.json")
    return reports.count
}

/// A procedure's before and after diagrams as SVG.
struct Drawings: Sendable {
    var before: [UInt8]
    var after: [UInt8]?

    init(_ analysis: ProcedureAnalysis, _ comparison: Comparison?, _ words: Words) throws {
        let steps = analysis.workflow.steps.count
        before = try drawing(steps, words) { DotBuilder.dot(Diagrams.before(analysis, comparison, words: words)) }
        if let comparison {
            after = try drawing(steps, words) { DotBuilder.dot(Diagrams.after(comparison, words: words)) }
        }
    }
}

extension ReportLanguage: ExpressibleByArgument {}

/// Above this many steps dot's layout takes minutes (3 000 steps: about
/// 4 s, growing faster than linearly): the page then says so instead.
let drawLimit = 2_000

/// A diagram as SVG, or, for a process too big to lay out, a small SVG
/// that says why there is none.
func drawing(_ steps: Int, _ words: Words, _ dot: () -> String) throws -> [UInt8] {
    guard steps > drawLimit else { return try Graphviz.render(dot: dot(), format: .svg) }
    let text = words.language == .vi
        ? "Quy trình có \(steps) bước: quá lớn để vẽ (tối đa \(drawLimit))."
        : "\(steps) steps: too many to draw here (at most \(drawLimit))."
    return Array("""
        <svg xmlns="http://www.w3.org/2000/svg" width="640" height="60" viewBox="0 0 640 60">\
        <text x="10" y="35" font-family="DejaVu Sans" font-size="16">\(text)</text></svg>

        """.utf8)
}
