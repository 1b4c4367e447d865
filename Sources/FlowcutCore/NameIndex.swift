/// Step or actor IDs to numbers, for the millions of lookups a big file
/// needs: open addressing over a 64-bit FNV-1a hash of each name's UTF-8
/// bytes, with part of the hash kept beside each slot so that a miss rarely
/// compares strings. (A `[String: Int]` hashes every key with SipHash and
/// reaches keys and values through separate tables: the resolver's lookups
/// were a third of checking a 1 000 000-step file.)
public struct NameIndex: Sendable {
    /// Per slot: the entry's number + 1, or 0 for an empty slot.
    private var slots: [Int32]
    /// Per slot: the high half of its entry's hash.
    private var tags: [UInt32]
    private var names: [String] = []
    private var values: [Int] = []
    private var mask: Int

    public init(minimumCapacity: Int = 0) {
        var size = 16
        while size < 2 * minimumCapacity { size *= 2 }
        slots = Array(repeating: 0, count: size)
        tags = Array(repeating: 0, count: size)
        mask = size - 1
        names.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    public var count: Int { names.count }
    public var isEmpty: Bool { names.isEmpty }

    @inline(__always)
    static func hash(_ name: String) -> UInt64 { StableHash.of(name) }

    /// The slot holding `name`, or the empty slot where it would go.
    @inline(__always)
    private func slot(of name: String, hash: UInt64) -> (slot: Int, found: Bool) {
        let tag = UInt32(truncatingIfNeeded: hash >> 32)
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[i])
            if entry == 0 { return (i, false) }
            if tags[i] == tag, names[entry - 1] == name { return (i, true) }
            i = (i + 1) & mask
        }
    }

    public subscript(name: String) -> Int? {
        let (i, found) = slot(of: name, hash: Self.hash(name))
        return found ? values[Int(slots[i]) - 1] : nil
    }

    /// Adds `name` with `value` unless it is there already; the value it
    /// had, if any (then left unchanged).
    @discardableResult
    public mutating func insert(_ name: String, _ value: Int) -> Int? {
        let hash = Self.hash(name)
        let (i, found) = slot(of: name, hash: hash)
        if found { return values[Int(slots[i]) - 1] }
        names.append(name)
        values.append(value)
        slots[i] = Int32(truncatingIfNeeded: names.count)
        tags[i] = UInt32(truncatingIfNeeded: hash >> 32)
        if 2 * names.count > slots.count { grow() }
        return nil
    }

    /// Every name with its value, in the order inserted.
    public var entries: Zip2Sequence<[String], [Int]> { zip(names, values) }

    private mutating func grow() {
        let size = 2 * slots.count
        slots = Array(repeating: 0, count: size)
        tags = Array(repeating: 0, count: size)
        mask = size - 1
        for (e, name) in names.enumerated() {
            let hash = Self.hash(name)
            var i = Int(truncatingIfNeeded: hash) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(truncatingIfNeeded: e + 1)
            tags[i] = UInt32(truncatingIfNeeded: hash >> 32)
        }
    }
}
