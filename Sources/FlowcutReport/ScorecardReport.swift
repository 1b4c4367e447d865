import FlowcutAnalysis
import FlowcutCore

/// The scorecard of Decision 766/QĐ-TTg in the review: the department by
/// year, the procedures keeping each rate from its target, and each
/// procedure's counts, as JSON, Markdown, the page's section and the
/// terminal's lines. docs/records.md says where each formula comes from.
public struct ScorecardReport: Sendable {
    public let scorecard: Scorecard
    public let words: Words

    public init(_ scorecard: Scorecard, words: Words = .english) {
        self.scorecard = scorecard
        self.words = words
    }

    /// English or Vietnamese.
    func t(_ en: String, _ vi: String) -> String { words.language == .vi ? vi : en }

    /// A rate with one decimal, never rounded up to a target it misses:
    /// 99.96% is "99.9%", only 100% is "100%".
    public func rate(_ share: Double?) -> String {
        guard let share else { return "—" }
        if share >= 1 { return "100%" }
        let tenths = (share * 1000 + 1e-9).rounded(.down) / 10
        return words.number(tenths, decimals: 1) + "%"
    }

    var title: String { t("Scorecard (Decision 766/QĐ-TTg)", "Bộ chỉ số theo Quyết định 766/QĐ-TTg") }
    var onTimeName: String { t("On-time rate", "Tỷ lệ giải quyết đúng hạn") }
    var onlineName: String { t("Online share", "Tỷ lệ hồ sơ trực tuyến") }
    var servicesName: String { t("Online services with online dossiers", "Tỷ lệ DVCTT phát sinh hồ sơ trực tuyến") }
    var targetWord: String { t("target", "chỉ tiêu") }

    /// The department by year: the header and one row a year.
    var yearTable: (header: [String], rows: [[String]]) {
        let header = [
            words.year.capitalizedFirst, t("Received", "Tiếp nhận"), t("of which online", "Trong đó trực tuyến"), t("Carried over", "Kỳ trước chuyển sang"),
            t("Resolved early or on time", "Đã giải quyết trước hạn, đúng hạn"), t("Resolved late", "Đã giải quyết quá hạn"),
            t("Open within term", "Đang giải quyết trong hạn"), t("Open late", "Đang giải quyết quá hạn"),
            onTimeName + " (\(targetWord) \(rate(scorecard.targets.onTime)))", onlineName + " (\(targetWord) \(rate(scorecard.targets.online)))",
            servicesName + " (\(targetWord) \(rate(scorecard.targets.servicesWithDossiers)))",
        ]
        let rows = scorecard.years.map { y -> [String] in
            let c = y.counts
            return [
                "\(y.year)", words.count(c.received), words.count(c.receivedOnline), words.count(c.carriedOver),
                words.count(c.resolvedEarly + c.resolvedOnTime),
                words.count(c.resolvedLate), words.count(c.openWithinTerm), words.count(c.openLate), rate(y.onTimeRate), rate(y.onlineShare),
                y.onlineServices > 0 ? "\(rate(y.servicesShare)) (\(y.onlineServicesWithDossiers)/\(y.onlineServices))" : "—",
            ]
        }
        return (header, rows)
    }

    /// The lists under the table, for the latest year: title, the column's
    /// header, and the rows (procedure, file or none, dossiers).
    var shortfalls: [(title: String, column: String, items: [Scorecard.Shortfall])] {
        guard let year = scorecard.latestYear?.year else { return [] }
        return [
            (
                t("Procedures holding the on-time rate under its target, \(year)", "Thủ tục làm giảm tỷ lệ giải quyết đúng hạn, năm \(year)"),
                t("dossiers that would have had to be on time", "số hồ sơ cần giải quyết đúng hạn thêm để đạt chỉ tiêu"), scorecard.onTimeShortfalls
            ),
            (
                t("Procedures holding the online share under its target, \(year)", "Thủ tục làm giảm tỷ lệ hồ sơ trực tuyến, năm \(year)"),
                t("dossiers that would have had to come online", "số hồ sơ cần tiếp nhận trực tuyến thêm để đạt chỉ tiêu"), scorecard.onlineShortfalls
            ),
            (
                t("Online services with no online dossier in \(year)", "Dịch vụ công trực tuyến chưa phát sinh hồ sơ trực tuyến năm \(year)"),
                t("dossiers received (none online)", "số hồ sơ đã tiếp nhận (không có hồ sơ trực tuyến)"), scorecard.servicesWithoutOnlineDossiers
            ),
        ]
    }

    var noFile: String { t("no process file", "chưa có quy trình nội bộ") }

    // MARK: JSON

