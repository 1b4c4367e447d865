import FlowcutAnalysis
import FlowcutCore
import FlowcutReport
import Foundation

/// What a review keeps of each procedure it wrote, so that the next run
/// over unchanged files writes them again without analysing or drawing
/// them: inside the review, `DIR/.flowcut-cache/<key>-…`, where the key is a
/// hash of everything a procedure's files depend on — this build of
/// flowcut, the file's path and bytes, the records joined to it, and the
/// options of the run. An entry is the procedure's diagrams, page and Word
/// document (the same files as `DIR/<procedure>/`, as hard links:
/// `<key>-before.svg`, …), and `<key>-entry`: its figures for the review,
/// its text, Markdown and JSON. All in one folder: a new folder costs the
/// file system far more than a new link. A run
/// carries into the new review only the entries it used; the review it
/// replaced keeps its own in `.previous`.
public struct ReviewCache: Sendable {
    public static let folder = ".flowcut-cache"
    static let magic = "flowcut cache 1"
    /// The cache of the review being replaced, absolute (it may not exist).
    let root: String

    /// The cache of the review at `review` (the folder `--out` names).
    public init(reviewAt review: String) {
        root = review + "/" + Self.folder
    }

    /// What the key of every procedure of one run shares: this build, and
    /// the run's options, in words (`options`).
    public static func runContext(_ options: String) -> String {
        var info = stat()
        // The executable itself: any rebuild makes every entry stale.
        let build = stat("/proc/self/exe", &info) == 0 ? "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)" : "unknown"
        return "\(magic)\n\(build)\n\(options)\n"
    }

    /// A hash of the files' bytes, in order (the records joined).
    public static func fingerprint(files: [String]) -> String {
        var h = Hash64()
        for file in files {
            h.add(Array(file.utf8) + [0])
            h.add(FileBytes.read(file, most: Int.max) ?? [0xFF])
            h.add([0])
        }
        return h.hex
    }

    /// A procedure's key: the run's context, the file's path and bytes.
    public static func key(context: String, path: String, bytes: [UInt8]) -> String {
        var h = Hash64()
        h.add(Array(context.utf8))
        h.add([0])
        h.add(Array(path.utf8))
        h.add([0])
        h.add(bytes)
        return h.hex
    }

    /// Where the entry's file `name` is kept, inside the review.
    public static func relative(_ key: String, _ name: String) -> String { "\(folder)/\(key)-\(name)" }

    /// The entry of `key`, when the review being replaced has it whole.
    /// - Parameter workflow: the procedure's process, checked in this run.
    public func entry(_ key: String, path: String, workflow: Workflow) -> CachedProcedure? {
        let prefix = root + "/" + key + "-"
        guard let bytes = FileBytes.read(prefix + "entry", most: 1 << 30),
            let entry = CachedProcedure.decode(bytes, key: key, path: path, workflow: workflow, prefix: prefix)
        else { return nil }
        // A product changed or gone (edited in place, removed): not reused.
        for (name, size) in entry.sizes {
            var info = stat()
            guard lstat(prefix + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == size else { return nil }
        }
        return entry
    }
}

/// A procedure's files and figures kept from an earlier run.
public struct CachedProcedure: Sendable {
    public var key: String
    public var path: String
    public var workflow: Workflow
    public var figures: Portfolio.Entry.Figures
    /// The block `flowcut analyze` printed for it.
    public var text: String
    public var markdown: String
    /// Its JSON object, as `JSON.written()` wrote it.
    public var json: [UInt8]
    /// The notes printed for it (things left undone on purpose).
    public var notes: [String]
    /// The files of `DIR/<procedure>/` kept, with their sizes.
    public var sizes: [(name: String, size: Int)]
    /// Where the entry's files are: this, then their names (absolute).
    public var prefix: String

