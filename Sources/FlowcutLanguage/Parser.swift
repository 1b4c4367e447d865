import FlowcutCore

/// Parses a `.flow` file into a `SyntaxTree`, never stopping at the first
/// error: a line that does not parse is kept verbatim with its diagnostic and
/// the next line is parsed as usual.
public enum Parser {
    /// - Parameter keepLayout: keep every line's layout (`SyntaxTree.lines`),
    ///   which the formatter needs and checking does not.
    public static func parse(_ file: SourceFile, keepLayout: Bool = true) -> SyntaxTree {
        var tree = SyntaxTree(file: file)
        tree.hasLayout = keepLayout
        if let problem = SourceCheck.problem(in: file) {
            tree.diagnostics = [problem]
            return tree
        }
        var lexer = Lexer(bytes: file.bytes)
        var tokens: [Token] = []
        tokens.reserveCapacity(32)
        var diagnostics: [Diagnostic] = []
        while let line = lexer.nextLine(into: &tokens) {
            if tokens.isEmpty {
                if keepLayout {
                    tree.lines.append(line.comment.map { .comment(file.decode($0)) } ?? .blank)
                }
                continue
            }
            var parser = LineParser(file: file, line: line, tokens: tokens)
            let statement = parser.parseStatement(into: &tree)
            if !parser.diagnostics.isEmpty { diagnostics += parser.diagnostics }
            if let statement, tree.firstStatement == nil {
                tree.firstStatement = (statement.kind, parser.range(tokens[0]))
            }
            if let statement {
                if keepLayout { tree.lines.append(.statement(statement, comment: line.comment.map { file.decode($0) })) }
            } else {
                if keepLayout {
                    let textEnd = line.comment?.lowerBound ?? line.end
                    var text = file.decode(line.start..<textEnd)
                    while text.last == " " || text.last == "\t" { text.removeLast() }
                    while text.first == " " || text.first == "\t" { text.removeFirst() }
                    tree.lines.append(.unparsed(text, comment: line.comment.map { file.decode($0) }))
                }
                if let d = parser.declaration { tree.brokenDeclarations.append(d) }
            }
        }
        tree.diagnostics = lexer.diagnostics + diagnostics
        return tree
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
let stepAttributeWords = ["by", "wait", "paper", "online", "fixed", "note"] + StepKind.allCases.map(\.rawValue)

struct LineParser {
    let file: SourceFile
    let line: Lexer.Line
    let tokens: [Token]
    var index = 0
    var diagnostics: [Diagnostic] = []
    /// Set by a structural error: the line is kept verbatim.
    var failed = false
    var declaration: BrokenDeclaration?

    init(file: SourceFile, line: Lexer.Line, tokens: [Token]) {
        self.file = file
        self.line = line
        self.tokens = tokens
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
        while at > line.start, file.bytes[at - 1] == 0x20 || file.bytes[at - 1] == 0x09 { at -= 1 }
        return SourceRange(start: at, end: at, line: line.number, lineStart: line.start)
    }

    func text(_ t: Token) -> String { file.decode(t.start..<t.end) }

    func isWord(_ word: String) -> Bool {
        guard let t = current, t.kind == .word else { return false }
        return text(t) == word
    }

    mutating func fail(_ message: String, at range: SourceRange? = nil) {
        if !failed { diagnostics.append(.error(message, at: range ?? here)) }
        failed = true
    }

    mutating func report(_ message: String, at range: SourceRange) {
        diagnostics.append(.error(message, at: range))
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
        let bytes = file.bytes
        var start = t.start + 1
        let end = t.end > t.start + 1 && bytes[t.end - 1] == 0x22 ? t.end - 1 : t.end
        if !bytes[start..<end].contains(0x5C) { return file.decode(start..<end) }
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
            report("\(what) must be a whole number, not '\(s)'", at: range(t))
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
        fail(extra, at: range(t))
    }

    // MARK: Literals

    /// Parses `4h`, `0,5d`, `2d..3d..5d`; reports value errors and goes on.
    mutating func parseDuration(_ t: Token) -> DurationLiteral {
        let whole = text(t)
        let r = range(t)
        var points: [DurationPoint] = []
        var bad = false
        for part in whole.split(separator: "..", omittingEmptySubsequences: false) {
            var digits = Substring(part)
            var unitText = ""
            while let last = digits.last, last.isASCII, last.isLetter {
                unitText.insert(last, at: unitText.startIndex)
                digits.removeLast()
            }
            guard let value = Double(digits.replacingOccurrences(of: ",", with: ".")) else {
                report("'\(whole)' is not a duration; write it like 4h, 0,5d or 2d..5d", at: r)
                bad = true
                break
            }
            if value < 0 || digits.hasPrefix("-") {
                report("a duration cannot be negative ('\(whole)')", at: r)
                bad = true
                break
            }
            if digits.hasPrefix("+") {
                report("write '\(whole.dropFirst())' without the '+'", at: r)
                bad = true
                break
            }
            guard let unit = TimeUnit(symbol: unitText) else {
                if unitText.isEmpty {
                    report("'\(digits)' needs a unit: m (minutes), h (working hours), d (working days) or w (working weeks)", at: r)
                } else {
                    let hint = unitHints[unitText.lowercased()].map { "; did you mean '\(digits)\($0)'?" } ?? "; use m, h, d or w"
                    report("unknown unit '\(unitText)' in '\(whole)'\(hint)", at: r)
                }
                bad = true
                break
            }
            points.append(DurationPoint(value: value, unit: unit))
        }
        if !bad {
            if points.count > 3 {
                report("'\(whole)' has \(points.count) points; a duration has one, two (MIN..MAX) or three (MIN..LIKELY..MAX)", at: r)
                bad = true
            } else if points.count >= 2 {
                let hours = points.map { hoursForOrdering($0) }
                let lo = hours[0], hi = hours[hours.count - 1]
                let parts = whole.split(separator: "..").map(String.init)
                if lo > hi {
                    report("the minimum \(parts[0]) is greater than the maximum \(parts[parts.count - 1]) in '\(whole)'", at: r)
                    bad = true
                } else if hours.count == 3, hours[1] < lo || hours[1] > hi {
                    report("the most likely \(parts[1]) is outside \(parts[0])..\(parts[2]) in '\(whole)'; a three-point estimate is MIN..LIKELY..MAX", at: r)
                    bad = true
                }
            }
        }
        return DurationLiteral(range: r, points: bad ? [DurationPoint(value: 0, unit: .hours)] : points)
    }

    /// Orders points across units with an 8-hour day; the resolver re-checks
    /// with the file's own `workday`.
    private func hoursForOrdering(_ p: DurationPoint) -> Double {
        switch p.unit {
        case .minutes: p.value / 60
        case .hours: p.value
        case .days: p.value * 8
        case .weeks: p.value * 40
        }
    }

    mutating func parsePercent(_ t: Token) -> PercentLiteral {
        let whole = text(t)
        let digits = whole.dropLast().replacingOccurrences(of: ",", with: ".")
        let value = Double(digits) ?? 0
        if value < 0 {
            report("a probability cannot be negative ('\(whole)')", at: range(t))
        }
        return PercentLiteral(value: max(0, value), range: range(t))
    }
}

/// Units people write by habit, and what they mean in the language.
private let unitHints: [String: String] = [
    "min": "m", "mins": "m", "minute": "m", "minutes": "m", "p": "m", "phut": "m",
    "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "g": "h", "gio": "h",
    "day": "d", "days": "d", "ngay": "d", "wd": "d",
    "week": "w", "weeks": "w", "wk": "w", "wks": "w", "tuan": "w",
]

extension StringProtocol {
    func replacingOccurrences(of target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
