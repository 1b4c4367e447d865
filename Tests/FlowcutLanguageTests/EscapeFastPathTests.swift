import FlowcutCore
import Testing

/// `Escape.terminal` and `Escape.oneLine` return text without a control
/// character untouched, told from its bytes; every kind of control must
/// still be escaped. Expected escapes written by hand from the rules
/// (`\u{…}` with the scalar's hex value; `\n`, `\t`, `\r` on one line).
struct EscapeFastPathTests {
    @Test(arguments: [
        ("a\u{1B}[31mb", "a\\u{1b}[31mb"),  // C0: ESC
        ("a\u{7F}b", "a\\u{7f}b"),  // DEL
        ("a\u{85}b", "a\\u{85}b"),  // C1: NEL (C2 85)
        ("a\u{9F}b", "a\\u{9f}b"),  // C1, the last (C2 9F)
        ("a\u{061C}b", "a\\u{61c}b"),  // Arabic letter mark (D8 9C)
        ("a\u{200E}b", "a\\u{200e}b"),  // LRM (E2 80 8E)
        ("a\u{200F}b", "a\\u{200f}b"),  // RLM
        ("a\u{202A}b", "a\\u{202a}b"),  // LRE (E2 80 AA)
        ("a\u{202E}b", "a\\u{202e}b"),  // RLO (E2 80 AE)
        ("a\u{2066}b", "a\\u{2066}b"),  // LRI (E2 81 A6)
        ("a\u{2069}b", "a\\u{2069}b"),  // PDI (E2 81 A9)
    ])
    func everyControlIsStillEscaped(text: String, escaped: String) {
        #expect(Escape.terminal(text) == escaped)
        #expect(Escape.oneLine(text) == escaped)
    }

    @Test func textWithoutControlsIsReturnedAsItIs() {
        // Vietnamese, a non-control neighbour of each range (C2 A0 no-break
        // space, E2 80 8D zero-width joiner, E2 80 AF, E2 81 A5), lines and tabs.
        let text = "Thẩm định hồ sơ\u{A0}\u{200D}\u{202F}\u{2065} → “Ký”\n\tdòng 2"
        #expect(Escape.terminal(text) == text)
        #expect(Escape.oneLine(text) == text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t"))
    }
}
