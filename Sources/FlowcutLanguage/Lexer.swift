import FlowcutCore

/// A token of one line. Text is read back from the file's bytes by range.
struct Token {
    enum Kind: UInt8 {
        /// An identifier or keyword.
        case word
        /// A quoted string.
        case string
        /// A bare whole or decimal number: `2021`, `12`.
        case number
        /// A number with a unit, or points joined by `..`: `4h`, `0,5d`, `2d..3d..5d`.
        case duration
        /// A number followed by `%`.
        case percent
        /// `->`
        case arrow
    }

    var kind: Kind
    var start: Int
    var end: Int
}

/// Splits a file into lines of tokens, one line at a time, so that a huge file
/// never holds all of its tokens at once.
///
/// The file is checked first (`SourceCheck`): no NUL bytes, valid UTF-8.
struct Lexer {
    let bytes: [UInt8]
    /// One past the last byte this lexer reads (a chunk of the file may end early).
    let limit: Int
    /// What one string may hold (`Limits.textCharacters`).
    let limits: Limits
    private(set) var position: Int
    private(set) var lineNumber: Int
    /// Whether a carriage return without its line feed was reported.
    private var saidBareReturn = false
    var diagnostics: [Diagnostic] = []

    /// Where the current line starts and ends, and its comment.
    struct Line {
        var number: Int
        var start: Int
        /// Before the line break.
        var end: Int
        var comment: Range<Int>?
    }

    /// Lexes `bytes[start..<limit]`, whose first line is line `firstLine`.
    init(bytes: [UInt8], start: Int = 0, limit: Int? = nil, firstLine: Int = 1, limits: Limits = .standard) {
        self.bytes = bytes
        self.limit = limit ?? bytes.count
        self.limits = limits
        lineNumber = firstLine - 1
        // A UTF-8 byte order mark is valid input and means nothing.
        position = start == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : start
    }

    /// Lexes the next line into `tokens` (cleared first); nil at the end of the file.
    mutating func nextLine(into tokens: inout [Token]) -> Line? {
        tokens.removeAll(keepingCapacity: true)
        guard position < limit else { return nil }
        lineNumber += 1
        let lineStart = position
        var line = Line(number: lineNumber, start: lineStart, end: lineStart, comment: nil)
        var i = position
        let n = limit
        scan: while i < n {
            let b = bytes[i]
            switch b {
            case 0x0A:  // \n
                break scan
            case 0x20, 0x09:  // space, tab
                i += 1
            case 0x0D:  // \r: of a \r\n; a stray one is said once a file (or half)
                if i + 1 < n, bytes[i + 1] != 0x0A, !saidBareReturn {
                    saidBareReturn = true
                    error(
                        .bareCarriageReturn,
                        "a carriage return without a line feed: lines end in LF or CRLF (a file whose lines end in CR alone reads as one line); save it with LF or CRLF line ends",
                        i, i + 1, line)
                }
                i += 1
            case 0x23:  // #
                let end = endOfLine(from: i)
                line.comment = i..<end
                i = end
                break scan
            case 0x22:  // "
                i = lexString(at: i, line: line, into: &tokens)
            case 0x2D where i + 1 < n && bytes[i + 1] == 0x3E:  // ->
                tokens.append(Token(kind: .arrow, start: i, end: i + 2))
                i += 2
            case 0x30...0x39:
                i = lexNumeric(at: i, into: &tokens)
            case _ where (b == 0x2D || b == 0x2B) && i + 1 < n && isDigit(bytes[i + 1]):  // -2d, +2d: the parser says why not
                i = lexNumeric(at: i, into: &tokens)
            case _ where isIdentifierStart(b) || b >= 0x80:
                i = lexWord(at: i, line: line, into: &tokens)
            default:
                let scalarEnd = i + 1
                error(.unexpectedCharacter, "unexpected character '\(String(decoding: [b], as: UTF8.self))'", i, scalarEnd, line)
                i = scalarEnd
            }
        }
        line.end = i
        // Drop the `\r` of a `\r\n` from the line's text range.
        if line.end > lineStart, bytes[line.end - 1] == 0x0D { line.end -= 1 }
        position = i + 1  // past the line break; past the end after the last line
        return line
    }

    private func endOfLine(from i: Int) -> Int {
        var j = i
        while j < bytes.count, bytes[j] != 0x0A { j += 1 }
        if j > i, bytes[j - 1] == 0x0D { j -= 1 }
        return j
    }

