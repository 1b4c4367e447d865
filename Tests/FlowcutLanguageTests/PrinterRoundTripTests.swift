import FlowcutCore
import Foundation
import Testing

@testable import FlowcutLanguage

/// Whatever the printer writes reads back as the same model: numbers in
/// plain decimals (the language has no exponent), strings escaped per
/// Unicode scalar, line breaks never written into a string.
struct PrinterRoundTripTests {
    static func readBack(_ w: Workflow) throws -> Workflow {
        let text = WorkflowPrinter.text(w)
        let checked = Checker.check(SourceFile(path: "x.flow", text: text))
        #expect(checked.diagnostics.filter { $0.severity == .error }.map(\.message) == [], "\(text)")
        return try #require(checked.workflow)
    }

    static func oneStep(_ hours: Double, label: String = "S") -> Workflow {
        Workflow(name: "P", actors: [], steps: [Step(id: "s", label: label, duration: .single(hours))], arrows: [])
    }

    /// Values whose shortest digits Swift writes with an exponent, and some that it does not.
    @Test(arguments: [1e-05, 1.5e-07, 2.5e-16, 1.0 / 3, 0.1, 123456.789, 999999.99999, 1e6, Double.leastNonzeroMagnitude, 7.0 / 9 * 1e-4])
    func aNumberReadsBackExactly(_ hours: Double) throws {
        let text = WorkflowPrinter.text(Self.oneStep(hours))
        #expect(!text.contains("e-") && !text.contains("e+"), "\(text)")
        #expect(try Self.readBack(Self.oneStep(hours)).steps[0].duration == .single(hours))
    }

    /// Seeded: 2 000 values from 10^-9 to 10^6 hours, each read back exactly.
    @Test func randomNumbersReadBackExactly() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        for _ in 0..<2_000 {
            let exponent = Double(next() % 1_500) / 100 - 9  // -9 … 6
            let hours = min(pow(10, exponent) * (1 + Double(next() % 1_000_000) / 1_000_000), 1e6)
            #expect(try Self.readBack(Self.oneStep(hours)).steps[0].duration == .single(hours), "\(hours)")
        }
    }

    @Test func plainDecimalsByHand() {
        #expect(plainDecimal(1e-05) == "0.00001")
        #expect(plainDecimal(1.5e20) == "150000000000000000000")
        #expect(plainDecimal(-2.5e-3) == "-0.0025")
        #expect(plainDecimal(12.0) == "12")
        #expect(plainDecimal(-0.0) == "0")
        #expect(plainDecimal(0.00005, decimals: 6) == "0.00005")
        #expect(plainDecimal(33.3333333333, decimals: 6) == "33.333333")
    }

    @Test func aLabelWithALineBreakStaysOneStep() throws {
        let w = try Self.readBack(Self.oneStep(1, label: "a\nstep injected \"X\" 99w\r\nend"))
        #expect(w.steps.map(\.id) == ["s"])
        #expect(w.steps[0].label == "a step injected \"X\" 99w  end")
    }

    /// A quote or a backslash followed by a combining mark (U+0301) is one
    /// Character but two scalars: still escaped.
    @Test func quotesBeforeCombiningMarksAreEscaped() throws {
        let label = "\"\u{301}x\\\u{301}y"
        #expect(Escape.flowString(label) == "\"\\\"\u{301}x\\\\\u{301}y\"")
        #expect(try Self.readBack(Self.oneStep(1, label: label)).steps[0].label == label)
    }

    @Test func durationsAboveTheMaximumAreRefused() {
        let checked = Checker.check(
            SourceFile(path: "x.flow", text: "procedure \"P\"\nstep s \"S\" 99999999999999999999999h\nstep t \"T\" 125001d\nstep u \"U\" 125000d\n"))
        #expect(
            checked.diagnostics.map(\.message) == [
                "'99999999999999999999999h' is longer than a duration may be: at most 1000000 working hours (125000d, 25000w) per point",
                "'125001d' is longer than a duration may be: at most 1000000 working hours (125000d, 25000w) per point",
            ])
    }
}
