import FlowcutAnalysis
import FlowcutCore
import FlowcutSimulation
import FlowcutTiming
import Foundation
import Testing

@testable import FlowcutReport

/// The JSON writer's layout, against text written out by hand from its
/// rules (two-space indents, plain arrays on one line). Long arrays of
/// objects are written an item per core and joined: they must come out
/// exactly as a short one, item after item.
@Suite struct JSONTests {
    static func item(_ n: Int) -> JSON {
        .object([("n", .int(n)), ("half", .array([.number(Double(n) / 2), .string("a\"b")])), ("none", .null)])
    }

    /// The item as the rules lay it out at `depth` (its first line unindented).
    static func expected(_ n: Int, depth: Int) -> String {
        let pad = String(repeating: "  ", count: depth)
        let half = n % 2 == 0 ? "\(n / 2)" : "\(n / 2).5"
        return "{\n\(pad)  \"n\": \(n),\n\(pad)  \"half\": [\(half), \"a\\\"b\"],\n\(pad)  \"none\": null\n\(pad)}"
    }

    @Test(arguments: [3, JSON.parallelItems, 40])
    func anArrayOfObjectsIsWrittenItemAfterItem(count: Int) {
        let top = JSON.array((0..<count).map(Self.item))
        let topText = "[\n" + (0..<count).map { "  " + Self.expected($0, depth: 1) }.joined(separator: ",\n") + "\n]\n"
        #expect(top.text() == topText)

        let nested = JSON.object([("procedures", top), ("count", .int(count))])
        let nestedText =
            "{\n  \"procedures\": [\n"
            + (0..<count).map { "    " + Self.expected($0, depth: 2) }.joined(separator: ",\n")
            + "\n  ],\n  \"count\": \(count)\n}\n"
        #expect(nested.text() == nestedText)
    }

    @Test func plainValuesAndEscapes() {
        #expect(JSON.array([.int(1), .bool(true), .null, .string("x\ny")]).text() == "[1, true, null, \"x\\ny\"]\n")
        #expect(JSON.object([]).text() == "{}\n")
        #expect(JSON.array([]).text() == "[]\n")
        #expect(JSON.number(0.1234567).text() == "0.123457\n")
    }
}

/// `formatNumber` writes a decimal with at most six decimals from its
/// digits; the oracle is Swift's own shortest text of the rounded number
/// (`String(Double)`, trailing zeros dropped), which it used to call.
@Suite struct NumberTextTests {
    static func oracle(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var text = String(rounded)
        if text.contains("e") { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    @Test func numbersReadAsSwiftWritesThem() {
        var random = DrawStream(state: 99)
        var values: [Double] = [0.001, 0.0015, -0.0015, 0.0009999, 0.1, 0.3, 2.675, 88.007641, 999_999_999.999_999, 1e9 - 0.25, 12.5, -7.000001]
        for _ in 0..<200_000 {
            // Magnitudes from 10^-4 to 10^10, both signs, and values near a
            // rounding boundary (k + 0.5) / 10^6.
            let magnitude = Double.random(in: -4...10, using: &random)
            values.append((random.unit() < 0.5 ? -1 : 1) * random.unit() * pow(10, magnitude))
            values.append((Double(Int.random(in: 0...10_000_000, using: &random)) + 0.5) / 1e6)
        }
        var wrong = 0
        for x in values {
            for d in 0...6 where formatNumber(x, decimals: d) != Self.oracle(x, decimals: d) { wrong += 1 }
        }
        #expect(wrong == 0)
        #expect(formatNumber(88.0076414, decimals: 6) == "88.007641")
        #expect(formatNumber(-0.5, decimals: 6) == "-0.5")
        #expect(formatNumber(0.00001, decimals: 6) == "1e-05")
    }

    /// Integers (JSON's `.int`) as `String(Int64)` writes them.
    @Test func integersReadAsSwiftWritesThem() {
        var random = DrawStream(state: 5)
        var values: [Int64] = [0, 1, -1, 9, 10, -10, 1_000_000, .max, .min]
        for _ in 0..<10_000 { values.append(Int64(bitPattern: random.next()) >> Int64.random(in: 0...62, using: &random)) }
        for n in values {
            var out: [UInt8] = []
            appendDecimal(units: n, decimals: 0, into: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(n))
        }
    }
}

extension JSONTests {
    /// A value written once and put back with `.raw` at any depth reads as
    /// the hand-laid text of the value written in place (`expected`): the
    /// review reuses a procedure's JSON this way.
    @Test(arguments: [2, JSON.parallelItems + 1])
    func aRawValueIsIndentedToItsPlace(count: Int) {
        let raw = (0..<count).map { JSON.raw(Self.item($0).written()) }
        let nested = JSON.object([("procedures", .array(raw)), ("k", .raw(JSON.string("x\ny").written()))])
        let text =
            "{\n  \"procedures\": [\n" + (0..<count).map { "    " + Self.expected($0, depth: 2) }.joined(separator: ",\n")
            + "\n  ],\n  \"k\": \"x\\ny\"\n}\n"
        #expect(nested.text() == text)
    }
}
