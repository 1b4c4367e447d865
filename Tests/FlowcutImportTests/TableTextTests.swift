import Foundation
import Testing

@testable import FlowcutImport

/// The fast paths for table text against Foundation, the reference they
/// replace: the same NFC, the same answer to "does it contain".
struct TableTextTests {
    /// Precomposed Vietnamese, the same decomposed (base letter and
    /// combining marks), Latin-1, a non-breaking space, a singleton that NFC
    /// changes (U+2126 OHM SIGN → U+03A9), Hangul jamo that compose.
    static let samples = [
        "Thẩm định hồ sơ", "Tha\u{0302}\u{0309}m đi\u{0323}\u{0302}nh", "Trách nhiệm thực hiện", "Ñandú café", "2\u{00A0}ngày", "5 \u{2126}",
        "\u{1100}\u{1161}", "", "Đ", "ư\u{0301}",
    ]

    @Test func nfcIsFoundationsNFC() {
        for s in Self.samples {
            #expect(Array(TableText.nfc(s).unicodeScalars) == Array(s.precomposedStringWithCanonicalMapping.unicodeScalars), "\(s.debugDescription)")
        }
        // The fast path keeps text already NFC as it is; decomposed text is composed.
        #expect(TableText.nfc("Tha\u{0302}\u{0309}m").unicodeScalars.count == 4)
    }

    @Test func holdsIsASubstringSearch() {
        #expect("thựchiện".holds("hiện"))
        #expect("bộ phận thực hiện".holds("thực hiện"))
        #expect(!"thực".holds("thực hiện"))
        #expect("abc".holds(""))
        #expect(!"".holds("a"))
        #expect("aaab".holds("aab"))  // a false start one byte back
        #expect(!"ngay".holds("ngày"))  // bytes, not letters without marks
        for s in Self.samples.map(TableText.nfc) {
            for needle in ["ẩ", "hồ sơ", "ngày", "a", "nh"] {
                #expect(s.holds(needle) == (s.range(of: needle, options: .literal) != nil), "\(s.debugDescription) / \(needle)")
            }
        }
    }

    @Test func spacesAreUnicodesWhiteSpace() {
        // Every scalar up to U+FFFF against the property tables, plus the two
        // invisible ones tables carry (zero-width space, byte-order mark).
        let wrong = (0...0xFFFF).compactMap(Unicode.Scalar.init).filter { s in
            TableText.isSpace(s) != (s.properties.isWhitespace || s.value == 0x200B || s.value == 0xFEFF)
        }
        #expect(wrong.isEmpty, "\(wrong.map { "U+" + String($0.value, radix: 16) })")
        #expect(TableText.isSpace("\u{00A0}") && TableText.isSpace("\t") && !TableText.isSpace("a") && !TableText.isSpace("\u{1F}"))
    }
}
