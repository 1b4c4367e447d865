import FlowcutAnalysis
import FlowcutCore
import FlowcutSimulation
import FlowcutTiming

/// The department's review: JSON, Markdown, and the meeting's start page.
public struct PortfolioReport: Sendable {
    public let portfolio: Portfolio
    /// Folder name of each procedure's page, by path.
    public let pages: [String: String]
    public let words: Words
    /// The session's token when `flowcut serve` shows the page: it then
    /// follows the files as they change.
    public var liveToken: String?

    public init(_ portfolio: Portfolio, pages: [String: String] = [:], words: Words = .english) {
        self.portfolio = portfolio
        self.pages = pages
        self.words = words
    }

    func leadTimes(_ e: Portfolio.Entry) -> (before: Double, after: Double?) {
        (e.figures.before, e.figures.after)
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
    /// deadline fit (at `deadlineColumn`), online share.
    func cells(_ e: Portfolio.Entry) -> [String] {
        let x = words
        let t = WorkingTime(workdayHours: e.workflow.workdayHours, words: x)
        let (b, a) = leadTimes(e)
        return [
            x.count(e.dossiersPerYear), "\(t.short(b)) → \(a.map(t.short) ?? "—")", cut(e).map(x.percent) ?? "—",
            x.number(e.citizenDaysPerYear, decimals: 1), x.number(e.staffHoursPerYear, decimals: 1),
            x.deadlineFit(e.deadlineFit), latestOnlineShare(e).map(x.percent) ?? "—",
        ]
    }

    /// Where `cells` puts the deadline fit.
    static let deadlineColumn = 5

    /// The ranked table's header, after the name column.
    var header: [String] {
        [words.dossiersAYear, words.leadBeforeAfter, words.cut, words.citizenDaysAYear, words.staffHoursAYear, words.deadlineFit, words.onlineShare]
    }

    // MARK: JSON

    public var json: JSON {
        let p = portfolio
        let list = { (entries: [Portfolio.Entry]) in JSON.array(entries.map { .string($0.path) }) }
        return .object(
            [
                ("procedures", .int(p.entries.count)),
                ("failed", .array(p.failures.map { .object([("file", .string($0.path)), ("errors", .int($0.errors))]) })),
                (
                    "totals",
                    .object([
                        ("dossiersPerYear", .int(p.entries.reduce(0) { $0 + $1.dossiersPerYear })),
                        ("citizenDaysPerYear", .hours(p.citizenDaysPerYear)),
                        ("staffHoursPerYear", .hours(p.staffHoursPerYear)),
                    ])
                ),
                (
                    "rankedByDossiers",
                    .array(
                        ranked.map { row in
                            switch row {
                            case .file(let e):
                                .object([
                                    ("file", .string(e.path)), ("name", .string(e.workflow.name)), ("code", e.workflow.code.map(JSON.string) ?? .null),
                                    ("dossiersPerYear", .int(e.dossiersPerYear)),
                                ])
                            case .unwritten(let r):
                                .object([
                                    ("file", .null), ("name", .string(r.name ?? "")), ("code", .string(r.code.short)),
                                    ("dossiersPerYear", .int(r.years.last?.counts.received ?? 0)),
                                ])
                            }
                        })
                ),
                (
                    "rankedBySavings",
                    .array(
                        p.bySavings.map {
                            .object([
                                ("file", .string($0.path)), ("name", .string($0.workflow.name)),
                                ("citizenDaysPerYear", .hours($0.citizenDaysPerYear)), ("staffHoursPerYear", .hours($0.staffHoursPerYear)),
                            ])
                        })
                ),
                (
                    "onlineShare",
                    .object([
                        ("overall", .object(p.years.map { (String($0), .hours(p.onlineShare(year: $0))) })),
                        (
                            "byProcedure",
                            .array(
                                p.byPath.map { e in
                                    .object([
                                        ("file", .string(e.path)),
                                        (
                                            "years",
                                            .object(e.workflow.dossiers.map { (String($0.year), .hours(Portfolio.onlineShare(e.workflow, year: $0.year))) })
                                        ),
                                    ])
                                })
                        ),
                    ])
                ),
                ("onlineWithoutDossiers", list(p.onlineWithoutDossiers)),
                ("onlineWithoutCounts", list(p.onlineWithoutCounts)),
                ("paperAfterCutOver", list(p.paperAfterCutOver)),
                ("overDeadline", list(p.overDeadline)),
                (
                    "withoutProcessFile",
                    .object([
                        ("byDossiers", codes(p.unwrittenByDossiers)), ("onlineWithoutDossiers", codes(p.unwrittenOnlineWithoutDossiers)),
                        ("onlineWithoutCounts", codes(p.unwrittenOnlineWithoutCounts)), ("paperAfterCutOver", codes(p.unwrittenPaperAfterCutOver)),
                    ])
                ),
            ] + scorecard.json)
    }

    var scorecard: ScorecardReport { ScorecardReport(portfolio.scorecard, words: words) }

    func codes(_ records: [ProcedureRecord]) -> JSON { .array(records.map { .string($0.code.short) }) }

    /// A row of the ranked table: a procedure with its process file, or one
    /// the records know without one.
    enum Ranked {
        case file(Portfolio.Entry)
        case unwritten(ProcedureRecord)

        var dossiers: Int {
            switch self {
            case .file(let e): e.dossiersPerYear
            case .unwritten(let r): r.years.last?.counts.received ?? 0
            }
        }
    }

    /// The files by dossiers a year, and the records' procedures without a
    /// file among them by theirs (most first; ties: files first, then path or code).
    var ranked: [Ranked] {
        let files = portfolio.byDossiers.map(Ranked.file)
        let others = portfolio.unwritten.sorted { a, b in
            let (x, y) = (a.years.last?.counts.received ?? 0, b.years.last?.counts.received ?? 0)
            return x != y ? x > y : a.code < b.code
        }.map(Ranked.unwritten)
        // Merged as two sorted lists.
        var out: [Ranked] = []
        var (i, j) = (0, 0)
        while i < files.count || j < others.count {
            if j == others.count || (i < files.count && files[i].dossiers >= others[j].dossiers) {
                out.append(files[i])
                i += 1
            } else {
                out.append(others[j])
                j += 1
            }
        }
        return out
    }

    /// A ranked row's cells after the name, for a procedure without a process file.
    func cells(_ r: ProcedureRecord) -> [String] {
        let share = r.years.last?.counts.onlineShare
        return ["\(r.years.last?.counts.received ?? 0)", scorecard.noFile, "—", "—", "—", "—", share.map(words.percent) ?? "—"]
    }

    // MARK: Markdown

    public var markdown: String {
        let p = portfolio
        let x = words
        var out = "# \(x.review)\n\n"
        out += "\(x.count(p.entries.count)) \(x.proceduresAnalysed)"
        if !p.failures.isEmpty { out += ", \(x.count(p.failures.count)) \(x.withErrors)" }
        out += ". \(x.savingsIfAdopted): "
        out += "**\(x.number(p.citizenDaysPerYear, decimals: 1)) \(x.citizenDays)**, **\(x.number(p.staffHoursPerYear, decimals: 1)) \(x.staffHours)**.\n\n"
        out += "## \(x.byDossiers)\n\n"
        out += "| \(x.procedure) | " + header.joined(separator: " | ") + " |\n"
        out += "|---|---:|---|---:|---:|---:|---|---:|\n"
        for row in ranked {
            switch row {
            case .file(let e): out += "| " + ([Escape.markdown(e.workflow.name)] + cells(e).map(Escape.markdown)).joined(separator: " | ") + " |\n"
            case .unwritten(let r):
                out +=
                    "| " + ([Escape.markdown(r.name ?? r.code.short) + " (\(r.code.short))"] + cells(r).map(Escape.markdown)).joined(separator: " | ") + " |\n"
            }
        }
        out += "\n" + Escape.markdown(x[.reviewDefinitions]) + "\n"
        // With the records, the scorecard says the online share (with the other rates).
        if p.scorecard.isEmpty {
            out += "\n## \(x.onlineShareByYear)\n\n| \(x.year) | \(x.onlineShare) |\n|---|---:|\n"
            for year in p.years { out += "| \(year) | \(p.onlineShare(year: year).map(x.percent) ?? "—") |\n" }
        }
        out += scorecard.markdown
        for (title, entries, unwritten) in lists {
            out += "\n## \(title)\n\n"
            let items =
                entries.map { "- \(Escape.markdown($0.workflow.name)) (\(Escape.markdownCode($0.path)))" }
                + unwritten.map { "- \(Escape.markdown($0.name ?? $0.code.short)) (\($0.code.short), \(scorecard.noFile))" }
            out += items.isEmpty ? "\(x.noneWord)\n" : items.joined(separator: "\n") + "\n"
        }
        if !p.failures.isEmpty {
            out +=
                "\n## \(x.filesWithErrors)\n\n" + p.failures.map { "- \(Escape.markdownCode($0.path)): \($0.errors) (flowcut check)" }.joined(separator: "\n")
                + "\n"
        }
        return out
    }

    /// The lists to review: title, the files, and the records' procedures without a file.
    var lists: [(String, [Portfolio.Entry], [ProcedureRecord])] {
        let p = portfolio
        var lists = [
            (words.listNoDossiers, p.onlineWithoutDossiers, p.unwrittenOnlineWithoutDossiers),
            (words.listNoCounts, p.onlineWithoutCounts, p.unwrittenOnlineWithoutCounts),
            (words.listPaper, p.paperAfterCutOver, p.unwrittenPaperAfterCutOver),
            (words.listOver, p.overDeadline, []),
        ]
        if !p.records.isEmpty {
            lists.append(
                (
                    scorecard.t(
                        "Procedures with dossiers and no process file, most first (the next to write down)",
                        "Thủ tục có hồ sơ nhưng chưa có quy trình nội bộ, nhiều hồ sơ trước (cần xây dựng tiếp theo)"), [], p.unwrittenByDossiers
                ))
        }
        return lists
    }

    // MARK: HTML

    /// The meeting's start page: totals, the ranked table with links to each
    /// procedure's page, and the lists to review.
    public var html: String {
        let p = portfolio
        let x = words
        let e = MeetingPage.escape
        var h =
            MeetingPage.pageHead(title: x.review, language: x.language) + """
                h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 1.5rem; }
                table { border-collapse: collapse; } th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .7rem; text-align: right; }
                th:first-child, td:first-child { text-align: left; }
                .definitions { color: #57606a; font-size: .9rem; max-width: 60rem; } .total { color: #1a7f37; font-weight: bold; } .over { color: #cf222e; } .nofile td { color: #57606a; }
                h3 { font-size: 1.05rem; margin-top: 1.2rem; }
                </style>
                </head>
                <body>
                <h1>\(e(x.review))</h1>

                """
        if let liveToken { h += LivePage.reviewMarker(token: liveToken, words: x) }
        h += "<p>\(x.count(p.entries.count)) \(x.proceduresAnalysed)\(p.failures.isEmpty ? "" : ", \(x.count(p.failures.count)) \(x.withErrors)"). "
        h += "\(x.savingsIfAdopted): <span class=\"total\">\(x.number(p.citizenDaysPerYear, decimals: 1)) \(x.citizenDays)</span>, "
        h += "<span class=\"total\">\(x.number(p.staffHoursPerYear, decimals: 1)) \(x.staffHours)</span>.</p>\n"
        h += "<h2>\(e(x.byDossiers))</h2>\n<table>\n<thead><tr><th>\(e(x.procedure))</th>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n"
        for ranked in ranked {
            switch ranked {
            case .file(let entry):
                let name = e(entry.workflow.name)
                let link = pages[entry.path].map { "<a href=\"\(e($0))/index.html\">\(name)</a>" } ?? name
                // Shown red by what the fit is, not by what its words read.
                let row = cells(entry).enumerated().map { k, cell in
                    k == Self.deadlineColumn && entry.isOverDeadline ? "<span class=\"over\">\(e(cell))</span>" : e(cell)
                }
                h += "<tr><td>\(link)</td>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
            case .unwritten(let r):
                h +=
                    "<tr class=\"nofile\"><td>\(e(r.name ?? r.code.short)) <small>(\(e(r.code.short)))</small></td>"
                    + cells(r).map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
            }
        }
        h += "</table>\n<p class=\"definitions\">\(e(x[.reviewDefinitions]))</p>\n"
        if p.scorecard.isEmpty {
            h += "<h2>\(e(x.onlineShareByYear))</h2>\n<table>\n<thead><tr><th>\(e(x.year))</th><th>\(e(x.onlineShare))</th></tr></thead>\n"
            for year in p.years { h += "<tr><td>\(year)</td><td>\(p.onlineShare(year: year).map(x.percent) ?? "—")</td></tr>\n" }
            h += "</table>\n"
        }
        h += scorecard.html(pages: pages)
        for (title, entries, unwritten) in lists {
            h += "<h2>\(e(title))</h2>\n"
            let items =
                entries.map { entry in
                    let name = e(entry.workflow.name)
                    return "<li>" + (pages[entry.path].map { "<a href=\"\(e($0))/index.html\">\(name)</a>" } ?? name) + "</li>"
                }
                + unwritten.map { "<li>\(e($0.name ?? $0.code.short)) <small>(\(e($0.code.short)), \(e(scorecard.noFile)))</small></li>" }
            h += items.isEmpty ? "<p>\(e(x.noneWord))</p>\n" : "<ul>\n" + items.joined(separator: "\n") + "\n</ul>\n"
        }
        if !p.failures.isEmpty {
            h +=
                "<h2>\(e(x.filesWithErrors))</h2>\n<ul>\n" + p.failures.map { "<li><code>\(e($0.path))</code>: \($0.errors)</li>" }.joined(separator: "\n")
                + "\n</ul>\n"
        }
        if liveToken != nil { h += LivePage.script }
        h += "</body>\n</html>\n"
        return h
    }
}
