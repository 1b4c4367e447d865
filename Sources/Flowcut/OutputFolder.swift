import Dispatch
import FlowcutCore
import Foundation

/// glibc's renameat2(2), which Swift's Glibc module does not export.
@_silgen_name("renameat2")
private func renameat2(_ fromFolder: Int32, _ from: UnsafePointer<CChar>, _ toFolder: Int32, _ to: UnsafePointer<CChar>, _ flags: UInt32) -> Int32
private let renameExchange: UInt32 = 1 << 1  // RENAME_EXCHANGE, <linux/fs.h>
private let atCurrentFolder: Int32 = -100  // AT_FDCWD

/// The folder `flowcut analyze` writes the review into (DIR).
///
/// A run never writes into DIR itself: it writes the whole review into a
/// fresh folder beside it, then swaps the two with one rename, so that DIR
/// always holds one whole review. The review it replaced is kept in
/// DIR/.previous (`flowcut restore` swaps it back). Files in DIR that
/// flowcut did not write (a README, notes) are carried into the new review
/// as hard links; one that the new review would replace is refused unless
/// `--force` (it would still be kept in .previous). A run that is stopped
/// leaves DIR as it was; its half-written folder is removed by the next run.
public struct OutputFolder: Sendable {
    /// Absolute, with the user's own link to the folder followed.
    public let root: String
    let parent: String
    let name: String

    public static let manifest = ".flowcut-written"
    public static let previous = ".previous"
    /// Marks a folder being written, with the writer's process ID.
    static let writerMark = ".flowcut-writer"

    /// Checks that the review may go to `path`, before anything is analysed.
    /// - Parameter inputs: the files and folders read (never replaced).
    public init(_ path: String, inputs: [String]) throws(FileProblem) {
        let absolute = Files.absolutePath(path)
        guard absolute != "/" else { throw FileProblem("--out cannot be the file system's root; name a folder of its own") }
        root = absolute
        parent = Files.folder(of: absolute)
        name = Files.name(of: absolute)
        var info = stat()
        if lstat(root, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
            throw FileProblem("--out \(Files.shown(path)) is a file, not a folder; name a folder for the review")
        }
        let cwd = Files.realPath(FileManager.default.currentDirectoryPath) ?? FileManager.default.currentDirectoryPath
        if Self.contains(root, cwd) {
            throw FileProblem("--out \(Files.shown(path)) holds the current folder; the review is swapped in whole, so name a folder of its own (e.g. output)")
        }
        for input in inputs {
            guard let real = Files.realPath(input) else { continue }
            if Self.contains(root, real) {
                throw FileProblem("--out \(Files.shown(path)) is or holds the input \(Files.shown(input)); name another folder for the review")
            }
        }
    }

    /// True when `inner` is `outer` or lies inside it.
    static func contains(_ outer: String, _ inner: String) -> Bool {
        inner == outer || inner.hasPrefix(outer == "/" ? "/" : outer + "/")
    }

    /// The relative paths flowcut wrote in the review at `folder`.
    static func written(in folder: String) -> Set<String>? {
        guard let text = try? String(contentsOfFile: folder + "/" + manifest, encoding: .utf8) else { return nil }
        return Set(text.split(separator: "\n").map(String.init))
    }

