import CGraphviz
import FlowcutCore

/// The one place that calls Graphviz's C library.
///
/// cgraph and gvc keep process-wide state and are not thread safe
/// (GRAPHVIZ.md: two threads with a context each crashed), so there is one
/// shared context and every call runs under one lock. Each render frees what
/// it made (`gvFreeRenderData`, `gvFreeLayout`, `agclose`); messages are
/// captured through `agseterrf`, reset before each render, and turned into
/// a Swift error.
public enum Graphviz {
    /// Output formats flowcut asks for.
    public enum Format: String, Sendable, CaseIterable {
        case svg, png, pdf
    }

    public struct RenderError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The shared context, created on first use, held under the lock.
    private static let state = Locked<ContextBox>(ContextBox())

    /// Where the dot engine placed each node: centre and size in points,
    /// y growing downwards (screen and BPMN DI convention).
    public struct Placement: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double

        public init(x: Double = 0, y: Double = 0, width: Double = 0, height: Double = 0) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }
    }

    /// Lays `dot` out with the dot engine and returns each node's placement
    /// by node name, read from Graphviz's "plain" output. Node names must
    /// be plain identifiers (no spaces or quotes).
    public static func layout(dot: String) throws(RenderError) -> [String: Placement] {
        let bytes = try render(dot: dot, formatName: "plain")
        let text = String(decoding: bytes, as: UTF8.self)
        var height = 0.0
        var placements: [String: Placement] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            if f.first == "graph", f.count >= 4, let h = Double(f[3]) { height = h }
            guard f.first == "node", f.count >= 6, let x = Double(f[2]), let y = Double(f[3]),
                let w = Double(f[4]), let h = Double(f[5])
            else { continue }
            placements[String(f[1])] = Placement(x: x * 72, y: (height - y) * 72, width: w * 72, height: h * 72)
        }
        return placements
    }

    /// Lays `dot` out with the dot engine and renders it.
    public static func render(dot: String, format: Format) throws(RenderError) -> [UInt8] {
        try render(dot: dot, formatName: format.rawValue)
    }

    private static func render(dot: String, formatName: String) throws(RenderError) -> [UInt8] {
        let result: Result<[UInt8], RenderError> = state.withLock { box in
            guard let context = box.context() else {
                return .failure(RenderError(message: "Graphviz could not start (is libgraphviz installed with its plugins?)"))
            }
            capturedMessages = ""
            _ = agreseterrors()
            _ = agseterr(AGWARN)
            _ = agseterrf { text in
                if let text { capturedMessages += String(cString: text) }
                return 0
            }
            let read = dot.utf8CString.withUnsafeBufferPointer { text in
                var reader = MemoryReader(base: text.baseAddress!, length: text.count - 1, cursor: 0)
                return agread(&reader, GraphDiscipline.shared)
            }
            guard let graph = read else {
                return .failure(RenderError(message: "Graphviz could not read the graph: \(Self.trimmed(capturedMessages))"))
            }
            defer { agclose(graph) }
            guard gvLayout(context, graph, "dot") == 0 else {
                return .failure(RenderError(message: "Graphviz could not lay the graph out: \(Self.trimmed(capturedMessages))"))
            }
            defer { gvFreeLayout(context, graph) }
            var buffer: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            guard gvRenderData(context, graph, formatName, &buffer, &length) == 0, let buffer else {
                return .failure(RenderError(message: "Graphviz could not render \(formatName): \(Self.trimmed(capturedMessages))"))
            }
            defer { gvFreeRenderData(buffer) }
            // Some errors do not fail a call (a bad HTML label falls back to
            // the node's name): any error message fails the render.
            if agerrors() > 0 {
                return .failure(RenderError(message: "Graphviz reported: \(Self.trimmed(capturedMessages))"))
            }
            return .success(
                buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                    Array(UnsafeBufferPointer(start: $0, count: Int(length)))
                })
        }
        return try result.get()
    }

    /// The version libgvc reports (Debian 12: "2.43.0").
    public static func version() -> String? {
        state.withLock { box in
            guard let context = box.context(), let text = gvcVersion(context) else { return nil }
            return String(cString: text)
        }
    }

    private static func trimmed(_ s: String) -> String {
        let t = s.split(separator: "\n").map { $0.trimmingSpaces }.filter { !$0.isEmpty }.joined(separator: "; ")
        return t.isEmpty ? "no message" : t
    }

}

