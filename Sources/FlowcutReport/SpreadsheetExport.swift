import FlowcutAnalysis
import FlowcutCore

/// The ranked table and the scorecard as CSV for a spreadsheet: plain
/// numbers (a dot for decimals, rates 0…1, lead times in working days),
/// headers in the review's language, UTF-8 with a byte-order mark so that
/// Excel shows Vietnamese as written. A text cell that a spreadsheet would
/// run as a formula (=, +, -, @ first) starts with an apostrophe.
extension PortfolioReport {
    public var rankedCSV: String {
        let s = scorecard
        var rows = [
            [
                s.t("Code", "Mã TTHC"), words.procedure.capitalizedFirst, s.t("File", "Tệp quy trình"), words.dossiersAYear.capitalizedFirst,
                s.t("Lead time before (working days)", "Thời gian giải quyết hiện hành (ngày làm việc)"),
                s.t("Lead time after (working days)", "Thời gian giải quyết sau cắt giảm (ngày làm việc)"),
                s.t("Cut (share)", "Tỷ lệ cắt giảm"), words.citizenDaysAYear.capitalizedFirst, words.staffHoursAYear.capitalizedFirst,
                words.deadlineFit.capitalizedFirst, s.t("Online share", "Tỷ lệ trực tuyến"),
            ].map(CSV.text)
        ]
        for row in ranked {
            switch row {
            case .file(let e):
                let days = { (h: Double) in CSV.number(h / e.workflow.workdayHours) }
                let (b, a) = leadTimes(e)
                rows.append(
                    [
                        CSV.text(e.workflow.code.map { ProcedureCode($0)?.short ?? $0 } ?? ""), CSV.text(e.workflow.name), CSV.text(e.path),
                        "\(e.dossiersPerYear)", days(b), a.map(days) ?? "",
                        cut(e).map(CSV.number) ?? "", CSV.number(e.citizenDaysPerYear), CSV.number(e.staffHoursPerYear),
                        CSV.text(e.deadlineFit == nil ? "" : words.deadlineFit(e.deadlineFit)),
                        latestOnlineShare(e).map(CSV.number) ?? "",
                    ])
            case .unwritten(let r):
                rows.append(
                    [
                        CSV.text(r.code.short), CSV.text(r.name ?? ""), CSV.text(s.noFile), "\(r.years.last?.counts.received ?? 0)", "", "", "", "", "", "",
                        r.years.last?.counts.onlineShare.map(CSV.number) ?? "",
                    ])
            }
        }
        return CSV.document(rows)
    }

    /// One row per procedure and year, then the department's row per year.
    public var scorecardCSV: String {
        let s = scorecard
        var rows = [
            [
                s.t("Code", "Mã TTHC"), words.procedure.capitalizedFirst, s.t("File", "Tệp quy trình"), words.year.capitalizedFirst,
                s.t("Received", "Tiếp nhận"),
                s.t("Online", "Trực tuyến"), s.t("In person or by post", "Trực tiếp và bưu chính"), s.t("Carried over", "Kỳ trước chuyển sang"),
                s.t("Resolved early", "Giải quyết trước hạn"), s.t("Resolved on time", "Giải quyết đúng hạn"), s.t("Resolved late", "Giải quyết quá hạn"),
                s.t("Open within term", "Đang giải quyết trong hạn"), s.t("Open late", "Đang giải quyết quá hạn"), s.onTimeName, s.onlineName,
            ].map(CSV.text)
        ]
        func counts(_ c: PeriodCounts) -> [String] {
            [c.received, c.receivedOnline, c.receivedOffline, c.carriedOver, c.resolvedEarly, c.resolvedOnTime, c.resolvedLate, c.openWithinTerm, c.openLate]
                .map {
                    "\($0)"
                }
        }
        for r in s.scorecard.rows {
            rows.append(
                [CSV.text(r.code.short), CSV.text(r.name), CSV.text(r.file ?? ""), "\(r.year)"] + counts(r.counts) + [
                    r.onTimeRate.map(CSV.number) ?? "", r.onlineShare.map(CSV.number) ?? "",
                ])
        }
        for y in s.scorecard.years {
            rows.append(
                ["", CSV.text(s.t("Department", "Toàn đơn vị")), "", "\(y.year)"] + counts(y.counts) + [
                    y.onTimeRate.map(CSV.number) ?? "", y.onlineShare.map(CSV.number) ?? "",
                ])
        }
        return CSV.document(rows)
    }
}

enum CSV {
    static func document(_ rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quoted when it holds a comma, quote or line break; a leading = + - @
    /// (or tab, carriage return) is kept from becoming a formula.
    static func text(_ s: String) -> String {
        var t = s
        if let first = t.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { t = "'" + t }
        guard t.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return t }
        return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// At most six decimals, no exponent, no trailing zeros.
    static func number(_ x: Double) -> String {
        plainDecimal((x * 1_000_000).rounded() / 1_000_000)
    }
}
