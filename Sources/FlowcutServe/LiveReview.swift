import Dispatch
import Flowcut
import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutReport
import Foundation

/// The department's review kept in memory and current: every procedure
/// served analysed once, again only when its content changes (by content
/// hash), its page and diagrams drawn when first asked for. What a what-if
/// or a keep needs is here too. One value per session of `flowcut serve`.
public actor LiveReview {
    public struct Settings: Sendable {
        /// The files and folders served (folders searched for `.flow` files).
        public var paths: [String]
        public var request: AnalysisRequest
        public var words: Words
        public var limits: Limits
        /// The session's token: required by every request that tries or writes.
        public var token: String
        /// The department's records, joined to each file by procedure code
        /// (read once, at start), and the scorecard's targets.
        public var records: Records
        public var targets: Targets

        public init(
            paths: [String], request: AnalysisRequest = AnalysisRequest(), words: Words = .english, limits: Limits = .standard, token: String,
            records: Records = Records(), targets: Targets = .decision766
        ) {
            self.paths = paths
            self.request = request
            self.words = words
            self.limits = limits
            self.token = token
            self.records = records
            self.targets = targets
        }
    }

    /// A file as last seen: its identity on disk, its content hash, and what
    /// was made of it.
    struct Procedure: Sendable {
        var path: String
        var signature: FileSignature
        var hash: String
        var checked: CheckedFile?
        var problem: String?
        var outcome: ProcedureOutcome?
        var report: ProcedureReport?
        var draft: ProposalDraft?
        var page: String?
    }

    public let settings: Settings
    private var procedures: [String: Procedure] = [:]
    /// Paths in review order (as `Flowcut.sources` lists them).
    private var order: [String] = []
    private var slugs: [String: String] = [:]  // path → slug
    private var paths: [String: String] = [:]  // slug → path
    /// Before analyses with their trace, for what-ifs: the last few
    /// procedures tried, by content hash.
    private var ready: [(hash: String, ready: ReadyProcedure)] = []
    private var reviewPage: String?
    /// Why a served path gives nothing (not found, no `.flow` files).
    public private(set) var problems: [String] = []
    /// Counts refreshes that changed something.
    public private(set) var generation = 0
    private var listeners: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextListener = 0
    private var lastBeat: UInt64 = 0

    public init(_ settings: Settings) {
        self.settings = settings
    }

    /// How many procedures are served.
    public var count: Int { order.count }

    /// Whether the slug names a served procedure.
    public func has(_ slug: String) -> Bool { paths[slug] != nil }

    /// Reads the served paths again; analyses the files that are new or
    /// whose content changed; tells the open pages which changed.
    /// - Returns: the slugs of the pages that changed.
    @discardableResult
    public func refresh() -> [String] {
        let list = Flowcut.sources(settings.paths)
        problems = list.problems
        var changed: [(path: String, signature: FileSignature, bytes: [UInt8]?, problem: String?)] = []
        var listed = Set<String>()
        for path in list.files where listed.insert(path).inserted {
            let signature = FileSignature(path) ?? .none
            if let known = procedures[path], known.signature == signature, signature != .none { continue }
            switch Flowcut.readFile(path, limits: settings.limits) {
            case .success(let bytes):
                if let known = procedures[path], known.hash == contentHash(bytes) {
                    procedures[path]?.signature = signature
                    continue
                }
                changed.append((path, signature, bytes, nil))
            case .failure(let problem):
                if procedures[path]?.problem == problem.description { continue }
                changed.append((path, signature, nil, problem.description))
            }
        }
        let removed = order.filter { !listed.contains($0) }
        guard !changed.isEmpty || !removed.isEmpty else { return [] }
        let settings = self.settings
        let made = changed.concurrentMap { item -> Procedure in
            Self.make(item.path, item.signature, item.bytes, item.problem, settings)
        }
        for p in made { procedures[p.path] = p }
        var gone: [String] = []
        for path in removed {
            procedures[path] = nil
            if let slug = slugs[path] { gone.append(slug) }
        }
        order = list.files.filter { procedures[$0] != nil }.uniqued()
        let oldSlugs = slugs
        slugs = [:]
        paths = [:]
        for (path, slug) in zip(order, Review.slugs(for: order)) {
            slugs[path] = slug
            paths[slug] = path
        }
        var touched = Set(made.compactMap { slugs[$0.path] } + gone)
        // A page whose address moved (a name taken by a new file) changed too.
        for (path, slug) in slugs where oldSlugs[path] != nil && oldSlugs[path] != slug {
            touched.insert(slug)
            touched.insert(oldSlugs[path]!)
            procedures[path]?.page = nil
        }
        reviewPage = nil
        generation += 1
        let changedPages = touched.sorted()
        announce(changedPages)
        return changedPages
    }

    /// A file read, checked (with its syntax, for the draft) and analysed.
    static func make(_ path: String, _ signature: FileSignature, _ bytes: [UInt8]?, _ problem: String?, _ settings: Settings) -> Procedure {
        var p = Procedure(path: path, signature: signature, hash: bytes.map(contentHash) ?? "", problem: problem)
        guard let bytes else { return p }
        var checked: CheckedFile
        if path.hasSuffix(".flow") {
            checked = Checker.check(SourceFile(path: path, bytes: bytes), keepSyntax: true, limits: settings.limits)
            p.draft = checked.hasErrors ? nil : ProposalDraft(checked)
        } else {
            switch Flowcut.load(path, limits: settings.limits) {
            case .success(let c): checked = c
            case .failure(let problem):
                p.problem = problem.description
                return p
            }
        }
        if !settings.records.isEmpty, let w = checked.workflow {
            // As `analyze` does: the records' counts where they differ (W703 says so).
            let joined = Flowcut.join(settings.records, into: w)
            checked.workflow = joined.workflow
            checked.diagnostics += joined.diagnostics
        }
        p.checked = checked
        if let w = checked.workflow {
            if let refusal = settings.request.tooManyCases(steps: w.steps.count) {
                p.problem = "\(Files.shown(path)): \(refusal)"
                return p
            }
            let outcome = Flowcut.analyze(w, settings.request)
            p.outcome = outcome
            p.report = Flowcut.report(outcome, path: path, words: settings.words)
        }
        return p
    }

    // MARK: Pages

    /// The department's review page, with links to the procedures' pages.
    public func reviewHTML() -> String {
        if let reviewPage { return reviewPage }
        var reports: [ProcedureReport] = []
        var failures: [(path: String, errors: Int)] = []
        for path in order {
            guard let p = procedures[path] else { continue }
            if let r = p.report {
                reports.append(r)
            } else {
                failures.append((path, max(1, p.checked?.diagnostics.errorCount ?? 1)))
            }
        }
        let review = Flowcut.review(reports, failures: failures, records: settings.records, targets: settings.targets, words: settings.words)
        var page = PortfolioReport(review.portfolio, pages: slugs, words: settings.words)
        page.liveToken = settings.token
        let html = page.html
        reviewPage = html
        return html
    }

    /// The slug's procedure page with its editor, or nil for no such page.
    public func procedureHTML(_ slug: String) throws -> String? {
        guard let path = paths[slug], let p = procedures[path] else { return nil }
        if let page = p.page { return page }
        let page: String
        if let report = p.report {
            let d = try Drawings(report.analysis, report.comparison, settings.words)
            page = MeetingPage.html(
                report, beforeSVG: String(decoding: d.before, as: UTF8.self), afterSVG: d.after.map { String(decoding: $0, as: UTF8.self) },
                live: editor(p, slug: slug))
        } else {
            page = LivePage.problemPage(
                path: path, problem: p.problem, checked: p.checked, token: settings.token, slug: slug, base: p.hash, words: settings.words)
        }
        procedures[path]?.page = page
        return page
    }

    /// A diagram of the slug's procedure as SVG: `before` or `after`.
    public func diagram(_ slug: String, after: Bool) throws -> [UInt8]? {
        guard let path = paths[slug], let report = procedures[path]?.report else { return nil }
        if after && report.comparison == nil { return nil }
        let d = try Drawings(report.analysis, report.comparison, settings.words)
        return after ? d.after : d.before
    }

    func editor(_ p: Procedure, slug: String) -> LiveEditor {
        let x = settings.words
        let suggestions = p.report.map { r in
            ShownSuggestions.list(r.suggestions, comparison: nil, workdayHours: r.analysis.workflow.workdayHours).map {
                (statement: $0.suggestion.statement, words: x.change($0.suggestion.change, in: r.analysis.workflow))
            }
        }
        return LiveEditor(
            token: settings.token, slug: slug, base: p.hash, draft: p.draft?.block,
            blocked: p.draft == nil ? x[live: .notFlow] : nil, suggestions: suggestions ?? [])
    }

    // MARK: What if, keep

    /// What the server answers: an HTTP status and a JSON body.
    public struct Answer: Sendable {
        public var status: Int
        public var json: JSON
    }

    /// Tries `draft` in place of the slug's first proposal: its findings
    /// with their place in the draft, and, without errors, the figures
    /// redrawn (diagrams before and after, numbers, suggestions).
    public func whatIf(_ slug: String, draft text: String) -> Answer {
        let started = DispatchTime.now().uptimeNanoseconds
        guard let path = paths[slug], let p = procedures[path] else { return refusal(404, settings.words[live: .noSuchPage]) }
        guard let draft = p.draft, let w = p.checked?.workflow else {
            return refusal(409, settings.words[live: p.checked == nil || p.checked!.hasErrors ? .fileHasErrors : .notFlow])
        }
        let trial = draft.trial(text, limits: settings.limits)
        var found = findings(trial)
        var fields: [(String, JSON)] = []
        if !trial.hasErrors, let proposal = trial.checked.workflow {
            let ready = readyProcedure(p, w)
            var comparison: Comparison?
            switch ready.compare(with: proposal) {
            case .success(let c)?: comparison = c
            case .failure(let e)?:
                found.append(
                    diagnosticJSON(
                        e.diagnostic, message: e.diagnostic.map(words) ?? e.message,
                        place: e.diagnostic.flatMap { draft.place(of: $0, in: trial.checked.file, draftLines: lines(text)) }))
            case nil: break
            }
            if found.count(where: { $0.isError }) == 0 {
                let report = ProcedureReport(path: path, analysis: ready.before, comparison: comparison, suggestions: ready.suggestions, words: settings.words)
                do {
                    let d = try Drawings(ready.before, comparison, settings.words)
                    fields.append(
                        (
                            "figures",
                            .string(
                                MeetingPage.figures(
                                    report, beforeSVG: String(decoding: d.before, as: UTF8.self), afterSVG: d.after.map { String(decoding: $0, as: UTF8.self) })
                            )
                        ))
                } catch {
                    return refusal(500, "\(error)")
                }
                fields.append(("before", .object([("mainLeadTimeHours", .hours(ready.before.mainLeadTime))])))
                if let comparison {
                    fields.append(
                        ("after", .object([("proposal", .string(comparison.origin.jsonName)), ("mainLeadTimeHours", .hours(comparison.after.mainLeadTime))])))
                }
            }
        }
        let errors = found.count(where: { $0.isError })
        let milliseconds = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        return Answer(
            status: 200,
            json: .object([("errors", .int(errors)), ("diagnostics", .array(found.map(\.json))), ("milliseconds", .int(milliseconds))] + fields))
    }

    /// Writes `draft` into the slug's `.flow` file in place of its first
    /// proposal, formatted, in one step, when the file on disk still has the
    /// content hash `base`; else refuses (409) and writes nothing.
    public func keep(_ slug: String, draft text: String, base: String) -> Answer {
        guard let path = paths[slug], let p = procedures[path] else { return refusal(404, settings.words[live: .noSuchPage]) }
        let x = settings.words
        guard let draft = p.draft else { return refusal(409, x[live: p.checked == nil || p.checked!.hasErrors ? .fileHasErrors : .notFlow]) }
        let trial = draft.trial(text, limits: settings.limits)
        let found = findings(trial)
        guard !trial.hasErrors, let formatted = Formatter.format(trial.checked) else {
            return Answer(
                status: 422,
                json: .object([("errors", .int(max(1, found.count(where: { $0.isError })))), ("diagnostics", .array(found.map(\.json)))]))
        }
        guard let proposal = trial.checked.workflow?.proposals.first, !proposal.changes.isEmpty else { return refusal(422, x[live: .nothingToKeep]) }
        let current: [UInt8]
        switch Flowcut.readFile(path, limits: settings.limits) {
        case .success(let bytes): current = bytes
        case .failure(let problem): return refusal(409, problem.description)
        }
        guard contentHash(current) == base, base == p.hash else {
            return Answer(status: 409, json: .object([("message", .string(x[live: .changedOnDisk])), ("conflict", .bool(true))]))
        }
        let bytes = Array(formatted.utf8)
        var written = false
        if bytes != current {
            do { try Files.writeAtomically(bytes, to: path) } catch { return refusal(500, error.description) }
            written = true
        }
        // The file as kept, at once (the watch would see it a moment later).
        let fresh = Self.make(path, FileSignature(path) ?? .none, bytes, nil, settings)
        procedures[path] = fresh
        if written {
            reviewPage = nil
            generation += 1
            announce([slug])
        }
        return Answer(
            status: 200,
            json: .object([
                ("written", .bool(written)), ("file", .string(Files.name(of: path))), ("base", .string(fresh.hash)),
                ("draft", .string(fresh.draft?.block ?? text)),
            ]))
    }

    func readyProcedure(_ p: Procedure, _ w: Workflow) -> ReadyProcedure {
        if let i = ready.firstIndex(where: { $0.hash == p.hash }) {
            let r = ready.remove(at: i)
            ready.append(r)
            return r.ready
        }
        let r = ReadyProcedure(w, settings.request)
        ready.append((p.hash, r))
        if ready.count > 4 { ready.removeFirst() }
        return r
    }

    struct Finding {
        var json: JSON
        var isError: Bool
    }

    func lines(_ text: String) -> Int { text.split(separator: "\n", omittingEmptySubsequences: false).count }

    func findings(_ trial: ProposalDraft.Trial) -> [Finding] {
        trial.draft.map { diagnosticJSON($0.diagnostic, message: words($0.diagnostic), place: $0.place) }
            + trial.file.map { d in
                let at = d.range.line > 0 ? "\(Files.name(of: trial.checked.file.path)):\(d.range.line):\(trial.checked.file.column(of: d.range)): " : ""
                return diagnosticJSON(d, message: at + words(d), place: nil)
            }
    }

    /// A finding's message in the pages' language.
    func words(_ d: Diagnostic) -> String {
        settings.words.language == .vi ? d.vietnameseMessage : d.message
    }

    func diagnosticJSON(_ d: Diagnostic?, message: String, place: DraftPlace?) -> Finding {
        var fields: [(String, JSON)] = [
            ("severity", .string(d?.severity.rawValue ?? "error")), ("code", .string(d?.code.rawValue ?? "E000")), ("message", .string(message)),
        ]
        if let place {
            fields += [("line", .int(place.line)), ("column", .int(place.column)), ("endColumn", .int(place.endColumn))]
        }
        return Finding(json: .object(fields), isError: (d?.severity ?? .error) == .error)
    }

    func refusal(_ status: Int, _ message: String) -> Answer {
        Answer(status: status, json: .object([("message", .string(message))]))
    }

    // MARK: Events

    /// The changes to come, as server-sent events (`event: changed`, the
    /// slugs that changed as JSON).
    public func events() -> AsyncStream<String> {
        let id = nextListener
        nextListener += 1
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.forget(id) } }
        return stream
    }

    private func forget(_ id: Int) { listeners[id] = nil }

    /// How many event streams are open.
    public var listenerCount: Int { listeners.count }

    /// A comment on every event stream, at most every 15 s: a page that
    /// closed without a word is then found out (its write fails) and forgotten.
    func beat(every seconds: Double = 15) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastBeat >= UInt64(seconds * 1e9) else { return }
        lastBeat = now
        for c in listeners.values { c.yield(": still here\n\n") }
    }

    /// Ends every event stream (the server is stopping).
    public func close() {
        for c in listeners.values { c.finish() }
        listeners = [:]
    }

    private func announce(_ slugs: [String]) {
        guard !slugs.isEmpty else { return }
        let data = JSON.object([("generation", .int(generation)), ("slugs", .array(slugs.map(JSON.string)))]).text()
        let event = "event: changed\ndata: " + data.replacingOccurrences(of: "\n", with: "") + "\n\n"
        for c in listeners.values { c.yield(event) }
    }

    /// The served folders, for the watch: each served folder and its subfolders,
    /// and the folder of each served file.
    public func watchedFolders() -> [String] {
        var folders = Set<String>()
        for path in settings.paths {
            if Files.isFolder(path) {
                folders.insert(path)
                if let walker = FileManager.default.enumerator(atPath: path) {
                    while let item = walker.nextObject() as? String {
                        let full = path + "/" + item
                        if Files.isFolder(full) { folders.insert(full) }
                    }
                }
            } else {
                let folder = Files.folder(of: path)
                folders.insert(folder.isEmpty ? "." : folder)
            }
        }
        return folders.sorted()
    }
}

/// A file's identity and state on disk: when any of these differ, its
/// content is read and hashed again.
struct FileSignature: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64

    static let none = FileSignature(device: 0, inode: 0, size: -1, modified: 0)

    init(device: UInt64, inode: UInt64, size: Int64, modified: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
    }

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}

/// A file's content hash (`Hash64`): tells whether its content changed.
func contentHash(_ bytes: [UInt8]) -> String { Hash64.hex(bytes) }

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
