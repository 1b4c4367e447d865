import CGraphviz
import Synchronization

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
    private static let state = Mutex<ContextBox>(ContextBox())

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
        let bytes = try render(dot: dot, formatName: format.rawValue)
        return format == .svg ? clustersInOrder(bytes) : bytes
    }

    /// Graphviz writes a graph's clusters in the order of their IDs, which
    /// for named subgraphs are the addresses of their interned names: the
    /// order changes from run to run when other threads have used the heap
    /// (seen in `analyze`: 38 of 40 files differed between two runs). The
    /// positions do not change, and clusters never overlap, so the SVG's
    /// runs of top-level cluster groups (`<g id="clustN" class="cluster">`
    /// … `</g>`, a line each, as Graphviz writes them) are put back in
    /// cluster number order: the same input gives the same bytes.
    static func clustersInOrder(_ svg: [UInt8]) -> [UInt8] {
        let lines = String(decoding: svg, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        func clusterNumber(_ line: Substring) -> Int? {
            guard line.hasPrefix("<g id=\"clust"), line.hasSuffix("\" class=\"cluster\">") else { return nil }
            return Int(line.dropFirst(12).prefix { $0.isNumber })
        }
        var out: [Substring] = []
        out.reserveCapacity(lines.count)
        var i = 0
        while i < lines.count {
            guard clusterNumber(lines[i]) != nil else {
                out.append(lines[i])
                i += 1
                continue
            }
            var blocks: [(Int, ArraySlice<Substring>)] = []
            while i < lines.count, let n = clusterNumber(lines[i]) {
                guard let end = lines[i...].firstIndex(of: "</g>") else { return svg }
                blocks.append((n, lines[i...end]))
                i = end + 1
            }
            for (_, block) in blocks.sorted(by: { $0.0 < $1.0 }) { out.append(contentsOf: block) }
        }
        return Array(out.joined(separator: "\n").utf8)
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
            guard let graph = dot.withCString({ agmemread($0) }) else {
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
            return .success(buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
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