    /// `scorecard`: one entry per procedure and year; `scorecardTotals`:
    /// the department's per year; `targets`.
    public var json: [(String, JSON)] {
        func counts(_ c: PeriodCounts) -> [(String, JSON)] {
            [
                ("received", .int(c.received)), ("online", .int(c.receivedOnline)), ("offline", .int(c.receivedOffline)),
                ("carriedOver", .int(c.carriedOver)), ("resolvedEarly", .int(c.resolvedEarly)), ("resolvedOnTime", .int(c.resolvedOnTime)),
                ("resolvedLate", .int(c.resolvedLate)), ("openWithinTerm", .int(c.openWithinTerm)), ("openLate", .int(c.openLate)),
            ]
        }
        let s = scorecard
        return [
            (
                "targets",
                .object([
                    ("onTime", .hours(s.targets.onTime)), ("online", .hours(s.targets.online)),
                    ("servicesWithDossiers", .hours(s.targets.servicesWithDossiers)),
                ])
            ),
            (
                "scorecard",
                .array(
                    s.rows.map { r in
                        .object(
                            [("code", .string(r.code.short)), ("name", .string(r.name)), ("file", r.file.map(JSON.string) ?? .null), ("year", .int(r.year))]
                                + counts(r.counts) + [("onTimeRate", .hours(r.onTimeRate)), ("onlineShare", .hours(r.onlineShare))])
                    })
            ),
            (
                "scorecardTotals",
                .array(
                    s.years.map { y in
                        .object(
                            [("year", .int(y.year))] + counts(y.counts) + [
                                ("onTimeRate", .hours(y.onTimeRate)), ("onlineShare", .hours(y.onlineShare)), ("onlineServices", .int(y.onlineServices)),
                                ("onlineServicesWithDossiers", .int(y.onlineServicesWithDossiers)), ("servicesShare", .hours(y.servicesShare)),
                            ])
                    })
            ),
            (
                "scorecardShortfalls",
                .object(
                    zip(["onTime", "online", "servicesWithoutOnlineDossiers"], shortfalls).map { key, list in
                        (
                            key,
                            JSON.array(
                                list.items.map {
                                    .object([
                                        ("code", .string($0.code.short)), ("name", .string($0.name)), ("file", $0.file.map(JSON.string) ?? .null),
                                        ("dossiers", .int($0.dossiers)),
                                    ])
                                })
                        )
                    })
            ),
        ]
    }

    // MARK: Markdown

    public var markdown: String {
        guard !scorecard.isEmpty else { return "" }
        var out = "\n## \(title)\n\n"
        let table = yearTable
        out += "| " + table.header.map(Escape.markdown).joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---:|", count: table.header.count - 1) + "\n"
        for row in table.rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        for (title, column, items) in shortfalls {
            out += "\n### \(title)\n\n"
            if items.isEmpty {
                out += "\(words.noneWord)\n"
                continue
            }
            out += "| \(words.procedure) | \(t("code", "mã TTHC")) | \(Escape.markdown(column)) |\n|---|---|---:|\n"
            for item in items {
                out += "| \(Escape.markdown(item.name))\(item.file == nil ? " (\(noFile))" : "") | \(item.code.short) | \(words.count(item.dossiers)) |\n"
            }
        }
        return out
    }

    // MARK: HTML

    /// The page's section (the page's own style sheet applies).
    public func html(pages: [String: String]) -> String {
        guard !scorecard.isEmpty else { return "" }
        let e = MeetingPage.escape
        var h = "<h2>\(e(title))</h2>\n<table>\n<thead><tr>" + yearTable.header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n"
        for row in yearTable.rows { h += "<tr>" + row.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
        h += "</table>\n"
        for (title, column, items) in shortfalls {
            h += "<h3>\(e(title))</h3>\n"
            if items.isEmpty {
                h += "<p>\(e(words.noneWord))</p>\n"
                continue
            }
            h += "<table>\n<thead><tr><th>\(e(words.procedure))</th><th>\(e(t("code", "mã TTHC")))</th><th>\(e(column))</th></tr></thead>\n"
            for item in items {
                let name = e(item.name)
                let shown =
                    item.file.flatMap { pages[$0] }.map { "<a href=\"\(e($0))/index.html\">\(name)</a>" } ?? "\(name) <small>(\(e(noFile)))</small>"
                h += "<tr><td>\(shown)</td><td>\(e(item.code.short))</td><td>\(words.count(item.dossiers))</td></tr>\n"
            }
            h += "</table>\n"
        }
        return h
    }

    // MARK: Terminal

    /// The latest year's three rates against their targets, one line.
    public var summaryLine: String? {
        guard let y = scorecard.latestYear else { return nil }
        let s = scorecard.targets
        return t("Scorecard \(y.year) (Decision 766)", "Chỉ số năm \(y.year) theo Quyết định 766") + ": "
            + [
                y.onTimeRate == nil
                    ? t("on-time rate unknown (no statistics: --stats)", "chưa tính được tỷ lệ giải quyết đúng hạn (chưa có số liệu thống kê: --stats)")
                    : "\(onTimeName.lowercasedFirst) \(rate(y.onTimeRate)) (\(targetWord) \(rate(s.onTime)))",
                "\(onlineName.lowercasedFirst) \(rate(y.onlineShare)) (\(targetWord) \(rate(s.online)))",
                "\(servicesName.lowercasedFirst) \(rate(y.servicesShare)) (\(targetWord) \(rate(s.servicesWithDossiers)))",
            ].joined(separator: "; ")
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
