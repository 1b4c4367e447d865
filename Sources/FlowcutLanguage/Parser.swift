import Dispatch
import FlowcutCore

/// Parses a `.flow` file into a `SyntaxTree`, never stopping at the first
/// error: a line that does not parse is kept verbatim with its diagnostic and
/// the next line is parsed as usual.
public enum Parser {
    /// Files larger than this are parsed in two halves at once.
    public static let parallelThreshold = 4 << 20

    /// - Parameters:
    ///   - keepLayout: keep every line's layout (`SyntaxTree.lines`), which
    ///     the formatter needs and checking does not.
    ///   - parallelAbove: size in bytes above which the two halves of the
    ///     file are parsed at once (tests lower it to cover that path).
    ///   - limits: how long a string may be (`Limits.textCharacters`).
    public static func parse(
        _ file: SourceFile, keepLayout: Bool = true, parallelAbove: Int = parallelThreshold, limits: Limits = .standard
    ) -> SyntaxTree {
        if let problem = SourceCheck.problem(in: file, parallelAbove: parallelAbove) {
            var tree = SyntaxTree(file: file)
            tree.hasLayout = keepLayout
            tree.diagnostics = [problem]
            return tree
        }
        let bytes = file.bytes
        guard bytes.count > parallelAbove, bytes.count > 1 else {
            return parseChunk(file, start: 0, limit: bytes.count, firstLine: 1, keepLayout: keepLayout, limits: limits)
        }
        // Split after the newline nearest the middle; lines never straddle it.
        var split = bytes.count / 2
        while split < bytes.count, bytes[split - 1] != 0x0A { split += 1 }
        let middle = split
        let firstLines = newlines(in: bytes, 0..<middle)
        var (tree, second) = both(true) {
            parseChunk(file, start: 0, limit: middle, firstLine: 1, keepLayout: keepLayout, limits: limits)
        } _: {
            parseChunk(file, start: middle, limit: bytes.count, firstLine: firstLines + 1, keepLayout: keepLayout, limits: limits)
        }
        tree.append(consume second)
        return tree
    }

    /// Parses the lines in `file.bytes[start..<limit]`.
    static func parseChunk(
        _ file: SourceFile, start: Int, limit: Int, firstLine: Int, keepLayout: Bool, limits: Limits
    ) -> SyntaxTree {
        var tree = SyntaxTree(file: file)
        tree.hasLayout = keepLayout
        // Room for as many declarations as there are lines: only what is
        // used is ever touched, and no array is copied as it grows.
        let lineCount = newlines(in: file.bytes, start..<limit) + 1
        tree.steps.reserveCapacity(lineCount)
        tree.flows.reserveCapacity(lineCount)
        tree.flowLinks.reserveCapacity(lineCount)
        if keepLayout { tree.lines.reserveCapacity(lineCount) }
        var lexer = Lexer(bytes: file.bytes, start: start, limit: limit, firstLine: firstLine, limits: limits)
        // One line parser for the whole chunk, its tokens filled in place:
        // one made per line retained the file's bytes and path for every
        // line, from both halves' threads at once.
        var parser = LineParser(file: file)
        parser.tokens.reserveCapacity(32)
        var diagnostics: [Diagnostic] = []
        file.bytes.withUnsafeBufferPointer { bytes in
            parser.bytes = bytes
            while let line = lexer.nextLine(into: &parser.tokens) {
                if parser.tokens.isEmpty {
                    if keepLayout {
                        tree.lines.append(line.comment.map { .comment(parser.decode($0)) } ?? .blank)
                    }
                    continue
                }
                parser.begin(line)
                let statement = parser.parseStatement(into: &tree)
                if !parser.diagnostics.isEmpty { diagnostics += parser.diagnostics }
                if let statement, tree.firstStatement == nil {
                    tree.firstStatement = (statement.kind, parser.range(parser.tokens[0]))
                }
                if let statement {
                    if keepLayout { tree.lines.append(.statement(statement, comment: line.comment.map { parser.decode($0) })) }
                } else {
                    if keepLayout {
                        let textEnd = line.comment?.lowerBound ?? line.end
                        var text = parser.decode(line.start..<textEnd)
                        while text.last == " " || text.last == "\t" { text.removeLast() }
                        while text.first == " " || text.first == "\t" { text.removeFirst() }
                        tree.lines.append(.unparsed(text, comment: line.comment.map { parser.decode($0) }))
                    }
                    if let d = parser.declaration { tree.brokenDeclarations.append(d) }
                }
            }
        }
        tree.diagnostics = lexer.diagnostics + diagnostics
        return tree
    }
}

