import FlowcutCore
import FlowcutImport
import FlowcutLanguage
import Foundation

/// The files a run reads: folders expanded, and what could not be found.
public struct SourceList: Sendable {
    /// Files in the order given, each folder's `.flow` files sorted.
    public var files: [String] = []
    /// Paths that name nothing readable, in words.
    public var problems: [String] = []
}

/// Why a file could not be read at all (it has no analysis, not even errors).
public struct ReadProblem: Error, Sendable, CustomStringConvertible {
    public var description: String
}

extension Flowcut {
    /// Expands folders (recursively, sorted) and keeps files as given.
    public static func sources(_ paths: [String]) -> SourceList {
        var list = SourceList()
        let fm = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else {
                list.problems.append("no such file or folder: \(Files.shown(path))" + hint(for: path))
                continue
            }
            guard isFolder.boolValue else {
                list.files.append(path)
                continue
            }
            let found = flowFiles(in: path)
            if found.isEmpty { list.problems.append("no .flow files in \(Files.shown(path))") }
            list.files += found
        }
        return list
    }

    /// "; did you mean 'x.flow'?" for a path one typo away from a file or
    /// folder beside it.
    static func hint(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder),
            let near = closestName(to: name, among: names.sorted())
        else { return "" }
        return "; did you mean '\(Files.shown(folder.isEmpty ? near : folder + "/" + near))'?"
    }

    static func flowFiles(in folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let item = walker.nextObject() as? String {
            if item.hasSuffix(".flow") {
                found.append(folder.hasSuffix("/") ? folder + item : folder + "/" + item)
            }
        }
        return found.sorted()
    }

    /// A file read and checked. A file another format's importer reads
    /// (`Importers`) is imported, its workflow checked on the model and
    /// analysed as it is; its findings name the model's elements.
    /// - Parameter keepSyntax: keep the syntax tree (for `fmt`).
    /// - Parameter limits: how big a file, and how many steps, arrows and
    ///   characters in one text, are read.
    public static func load(_ path: String, keepSyntax: Bool = false, limits: Limits = .standard) -> Result<CheckedFile, ReadProblem> {
        let bytes: [UInt8]
        switch readFile(path, limits: limits) {
        case .success(let b): bytes = b
        case .failure(let p): return .failure(p)
        }
        guard let importer = Importers.importer(for: path) else {
            return .success(Checker.check(SourceFile(path: path, bytes: bytes), keepSyntax: keepSyntax, limits: limits))
        }
        do {
            let imported = try importer.read(bytes, path: path, options: ImportOptions())
            let diagnostics = imported.findings + imported.problems(limits: limits)
            return .success(
                CheckedFile(
                    file: SourceFile(path: path, bytes: []), syntax: nil,
                    workflow: diagnostics.hasErrors ? nil : imported.workflow, diagnostics: diagnostics))
        } catch {
            return .failure(ReadProblem(description: "\(Files.shown(path)): \(error.message)"))
        }
    }

    /// Every file loaded, in parallel, in input order.
    public static func load(_ paths: [String], keepSyntax: Bool = false, limits: Limits = .standard) -> [Result<CheckedFile, ReadProblem>] {
        let results = Slots<Result<CheckedFile, ReadProblem>?>(count: paths.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            results[i] = load(paths[i], keepSyntax: keepSyntax, limits: limits)
        }
        return results.values.map { $0! }
    }

    /// The file's bytes, or why they cannot be had (a file over
    /// `limits.fileBytes` is not read).
    public static func readFile(_ path: String, limits: Limits = .standard) -> Result<[UInt8], ReadProblem> {
        guard let bytes = FileBytes.read(path, most: limits.fileBytes) else {
            if errno == EFBIG {
                var info = stat()
                let size = stat(path, &info) == 0 ? " (\(byteSize(Int(info.st_size))))" : ""
                return .failure(
                    ReadProblem(
                        description:
                            "cannot read \(Files.shown(path)): the file\(size) is over the limit of \(byteSize(limits.fileBytes)); raise it with --max-file-size"
                    ))
            }
            let reason = errno == EINVAL ? "not a regular file" : String(cString: strerror(errno))
            return .failure(ReadProblem(description: "cannot read \(Files.shown(path)): \(reason)"))
        }
        return .success(bytes)
    }

    /// 268435456 → "256 MiB"; 1536 → "1.5 KiB"; 900 → "900 bytes".
    public static func byteSize(_ bytes: Int) -> String {
        let units: [(Int, String)] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (size, name) in units where bytes >= size {
            return formatNumber(Double(bytes) / Double(size), decimals: 1) + " " + name
        }
        return "\(grouped(bytes)) bytes"
    }

}
