import Dispatch
import FlowcutCore
import Foundation

/// A file problem said in words, for the terminal.
public struct FileProblem: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }

    /// `cannot write PATH: <strerror>`.
    static func errno(_ action: String, _ path: String, _ code: Int32 = Glibc.errno) -> FileProblem {
        FileProblem("cannot \(action) \(Files.shown(path)): \(String(cString: strerror(code)))")
    }
}

/// File identity, atomic writes and paths, for every command that writes.
public enum Files {
    /// A path as it may be printed: control characters (a newline in a file
    /// name) shown as `\n`-style escapes, so that a message stays one line.
    public static func shown(_ path: String) -> String { Escape.oneLine(path) }

    /// Whether `path` is a folder (a link to one is not followed).
    public static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    // Paths taken apart by hand: Foundation's NSString path methods trap on
    // a one-letter relative path ("a") in this toolchain.

    /// Everything before the last `/` ("" for a bare name, "/" for "/x").
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Everything after the last `/`.
    public static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The name without its last extension ("a.b.flow" → "a.b"; ".x" stays).
    public static func stem(of path: String) -> String {
        let base = name(of: path)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }

    /// Device and inode: two paths name one file when these agree (a link,
    /// `./x` and `x`, a hard link).
    public struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64

        public init?(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// True when `output` is the same file as one of `inputs` (following links).
    public static func isSameFile(_ output: String, asAnyOf inputs: [String]) -> Bool {
        guard let target = Identity(output) else { return false }
        return inputs.contains { Identity($0) == target }
    }

    /// The absolute, link-free path of an existing file or folder.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The absolute path of `path`, existing or not: its longest existing
    /// ancestor resolved, the rest appended as written (`.` and `..` folded).
    public static func absolutePath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let whole = path.hasPrefix("/") ? path : cwd + "/" + path
        var parts: [Substring] = []
        for part in whole.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                _ = parts.popLast()
                continue
            }
            parts.append(part)
        }
        var existing = "/"
        var k = 0
        while k < parts.count {
            let next = (existing == "/" ? "/" : existing + "/") + parts[k]
            guard let real = realPath(next) else { break }
            existing = real
            k += 1
        }
        let rest = parts[k...].joined(separator: "/")
        if rest.isEmpty { return existing }
        return (existing == "/" ? "/" : existing + "/") + rest
    }

    /// The process's umask, read without changing it for long.
    static let umaskValue: mode_t = {
        let old = umask(0o022)
        umask(old)
        return old
    }()

    /// Writes `bytes` to `path` in one step: a new file created exclusively
    /// (never following a link) in the same folder, then renamed over the
    /// target. When `path` is a link, the file it points to is replaced and
    /// the link kept. The file keeps an existing file's permissions, else
    /// gets 0666 less the umask.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileProblem) {
        var target = path
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            guard let real = realPath(path) else { throw FileProblem("cannot write \(shown(path)): it is a link to nothing") }
            target = real
        }
        var mode: mode_t = 0o666 & ~umaskValue
        if stat(target, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                throw FileProblem("cannot write \(shown(path)): it is \((info.st_mode & S_IFMT) == S_IFDIR ? "a folder" : "not a regular file")")
            }
            mode = info.st_mode & 0o7777
        }
        let folder = Files.folder(of: target)
        let (fd, temporary) = try createTemporary(in: folder.isEmpty ? "." : folder, mode: mode)
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        try writeAll(fd, bytes, temporary)
        // The mode exactly, whatever the umask took off at creation.
        fchmod(fd, mode)
        guard close(fd) == 0 else { throw FileProblem.errno("write", path) }
        guard rename(temporary, target) == 0 else { throw FileProblem.errno("write", path) }
        ok = true
    }

    /// A new file with an unguessable name in `folder`, created with
    /// O_CREAT|O_EXCL|O_NOFOLLOW: nothing already there is written through.
    static func createTemporary(in folder: String, mode: mode_t) throws(FileProblem) -> (Int32, String) {
        for _ in 0..<100 {
            let name = folder + "/.flowcut-" + String(UInt64.random(in: 0...UInt64.max), radix: 36) + ".tmp"
            let fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 { return (fd, name) }
            if errno != EEXIST { throw FileProblem.errno("write in", folder) }
        }
        throw FileProblem("cannot write in \(shown(folder)): no free temporary name")
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws(FileProblem) {
        let failed: Int32? = bytes.withUnsafeBufferPointer { buffer -> Int32? in
            guard var at = buffer.baseAddress else { return nil }
            var left = buffer.count
            while left > 0 {
                let n = write(fd, at, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                at += n
                left -= n
            }
            return nil
        }
        if let failed {
            close(fd)
            throw FileProblem.errno("write", path, failed)
        }
    }

    /// Removes a file or a whole folder, never following a link (a link is
    /// removed itself, not what it points to).
    /// A folder's top level is removed on every core (a review holds
    /// thousands of folders).
    public static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        let entries = folderEntries(path)
        DispatchQueue.concurrentPerform(iterations: entries.count) { i in
            remove(path + "/" + entries[i].name, isFolder: entries[i].isFolder)
        }
        rmdir(path)
    }

    private static func remove(_ path: String, isFolder: Bool?) {
        var folder = isFolder
        if folder == nil {
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            folder = (info.st_mode & S_IFMT) == S_IFDIR
        }
        guard folder == true else {
            unlink(path)
            return
        }
        for entry in folderEntries(path) { remove(path + "/" + entry.name, isFolder: entry.isFolder) }
        rmdir(path)
    }

    /// A folder's entries (not `.` and `..`), with whether each is a folder
    /// when the file system says (nil when it does not: DT_UNKNOWN).
    static func folderEntries(_ path: String) -> [(name: String, isFolder: Bool?)] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var entries: [(name: String, isFolder: Bool?)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            entries.append((name, type == UInt8(DT_UNKNOWN) ? nil : type == UInt8(DT_DIR)))
        }
        return entries
    }
}
