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
    /// Writes `bytes` at `relative`, which holds the same bytes as the file
    /// this sink wrote at `same` (a folder links it).
    func write(_ bytes: [UInt8], to relative: String, sameAs same: String) throws
    /// Puts the file at `source` (absolute, an earlier review's) at `relative`.
    func place(_ source: String, at relative: String) throws
    /// Puts many files so (a folder does it on every core).
    func place(_ files: [(source: String, relative: String)]) throws
}

extension ReviewSink {
    public func write(_ bytes: [UInt8], to relative: String, sameAs same: String) throws {
        try write(bytes, to: relative)
    }

    public func place(_ source: String, at relative: String) throws {
        guard let bytes = FileBytes.read(source, most: Int.max) else { throw FileProblem("cannot read \(Files.shown(source))") }
        try write(bytes, to: relative)
    }

    public func place(_ files: [(source: String, relative: String)]) throws {
        for f in files { try place(f.source, at: f.relative) }
    }
}

/// A procedure of the review: analysed in this run, or its files and
/// figures reused from the review it replaces (`ReviewCache`).
public enum ReviewedProcedure: Sendable {
    /// Analysed now; with a cache key, its files are also kept for the next run,
    /// with `text` (what was printed for it) and `notes`.
    case analysed(ProcedureReport, keep: (key: String, text: String, notes: [String])?)
    case reused(CachedProcedure)

    public var path: String {
        switch self {
        case .analysed(let r, _): r.path
        case .reused(let c): c.path
        }
    }

    public var entry: Portfolio.Entry {
        switch self {
        case .analysed(let r, _): Portfolio.Entry(path: r.path, before: r.analysis, comparison: r.comparison)
        case .reused(let c): Portfolio.Entry(path: c.path, workflow: c.workflow, figures: c.figures)
        }
    }

    /// Its JSON object (ANALYSIS.md), as `JSON.written()` writes it.
    public var json: JSON {
        switch self {
        case .analysed(let r, _): r.json
        case .reused(let c): .raw(c.json)
        }
    }

    public var markdown: String {
        switch self {
        case .analysed(let r, _): r.markdown
        case .reused(let c): c.markdown
        }
    }
}

/// The department's review: every procedure's page and diagrams, and the
/// review itself (index.html, report.md, portfolio.json).
public struct Review: Sendable {
    public var procedures: [ReviewedProcedure]
    public var portfolio: Portfolio
    public var words: Words
    /// Also each procedure as a Word document with its diagrams as PNG
    /// (`<procedure>/procedure.docx`); the review's own `review.docx`,
    /// `ranked.csv` and `scorecard.csv` are always written.
    public var officeDocuments = false

    /// The procedures analysed in this run.
    public var reports: [ProcedureReport] {
        procedures.compactMap {
            if case .analysed(let r, _) = $0 { return r }
            return nil
        }
    }

    /// The review's `portfolio` object of the JSON (ANALYSIS.md).
    public var json: JSON { PortfolioReport(portfolio, words: words).json }

    /// What one procedure's turn of `write` made (in parallel, a batch at a time).
    private struct Made: Sendable {
        var drawings: Drawings
        var page: String
        var docx: [UInt8]?
        /// The procedure's JSON written, for `portfolio.json` and the cache.
        var json: [UInt8]
        var entry: [UInt8]?
    }

