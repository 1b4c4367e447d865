// Hot path (a Fast/ folder). Public, not package: the release build inlines public declarations across modules, not package ones.
import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value reached only under a POSIX mutex, as with Synchronization's
/// `Mutex`. ThreadSanitizer follows pthread locks; it does not follow the
/// futex under `Mutex` on Linux, and reported every access behind one as
/// a race, which made it useless on the parallel code.
public final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: Value) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}

/// One slot per concurrent worker, each slot written by one worker; read
/// once all are done.
public final class Slots<Value: Sendable>: Sendable {
    private let storage: Locked<[Value]>

    public init(count: Int, initial: Value) {
        storage = Locked(Array(repeating: initial, count: count))
    }

    public subscript(index: Int) -> Value {
        get { storage.withLock { $0[index] } }
        set { storage.withLock { $0[index] = newValue } }
    }

    public var values: [Value] { storage.withLock { $0 } }
}

extension Slots {
    /// Moves a value out, leaving nil: no second reference keeps it alive.
    public func take<Wrapped>(_ index: Int) -> Wrapped? where Value == Wrapped? {
        storage.withLock { slots in
            defer { slots[index] = nil }
            return slots[index]
        }
    }
}

extension Array where Element: Sendable {
    /// `map` on all cores, results in order.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let results = Slots<T?>(count: count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: count) { i in results[i] = transform(self[i]) }
        return results.values.map { $0! }
    }
}

/// `a()` and `b()`, at once on two cores when `parallel`, else one after
/// the other.
public func both<A: Sendable, B: Sendable>(
    _ parallel: Bool, _ a: @Sendable () -> A, _ b: @Sendable () -> B
) -> (A, B) {
    guard parallel else { return (a(), b()) }
    let first = Slots<A?>(count: 1, initial: nil)
    let second = Slots<B?>(count: 1, initial: nil)
    DispatchQueue.concurrentPerform(iterations: 2) { k in
        if k == 0 { first[0] = a() } else { second[0] = b() }
    }
    return (first.take(0)!, second.take(0)!)
}

/// Memory that several workers write at once, each its own part.
public struct Region<T>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<T>?

    public init(base: UnsafeMutablePointer<T>?) {
        self.base = base
    }
}
