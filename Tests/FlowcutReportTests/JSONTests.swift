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
        let nestedText = "{\n  \"procedures\": [\n"
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