    /// Writes every file: each procedure's diagrams and page
    /// (`<procedure>/before.svg`, `after.svg`, `index.html`, with
    /// `officeDocuments` `procedure.docx`), then the review (`index.html`,
    /// `report.md`, `review.docx`, `ranked.csv`, `scorecard.csv` with the
    /// records, `portfolio.json`). Diagrams not given in `drawings` (by
    /// procedure) are drawn here; each batch's are freed once written. A
    /// procedure reused from the review replaced has its files placed again
    /// (links); one analysed with a key is also kept in `.flowcut-cache/`.
    /// - Returns: how many procedures were written.
    @discardableResult
    public func write(to sink: some ReviewSink, drawings: inout [Result<Drawings, any Error>?]) throws -> Int {
        var pages: [String: String] = [:]
        let slugs = Self.slugs(for: procedures.map(\.path))
        // Drawings not made yet, and the pages, are made in parallel a batch
        // at a time (so that not every page is held at once); the files are
        // written in order.
        let batch = 64
        var made: [Result<Made, any Error>?] = []
        let words = self.words
        let procedures = self.procedures
        let office = officeDocuments
        var written: [JSON] = []
        written.reserveCapacity(procedures.count)
        // The reused procedures' files, placed at once (links, on every core).
        var placed: [(source: String, relative: String)] = []
        for (i, procedure) in procedures.enumerated() {
            guard case .reused(let c) = procedure else { continue }
            for (name, _) in c.sizes {
                placed.append((c.prefix + name, "\(slugs[i])/\(name)"))
                placed.append((c.prefix + name, ReviewCache.relative(c.key, name)))
            }
            placed.append((c.prefix + "entry", ReviewCache.relative(c.key, "entry")))
        }
        try sink.place(placed)
        for (i, procedure) in procedures.enumerated() {
            if i % batch == 0 {
                let size = min(batch, procedures.count - i)
                let slots = Slots<Result<Made, any Error>?>(count: size, initial: nil)
                // This batch's drawings, moved out: written, they are freed.
                var moved: [Result<Drawings, any Error>?] = Array(repeating: nil, count: size)
                for k in 0..<size where i + k < drawings.count { swap(&moved[k], &drawings[i + k]) }
                let taken = moved
                DispatchQueue.concurrentPerform(iterations: size) { k in
                    guard case .analysed(let report, let keep) = procedures[i + k] else { return }
                    slots[k] = Result {
                        let d = try (taken[k] ?? Result { try Drawings(report.analysis, report.comparison, words) }).get()
                        let page = MeetingPage.html(
                            report, beforeSVG: String(decoding: d.before, as: UTF8.self),
                            afterSVG: d.after.map { String(decoding: $0, as: UTF8.self) })
                        let docx = office ? try Self.docx(report, words) : nil
                        let json = report.json.written()
                        var entry: [UInt8]?
                        if let keep {
                            var sizes = [("before.svg", d.before.count)]
                            if let after = d.after { sizes.append(("after.svg", after.count)) }
                            sizes.append(("index.html", page.utf8.count))
                            if let docx { sizes.append(("procedure.docx", docx.count)) }
                            entry = CachedProcedure(
                                key: keep.key, path: report.path, workflow: report.analysis.workflow,
                                figures: Portfolio.Entry.Figures(before: report.analysis, comparison: report.comparison), text: keep.text,
                                markdown: report.markdown, json: json, notes: keep.notes, sizes: sizes
                            ).encoded()
                        }
                        return Made(drawings: d, page: page, docx: docx, json: json, entry: entry)
                    }
                }
                made = slots.values
            }
            let slug = slugs[i]
            pages[procedure.path] = slug
            switch procedure {
            case .reused(let c):
                written.append(.raw(c.json))
            case .analysed(_, let keep):
                let m = try made[i % batch]!.get()
                var files: [(String, [UInt8])] = [("before.svg", m.drawings.before)]
                if let after = m.drawings.after { files.append(("after.svg", after)) }
                files.append(("index.html", Array(m.page.utf8)))
                if let docx = m.docx { files.append(("procedure.docx", docx)) }
                for (name, bytes) in files {
                    try sink.write(bytes, to: "\(slug)/\(name)")
                    if let keep { try sink.write(bytes, to: ReviewCache.relative(keep.key, name), sameAs: "\(slug)/\(name)") }
                }
                if let keep, let entry = m.entry { try sink.write(entry, to: ReviewCache.relative(keep.key, "entry")) }
                written.append(.raw(m.json))
            }
        }
        // The review's own files, made on every core, written in order.
        let review = PortfolioReport(portfolio, pages: pages, words: words)
        let withScorecard = !portfolio.scorecard.isEmpty
        let json = written
        let reviewFiles = Slots<Result<[(String, [UInt8])], any Error>?>(count: 3, initial: nil)
        DispatchQueue.concurrentPerform(iterations: 3) { part in
            reviewFiles[part] = Result {
                switch part {
                case 0:
                    let markdown = review.markdown
                    let docx = try OfficePackage.zip(WordWriter.parts(markdown: markdown, title: words.review, language: Self.languageTag(words)))
                    return [("report.md", Array(markdown.utf8)), ("review.docx", docx)]
                case 1:
                    return [("portfolio.json", JSON.object([("procedures", .array(json)), ("portfolio", review.json)]).bytes())]
                default:
                    var files = [("index.html", Array(review.html.utf8)), ("ranked.csv", Array(review.rankedCSV.utf8))]
                    if withScorecard { files.append(("scorecard.csv", Array(review.scorecardCSV.utf8))) }
                    return files
                }
            }
        }
        var files: [(String, [UInt8])] = []
        for part in reviewFiles.values { files += try part!.get() }
        for name in ["index.html", "report.md", "review.docx", "ranked.csv", "scorecard.csv", "portfolio.json"] {
            if let file = files.first(where: { $0.0 == name }) { try sink.write(file.1, to: name) }
        }
        return procedures.count
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
