import FlowcutAnalysis
import FlowcutSimulation
import FlowcutTiming
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
        whole.updateEach { $0 += 1 }
        oracle = oracle.map { $0 + 1 }
        #expect(Array(whole) == oracle)
        // Appends and removals go on in the last segment.
        whole.append(7)
        oracle.append(7)
        whole.removeSubrange((whole.count - 3)...)
        oracle.removeSubrange((oracle.count - 3)...)
        #expect(Array(whole) == oracle)
    }

    /// `newlines(in:_:)` counts eight bytes at a time; the oracle counts one
    /// by one, on bytes of every value around `\n` (0x0A), in every range.
    @Test func newlinesAreCountedExactly() {
        var generator = FlowcutSimulation.DrawStream(state: 11)
        let pool: [UInt8] = [0x0A, 0x0B, 0x09, 0x8A, 0x0A, 0x00, 0xFF, 0x41, 0x7F, 0x80]
        let bytes = (0..<300).map { _ in pool.randomElement(using: &generator)! }
        for start in 0..<20 {
            for end in stride(from: start, through: bytes.count, by: 7) {
                #expect(newlines(in: bytes, start..<end) == bytes[start..<end].count { $0 == 0x0A })
            }
        }
    }
}