    private mutating func lexString(at start: Int, line: Line, into tokens: inout [Token]) -> Int {
        let n = bytes.count
        var i = start + 1
        // The limit is on the text, not its spelling: `\"` and `\\` are one character each.
        var escapes = 0
        while i < n {
            let b = bytes[i]
            if b == 0x22 {
                if i - start - 1 - escapes > limits.textCharacters, limits.isTooLong(bytes[(start + 1)..<i]),
                    String(decoding: bytes[(start + 1)..<i], as: UTF8.self).count - escapes > limits.textCharacters
                {
                    let count = String(decoding: bytes[(start + 1)..<i], as: UTF8.self).count - escapes
                    error(
                        .textTooLong,
                        "this text has \(grouped(count)) characters, over the limit of \(grouped(limits.textCharacters)); shorten it, or raise the limit with --max-text-length",
                        start, start + 1, line)
                }
                tokens.append(Token(kind: .string, start: start, end: i + 1))
                return i + 1
            }
            if b == 0x0A { break }
            if b == 0x5C, i + 1 < n {  // backslash
                let next = bytes[i + 1]
                if next == 0x22 || next == 0x5C {
                    i += 2
                    escapes += 1
                    continue
                }
                if next != 0x0A && next != 0x0D {
                    let escapeEnd = scalarEnd(i + 1)
                    let escaped = String(decoding: bytes[(i + 1)..<escapeEnd], as: UTF8.self)
                    error(.unknownEscape, "unknown escape '\\\(escaped)' in string; only \\\" and \\\\ are escapes", i, escapeEnd, line)
                    i = escapeEnd
                    continue
                }
            }
            i += 1
        }
        var end = i
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        error(.unterminatedString, "unterminated string; add a closing '\"'", start, start + 1, line)
        tokens.append(Token(kind: .string, start: start, end: end))
        return end
    }