    /// A fresh folder beside DIR to write the new review into. Folders left
    /// by runs that were stopped are cleaned first.
    public func stage() throws(FileProblem) -> Staging {
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw FileProblem("cannot create the folder \(Files.shown(parent)) for the review")
        }
        cleanLeftovers()
        var template = Array((parent + "/." + name + ".flowcut-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw FileProblem.errno("write the review beside", root) }
        let staging = Staging(path: String(cString: made), folder: self)
        try staging.write(Array("\(getpid())\n".utf8), to: Self.writerMark, recorded: false)
        return staging
    }

    /// Removes the folders of earlier runs that were stopped before they
    /// swapped theirs in. One stopped just after the swap left the review it
    /// replaced there: that becomes DIR/.previous if there is none.
    func cleanLeftovers() {
        guard let siblings = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for sibling in siblings where sibling.hasPrefix("." + name + ".flowcut-") {
            let path = parent + "/" + sibling
            if let mark = try? String(contentsOfFile: path + "/" + Self.writerMark, encoding: .utf8),
                let pid = Int32(mark.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                if kill(pid, 0) == 0 || errno == EPERM { continue }  // still writing
                Files.removeTree(path)
            } else if access(root + "/" + Self.previous, F_OK) != 0, Self.written(in: path) != nil {
                rename(path, root + "/" + Self.previous)
            } else {
                Files.removeTree(path)
            }
        }
    }

    /// A review being written, not yet visible in DIR.
    public final class Staging: ReviewSink {
        let path: String
        let folder: OutputFolder
        private(set) var recorded: [String] = []
        private var made: Set<String> = [""]

        init(path: String, folder: OutputFolder) {
            self.path = path
            self.folder = folder
        }

        /// Writes `bytes` at `relative` (folders made as needed). Every part
        /// of `relative` must be a plain name: flowcut's own slugs.
        /// Plain names joined by `/`: nothing that leaves the review.
        static func isPlain(_ relative: String) -> Bool {
            let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
            return !parts.isEmpty && parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") && $0.utf8.count <= 255 })
        }

        /// Checks that `relative` is a plain path and makes its folders.
        private func prepare(_ relative: String) throws(FileProblem) {
            let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
            guard Self.isPlain(relative) else { throw FileProblem("refused to write \(Files.shown(relative)): not a plain path inside the review") }
            var folderPath = ""
            for part in parts.dropLast() {
                folderPath += (folderPath.isEmpty ? "" : "/") + part
                if made.insert(folderPath).inserted, mkdir(path + "/" + folderPath, 0o777) != 0, errno != EEXIST {
                    throw FileProblem.errno("write", folder.root + "/" + folderPath)
                }
            }
        }

        /// A hard link of `source` at `relative`; false where the file
        /// system refuses one (the caller then writes the bytes).
        private func linked(_ source: String, _ relative: String) throws(FileProblem) -> Bool {
            try prepare(relative)
            guard Glibc.link(source, path + "/" + relative) == 0 else {
                if errno == EEXIST { throw FileProblem.errno("write", folder.root + "/" + relative) }
                return false
            }
            recorded.append(relative)
            return true
        }

        /// The same bytes as the file written at `same`: a link to it.
        public func write(_ bytes: [UInt8], to relative: String, sameAs same: String) throws {
            if try !linked(path + "/" + same, relative) { try write(bytes, to: relative, recorded: true) }
        }

        /// Files of the review being replaced, placed in the new one as
        /// links: their folders made first, then the links, each on every core.
        public func place(_ files: [(source: String, relative: String)]) throws {
            var folders = Set<String>()
            for f in files {
                let folder = Files.folder(of: f.relative)
                guard Self.isPlain(f.relative) else { throw FileProblem("refused to write \(Files.shown(f.relative)): not a plain path inside the review") }
                if folder.isEmpty || made.contains(folder) { continue }
                if folder.contains("/") { try prepare(f.relative) } else { folders.insert(folder) }
            }
            let list = folders.sorted()
            let root = path
            let mkdirFailed = Slots<Int32>(count: list.count, initial: 0)
            DispatchQueue.concurrentPerform(iterations: list.count) { i in
                if mkdir(root + "/" + list[i], 0o777) != 0, errno != EEXIST { mkdirFailed[i] = errno }
            }
            for (i, code) in mkdirFailed.values.enumerated() where code != 0 {
                throw FileProblem.errno("write", folder.root + "/" + list[i], code)
            }
            made.formUnion(list)
            let failed = Slots<Bool>(count: files.count, initial: false)
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                if Glibc.link(files[i].source, root + "/" + files[i].relative) != 0 { failed[i] = true }
            }
            let failures = failed.values
            for (i, f) in files.enumerated() {
                if failures[i] {
                    try place(f.source, at: f.relative)
                } else {
                    recorded.append(f.relative)
                }
            }
        }

        /// A file of the review being replaced, placed in the new one as a link.
        public func place(_ source: String, at relative: String) throws {
            if try !linked(source, relative) {
                guard let bytes = FileBytes.read(source, most: Int.max) else { throw FileProblem("cannot read \(Files.shown(source))") }
                try write(bytes, to: relative, recorded: true)
            }
        }

        func write(_ bytes: [UInt8], to relative: String, recorded: Bool) throws(FileProblem) {
            try prepare(relative)
            let file = path + "/" + relative
            let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            guard fd >= 0 else { throw FileProblem.errno("write", folder.root + "/" + relative) }
            try Files.writeAll(fd, bytes, folder.root + "/" + relative)
            guard close(fd) == 0 else { throw FileProblem.errno("write", folder.root + "/" + relative) }
            if recorded { self.recorded.append(relative) }
        }

        /// Writes one file of the review (`ReviewSink`), recorded as flowcut's own.
        public func write(_ bytes: [UInt8], to relative: String) throws {
            try write(bytes, to: relative, recorded: true)
        }

        /// Removes the half-written review; DIR is untouched.
        public func abandon() {
            Files.removeTree(path)
        }

        /// Swaps the new review in. What DIR held before goes to
        /// DIR/.previous (the one before that is removed).
        /// - Parameter force: replace files in DIR that flowcut did not write.
        public func publish(force: Bool) throws(FileProblem) {
            let root = folder.root
            try write(Array((recorded.sorted().joined(separator: "\n") + "\n").utf8), to: OutputFolder.manifest, recorded: false)
            var info = stat()
            let exists = lstat(root, &info) == 0
            if exists {
                try carryOver(force: force)
            }
            unlink(path + "/" + OutputFolder.writerMark)
            chmod(path, 0o777 & ~Files.umaskValue)
            guard exists else {
                guard rename(path, root) == 0 else { throw FileProblem.errno("write the review to", root) }
                return
            }
            if renameat2(atCurrentFolder, path, atCurrentFolder, root, renameExchange) != 0 {
                // A file system without the exchange: two renames, with a
                // moment in which DIR is missing (never half-written).
                guard errno == EINVAL || errno == ENOSYS else { throw FileProblem.errno("swap the review into", root) }
                let aside = path + ".old"
                guard rename(root, aside) == 0 else { throw FileProblem.errno("swap the review into", root) }
                guard rename(path, root) == 0 else {
                    rename(aside, root)
                    throw FileProblem.errno("swap the review into", root)
                }
                rename(aside, path)
            }
            // `path` now holds the review that was replaced.
            Files.removeTree(path + "/" + OutputFolder.previous)
            if rename(path, root + "/" + OutputFolder.previous) != 0 { Files.removeTree(path) }
        }

        /// Links into the new review everything in DIR that flowcut did not
        /// write, so that it stays where the user put it.
        private func carryOver(force: Bool) throws(FileProblem) {
            let root = folder.root
            let ours = OutputFolder.written(in: root)
            let new = Set(recorded + [OutputFolder.manifest])
            // Folders that hold files flowcut wrote: their other files are carried one by one.
            var oursFolders = Set<String>()
            for file in ours ?? [] {
                var p = Files.folder(of: file)
                while !p.isEmpty {
                    oursFolders.insert(p)
                    p = Files.folder(of: p)
                }
            }
            var conflicts: [String] = []
            var work: [(relative: String, isFolder: Bool)] = []
            func walk(_ relative: String) throws(FileProblem) {
                let full = relative.isEmpty ? root : root + "/" + relative
                let names: [String]
                do { names = try FileManager.default.contentsOfDirectory(atPath: full).sorted() } catch {
                    throw FileProblem("cannot read \(Files.shown(full)) to carry its files into the new review")
                }
                for entry in names {
                    let rel = relative.isEmpty ? entry : relative + "/" + entry
                    if relative.isEmpty,
                        entry == OutputFolder.previous || entry == OutputFolder.manifest || entry == OutputFolder.writerMark || entry == ReviewCache.folder
                    {
                        continue
                    }
                    if ours?.contains(rel) == true { continue }
                    var st = stat()
                    guard lstat(root + "/" + rel, &st) == 0 else { continue }
                    if (st.st_mode & S_IFMT) == S_IFDIR, oursFolders.contains(rel) || made.contains(rel) {
                        try walk(rel)
                    } else if ours == nil, relative.isEmpty, (st.st_mode & S_IFMT) == S_IFDIR {
                        // A folder that is not a review yet: only loose files may stay in it.
                        throw FileProblem(
                            "--out \(Files.shown(root)) is not a flowcut review and holds the folder \(Files.shown(entry)); name an empty or new folder")
                    } else if new.contains(rel) || made.contains(rel) {
                        conflicts.append(rel)
                    } else {
                        work.append((rel, (st.st_mode & S_IFMT) == S_IFDIR))
                    }
                }
            }
            try walk("")
            if !conflicts.isEmpty, !force {
                throw FileProblem(
                    "\(Files.shown(root + "/" + conflicts[0])) was not written by flowcut, and the review would replace it"
                        + (conflicts.count > 1 ? " (and \(conflicts.count - 1) more)" : "")
                        + "; move it away, or give --force (it is then kept in \(OutputFolder.previous)/)")
            }
            for (rel, isFolder) in work {
                let parentRel = Files.folder(of: rel)
                if !parentRel.isEmpty, made.insert(parentRel).inserted { mkdir(path + "/" + parentRel, 0o777) }
                if isFolder {
                    try linkTree(root + "/" + rel, path + "/" + rel)
                } else {
                    try linkOne(root + "/" + rel, path + "/" + rel)
                }
            }
        }

        /// A hard link to a file (a link is linked as the link itself), or a copy where links are not allowed.
        private func linkOne(_ from: String, _ to: String) throws(FileProblem) {
            if link(from, to) == 0 { return }
            guard let data = FileManager.default.contents(atPath: from) else { throw FileProblem.errno("carry over", from) }
            guard FileManager.default.createFile(atPath: to, contents: data) else { throw FileProblem.errno("carry over", from) }
        }

        private func linkTree(_ from: String, _ to: String) throws(FileProblem) {
            var st = stat()
            guard lstat(from, &st) == 0 else { return }
            guard (st.st_mode & S_IFMT) == S_IFDIR else { return try linkOne(from, to) }
            guard mkdir(to, st.st_mode & 0o7777) == 0 else { throw FileProblem.errno("carry over", from) }
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: from)) ?? [] {
                try linkTree(from + "/" + entry, to + "/" + entry)
            }
        }
    }

    /// `flowcut restore`: the review in DIR/.previous comes back, and the
    /// current one goes to .previous (so a second restore undoes the first).
    public func restore() throws(FileProblem) {
        let previous = root + "/" + Self.previous
        var info = stat()
        guard lstat(previous, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw FileProblem("\(Files.shown(root)) has no earlier review to bring back (no \(Self.previous)/)")
        }
        var template = Array((parent + "/." + name + ".flowcut-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw FileProblem.errno("restore", root) }
        let aside = String(cString: made)
        // Renaming a folder over an empty one replaces it.
        guard rename(previous, aside) == 0 else {
            rmdir(aside)
            throw FileProblem.errno("restore", root)
        }
        guard renameat2(atCurrentFolder, aside, atCurrentFolder, root, renameExchange) == 0 else {
            let code = errno
            rename(aside, previous)
            throw FileProblem.errno("restore", root, code)
        }
        if rename(aside, previous) != 0 { Files.removeTree(aside) }
    }

    /// Writes `review` whole and swaps it in (`stage`, `Review.write`,
    /// `Staging.publish`); on any failure DIR is left as it was.
    /// - Parameters:
    ///   - drawings: diagrams already drawn, by report (the rest are drawn here).
    ///   - force: replace files in DIR that flowcut did not write.
    /// - Returns: how many procedures were written.
    @discardableResult
    public func publish(_ review: Review, drawings: inout [Result<Drawings, any Error>?], force: Bool = false) throws -> Int {
        let staging = try stage()
        do {
            let count = try review.write(to: staging, drawings: &drawings)
            try staging.publish(force: force)
            return count
        } catch {
            staging.abandon()
            throw error
        }
    }

    @discardableResult
    public func publish(_ review: Review, force: Bool = false) throws -> Int {
        var none: [Result<Drawings, any Error>?] = []
        return try publish(review, drawings: &none, force: force)
    }
}
