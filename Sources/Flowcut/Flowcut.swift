import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutReport
import FlowcutSimulation
import FlowcutTiming

/// flowcut as a library: what `flowcut analyze` does, as values.
///
///     let sources = Flowcut.sources(["workflows"])              // files
///     let checked = Flowcut.load(sources.files)                 // parsed, checked (or imported)
///     var reports: [ProcedureReport] = []
///     for case .success(let file) in checked {
///         guard let w = file.workflow else { continue }         // file.diagnostics say why
///         let outcome = Flowcut.analyze(w)                      // critical path, simulation, suggestions
///         reports.append(Flowcut.report(outcome, path: file.file.path))
///     }
///     let review = Flowcut.review(reports)                      // the department's review
///     try review.write(to: folder)                              // SVG diagrams, pages, report.md, portfolio.json
///
/// Nothing here prints or exits; the `flowcut` executable owns the terminal.
public enum Flowcut {
    /// One procedure's report (text, Markdown, JSON, page) from its outcome.
    public static func report(_ outcome: ProcedureOutcome, path: String, words: Words = .english) -> ProcedureReport {
        ProcedureReport(
            path: path, analysis: outcome.before, comparison: outcome.comparisons.first,
            suggestions: outcome.suggestions, words: words)
    }

    /// The department's review over the procedures' reports; `failures`
    /// are the files with errors (listed, not analysed); `records` the
    /// statistics and catalogue (joined to the files beforehand with
    /// `join(_:into:)`), whose procedures without a file are in it too.
    public static func review(
        _ reports: [ProcedureReport], failures: [(path: String, errors: Int)] = [], records: Records = Records(), targets: Targets = .decision766,
        words: Words = .english
    ) -> Review {
        review(procedures: reports.map { .analysed($0, keep: nil) }, failures: failures, records: records, targets: targets, words: words)
    }

    /// The review over procedures analysed now or reused from the review
    /// it replaces (`ReviewCache`).
    public static func review(
        procedures: [ReviewedProcedure], failures: [(path: String, errors: Int)] = [], records: Records = Records(), targets: Targets = .decision766,
        words: Words = .english
    ) -> Review {
        let portfolio = Portfolio(entries: procedures.map(\.entry), failures: failures, records: records, targets: targets)
        return Review(procedures: procedures, portfolio: portfolio, words: words)
    }
}
