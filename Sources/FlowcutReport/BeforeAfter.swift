import FlowcutAnalysis
import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// The before/after table of one comparison, built once in the report's
/// language; the text, Markdown and HTML writers lay it out.
public struct BeforeAfter: Sendable {
    public enum Unit: Sendable { case days, count, hours }

    public struct Row: Sendable {
        public var unit: Unit
        public var name: String
        public var before: String
        public var after: String
        public var saved: String
        /// The saving as a share of before ("29%"), nil when before is 0.
        public var share: String?
    }

    /// "the suggested changes" or `proposal “Name”`.
    public var origin: AfterOrigin
    public var rows: [Row]
    /// The latest year's dossiers and what the changes save in a year.
    public var perYear: (dossiers: Int, year: Int, citizenDays: String, staffHours: String)?
    /// The changes in words, with their reasons: a suggestion's said in the
    /// report's language, a proposal's as its author wrote it.
    public var changes: [(statement: String, reason: String?)]

    /// `suggestions` give the reasons of the suggested changes.
    public init(_ c: Comparison, words x: Words, suggestions: [Suggestion] = []) {
        let w = c.before.workflow
        let t = WorkingTime(workdayHours: w.workdayHours, words: x)
        var rows: [Row] = []
        func row(_ unit: Unit, _ name: String, _ b: Double, _ a: Double) {
            func show(_ v: Double) -> String {
                switch unit {
                case .days: t.short(v)
                case .hours: t.hours(v)
                case .count: "\(Int(v))"
                }
            }
            rows.append(
                Row(
                    unit: unit, name: name, before: show(b), after: show(a), saved: show(b - a),
                    share: b != 0 ? x.percent((b - a) / b) : nil))
        }
        row(.days, x.mainLeadTime, c.before.mainLeadTime, c.after.mainLeadTime)
        if let b = c.before.simulation, let a = c.after.simulation {
            row(.days, x.expectedLeadTime, b.expectedLeadTime, a.expectedLeadTime)
            row(.days, "P90", b.percentile(0.9), a.percentile(0.9))
        }
        row(.count, x.handoffs, Double(c.before.handoffs), Double(c.after.handoffs))
        row(.hours, x.workPerDossier, c.before.workHours, c.after.workHours)
        self.origin = c.origin
        self.rows = rows
        perYear = w.latestDossiers.map {
            ($0.total, $0.year, x.number(c.citizenDaysPerYear, decimals: 1), x.number(c.staffHoursPerYear, decimals: 1))
        }
        let because = Dictionary(suggestions.map { ($0.change, $0.because) }, uniquingKeysWith: { first, _ in first })
        changes = c.changes.map { change in
            let reason = c.origin == .suggested ? because[change.action].map { x.reason($0, in: w) } : change.reason
            return (x.change(change.action, in: w), reason)
        }
    }
}

/// One suggestion as the reports show it, in the report's language.
public struct SuggestionRow: Sendable {
    /// The change in words.
    public var statement: String
    /// The rule's name in the report's language.
    public var rule: String
    public var isTargetOnly: Bool
    /// Saving per dossier ("1.5 d").
    public var perDossier: String
    /// Saving per year in days ("1006.1 d" for the pages, with two decimals).
    public var perYear: String
    /// Saving per year in days with one decimal, for the terminal.
    public var perYearShort: String
    /// Why, in the report's language.
    public var reason: String
    /// "Not together with a change above: Remove “X”.", when the suggestion
    /// cannot be made together with a change of the comparison.
    public var conflict: String?

    public init(_ s: Suggestion, in w: Workflow, words x: Words, conflict: ChangeAction? = nil) {
        let workdayHours = w.workdayHours
        let t = WorkingTime(workdayHours: workdayHours, words: x)
        statement = x.change(s.change, in: w)
        rule = x.ruleName(s.ruleDescription)
        isTargetOnly = s.isTargetOnly
        perDossier = t.short(s.savingHours)
        perYear = t.short(s.savingPerYearHours)
        perYearShort = x.number(s.savingPerYearHours / workdayHours, decimals: 1)
        reason = x.reason(s.because, in: w)
        self.conflict = conflict.map { x.fill(x[.conflictsWith], x.change($0, in: w)) }
    }
}

/// The suggestions a report lists: only those that save time (one that
/// saves nothing, rounded to the hundredth of a day the pages show, is no
/// suggestion to put to a meeting), each with the change of the comparison
/// it cannot go with, if any. The JSON report keeps every measured one.
public enum ShownSuggestions {
    public static func list(_ suggestions: [Suggestion], comparison: Comparison?, workdayHours: Double) -> [(
        suggestion: Suggestion, conflict: ChangeAction?
    )] {
        let applied = comparison?.changes.map(\.action) ?? []
        return suggestions.filter { $0.savingHours >= 0.005 * workdayHours }.map { s in
            (s, applied.contains(s.change) ? nil : applied.first { $0.conflicts(with: s.change) })
        }
    }
}
