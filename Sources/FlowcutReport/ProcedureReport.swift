import FlowcutAnalysis
import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// One procedure's report, in the JSON shape of ANALYSIS.md ("The JSON
/// report"), text for a terminal, and Markdown.
public struct ProcedureReport: Sendable {
    public let path: String
    public let analysis: ProcedureAnalysis
    /// Before and after, when a proposal or the suggested set applies.
    public let comparison: Comparison?
    public let suggestions: [Suggestion]
    /// The language of the text, Markdown and pages (not of the JSON keys).
    public let words: Words

    public init(
        path: String, analysis: ProcedureAnalysis, comparison: Comparison? = nil, suggestions: [Suggestion] = [],
        words: Words = .english
    ) {
        self.path = path
        self.analysis = analysis
        self.comparison = comparison
        self.suggestions = suggestions
        self.words = words
    }

    var workflow: Workflow { analysis.workflow }

    // MARK: JSON

    /// The object of ANALYSIS.md; `after`, `proposal` and `savings` are null
    /// when nothing was applied.
    public var json: JSON {
        let w = workflow
        return .object(
            [
                (
                    "procedure",
                    .object([
                        ("name", .string(w.name)), ("code", .optional(w.code)), ("file", .string(path)),
                        ("agency", .optional(w.agency)), ("field", .optional(w.field)),
                        ("service", .string(w.service.rawValue)),
                        // Steps marked `ends`: the case is over when one finishes.
                        ("endingSteps", .array(w.steps.filter(\.endsCase).map { .string($0.id) })), ("deadlineHours", .hours(w.deadline)),
                        ("targetHours", .hours(w.target)), ("workdayHours", .hours(w.workdayHours)),
                        (
                            "dossiers",
                            .array(
                                w.dossiers.map {
                                    .object([("year", .int($0.year)), ("online", .int($0.online)), ("paper", .int($0.paper))])
                                })
                        ),
                    ])
                ),
                ("before", Self.numbers(analysis)),
            ] + Self.comparisonJSON(comparison, suggestions: suggestions))
    }

    /// The numbers of one analysed workflow (the `before`/`after` object).
    public static func numbers(_ a: ProcedureAnalysis) -> JSON {
        let w = a.workflow
        let sim = a.simulation
        let steps: [JSON] = w.steps.indices.map { s in
            let schedule = a.criticalPath.schedule[s]
            return .object([
                ("id", .string(w.steps[s].id)),
                ("earliestStartHours", .hours(schedule?.earliestStart)),
                ("earliestFinishHours", .hours(schedule?.earliestFinish)),
                ("latestStartHours", .hours(schedule?.latestStart)),
                ("latestFinishHours", .hours(schedule?.latestFinish)),
                ("slackHours", .hours(schedule?.slack)),
                ("visitProbability", .hours(sim?.visitProbability[s])),
                ("expectedVisits", .hours(sim?.expectedVisits[s])),
                ("inMainScenario", .bool(a.scenario.contains[s])),
                ("meanHours", .hours(a.stepTimes[s])),
            ])
        }
        let actors: [JSON] = a.actors.map {
            .object([("id", .optional($0.actor)), ("workHours", .hours($0.hours)), ("shareOfLeadTime", .hours($0.shareOfLeadTime))])
        }
        // Figures of the completed cases: none (null) when every case was stopped.
        let completed = sim.flatMap { $0.completedCases > 0 ? $0 : nil }
        let p90 = completed.map { $0.percentile(0.9) }
        return .object([
            ("mainLeadTimeHours", .hours(a.mainLeadTime)),
            ("criticalPath", .array(a.criticalPath.steps.map { .string(w.steps[$0].id) })),
            ("expectedLeadTimeHours", .hours(completed?.expectedLeadTime)),
            ("p50Hours", .hours(completed?.percentile(0.5))),
            ("p90Hours", .hours(p90)),
            ("p95Hours", .hours(completed?.percentile(0.95))),
            ("onTimeRate", .hours(w.deadline.flatMap { d in completed.map { $0.onTimeRate(d) } })),
            ("handoffs", .int(a.handoffs)),
            ("pce", .hours(a.pce)),
            ("workHours", .hours(a.workHours)),
            (
                "deadlineFit",
                .object([
                    ("mainWithinDeadline", ProcedureAnalysis.fits(a.mainLeadTime, w.deadline).map(JSON.bool) ?? .null),
                    ("p90WithinDeadline", ProcedureAnalysis.fits(p90, w.deadline).map(JSON.bool) ?? .null),
                    ("mainWithinTarget", ProcedureAnalysis.fits(a.mainLeadTime, w.target).map(JSON.bool) ?? .null),
                    ("p90WithinTarget", ProcedureAnalysis.fits(p90, w.target).map(JSON.bool) ?? .null),
                ])
            ),
            (
                "simulation",
                sim.map {
                    .object([
                        ("runs", .int($0.runs)), ("seed", .int(Int($0.seed))),
                        ("completedCases", .int($0.completedCases)), ("stoppedCases", .int($0.stoppedCases)),
                        ("caseLimits", .object([("loopReturns", .int($0.limits.loopReturns)), ("stepRuns", .int($0.limits.stepRuns))])),
                    ])
                } ?? .null
            ),
            ("steps", .array(steps)),
            ("actors", .array(actors)),
        ])
    }
}
