import Foundation

/// Where `flowcut analyze` writes pages and diagrams. Every write is atomic
/// (a temporary file, then a rename) and stays inside the folder.
struct OutputFolder {
    let root: URL

    init(_ path: String) {
        root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    /// A folder name for a procedure file: its name without `.flow`, reduced
    /// to letters, digits, `-`, `_` and `.` (never `..`).
    static func slug(for path: String) -> String {
        var name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        name = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" })
        while name.hasPrefix(".") { name.removeFirst() }
        return name.isEmpty ? "procedure" : name
    }

    static let manifest = ".flowcut-written"

    /// Records what this run wrote, and removes what the previous run wrote
    /// and this one did not (then their folders, if left empty). Nothing
    /// that flowcut did not write is touched.
    func replaceManifest(with written: [String]) throws {
        let url = root.appendingPathComponent(Self.manifest)
        let previous = (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        let now = Set(written)
        for old in previous where !now.contains(old) {
            let target = root.appendingPathComponent(old).standardizedFileURL
            guard target.path.hasPrefix(root.path + "/") else { continue }
            try? FileManager.default.removeItem(at: target)
            let parent = target.deletingLastPathComponent()
            if parent.path != root.path, (try? FileManager.default.contentsOfDirectory(atPath: parent.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: parent)
            }
        }
        try write(Array((written.sorted().joined(separator: "\n") + "\n").utf8), to: Self.manifest)
    }

    /// Writes `bytes` to `relative` under the root.
    func write(_ bytes: [UInt8], to relative: String) throws {
        let target = root.appendingPathComponent(relative).standardizedFileURL
        guard target.path.hasPrefix(root.path + "/") else {
            throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSLocalizedDescriptionKey: "\(relative) is outside \(root.path)"])
        }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try writeAtomically(bytes, to: target.path)
    }
}
