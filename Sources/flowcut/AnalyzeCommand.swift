import ArgumentParser
import Dispatch
import Flowcut
import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutRender
import FlowcutReport
import FlowcutSimulation
import FlowcutTiming
import Foundation

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

    @OptionGroup(title: "Limits") var limits: ReadLimitOptions

    @OptionGroup(title: "The department's records") var records: RecordsOptions

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

    @Flag(help: "Also write each procedure as a Word document with its diagrams (DIR/<procedure>/procedure.docx); the review's review.docx is always written.")
    var office = false

    @Flag(help: "No progress bar.")
    var quiet = false

    @Flag(help: "Run no suggestion rule: analyse each process as written, and its proposal if it has one.")
    var noSuggestions = false

    @Option(help: "Language of the text, pages, review and diagrams: en or vi (the reviewers' labels stay as written; default: FLOWCUT_LANG, else en).")
    var lang: ReportLanguage = DefaultLanguage.value

    func validate() throws {
        try DefaultLanguage.validate()
        guard [proposal != nil, suggested, compare].count(where: { $0 }) <= 1 else {
            throw ValidationError("--proposal, --suggested and --compare go one at a time")
        }
        if noSuggestions && (suggested || compare) {
            throw ValidationError("--no-suggestions leaves no suggested changes for \(suggested ? "--suggested" : "--compare") to compare")
        }
    }

    /// The after process asked for.
    var after: AfterChoice {
        if compare { return .compare }
        if suggested { return .suggested }
        return proposal.map(AfterChoice.proposal) ?? .firstProposal
    }

    func run() throws {
        Terminal.speak(lang)
        // Where the review goes is checked before anything is read.
        let folder: OutputFolder?
        do { folder = noOutput ? nil : try OutputFolder(out, inputs: input.paths) } catch {
            throw ValidationError(error.description)
        }
        let inputs = Inputs(paths: input.paths, limits: limits.applied())
        var withErrors = inputs.failures
        // Inputs that could not be read at all: the review is then not replaced.
        var unreadable = inputs.failures
        var loaded = inputs.check()
        // The department's records, joined to the files by procedure code.
        let settings = records.settings(inputs: input.paths)
        for problem in settings.problems { Terminal.fail(problem) }
        unreadable += settings.problems.count
        withErrors += settings.problems.count
        let read = Flowcut.records(settings.stats, limits: limits.applied())
        for problem in read.problems { Terminal.fail(problem.description) }
        unreadable += read.problems.count
        withErrors += read.problems.count
        for (path, diagnostics) in read.findings where !diagnostics.isEmpty {
            Terminal.importFindings(diagnostics, in: path)
            if diagnostics.hasErrors { withErrors += 1 }
        }
        if !read.records.isEmpty {
            // Where the records contradict every file (a first join), the
            // first files' lines are shown, then how many more.
            let shown = 20
            var contradicted = 0
            for i in loaded.indices {
                guard let w = loaded[i]?.workflow else { continue }
                let joined = Flowcut.join(read.records, into: w)
                loaded[i]?.workflow = joined.workflow
                if !joined.diagnostics.isEmpty {
                    contradicted += 1
                    if contradicted <= shown { loaded[i]?.diagnostics += joined.diagnostics }
                }
            }
            if contradicted > shown {
                let more = contradicted - shown
                Terminal.note(
                    lang == .vi
                        ? "\(settings.stats.joined(separator: ", ")): số liệu thống kê khác dòng dossiers của \(more) tệp khác nữa; số liệu thống kê được dùng (W703)"
                        : "\(settings.stats.joined(separator: ", ")): the records contradict the dossiers lines of \(more) more file\(more == 1 ? "" : "s"); the records' counts are used (W703)"
                )
            }
        }
        let checked = loaded
        let request = simulation.request(after: after, suggestions: !noSuggestions, limits: limits.applied())
        // Cases asked for that a procedure's size cannot take: refused before anything is analysed or written.
        for (path, result) in zip(inputs.files, checked) {
            if let w = result?.workflow, let refusal = request.tooManyCases(steps: w.steps.count) {
                throw ValidationError("\(Files.shown(path)): \(refusal)")
            }
        }
        // Procedures whose files the review being replaced holds for the
        // same input, build and options are reused, not analysed again.
        let context = ReviewCache.runContext(
            "flowcut \(flowcutVersion)\n\(request)\n\(lang.rawValue) office \(office) compare \(compare)\nrecords "
                + ReviewCache.fingerprint(files: settings.stats))
        let cache = folder.map { ReviewCache(reviewAt: $0.root) }
        let keys: [String?] = checked.map { result in
            guard cache != nil, let result, result.workflow != nil, !result.file.bytes.isEmpty else { return nil }
            return ReviewCache.key(context: context, path: result.file.path, bytes: result.file.bytes)
        }
        let reused = Slots<CachedProcedure?>(count: checked.count, initial: nil)
        if let cache {
            DispatchQueue.concurrentPerform(iterations: checked.count) { i in
                if let key = keys[i], let w = checked[i]?.workflow { reused[i] = cache.entry(key, path: inputs.files[i], workflow: w) }
            }
        }
        let hits = reused.values
        // Analyse in parallel; print in input order.
        let analyses = Slots<ProcedureOutcome?>(count: checked.count, initial: nil)
        // Each procedure's diagrams are drawn as soon as it is analysed:
        // Graphviz runs one call at a time (GRAPHVIZ.md), so while one
        // procedure is drawn the other cores go on analysing.
        let pictures = Slots<Result<Drawings, any Error>?>(count: checked.count, initial: nil)
        let words = lang.words
        let progress = Progress(total: checked.count, shown: !quiet && Terminal.isTerminal(STDERR_FILENO) && checked.count > 1)
        DispatchQueue.concurrentPerform(iterations: checked.count) { i in
            guard hits[i] == nil else {
                progress.advance()
                return
            }
            let outcome = checked[i]?.workflow.map { Flowcut.analyze($0, request) }
            analyses[i] = outcome
            if let outcome, !noOutput {
                pictures[i] = Result { try Drawings(outcome.before, outcome.comparisons.first, words) }
            }
            progress.advance()
        }
        progress.finish()
        let analysed = analyses.values
        var items: [Item] = []
        var drawn: [Result<Drawings, any Error>?] = []
        var failures: [(path: String, errors: Int)] = []
        // Text: one block per file, in input order (a broken file's line too).
        var blocks: [String] = []
        var textBlocks: [(block: Int, item: Int, report: ProcedureReport, compared: ProcedureOutcome?)] = []
        for (i, (path, result)) in zip(inputs.files, checked).enumerated() {
            guard let result else {
                withErrors += 1
                unreadable += 1
                continue
            }
            Terminal.printDiagnostics(result)
            if let hit = hits[i] {
                for note in hit.notes { Terminal.note(note) }
                items.append(Item(procedure: .reused(hit), key: nil, notes: []))
                drawn.append(nil)
                if format == .text { blocks.append(hit.text) }
                continue
            }
            guard let outcome = analysed[i] else {
                blocks.append(Escape.terminal(summaryLine(path, result) + "\n"))
                failures.append((path, result.diagnostics.errorCount))
                withErrors += 1
                continue
            }
            let notes = outcome.notes.map { "\(path): \($0)" }
            for note in notes { Terminal.note(note) }
            if let failure = outcome.failure {
                if let d = failure.diagnostic {
                    Terminal.errRaw(Terminal.diagnosticText.render(d, in: result.file))
                } else {
                    Terminal.fail("\(path): \(failure.message)")
                }
                withErrors += 1
            }
            if let missing = outcome.missingProposal {
                Terminal.fail("\(path) has no proposal \"\(missing)\"")
                withErrors += 1
            }
            let report = Flowcut.report(outcome, path: path, words: words)
            // Kept for the next run only when nothing went wrong with it.
            let key = outcome.failure == nil && outcome.missingProposal == nil ? keys[i] : nil
            items.append(Item(procedure: .analysed(report, keep: nil), key: key, notes: notes))
            // Moved out of the slots: each procedure's SVGs can then be
            // freed as soon as its files are written.
            drawn.append(pictures.take(i))
            if format == .text || key != nil {
                // Written below, on every core.
                textBlocks.append((format == .text ? blocks.count : -1, items.count - 1, report, compare ? outcome : nil))
                if format == .text { blocks.append("") }
            }
        }
        // Each block escaped on its own (what the reviewers wrote as it is,
        // but never a terminal's control sequence), and kept so.
        for (k, text) in textBlocks.concurrentMap({ item in
            Escape.terminal(
                item.report.text + (item.compared.map { ProcedureReport.compareTable($0.before, $0.comparisons, words: words) } ?? ""))
        }).enumerated() {
            let t = textBlocks[k]
            if t.block >= 0 { blocks[t.block] = text }
            if let key = items[t.item].key { items[t.item].procedure = .analysed(t.report, keep: (key, text, items[t.item].notes)) }
        }
        let procedures = items.map(\.procedure)
        let reusedCount = hits.count { $0 != nil }
        var review = Flowcut.review(procedures: procedures, failures: failures, records: read.records, targets: settings.targets, words: words)
        review.officeDocuments = office
        if format == .text, let line = ScorecardReport(review.portfolio.scorecard, words: words).summaryLine {
            var summary = line + "\n"
            let unwritten = review.portfolio.unwrittenByDossiers.count
            if unwritten > 0 {
                summary +=
                    lang == .vi
                    ? "\(unwritten) thủ tục có hồ sơ nhưng chưa có quy trình nội bộ (danh sách trong báo cáo rà soát)\n"
                    : "\(unwritten) procedure\(unwritten == 1 ? "" : "s") with dossiers and no process file (listed in the review)\n"
            }
            blocks.append(Escape.terminal(summary))
        }
        if let folder {
            if unreadable > 0 {
                Terminal.note("\(out): the review was left as it was: \(unreadable) input\(unreadable == 1 ? "" : "s") could not be read")
            } else {
                do {
                    let written = try folder.publish(review, drawings: &drawn, force: force)
                    if format == .text {
                        let unchanged =
                            reusedCount == 0
                            ? ""
                            : lang == .vi
                                ? " (\(lang.words.count(reusedCount)) thủ tục không thay đổi so với lần chạy trước nên được dùng lại)"
                                : " (\(grouped(reusedCount)) unchanged since the last run, reused)"
                        blocks.append(
                            Escape.terminal(
                                lang == .vi
                                    ? "Sơ đồ và trang: \(written) thủ tục trong \(out)/\(unchanged); báo cáo rà soát: \(out)/index.html\n"
                                    : "Diagrams and pages: \(written) procedure\(written == 1 ? "" : "s") in \(out)/\(unchanged); the department's review: \(out)/index.html\n"
                            ))
                    }
                } catch {
                    Terminal.fail("\(error)")
                    withErrors += 1
                }
            }
        }
        switch format {
        case .text:
            // Each block escaped already.
            Terminal.out(blocks.joined(separator: "\n"), terminator: "")
        case .json:
            if procedures.count == 1 && inputs.files.count == 1 {
                Terminal.outBytes(procedures[0].json.bytes())
            } else if !procedures.isEmpty || !inputs.files.isEmpty {
                // Each procedure's JSON made on every core.
                let all = JSON.object([("procedures", .array(procedures.concurrentMap(\.json))), ("portfolio", review.json)])
                Terminal.outBytes(all.bytes())
            }
        case .markdown:
            Terminal.out(Escape.terminal("# flowcut\n\n" + procedures.map(\.markdown).joined(separator: "\n")), terminator: "")
        }
        Terminal.finish(withErrors > 0 ? 1 : 0)
    }
}

/// A procedure of the run, with its cache key and notes while its text is made.
private struct Item {
    var procedure: ReviewedProcedure
    var key: String?
    var notes: [String]
}

extension ReportLanguage: ExpressibleByArgument {}
