import FlowcutCore

/// What a receipt slip (phiếu hẹn) would say for a dossier received at a
/// given moment: the moment each scenario's working time ends, counted on a
/// working calendar from when the clock starts.
public struct Appointments: Sendable {
    public enum Scenario: String, Sendable {
        /// The statutory deadline: the date the slip promises.
        case deadline
        /// The time the agency commits to after cuts.
        case target
        /// The main scenario's lead time (ANALYSIS.md).
        case main
        /// Nine dossiers in ten are resolved by then (the simulation's P90).
        case p90
    }

    public struct Line: Sendable {
        public var scenario: Scenario
        /// Working hours from the clock's start.
        public var hours: Double
        /// When those hours end, rounded up to the minute.
        public var due: WallTime
    }

    public var received: WallTime
    /// The first working moment at or after receipt (after the cutoff: the
    /// next working morning).
    public var clockStart: WallTime
    public var lines: [Line]
    /// Years the appointments fall in whose holidays the calendar does not list.
    public var yearsWithoutHolidays: [Int]

    public init(_ analysis: ProcedureAnalysis, receivedAt received: WallTime, calendar: WorkingCalendar) {
        self.received = received
        clockStart = calendar.clockStart(receivedAt: received)
        var scenarios: [(Scenario, Double)] = []
        if let deadline = analysis.workflow.deadline { scenarios.append((.deadline, deadline)) }
        if let target = analysis.workflow.target { scenarios.append((.target, target)) }
        scenarios.append((.main, analysis.mainLeadTime))
        if let simulation = analysis.simulation, simulation.completedCases > 0 { scenarios.append((.p90, simulation.percentile(0.9))) }
        let start = clockStart
        lines = scenarios.map { scenario, hours in
            // Whole seconds first, so that 52 h written as 6.5 × 8 ends on the minute.
            let seconds = Int64((hours * 3600).rounded())
            return Line(scenario: scenario, hours: hours, due: calendar.adding(seconds, to: start).roundedUpToMinute)
        }
        var outside: Set<Int> = []
        if let years = calendar.years {
            for year in ([received.day.date.year] + lines.map { $0.due.day.date.year }) where !years.contains(year) { outside.insert(year) }
        }
        yearsWithoutHolidays = outside.sorted()
    }
}
