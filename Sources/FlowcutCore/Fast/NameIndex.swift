// Hot path (a Fast/ folder). Public, not package: the release build inlines public declarations across modules, not package ones.
/// Step or actor IDs to numbers, for the millions of lookups a big file
/// needs: open addressing over a 64-bit FNV-1a hash of each name's UTF-8
/// bytes, with part of the hash kept beside each slot so that a miss rarely
/// compares strings. (A `[String: Int]` hashes every key with SipHash and
/// reaches keys and values through separate tables: the resolver's lookups
/// were a third of checking a 1 000 000-step file.)
public struct NameIndex: Sendable {
    /// Per slot: the high half of its entry's hash above the entry's
    /// number + 1, or 0 for an empty slot — one word, so that a probe
    /// reaches one cache line.
    private var slots: [UInt64]
    /// Each name beside its value: a hit reads one more line, not two.
    private var items: [(name: String, value: Int)] = []
    private var mask: Int

    public init(minimumCapacity: Int = 0) {
        var size = 16
        while size < 2 * minimumCapacity { size *= 2 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        items.reserveCapacity(minimumCapacity)
    }

    public var count: Int { items.count }
    public var isEmpty: Bool { items.isEmpty }

    @inline(__always)
    static func hash(_ name: String) -> UInt64 { StableHash.of(name) }

    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt64 { hash & 0xFFFF_FFFF_0000_0000 }

    @inline(__always)
    private func home(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash) & mask }

    /// The slot holding `name`, or the empty slot where it would go, and
    /// the entry found; `firstWord` is the word of its home slot.
    @inline(__always)
    private func probe(_ name: String, hash: UInt64, firstWord: UInt64) -> (slot: Int, item: Int?) {
        let tag = Self.tag(hash)
        var i = home(hash)
        var word = firstWord
        while word != 0 {
            let item = Int(truncatingIfNeeded: word & 0xFFFF_FFFF) - 1
            if word & 0xFFFF_FFFF_0000_0000 == tag, items[item].name == name { return (i, item) }
            i = (i + 1) & mask
            word = slots[i]
        }
        return (i, nil)
    }

    public subscript(name: String) -> Int? {
        let hash = Self.hash(name)
        return probe(name, hash: hash, firstWord: slots[home(hash)]).item.map { items[$0].value }
    }

    /// Adds `name` with `value` unless it is there already; the value it
    /// had, if any (then left unchanged).
    @discardableResult
    public mutating func insert(_ name: String, _ value: Int) -> Int? {
        let hash = Self.hash(name)
        return insert(name, value, hash: hash, firstWord: slots[home(hash)]).previous
    }

    /// `insert`, from the name's hash and its home slot's word; and
    /// whether the table grew (every slot moved).
    @inline(__always)
    private mutating func insert(_ name: String, _ value: Int, hash: UInt64, firstWord: UInt64) -> (previous: Int?, slot: Int, grew: Bool) {
        let (i, found) = probe(name, hash: hash, firstWord: firstWord)
        if let found { return (items[found].value, i, false) }
        items.append((name, value))
        slots[i] = Self.tag(hash) | UInt64(items.count)
        if 2 * items.count > slots.count {
            grow()
            return (nil, i, true)
        }
        return (nil, i, false)
    }

    // Many names at once. In a big index every home slot read is a cache
    // miss; looking names up one by one waits for each in turn. Here
    // sixteen names are hashed, then their home slots read in a loop of
    // loads alone (all sixteen misses in flight at once), then probed.

    /// How many names are hashed before any is probed.
    private static let batch = 16

    /// The value of every name `name(k)`, k in `0..<count`, or nil for one
    /// not in the index, given to `body(k, value)` in order.
    public func values(count: Int, name: (Int) -> String, _ body: (Int, Int?) -> Void) {
        withUnsafeTemporaryAllocation(of: (hash: UInt64, word: UInt64).self, capacity: Self.batch) { ahead in
            var base = 0
            while base < count {
                let n = Swift.min(Self.batch, count - base)
                for j in 0..<n { ahead[j].hash = Self.hash(name(base + j)) }
                for j in 0..<n { ahead[j].word = slots[home(ahead[j].hash)] }
                for j in 0..<n {
                    let found = probe(name(base + j), hash: ahead[j].hash, firstWord: ahead[j].word).item
                    body(base + j, found.map { items[$0].value })
                }
                base += n
            }
        }
    }

    /// `insert(name(k), value(k))` for every k in `0..<count`, in order,
    /// with what it returns given to `body(k, previous)`.
    public mutating func insert(count: Int, name: (Int) -> String, value: (Int) -> Int, _ body: (Int, Int?) -> Void) {
        withUnsafeTemporaryAllocation(of: (hash: UInt64, word: UInt64).self, capacity: Self.batch) { ahead in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.batch) { filled in
                var base = 0
                while base < count {
                    let n = Swift.min(Self.batch, count - base)
                    for j in 0..<n { ahead[j].hash = Self.hash(name(base + j)) }
                    for j in 0..<n { ahead[j].word = slots[home(ahead[j].hash)] }
                    // A word read above is stale once an earlier name of the
                    // batch has filled that slot, or the table has grown.
                    var filledCount = 0
                    var grown = false
                    for j in 0..<n {
                        let at = home(ahead[j].hash)
                        var word = ahead[j].word
                        if grown || (0..<filledCount).contains(where: { filled[$0] == at }) { word = slots[at] }
                        let k = base + j
                        let (previous, slot, grew) = insert(name(k), value(k), hash: ahead[j].hash, firstWord: word)
                        if previous == nil {
                            filled[filledCount] = slot
                            filledCount += 1
                        }
                        grown = grown || grew
                        body(k, previous)
                    }
                    base += n
                }
            }
        }
    }

    /// Every name with its value, in the order inserted.
    public var entries: [(name: String, value: Int)] { items }

    private mutating func grow() {
        let size = 2 * slots.count
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for (e, item) in items.enumerated() {
            let hash = Self.hash(item.name)
            var i = home(hash)
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Self.tag(hash) | UInt64(e + 1)
        }
    }
}