    /// `12`, `0,5`, `4h`, `2d..5d`, `10%`, `-2d`, `3x` (an error the parser names).
    private mutating func lexNumeric(at start: Int, into tokens: inout [Token]) -> Int {
        var i = start
        var isDuration = false
        func scanPoint() {
            if i < bytes.count, bytes[i] == 0x2D || bytes[i] == 0x2B { i += 1 }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            if i + 1 < bytes.count, bytes[i] == 0x2E || bytes[i] == 0x2C, isDigit(bytes[i + 1]) {
                i += 1
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            while i < bytes.count, isLetter(bytes[i]) {
                isDuration = true
                i += 1
            }
            // `1e308d`, `2d5h`: one token, which the literal's reader names
            // (two would read as a duration given twice).
            if isDuration, i < bytes.count, isDigit(bytes[i]) {
                while i < bytes.count, isDigit(bytes[i]) || isLetter(bytes[i]) { i += 1 }
            }
        }
        scanPoint()
        while i + 2 < bytes.count, bytes[i] == 0x2E, bytes[i + 1] == 0x2E,
            isDigit(bytes[i + 2]) || bytes[i + 2] == 0x2D || bytes[i + 2] == 0x2B
        {
            isDuration = true
            i += 2
            scanPoint()
        }
        if !isDuration, i < bytes.count, bytes[i] == 0x25 {  // %
            tokens.append(Token(kind: .percent, start: start, end: i + 1))
            return i + 1
        }
        tokens.append(Token(kind: isDuration ? .duration : .number, start: start, end: i))
        return i
    }

    private mutating func lexWord(at start: Int, line: Line, into tokens: inout [Token]) -> Int {
        var i = start
        var hasNonASCII = false
        while i < bytes.count {
            let b = bytes[i]
            if isIdentifierStart(b) || isDigit(b) || b == 0x5F {
                i += 1
            } else if b == 0x2D, i + 1 < bytes.count, isIdentifierStart(bytes[i + 1]) || isDigit(bytes[i + 1]) {
                i += 1
            } else if b >= 0x80 {
                let end = scalarEnd(i)
                if let space = unicodeSpaceName(bytes[i..<end]) {
                    if i == start {
                        error(.unexpectedSpace, "unexpected \(space); use a plain space", i, end, line)
                        return end
                    }
                    break
                }
                hasNonASCII = true
                i = end
            } else {
                break
            }
        }
        if hasNonASCII {
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            error(
                .invalidName, "'\(text)' is not a valid name; names are ASCII letters, digits, '_' and '-' (labels go in quotes)",
                start, i, line)
        }
        tokens.append(Token(kind: .word, start: start, end: i))
        return i
    }

    /// One past the last byte of the UTF-8 scalar starting at `i`.
    private func scalarEnd(_ i: Int) -> Int {
        let b = bytes[i]
        let length = b < 0x80 ? 1 : (b < 0xE0 ? 2 : (b < 0xF0 ? 3 : 4))
        return min(i + length, bytes.count)
    }

    private mutating func error(_ code: DiagnosticCode, _ message: String, _ start: Int, _ end: Int, _ line: Line) {
        diagnostics.append(.error(code, message, at: SourceRange(start: start, end: end, line: line.number, lineStart: line.start)))
    }
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
@inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
@inline(__always) func isIdentifierStart(_ b: UInt8) -> Bool { isLetter(b) }

/// Names of the Unicode spaces that paste in from word processors.
private func unicodeSpaceName(_ scalar: ArraySlice<UInt8>) -> String? {
    switch Array(scalar) {
    case [0xC2, 0xA0]: "no-break space (U+00A0)"
    case [0xE2, 0x80, 0x8B]: "zero-width space (U+200B)"
    case [0xE2, 0x80, 0xAF]: "narrow no-break space (U+202F)"
    case [0xE3, 0x80, 0x80]: "ideographic space (U+3000)"
    case [0xEF, 0xBB, 0xBF]: "byte order mark (U+FEFF) inside the file"
    default: nil
    }
}

/// Whole-file checks before lexing: text, not binary; valid UTF-8; small enough.
enum SourceCheck {
    static func problem(in file: SourceFile, parallelAbove: Int = Parser.parallelThreshold) -> Diagnostic? {
        let bytes = file.bytes
        let whole = { (offset: Int, line: Int, lineStart: Int) in
            SourceRange(start: offset, end: offset + 1, line: line, lineStart: lineStart)
        }
        if bytes.count > SourceFile.maximumSize {
            return .error(.fileTooLarge, "file is too large (\(bytes.count) bytes; at most 2 GiB)", at: whole(0, 1, 0))
        }
        // Where the first problem is, if any; its line is counted only then.
        guard let (offset, problem) = firstProblem(bytes, parallelAbove: parallelAbove) else { return nil }
        var line = 1
        var lineStart = 0
        for k in 0..<offset where bytes[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        return .error(problem.code, problem.message, at: whole(offset, line, lineStart))
    }

    /// The offset of the first NUL byte or invalid UTF-8 sequence, with
    /// what is wrong there. A big file in two halves at once: the second
    /// from the first byte at or after the middle that can begin a
    /// character. (The first half's walk, from the start, meets that byte
    /// unless it has found a problem before it, so the first problem of
    /// the two is the file's.)
    private static func firstProblem(_ bytes: [UInt8], parallelAbove: Int) -> (Int, (code: DiagnosticCode, message: String))? {
        let n = bytes.count
        guard n > parallelAbove else { return firstProblem(bytes, from: 0, before: n) }
        var split = n / 2
        while split < n, bytes[split] & 0xC0 == 0x80 { split += 1 }
        let middle = split
        let (first, second) = both(true) {
            firstProblem(bytes, from: 0, before: middle)
        } _: {
            firstProblem(bytes, from: middle, before: n)
        }
        return first ?? second
    }

    /// The first problem in the characters that begin in `from..<end`
    /// (`from` begins one). Eight bytes at a time while they are ASCII
    /// without a NUL (a million-step file is 100 MB, nearly all ASCII).
    private static func firstProblem(_ bytes: [UInt8], from start: Int, before end: Int) -> (Int, (code: DiagnosticCode, message: String))? {
        let n = bytes.count
        var i = start
        while i < end {
            // Past every whole word of plain ASCII.
            i = bytes.withUnsafeBytes { raw in
                var at = i
                let high: UInt64 = 0x8080_8080_8080_8080
                while at + 8 <= n {
                    let word = raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)
                    let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & high
                    if word & high != 0 || hasZero != 0 { break }
                    at += 8
                }
                return at
            }
            if i >= end { break }
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 { return (i, (.notText, "this is not a text file (a NUL byte at offset \(i)); a .flow file is UTF-8 text")) }
                i += 1
                continue
            }
            let length = validScalarLength(bytes, i)
            if length == 0 {
                let hex = String(b, radix: 16, uppercase: true)
                return (i, (.invalidUTF8, "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)); save the file as UTF-8"))
            }
            i += length
        }
        return nil
    }

    /// Length of the valid UTF-8 sequence at `i`, or 0 (RFC 3629: no overlongs, no surrogates).
    private static func validScalarLength(_ bytes: [UInt8], _ i: Int) -> Int {
        let b0 = bytes[i]
        let n = bytes.count
        func cont(_ k: Int) -> Bool { i + k < n && bytes[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return cont(1) && bytes[i + 1] >= 0xA0 && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xED:
            return cont(1) && bytes[i + 1] < 0xA0 && cont(2) ? 3 : 0
        case 0xF0:
            return cont(1) && bytes[i + 1] >= 0x90 && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return cont(1) && bytes[i + 1] < 0x90 && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
    }
}
