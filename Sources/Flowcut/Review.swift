import Dispatch
import FlowcutAnalysis
import FlowcutCore
import FlowcutRender
import FlowcutReport
import FlowcutSimulation
import FlowcutTiming
import Foundation

/// Where a review's files go: `flowcut analyze --out` gives a folder that
/// is swapped in whole; a test may keep them in memory.
public protocol ReviewSink {
    /// Writes `bytes` at `relative` (plain names joined by `/`).
    func write(_ bytes: [UInt8], to relative: String) throws
}

/// The department's review: every procedure's page and diagrams, and the
/// review itself (index.html, report.md, portfolio.json).
public struct Review: Sendable {
    public var reports: [ProcedureReport]
    public var portfolio: Portfolio
    public var words: Words
    /// Also each procedure as a Word document with its diagrams as PNG
    /// (`<procedure>/procedure.docx`); the review's own `review.docx`,
    /// `ranked.csv` and `scorecard.csv` are always written.
    public var officeDocuments = false

    /// The review's `portfolio` object of the JSON (ANALYSIS.md).
    public var json: JSON { PortfolioReport(portfolio, words: words).json }

    /// Writes every file: each procedure's diagrams and page
    /// (`<procedure>/before.svg`, `after.svg`, `index.html`, with
    /// `officeDocuments` `procedure.docx`), then the review (`index.html`,
    /// `report.md`, `review.docx`, `ranked.csv`, `scorecard.csv` with the
    /// records, `portfolio.json`). Diagrams not given in `drawings` (by report) are drawn here;
    /// each batch's are freed once written.
    /// - Returns: how many procedures were written.
    @discardableResult
    public func write(to sink: some ReviewSink, drawings: inout [Result<Drawings, any Error>?]) throws -> Int {
        var pages: [String: String] = [:]
        let slugs = Self.slugs(for: reports.map(\.path))
        // Drawings not made yet, and the pages, are made in parallel a batch
        // at a time (so that not every page is held at once); the files are
        // written in order.
        let batch = 64
        var made: [Result<(drawings: Drawings, page: String, docx: [UInt8]?), any Error>?] = []
        let words = self.words
        let reports = self.reports
        let office = officeDocuments
        for (i, report) in reports.enumerated() {
            if i % batch == 0 {
                let size = min(batch, reports.count - i)
                let slots = Slots<Result<(drawings: Drawings, page: String, docx: [UInt8]?), any Error>?>(count: size, initial: nil)
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
                        return (d, page, office ? try Self.docx(report, words) : nil)
                    }
                }
                made = slots.values
            }
            let slug = slugs[i]
            pages[report.path] = slug
            let (d, page, docx) = try made[i % batch]!.get()
            try sink.write(d.before, to: "\(slug)/before.svg")
            if let after = d.after { try sink.write(after, to: "\(slug)/after.svg") }
            try sink.write(Array(page.utf8), to: "\(slug)/index.html")
            if let docx { try sink.write(docx, to: "\(slug)/procedure.docx") }
        }
        let review = PortfolioReport(portfolio, pages: pages, words: words)
        try sink.write(Array(review.html.utf8), to: "index.html")
        let markdown = review.markdown
        try sink.write(Array(markdown.utf8), to: "report.md")
        try sink.write(
            try OfficePackage.zip(WordWriter.parts(markdown: markdown, title: words.review, language: Self.languageTag(words))), to: "review.docx")
        try sink.write(Array(review.rankedCSV.utf8), to: "ranked.csv")
        if !portfolio.scorecard.isEmpty { try sink.write(Array(review.scorecardCSV.utf8), to: "scorecard.csv") }
        try sink.write(JSON.object([("procedures", .array(reports.map(\.json))), ("portfolio", review.json)]).bytes(), to: "portfolio.json")
        return reports.count
    }

    static func languageTag(_ words: Words) -> String { words.language == .vi ? "vi-VN" : "en-GB" }

    /// A procedure's report as a Word document: its Markdown text, then its
    /// diagrams before and after as PNG (none above `drawLimit` steps).
    static func docx(_ report: ProcedureReport, _ words: Words) throws -> [UInt8] {
        try OfficePackage.zip(docxParts(report, words))
    }

    static func docxParts(_ report: ProcedureReport, _ words: Words) throws -> [(String, [UInt8])] {
        var images: [WordWriter.Image] = []
        if report.analysis.workflow.steps.count <= drawLimit {
            images.append(
                WordWriter.Image(
                    png: try Graphviz.render(dot: DotBuilder.dot(Diagrams.before(report.analysis, report.comparison, words: words)), format: .png),
                    caption: words.beforeDiagram))
            if let c = report.comparison {
                images.append(
                    WordWriter.Image(png: try Graphviz.render(dot: DotBuilder.dot(Diagrams.after(c, words: words)), format: .png), caption: words.afterDiagram))
            }
        }
        return WordWriter.parts(markdown: report.markdown, images: images, title: report.analysis.workflow.name, language: languageTag(words))
    }

    /// Writes every file, drawing every diagram here.
    @discardableResult
    public func write(to sink: some ReviewSink) throws -> Int {
        var none: [Result<Drawings, any Error>?] = []
        return try write(to: sink, drawings: &none)
    }

    /// Each procedure's folder name, in order: `slug(for:)`, with `-2`,
    /// `-3`… after a name already taken, distinct whatever the file system
    /// folds (compared in lower case).
    public static func slugs(for paths: [String]) -> [String] {
        var used = Set<String>()
        return paths.map { path in
            var slug = slug(for: path)
            var n = 2
            while used.contains(slug.lowercased()) {
                slug = Self.slug(for: path) + "-\(n)"
                n += 1
            }
            used.insert(slug.lowercased())
            return slug
        }
    }

    /// A folder name for a procedure file: its name without its ending,
    /// diacritics folded to ASCII, reduced to letters, digits, `-`, `_` and
    /// `.` (never starting with a dot), at most 80 bytes.
    public static func slug(for path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let stem = base.lastIndex(of: ".").flatMap { $0 == base.startIndex ? nil : String(base[..<$0]) } ?? base
        var name = ""
        for scalar in stem.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .decomposedStringWithCanonicalMapping.unicodeScalars
        {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let c = Character(scalar)
            name.append(scalar.isASCII && (c.isLetter || c.isNumber || "-_.".contains(c)) ? c : "-")
        }
        while name.hasPrefix(".") { name.removeFirst() }
        if name.utf8.count > 80 { name = String(name.prefix(80)) }
        return name.isEmpty ? "procedure" : name
    }
}

