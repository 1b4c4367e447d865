import Testing

@testable import FlowcutLanguage

/// `Segmented` against a plain array (the oracle) through the operations
/// the parser uses: appends, undoing the last statement, joining halves,
/// reading and changing elements across segment boundaries.
@Suite struct SegmentedTests {
    @Test func behavesAsOneArray() {
        var oracle: [Int] = []
        var whole: Segmented<Int> = []
        for half in 0..<4 {
            var part = Segmented<Int>()
            var partOracle: [Int] = []
            part.reserveCapacity(100)
            for i in 0..<(half == 2 ? 0 : 50 + half) {  // the third half is empty
                part.append(half * 1000 + i)
                partOracle.append(half * 1000 + i)
            }
            if half == 1 {
                part.removeLast()
                partOracle.removeLast()
                part.removeSubrange(40...)
                partOracle.removeSubrange(40...)
            }
            whole.append(segmentsOf: part)
            oracle += partOracle
            #expect(Array(whole) == oracle)
            #expect(whole.count == oracle.count)
        }
        #expect(whole.parts.count == 3)  // the empty half adds no segment
        for i in oracle.indices where i % 7 == 0 {
            whole[i] = -i
            oracle[i] = -i
        }
        #expect(Array(whole) == oracle)
        #expect(whole.indices.map { whole[$0] } == oracle)
        for i in oracle.indices {
            let (segment, offset) = whole.locate(i)
            #expect(whole.parts[segment][offset] == oracle[i])
        }
        // Appends and removals go on in the last segment.
        whole.append(7)
        oracle.append(7)
        whole.removeSubrange((whole.count - 3)...)
        oracle.removeSubrange((oracle.count - 3)...)
        #expect(Array(whole) == oracle)
    }
}
