import FlowcutAnalysis
import FlowcutCore
import Testing

/// `NameIndex` against Swift's `Dictionary` (the independent oracle) on
/// names that make it grow many times, share prefixes, differ by one byte
/// or are not ASCII.
@Suite struct NameIndexTests {
    @Test func agreesWithADictionary() {
        var generator = DrawStream(state: 7)  // seeded: the same names on every run
        var names: [String] = []
        for i in 0..<20_000 { names.append("s\(i)") }
        for i in 0..<500 { names.append("bước_\(i)_đ") }
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...40, using: &generator)
            names.append(String((0..<length).map { _ in "ab_đ1".randomElement(using: &generator)! }))
        }
        names.shuffle(using: &generator)
        var index = NameIndex()
        var oracle: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            let previous = index.insert(name, i)
            #expect(previous == oracle[name], "insert of \(name)")
            if oracle[name] == nil { oracle[name] = i }
        }
        #expect(index.count == oracle.count)
        for name in names { #expect(index[name] == oracle[name]) }
        for absent in ["s20000", "s-1", "S1", "bước_500_đ", "s1 "] { #expect(index[absent] == nil) }
        #expect(Set(index.entries.map(\.0)) == Set(oracle.keys))
    }

    @Test func anEmptyIndexFindsNothing() {
        let index = NameIndex(minimumCapacity: 100)
        #expect(index.isEmpty)
        #expect(index[""] == nil)
        #expect(index["a"] == nil)
    }
}
