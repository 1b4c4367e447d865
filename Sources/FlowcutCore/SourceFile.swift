/// A place in a source file: a half-open byte range on one line.
///
/// Statements are one line each, so a range never spans lines. Offsets are
/// byte offsets into the file's UTF-8 bytes; columns are computed only when a
/// diagnostic is shown (see `SourceFile.column(of:)`).
public struct SourceRange: Hashable, Sendable {
    // Stored as 32-bit offsets: a million-step file holds millions of ranges.
    private var startOffset: Int32
    private var endOffset: Int32
    private var lineNumber: Int32
    private var lineStartOffset: Int32

    /// Byte offset of the first byte.
    public var start: Int { Int(startOffset) }
    /// Byte offset one past the last byte.
    public var end: Int { Int(endOffset) }
    /// 1-based line number.
    public var line: Int { Int(lineNumber) }
    /// Byte offset of the first byte of the line.
    public var lineStart: Int { Int(lineStartOffset) }

    public init(start: Int, end: Int, line: Int, lineStart: Int) {
        startOffset = Int32(truncatingIfNeeded: start)
        endOffset = Int32(truncatingIfNeeded: end)
        lineNumber = Int32(truncatingIfNeeded: line)
        lineStartOffset = Int32(truncatingIfNeeded: lineStart)
    }

    /// No place in a text (line 0): for findings about imported models.
    public static let nowhere = SourceRange(start: 0, end: 0, line: 0, lineStart: 0)

    /// A range that covers both `self` and `other` (same line assumed).
    public func extended(to other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end), line: line, lineStart: lineStart)
    }
}

/// The text of one input file, as bytes, with the helpers diagnostics need.
public struct SourceFile: Sendable {
    /// Offsets are 32-bit: larger files are refused with a diagnostic.
    public static let maximumSize = Int(Int32.max)

    /// The path as the user gave it (shown in diagnostics).
    public let path: String
    /// The file's bytes (a UTF-8 byte order mark, if any, is kept here and skipped by the lexer).
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// Byte offset just past the last byte of the line that starts at `lineStart`
    /// (before its `\n` or `\r\n`).
    public func lineEnd(from lineStart: Int) -> Int {
        var i = lineStart
        while i < bytes.count, bytes[i] != 0x0A { i += 1 }
        if i > lineStart, i <= bytes.count, i - 1 >= lineStart, bytes[i - 1] == 0x0D { i -= 1 }
        return i
    }

    /// The text of the line holding `range`, without its line break.
    public func lineText(of range: SourceRange) -> String {
        let start = min(range.lineStart, bytes.count)
        return decode(start..<lineEnd(from: start))
    }

    /// 1-based column of `range.start`, counted in characters (what an editor
    /// shows), not bytes: Vietnamese labels are multi-byte.
    public func column(of range: SourceRange) -> Int {
        column(ofOffset: range.start, lineStart: range.lineStart)
    }

    public func column(ofOffset offset: Int, lineStart: Int) -> Int {
        let from = min(lineStart, bytes.count)
        let to = min(max(offset, from), bytes.count)
        return decode(from..<to).count + 1
    }

    /// The text of `range` as written.
    public func text(_ range: SourceRange) -> String {
        decode(min(range.start, bytes.count)..<min(range.end, bytes.count))
    }

    /// Text of a byte range, decoding invalid sequences as U+FFFD.
    public func decode(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
