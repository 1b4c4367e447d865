import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutSimulation

/// A `.flow` file with its first proposal block taken out to be edited in
/// a meeting (`flowcut serve`): the text before it, the block, the
/// proposals after it. A draft of the block is tried by putting it back in
/// its place and checking the whole file; the process part is the file's
/// own, so the before analysis of the file stands for every draft.
public struct ProposalDraft: Sendable {
    /// Everything before the first proposal, ending with a line break.
    public let prefix: [UInt8]
    /// The first proposal block as written (from its `proposal` line to the
    /// next `proposal` line or the end), without its last line break; empty
    /// when the file has no proposal.
    public let block: String
    /// The proposals after the first one.
    public let suffix: [UInt8]
    public let path: String

    /// nil when the file was checked without its syntax tree.
    public init?(_ checked: CheckedFile) {
        guard let tree = checked.syntax else { return nil }
        let bytes = checked.file.bytes
        path = checked.file.path
        let starts = tree.proposals.map(\.keyword.lineStart)
        guard let first = starts.first else {
            var prefix = bytes
            if let last = prefix.last, last != 0x0A { prefix.append(0x0A) }
            // One blank line before the new block.
            if !prefix.isEmpty { prefix.append(0x0A) }
            self.prefix = prefix
            block = ""
            suffix = []
            return
        }
        let end = starts.count > 1 ? starts[1] : bytes.count
        prefix = Array(bytes[..<first])
        var text = String(decoding: bytes[first..<end], as: UTF8.self)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        block = text
        suffix = Array(bytes[end...])
    }

    /// The line of the composed file where the block's first line is.
    public var firstLine: Int { prefix.count(where: { $0 == 0x0A }) + 1 }

    /// The file with `draft` in the first proposal's place.
    public func composed(_ draft: String) -> SourceFile {
        var bytes = prefix
        bytes += Array(draft.utf8)
        if bytes.last != 0x0A { bytes.append(0x0A) }
        if !suffix.isEmpty {
            if !draft.isEmpty { bytes.append(0x0A) }
            bytes += suffix
        }
        return SourceFile(path: path, bytes: bytes)
    }

    /// A diagnostic's place in the draft (1-based line and columns), or nil
    /// when it is outside the draft (in the file's own text).
    public func place(of d: Diagnostic, in composed: SourceFile, draftLines: Int) -> DraftPlace? {
        let line = d.range.line - firstLine + 1
        guard d.range.line > 0, line >= 1, line <= max(draftLines, 1) else { return nil }
        let column = composed.column(of: d.range)
        let end = composed.column(ofOffset: d.range.end, lineStart: d.range.lineStart)
        return DraftPlace(line: line, column: column, endColumn: max(end, column + 1))
    }

    /// What a draft gives: its findings, and the after process it describes.
    public struct Trial: Sendable {
        /// Findings inside the draft, with their place in it.
        public var draft: [(place: DraftPlace, diagnostic: Diagnostic)] = []
        /// Findings elsewhere in the file (its own, already there).
        public var file: [Diagnostic] = []
        /// The checked file with the draft in place (nil when it has errors).
        public var checked: CheckedFile
        public var hasErrors: Bool { draft.contains { $0.diagnostic.severity == .error } || file.hasErrors }
    }

    /// Checks the file with `draft` in place of the first proposal.
    public func trial(_ draft: String, limits: Limits = .standard) -> Trial {
        let composed = composed(draft)
        let checked = Checker.check(composed, keepSyntax: true, limits: limits)
        let lines = draft.split(separator: "\n", omittingEmptySubsequences: false).count
        var trial = Trial(checked: checked)
        for d in checked.diagnostics {
            if let place = place(of: d, in: composed, draftLines: lines) {
                trial.draft.append((place, d))
            } else {
                trial.file.append(d)
            }
        }
        return trial
    }
}

/// Where a finding is in a proposal draft: 1-based line, and columns in
/// characters (the end one past the last character).
public struct DraftPlace: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public var endColumn: Int
}

/// A procedure held ready for what-ifs: its before analysis with the
/// simulation's trace kept (so that most after processes are measured by
/// redrawing it, ANALYSIS.md), and its suggestions.
public struct ReadyProcedure: Sendable {
    public let traced: ProcedureAnalysis
    public let before: ProcedureAnalysis
    public let suggestions: [Suggestion]
    /// Candidates the suggester left unmeasured (`Suggester.Measured.leftOut`).
    public let leftOut: Int

    /// What `Flowcut.analyze` does first: the simulation with its trace
    /// (which lets the suggester measure most changes without running the
    /// cases again), then the suggestions, for a process of at most
    /// `Suggester.stepLimit` steps when the request asks for them.
    public init(_ w: Workflow, _ request: AnalysisRequest = AnalysisRequest()) {
        let (options, _) = request.options(steps: w.steps.count, joins: w.joinCount)
        traced = Analyzer.analyze(w, options: options, keepingTrace: true)
        before = traced.withoutTrace
        let measured =
            request.suggestions && w.steps.count <= Suggester.stepLimit ? Suggester.measured(traced) : Suggester.Measured(suggestions: [], leftOut: 0)
        suggestions = measured.suggestions
        leftOut = measured.leftOut
    }

    /// The after process of `proposal` (a workflow checked from the same
    /// file with a draft in place) against the before one. A draft with no
    /// proposal, or an empty one, compares with the suggested changes.
    public func compare(with proposal: Workflow) -> Result<Comparison, ApplyError>? {
        if let p = proposal.proposals.first, !p.changes.isEmpty {
            return Comparison.make(traced, origin: .proposal(p.name), changes: p.changes)
        }
        let (suggested, after) = Suggester.suggestedSet(suggestions, to: before.workflow)
        guard !suggested.isEmpty else { return nil }
        return Comparison.make(traced, origin: .suggested, changes: suggested, applied: after)
    }
}