extension SyntaxTree {
    /// Appends the declarations and lines of `next`, the part of the same
    /// file that follows this one.
    mutating func append(_ next: consuming SyntaxTree) {
        diagnostics += next.diagnostics
        brokenDeclarations += next.brokenDeclarations
        if firstStatement == nil { firstStatement = next.firstStatement }
        let offsets: [StatementRef.Kind: Int] = [
            .procedure: procedures.count, .property: properties.count, .dossiers: dossiers.count,
            .actor: actors.count, .step: steps.count, .start: starts.count, .flow: flows.count,
            .proposal: proposals.count, .change: changes.count,
        ]
        let linkOffset = flowLinks.count
        procedures += next.procedures
        properties += next.properties
        dossiers += next.dossiers
        actors += next.actors
        // The large arrays take the second half's segments whole (`Segmented`).
        steps.append(segmentsOf: next.steps)
        starts += next.starts
        // The second half's links are numbered from the end of the first's.
        next.flows.updateEach { flow in
            flow.links = (flow.links.lowerBound + linkOffset)..<(flow.links.upperBound + linkOffset)
        }
        flows.append(segmentsOf: next.flows)
        flowLinks.append(segmentsOf: next.flowLinks)
        proposals += next.proposals
        changes += next.changes
        if hasLayout {
            lines += next.lines.map { line in
                guard case .statement(let ref, let comment) = line else { return line }
                return .statement(StatementRef(kind: ref.kind, index: ref.index + offsets[ref.kind]!), comment: comment)
            }
        }
    }
}

/// How many `\n` bytes `bytes[range]` holds, eight bytes at a time (the
/// split of a 100 MB file counted them one by one, before either half
/// could start).
func newlines(in bytes: [UInt8], _ range: Range<Int>) -> Int {
    bytes.withUnsafeBytes { raw in
        var count = 0
        var i = range.lowerBound
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while i + 8 <= range.upperBound {
            // Each byte equal to \n becomes 0, and sets its own high bit in
            // `zero` and no other (exact for every byte value, no borrow).
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            let zero = ~(((x & low) &+ low) | x | low)
            count += zero.nonzeroBitCount
            i += 8
        }
        while i < range.upperBound {
            if raw[i] == 0x0A { count += 1 }
            i += 1
        }
        return count
    }
}

/// A step or actor whose line did not parse but whose ID was read: the
/// resolver knows the name, so that its uses are not reported as unknown.
public struct BrokenDeclaration: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case procedure, actor, step }
    public var kind: Kind
    public var name: Name
}

/// The keywords that open a statement.
let statementKeywords = [
    "procedure", "code", "agency", "field", "deadline", "target", "service", "workday", "dossiers",
    "actor", "step", "start", "proposal", "cut", "shorten", "merge", "parallel", "online", "chance",
]

/// The words a step line may hold after its label.
let stepAttributeWords = ["by", "wait", "paper", "online", "fixed", "ends", "note"] + StepKind.allCases.map(\.rawValue)

/// Parses one line's tokens at a time (`begin` starts the next line).
struct LineParser {
    let file: SourceFile
    /// The file's bytes while a chunk is parsed (`parseChunk` sets them):
    /// read through a pointer, not the array, both halves' threads would
    /// otherwise retain and release the one array's buffer for every
    /// token, and wait on each other for its reference count.
    var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private(set) var line = Lexer.Line(number: 0, start: 0, end: 0, comment: nil)
    /// The line's tokens, filled by the lexer.
    var tokens: [Token] = []
    var index = 0
    var diagnostics: [Diagnostic] = []
    /// Set by a structural error: the line is kept verbatim.
    var failed = false
    var declaration: BrokenDeclaration?

    init(file: SourceFile) {
        self.file = file
    }

    /// Ready to parse `line`, whose tokens are in `tokens`.
    mutating func begin(_ line: Lexer.Line) {
        self.line = line
        index = 0
        if !diagnostics.isEmpty { diagnostics.removeAll(keepingCapacity: true) }
        failed = false
        declaration = nil
    }

    // MARK: Cursor

    var atEnd: Bool { index >= tokens.count }
    var current: Token? { atEnd ? nil : tokens[index] }

    func range(_ t: Token) -> SourceRange {
        SourceRange(start: t.start, end: t.end, line: line.number, lineStart: line.start)
    }

