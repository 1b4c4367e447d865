import FlowcutAnalysis
import FlowcutCore
import FlowcutSimulation
import FlowcutTiming
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

    /// The batched calls against the same oracle: names repeated inside a
    /// batch of sixteen (a word read ahead is then stale), an index that
    /// grows in the middle of a batch, names that are absent.
    @Test func manyAtOnceAgreeWithADictionary() {
        var generator = DrawStream(state: 11)
        var names: [String] = []
        for i in 0..<5_000 { names.append("s\(i % 3_000)") }  // each of the first 2 000 twice
        for _ in 0..<1_000 { names.append("b\(Int.random(in: 0..<200, using: &generator))đ") }
        names.shuffle(using: &generator)
        var index = NameIndex()  // starts at 16 slots: grows inside batches
        var oracle: [String: Int] = [:]
        var previous: [Int?] = []
        index.insert(count: names.count, name: { names[$0] }, value: { $0 * 7 }) { k, p in
            #expect(k == previous.count)
            previous.append(p)
        }
        for (k, name) in names.enumerated() {
            #expect(previous[k] == oracle[name], "insert of \(name)")
            if oracle[name] == nil { oracle[name] = k * 7 }
        }
        #expect(index.count == oracle.count)
        let asked = names + ["s3000", "b200đ", "", "s1 "]
        var seen = 0
        index.values(count: asked.count, name: { asked[$0] }) { k, value in
            #expect(k == seen)
            seen += 1
            #expect(value == oracle[asked[k]], "value of \(asked[k])")
            #expect(value == index[asked[k]])
        }
        #expect(seen == asked.count)
    }

    @Test func anEmptyIndexFindsNothing() {
        let index = NameIndex(minimumCapacity: 100)
        #expect(index.isEmpty)
        #expect(index[""] == nil)
        #expect(index["a"] == nil)
    }
}