/// How graphs are read: cgraph's memory and writing disciplines, with its
/// reading from `MemoryReader` and names given IDs by `NameTable`.
///
/// cgraph's own ID discipline makes a named object's ID the address of its
/// interned name, and keeps a graph's subgraphs in ID order. So clusters
/// came in heap-address order: the same graph, laid out twice in one
/// process, got its clusters in another order and edges routed elsewhere
/// (seen here: a 200-procedure portfolio, a third of its diagrams differed
/// between two runs; a C harness drew one graph after each of 13 others and
/// got 12 different SVGs). With IDs numbered in the order names are first
/// read, a graph gives the same layout whatever was drawn before it — the
/// same bytes as the `dot` command gives.
private enum GraphDiscipline {
    /// The discipline, made once and never freed (read under the lock).
    nonisolated(unsafe) static let shared: UnsafeMutablePointer<Agdisc_t> = {
        let ids = UnsafeMutablePointer<Agiddisc_t>.allocate(capacity: 1)
        ids.initialize(
            to: Agiddisc_t(
                open: { graph, _ in Unmanaged.passRetained(NameTable(graph: graph)).toOpaque() },
                map: { state, _, name, id, create in
                    NameTable.from(state).map(name, id, create: create != 0) ? 1 : 0
                },
                alloc: { _, _, _ in 0 },
                free: { _, _, _ in },
                print: { state, _, id in NameTable.from(state).name(of: id) },
                close: { state in if let state { Unmanaged<NameTable>.fromOpaque(state).release() } },
                idregister: { _, _, _ in }))
        let io = UnsafeMutablePointer<Agiodisc_t>.allocate(capacity: 1)
        io.initialize(to: flowcut_io_discipline())
        io.pointee.afread = { chan, buffer, size in
            guard let chan, let buffer else { return 0 }
            return chan.assumingMemoryBound(to: MemoryReader.self).pointee.read(into: buffer, size: Int(size))
        }
        let discipline = UnsafeMutablePointer<Agdisc_t>.allocate(capacity: 1)
        discipline.initialize(to: Agdisc_t(mem: flowcut_memory_discipline(), id: ids, io: io))
        return discipline
    }()
}

/// One graph's names and their IDs: the n-th distinct name read gets 2n
/// (even, as cgraph expects of named objects); anonymous objects get odd
/// IDs counted per graph. Names are kept as the graph's interned strings
/// (`agstrdup`): cgraph reads flags stored in front of them (whether a name
/// is an HTML string), and frees them with the graph.
private final class NameTable {
    private let graph: UnsafeMutablePointer<Agraph_t>?
    private var ids: [String: IDTYPE] = [:]
    private var names: [UnsafeMutablePointer<CChar>] = []
    private var nextAnonymous: IDTYPE = 1

    init(graph: UnsafeMutablePointer<Agraph_t>?) { self.graph = graph }

    static func from(_ state: UnsafeMutableRawPointer?) -> NameTable {
        Unmanaged<NameTable>.fromOpaque(state!).takeUnretainedValue()
    }

    func map(_ name: UnsafeMutablePointer<CChar>?, _ id: UnsafeMutablePointer<IDTYPE>?, create: Bool) -> Bool {
        guard let id else { return false }
        guard let name else {
            id.pointee = nextAnonymous
            nextAnonymous += 2
            return true
        }
        let key = String(cString: name)
        if let known = ids[key] {
            id.pointee = known
            return true
        }
        guard create, let copy = agstrdup(graph, name) else { return false }
        names.append(copy)
        let new = IDTYPE(2 * names.count)
        ids[key] = new
        id.pointee = new
        return true
    }

    func name(of id: IDTYPE) -> UnsafeMutablePointer<CChar>? {
        guard id % 2 == 0, id >= 2, id / 2 <= IDTYPE(names.count) else { return nil }
        return names[Int(id / 2) - 1]
    }
}

/// The DOT text cgraph reads, a line per call as its own memory reader does
/// (its lexer counts lines by the reads).
private struct MemoryReader {
    let base: UnsafePointer<CChar>
    let length: Int
    var cursor: Int

    mutating func read(into buffer: UnsafeMutablePointer<CChar>, size: Int) -> Int32 {
        guard size > 0, cursor < length else { return 0 }
        var n = 0
        while n < size, cursor < length {
            let c = base[cursor]
            buffer[n] = c
            n += 1
            cursor += 1
            if c == 10 { break }
        }
        return Int32(n)
    }
}

/// Messages of the current render; written only under the lock (a C
/// callback cannot carry context, so it is a global).
nonisolated(unsafe) private var capturedMessages = ""

/// The shared context (a C pointer), only touched under the lock.
private struct ContextBox: @unchecked Sendable {
    private var pointer: OpaquePointer?

    mutating func context() -> OpaquePointer? {
        if pointer == nil { pointer = gvContext() }
        return pointer
    }
}

extension Substring {
    var trimmingSpaces: String {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