    /// Where the next token would be: the token itself, or the end of the line.
    var here: SourceRange {
        if let t = current { return range(t) }
        let end = line.comment?.lowerBound ?? line.end
        var at = end
        while at > line.start, bytes[at - 1] == 0x20 || bytes[at - 1] == 0x09 { at -= 1 }
        return SourceRange(start: at, end: at, line: line.number, lineStart: line.start)
    }

    func text(_ t: Token) -> String { decode(t.start..<t.end) }

    /// The text of `range`, from the bytes.
    func decode(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func isWord(_ word: String) -> Bool {
        guard let t = current, t.kind == .word else { return false }
        return text(t) == word
    }

    /// An "expected …, found …" error (E201), once per statement.
    mutating func fail(_ message: String, at range: SourceRange? = nil) {
        fail(.expected, message, at: range)
    }

    mutating func fail(_ code: DiagnosticCode, _ message: String, at range: SourceRange? = nil) {
        if !failed { diagnostics.append(.error(code, message, at: range ?? here)) }
        failed = true
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, at range: SourceRange) {
        diagnostics.append(.error(code, message, at: range))
    }

    /// A description of the next token for "expected X, found Y".
    var found: String {
        guard let t = current else { return "the end of the line" }
        switch t.kind {
        case .word: return "'\(text(t))'"
        case .string: return "a string"
        case .number, .duration: return "'\(text(t))'"
        case .percent: return "'\(text(t))'"
        case .arrow: return "'->'"
        }
    }

    // MARK: Pieces

    mutating func name(_ what: String) -> Name? {
        guard let t = current, t.kind == .word else {
            fail("expected \(what), found \(found)")
            return nil
        }
        index += 1
        return Name(text: text(t), range: range(t))
    }

    mutating func keyword() -> Name {
        let t = tokens[index]
        index += 1
        return Name(text: text(t), range: range(t))
    }

    mutating func string(_ what: String) -> StringLiteral? {
        guard let t = current, t.kind == .string else {
            fail("expected \(what) in double quotes, found \(found)")
            return nil
        }
        index += 1
        return StringLiteral(value: decodeString(t), range: range(t))
    }

    mutating func optionalString() -> StringLiteral? {
        guard let t = current, t.kind == .string else { return nil }
        index += 1
        return StringLiteral(value: decodeString(t), range: range(t))
    }

    func decodeString(_ t: Token) -> String {
        let bytes = self.bytes
        var start = t.start + 1
        let end = t.end > t.start + 1 && bytes[t.end - 1] == 0x22 ? t.end - 1 : t.end
        if !bytes[start..<end].contains(0x5C) { return decode(start..<end) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        while start < end {
            if bytes[start] == 0x5C, start + 1 < end, bytes[start + 1] == 0x22 || bytes[start + 1] == 0x5C {
                out.append(bytes[start + 1])
                start += 2
            } else {
                out.append(bytes[start])
                start += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func duration(_ what: String) -> DurationLiteral? {
        guard let t = current, t.kind == .duration || t.kind == .number else {
            fail("expected \(what) (like 4h, 0,5d or 2d..5d), found \(found)")
            return nil
        }
        index += 1
        return parseDuration(t)
    }

    mutating func optionalDuration() -> DurationLiteral? {
        guard let t = current, t.kind == .duration || t.kind == .number else { return nil }
        index += 1
        return parseDuration(t)
    }

    mutating func percent(_ what: String) -> PercentLiteral? {
        guard let t = current, t.kind == .percent else {
            fail("expected \(what) (like 15%), found \(found)")
            return nil
        }
        index += 1
        return parsePercent(t)
    }

    mutating func number(_ what: String) -> NumberLiteral? {
        guard let t = current, t.kind == .number else {
            fail("expected \(what), found \(found)")
            return nil
        }
        index += 1
        let s = text(t)
        guard let value = Int(s), value >= 0 else {
            report(.notAWholeNumber, "\(what) must be a whole number, not '\(s)'", at: range(t))
            return NumberLiteral(value: 0, range: range(t))
        }
        return NumberLiteral(value: value, range: range(t))
    }

    mutating func expectEnd() {
        guard let t = current, !failed else { return }
        let extra: String
        switch t.kind {
        case .string: extra = "unexpected string '\(text(t))' at the end of the statement"
        default: extra = "unexpected \(found) at the end of the statement"
        }
        fail(.expected, extra, at: range(t))
    }
}
