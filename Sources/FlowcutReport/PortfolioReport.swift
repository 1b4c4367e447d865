import FlowcutAnalysis
import FlowcutCore

/// The department's review: JSON, Markdown, and the meeting's start page.
public struct PortfolioReport: Sendable {
    public let portfolio: Portfolio
    /// Folder name of each procedure's page, by path.
    public let pages: [String: String]

    public init(_ portfolio: Portfolio, pages: [String: String] = [:]) {
        self.portfolio = portfolio
        self.pages = pages
    }

    func leadTimes(_ e: Portfolio.Entry) -> (before: Double, after: Double?) {
        (e.before.comparableLeadTime, e.comparison?.after.comparableLeadTime)
    }

    func cut(_ e: Portfolio.Entry) -> Double? {
        let (b, a) = leadTimes(e)
        guard let a, b > 0 else { return nil }
        return (b - a) / b
    }

    func latestOnlineShare(_ e: Portfolio.Entry) -> Double? {
        e.workflow.latestDossiers.flatMap { Portfolio.onlineShare(e.workflow, year: $0.year) }
    }

    /// One row of the ranked table, after the name: dossiers a year, lead
    /// time before → after, cut, citizen-days and staff hours a year,
    /// deadline fit, online share.
    func cells(_ e: Portfolio.Entry) -> [String] {
        let t = WorkingTime(workdayHours: e.workflow.workdayHours)
        let (b, a) = leadTimes(e)
        return [
            "\(e.dossiersPerYear)", "\(t.short(b)) → \(a.map(t.short) ?? "—")", cut(e).map(percent) ?? "—",
            formatNumber(e.citizenDaysPerYear, decimals: 1), formatNumber(e.staffHoursPerYear, decimals: 1),
            e.workflow.deadline == nil ? "—" : (e.isOverDeadline ? "over" : "within"), latestOnlineShare(e).map(percent) ?? "—",
        ]
    }

    // MARK: JSON

    public var json: JSON {
        let p = portfolio
        let list = { (entries: [Portfolio.Entry]) in JSON.array(entries.map { .string($0.path) }) }
        return .object([
            ("procedures", .int(p.entries.count)),
            ("failed", .array(p.failures.map { .object([("file", .string($0.path)), ("errors", .int($0.errors))]) })),
            ("totals", .object([
                ("dossiersPerYear", .int(p.entries.reduce(0) { $0 + $1.dossiersPerYear })),
                ("citizenDaysPerYear", .hours(p.citizenDaysPerYear)),
                ("staffHoursPerYear", .hours(p.staffHoursPerYear)),
            ])),
            ("rankedByDossiers", .array(p.byDossiers.map {
                .object([("file", .string($0.path)), ("name", .string($0.workflow.name)), ("dossiersPerYear", .int($0.dossiersPerYear))])
            })),
            ("rankedBySavings", .array(p.bySavings.map {
                .object([("file", .string($0.path)), ("name", .string($0.workflow.name)),
                         ("citizenDaysPerYear", .hours($0.citizenDaysPerYear)), ("staffHoursPerYear", .hours($0.staffHoursPerYear))])
            })),
            ("onlineShare", .object([
                ("overall", .object(p.years.map { (String($0), .hours(p.onlineShare(year: $0))) })),
                ("byProcedure", .array(p.entries.sorted { $0.path < $1.path }.map { e in
                    .object([("file", .string(e.path)),
                             ("years", .object(e.workflow.dossiers.map { (String($0.year), .hours(Portfolio.onlineShare(e.workflow, year: $0.year))) }))])
                })),
            ])),
            ("onlineWithoutDossiers", list(p.onlineWithoutDossiers)),
            ("onlineWithoutCounts", list(p.onlineWithoutCounts)),
            ("paperAfterCutOver", list(p.paperAfterCutOver)),
            ("overDeadline", list(p.overDeadline)),
        ])
    }

    // MARK: Markdown

