import Foundation

/// Text of tables compared fast: the cells of a 200-procedure decision are
/// tens of thousands of short strings, and Foundation's normalisation and
/// `contains` (an NSString built per call) were most of an import's time.
enum TableText {
    /// `text` in NFC. Text made only of scalars below U+0300 (ASCII, Latin-1,
    /// Latin Extended-A and -B: đ, ơ, ư) and of Latin Extended Additional
    /// (U+1E00–U+1EFF: ấ, ệ, ữ, every other precomposed Vietnamese letter)
    /// is already NFC: none of them has a combining class or may change
    /// under composition. Anything else goes through Foundation.
    static func nfc(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// A space of any kind (Unicode's White_Space: tab, line breaks, the
    /// non-breaking and the typographic spaces) or a zero-width space or
    /// byte-order mark; ASCII answered without the property tables.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}"
    }
}

extension String {
    /// Whether `needle` occurs in the text, compared byte for byte (cells
    /// and phrases are short: a plain scan). Both sides NFC (what `ProcessTables.clean` and
    /// `TableDuration.plain` give, and the phrases in this source), so
    /// canonical equivalents are the same bytes.
    func holds(_ needle: String) -> Bool {
        var text = self
        var needle = needle
        return text.withUTF8 { t in
            needle.withUTF8 { n in
                guard let first = n.first else { return true }
                guard t.count >= n.count else { return false }
                var i = 0
                while i <= t.count - n.count {
                    if t[i] == first {
                        var k = 1
                        while k < n.count && t[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
