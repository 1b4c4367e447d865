import ArgumentParser
import Foundation
import FlowcutCore
import FlowcutImport
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
                Terminal.fail("no such file or folder: \(Files.shown(path))" + Self.hint(for: path))
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

    /// "; did you mean 'x.flow'?" for a path one typo away from a file or
    /// folder beside it.
    static func hint(for path: String) -> String {
        let folder = Files.folder(of: path)
        let name = Files.name(of: path)
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

    /// Reads and checks every file, in parallel, results in input order.
    /// - Parameter keepSyntax: keep each file's syntax tree (for `fmt`).
    func check(keepSyntax: Bool = false) -> [CheckedFile?] {
        let results = Slots<CheckedFile?>(count: files.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            results[i] = Self.load(files[i], keepSyntax: keepSyntax)
        }
        return results.values
    }

    /// One file read and checked, its diagnostics printed; exit 1 when it
    /// cannot be read or has errors.
    static func workflow(_ path: String) throws -> (SourceFile, Workflow) {
        guard let checked = load(path, keepSyntax: false) else { throw ExitCode(1) }
        Terminal.printDiagnostics(checked)
        guard let workflow = checked.workflow else { throw ExitCode(1) }
        return (checked.file, workflow)
    }

    /// A file read and checked; nil (after reporting it) when it cannot be
    /// read. A file another format's importer reads (`Importers`) is
    /// imported, its workflow checked on the model and analysed as it is;
    /// its findings name the model's elements.
    static func load(_ path: String, keepSyntax: Bool) -> CheckedFile? {
        guard let bytes = readBytes(path) else {
            let reason = errno == EINVAL ? "not a regular file" : String(cString: strerror(errno))
            Terminal.fail("cannot read \(Files.shown(path)): \(reason)")
            return nil
        }
        guard let importer = Importers.importer(for: path) else {
            return Checker.check(SourceFile(path: path, bytes: bytes), keepSyntax: keepSyntax)
        }
        do {
            let imported = try importer.read(bytes, path: path, options: ImportOptions())
            let diagnostics = imported.findings + imported.problems
            return CheckedFile(
                file: SourceFile(path: path, bytes: []), syntax: nil,
                workflow: diagnostics.hasErrors ? nil : imported.workflow, diagnostics: diagnostics)
        } catch {
            Terminal.fail("\(Files.shown(path)): \(error.message)")
            return nil
        }
    }

    /// The whole file in one array, without an intermediate copy.
    static func readBytes(_ path: String) -> [UInt8]? {
        // Only regular files: a FIFO or a device would block or never end.
        var before = stat()
        guard stat(path, &before) == 0 else { return nil }
        guard (before.st_mode & S_IFMT) == S_IFREG else {
            errno = EINVAL
            return nil
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            errno = EINVAL
            return nil
        }
        let size = Int(info.st_size)
        if size == 0 { return [] }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            // A big file in two halves at once: most of a read is the
            // kernel filling fresh pages, which two cores do in half the time.
            let base = Region(base: buffer.baseAddress)
            let half = size >= Self.parallelReadAbove ? size / 2 : size
            let (first, second) = both(half < size) {
                Self.read(fd, into: base, from: 0, to: half)
            } _: {
                Self.read(fd, into: base, from: half, to: size)
            }
            switch (first, second) {
            case (.failure(let error), _), (_, .failure(let error)):
                // errno is each thread's own: the failing half's, set here.
                errno = error.code
                failed = true
            case (.success(let end), .success(let secondEnd)):
                if end < half && secondEnd > half {
                    // The file shrank as it was read: the halves do not meet.
                    errno = EIO
                    failed = true
                } else {
                    count = end < half ? end : secondEnd
                }
            }
        }
        return failed ? nil : bytes
    }

    /// From this size on, a file is read in two halves at once.
    static let parallelReadAbove = 16 << 20

    /// errno, as an error a thread can hand back.
    struct ReadError: Error {
        var code: Int32
    }

    /// Reads the file's bytes `from..<to` into `base + from`: the offset
    /// where they end (short at the end of the file), or errno.
    private static func read(_ fd: Int32, into base: Region<UInt8>, from: Int, to: Int) -> Result<Int, ReadError> {
        guard let pointer = base.base else { return .success(from) }
        var done = from
        while done < to {
            let n = pread(fd, pointer + done, to - done, off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(ReadError(code: errno))
            }
            if n == 0 { break }
            done += n
        }
        return .success(done)
    }
}