    public var markdown: String {
        let p = portfolio
        var out = "# The department's review\n\n"
        out += "\(p.entries.count) procedures analysed"
        if !p.failures.isEmpty { out += ", \(p.failures.count) with errors (not analysed)" }
        out += ". Savings a year if every proposal (or the suggested changes) is adopted: "
        out += "**\(formatNumber(p.citizenDaysPerYear, decimals: 1)) citizen-days** and **\(formatNumber(p.staffHoursPerYear, decimals: 1)) staff hours**.\n\n"
        out += "## Procedures by dossiers a year\n\n"
        out += "| procedure | dossiers a year | lead time before → after | cut | citizen-days a year | staff hours a year | deadline | online share |\n"
        out += "|---|---:|---|---:|---:|---:|---|---:|\n"
        for e in p.byDossiers {
            out += "| " + ([e.workflow.name.replacingPipes()] + cells(e)).joined(separator: " | ") + " |\n"
        }
        out += "\n## Online share by year\n\n| year | online share |\n|---|---:|\n"
        for year in p.years { out += "| \(year) | \(p.onlineShare(year: year).map(percent) ?? "—") |\n" }
        for (title, entries) in lists {
            out += "\n## \(title)\n\n"
            out += entries.isEmpty ? "None.\n" : entries.map { "- \($0.workflow.name.replacingPipes()) (`\($0.path)`)" }.joined(separator: "\n") + "\n"
        }
        if !p.failures.isEmpty {
            out += "\n## Files with errors\n\n" + p.failures.map { "- `\($0.path)`: \($0.errors) error\($0.errors == 1 ? "" : "s") (see `flowcut check`)" }.joined(separator: "\n") + "\n"
        }
        return out
    }

    var lists: [(String, [Portfolio.Entry])] {
        [
            ("Online services with no dossiers since 2018", portfolio.onlineWithoutDossiers),
            ("Online services with no dossier counts since 2018", portfolio.onlineWithoutCounts),
            ("Paper after the cut-over (2022)", portfolio.paperAfterCutOver),
            ("Over the deadline (main lead time or P90)", portfolio.overDeadline),
        ]
    }

    // MARK: HTML

    /// The meeting's start page: totals, the ranked table with links to each
    /// procedure's page, and the lists to review.
    public var html: String {
        let p = portfolio
        let e = MeetingPage.escape
        var h = """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>The department's review</title>
            <style>
            body { font-family: "DejaVu Sans", sans-serif; margin: 1.5rem; color: #1f2328; font-size: 18px; }
            h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 1.5rem; }
            table { border-collapse: collapse; } th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .7rem; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            .total { color: #1a7f37; font-weight: bold; } .over { color: #cf222e; }
            @media print { body { font-size: 11pt; margin: 0; } }
            </style>
            </head>
            <body>
            <h1>The department's review</h1>

            """
        h += "<p>\(p.entries.count) procedures analysed\(p.failures.isEmpty ? "" : ", \(p.failures.count) with errors (not analysed)"). "
        h += "Savings a year if every proposal (or the suggested changes) is adopted: <span class=\"total\">\(formatNumber(p.citizenDaysPerYear, decimals: 1)) citizen-days</span> and "
        h += "<span class=\"total\">\(formatNumber(p.staffHoursPerYear, decimals: 1)) staff hours</span>.</p>\n"
        h += "<h2>Procedures by dossiers a year</h2>\n<table>\n<tr><th>procedure</th><th>dossiers a year</th><th>lead time before → after</th><th>cut</th>"
        h += "<th>citizen-days a year</th><th>staff hours a year</th><th>deadline</th><th>online share</th></tr>\n"
        for entry in p.byDossiers {
            let name = e(entry.workflow.name)
            let link = pages[entry.path].map { "<a href=\"\(e($0))/index.html\">\(name)</a>" } ?? name
            let row = cells(entry).map { $0 == "over" ? "<span class=\"over\">over</span>" : e($0) }
            h += "<tr><td>\(link)</td>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        h += "</table>\n<h2>Online share by year</h2>\n<table>\n<tr><th>year</th><th>online share</th></tr>\n"
        for year in p.years { h += "<tr><td>\(year)</td><td>\(p.onlineShare(year: year).map(percent) ?? "—")</td></tr>\n" }
        h += "</table>\n"
        for (title, entries) in lists {
            h += "<h2>\(e(title))</h2>\n"
            if entries.isEmpty {
                h += "<p>None.</p>\n"
            } else {
                h += "<ul>\n" + entries.map { entry in
                    let name = e(entry.workflow.name)
                    return "<li>" + (pages[entry.path].map { "<a href=\"\(e($0))/index.html\">\(name)</a>" } ?? name) + "</li>"
                }.joined(separator: "\n") + "\n</ul>\n"
            }
        }
        if !p.failures.isEmpty {
            h += "<h2>Files with errors</h2>\n<ul>\n" + p.failures.map { "<li><code>\(e($0.path))</code>: \($0.errors) error\($0.errors == 1 ? "" : "s")</li>" }.joined(separator: "\n") + "\n</ul>\n"
        }
        h += "</body>\n</html>\n"
        return h
    }
}
