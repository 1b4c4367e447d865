import Foundation
import FlowcutCore
import FlowcutLanguage

/// The .flow files named on the command line, read and checked.
struct Inputs {
    /// Paths that could not be read, already reported.
    var failures = 0
    var files: [String] = []

    /// Expands folders (recursively, sorted) and keeps files as given.
    init(paths: [String]) {
        let fm = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else {
                Terminal.fail("no such file or folder: \(path)")
                failures += 1
                continue
            }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            let found = Self.flowFiles(in: path)
            if found.isEmpty {
                Terminal.fail("no .flow files in \(path)")
                failures += 1
            }
            files += found
        }
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

    /// Reads and checks every file, in parallel, results in input order.
    func check() -> [CheckedFile?] {
        let results = ResultBox<CheckedFile?>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            results[i] = Self.read(files[i]).map { Checker.check($0) }
        }
        return results.values
    }

    /// nil (after reporting it) when the file cannot be read.
    static func read(_ path: String) -> SourceFile? {
        guard let data = FileManager.default.contents(atPath: path) else {
            Terminal.fail("cannot read \(path)")
            return nil
        }
        return SourceFile(path: path, bytes: [UInt8](data))
    }
}

/// Slots written by concurrent workers, one slot each.
final class ResultBox<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value] { lock.withLock { storage.map { $0! } } }
}