/// A procedure's before and after diagrams as SVG.
public struct Drawings: Sendable {
    public var before: [UInt8]
    public var after: [UInt8]?

    public init(_ analysis: ProcedureAnalysis, _ comparison: Comparison?, _ words: Words) throws {
        let steps = analysis.workflow.steps.count
        before = try drawing(steps, words) { DotBuilder.dot(Diagrams.before(analysis, comparison, words: words)) }
        if let comparison {
            after = try drawing(steps, words) { DotBuilder.dot(Diagrams.after(comparison, words: words)) }
        }
    }
}

/// Above this many steps dot's layout takes minutes (3 000 steps: about
/// 4 s, growing faster than linearly): the page then says so instead.
public let drawLimit = 2_000

/// A diagram as SVG, or, for a process too big to lay out, a small SVG
/// that says why there is none.
func drawing(_ steps: Int, _ words: Words, _ dot: () -> String) throws -> [UInt8] {
    guard steps > drawLimit else { return try Graphviz.render(dot: dot(), format: .svg) }
    let text =
        words.language == .vi
        ? "Quy trình có \(steps) bước: quá lớn để vẽ (tối đa \(drawLimit))."
        : "\(steps) steps: too many to draw here (at most \(drawLimit))."
    return Array(
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="640" height="60" viewBox="0 0 640 60">\
        <text x="10" y="35" font-family="DejaVu Sans" font-size="16">\(text)</text></svg>

        """.utf8)
}