    public init(
        key: String, path: String, workflow: Workflow, figures: Portfolio.Entry.Figures, text: String, markdown: String, json: [UInt8], notes: [String],
        sizes: [(name: String, size: Int)], prefix: String = ""
    ) {
        self.key = key
        self.path = path
        self.workflow = workflow
        self.figures = figures
        self.text = text
        self.markdown = markdown
        self.json = json
        self.notes = notes
        self.sizes = sizes
        self.prefix = prefix
    }

    /// The `entry` file: a first line, the figures (as the doubles' bits),
    /// the products' names and sizes, then the texts, each after its byte count.
    public func encoded() -> [UInt8] {
        func bits(_ x: Double?) -> String { x.map { String($0.bitPattern, radix: 16) } ?? "-" }
        let f = figures
        var out = Array("\(ReviewCache.magic)\n".utf8)
        out += Array(
            "figures \(bits(f.mainLeadTime)) \(bits(f.p90)) \(bits(f.before)) \(bits(f.after)) \(bits(f.citizenDaysPerYear)) \(bits(f.staffHoursPerYear))\n"
                .utf8)
        out += Array(("files" + sizes.map { " \($0.name):\($0.size)" }.joined() + "\n").utf8)
        for part in [Array(text.utf8), Array(markdown.utf8), json, Array(notes.joined(separator: "\n").utf8)] {
            out += Array("\(part.count)\n".utf8)
            out += part
            out.append(0x0A)
        }
        return out
    }

    static func decode(_ bytes: [UInt8], key: String, path: String, workflow: Workflow, prefix: String) -> CachedProcedure? {
        var at = 0
        func line() -> String? {
            guard let end = bytes[at...].firstIndex(of: 0x0A) else { return nil }
            defer { at = end + 1 }
            return String(decoding: bytes[at..<end], as: UTF8.self)
        }
        func part() -> [UInt8]? {
            guard let count = line().flatMap(Int.init), count >= 0, at + count < bytes.count, bytes[at + count] == 0x0A else { return nil }
            defer { at += count + 1 }
            return Array(bytes[at..<at + count])
        }
        func double(_ s: Substring) -> Double?? {
            if s == "-" { return .some(nil) }
            return UInt64(s, radix: 16).map { .some(Double(bitPattern: $0)) }
        }
        guard line() == ReviewCache.magic, let figureLine = line(), let fileLine = line() else { return nil }
        let values = figureLine.split(separator: " ").dropFirst().map(double)
        guard figureLine.hasPrefix("figures "), values.count == 6, values.allSatisfy({ $0 != nil }) else { return nil }
        let v = values.map { $0! }
        guard let main = v[0], let before = v[2], let citizen = v[4], let staff = v[5] else { return nil }
        var sizes: [(name: String, size: Int)] = []
        for item in fileLine.split(separator: " ").dropFirst() {
            let pair = item.split(separator: ":")
            guard pair.count == 2, let size = Int(pair[1]), ["before.svg", "after.svg", "index.html", "procedure.docx"].contains(String(pair[0]))
            else { return nil }
            sizes.append((String(pair[0]), size))
        }
        guard fileLine.hasPrefix("files"), let text = part(), let markdown = part(), let json = part(), let notes = part(), at == bytes.count else {
            return nil
        }
        return CachedProcedure(
            key: key, path: path, workflow: workflow,
            figures: Portfolio.Entry.Figures(mainLeadTime: main, p90: v[1], before: before, after: v[3], citizenDaysPerYear: citizen, staffHoursPerYear: staff),
            text: String(decoding: text, as: UTF8.self), markdown: String(decoding: markdown, as: UTF8.self), json: json,
            notes: notes.isEmpty ? [] : String(decoding: notes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
            sizes: sizes, prefix: prefix)
    }
}

/// FNV-1a, 64 bits: a key for content, not a defence against anyone
/// crafting a collision.
public struct Hash64: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// The hash of `bytes` alone, as 16 hex digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        var h = Hash64()
        h.add(bytes)
        return h.hex
    }

    public mutating func add(_ bytes: [UInt8]) {
        var h = value
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        value = h
    }

    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
