import FlowcutCore
import Foundation
import ZIPFoundation

/// The parts of an Office Open XML file (.docx, .xlsx), read with
/// ZIPFoundation inside limits: a file that is not a ZIP archive, a damaged
/// one and one that expands past `expandedBytes` (a zip bomb) are refused
/// with a sentence, never a hang or a crash.
///
/// ZIPFoundation 0.9.20 inflates by reading the archive in chunks until
/// the deflate stream ends; a stream cut short reads an empty chunk at the
/// end of the file forever. So the archive it reads is a private copy
/// followed by a hole of zeros (1 GiB, sparse: no disk, no memory) and
/// then the archive's end record again: a cut stream meets zeros, which
/// inflate either rejects or expands until the limit below refuses it.
public struct OfficeArchive {
    /// At most this many bytes from all parts together, and from one part.
    public static let expandedBytes = 256 << 20
    /// At most this many parts.
    static let maximumParts = 20_000

    private let archive: Archive
    private let entries: [String: Entry]
    private var expanded = 0
    /// "Word document" / "Excel workbook", for messages.
    let kind: String
    /// At most this many bytes once expanded (tests lower it).
    let limit: Int

    init(_ bytes: [UInt8], kind: String, expandedBytes: Int = OfficeArchive.expandedBytes) throws(ImportError) {
        self.kind = kind
        self.limit = expandedBytes
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw ImportError(
                message: "this is an old binary Office file (.doc or .xls, 97–2003); open it and save it as .docx or .xlsx, or save the table as CSV")
        }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw ImportError(message: "this is not a \(kind): a .docx or .xlsx file is a ZIP archive, and this file does not begin like one")
        }
        // The end record sits in the last 64 KiB + 22 bytes; ZIPFoundation
        // would look for it byte by byte through the whole file.
        let tail = max(0, bytes.count - (65_535 + 22))
        guard let end = Self.lastEndRecord(in: bytes, from: tail) else {
            throw ImportError(message: "the \(kind) is damaged: the ZIP archive has no end (it may have been cut short while copying); ask for the file again")
        }
        let url: URL
        do { url = try Self.privateCopy(bytes, endRecord: max(tail, end - 76)) } catch {
            throw ImportError(message: "cannot make a private copy of the \(kind) to read it: \(error)")
        }
        defer { unlink(url.path) }
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw ImportError(message: "the \(kind) is damaged: its list of parts cannot be read (\(Self.words(error))); ask for the file again")
        }
        var entries: [String: Entry] = [:]
        var total: UInt64 = 0
        for entry in archive {
            guard entries.count < Self.maximumParts else {
                throw ImportError(message: "the \(kind) holds more than \(grouped(Self.maximumParts)) parts; flowcut reads no file that large")
            }
            total += entry.uncompressedSize
            entries[entry.path] = entry
        }
        guard total <= UInt64(limit) else {
            throw ImportError(message: Self.bombMessage(kind, limit))
        }
        self.entries = entries
    }

    /// Where the last end-of-central-directory signature (PK 5 6) begins.
    private static func lastEndRecord(in bytes: [UInt8], from start: Int) -> Int? {
        var i = bytes.count - 22
        while i >= start {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x05, bytes[i + 3] == 0x06 { return i }
            i -= 1
        }
        return nil
    }

    static func bombMessage(_ kind: String, _ limit: Int) -> String {
        "the \(kind) expands to more than \(byteSize(limit)); flowcut reads no document that large (it may be a zip bomb)"
    }

    /// The archive, then a hole, then its last bytes again (see above).
    private static func privateCopy(_ bytes: [UInt8], endRecord: Int) throws -> URL {
        var template = Array((NSTemporaryDirectory() + "/flowcut-office-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func write(_ slice: ArraySlice<UInt8>, at offset: Int) throws {
            var done = 0
            try slice.withUnsafeBytes { buffer in
                while done < buffer.count {
                    let n = pwrite(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
                    guard n > 0 else {
                        unlink(path)
                        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                    }
                    done += n
                }
            }
        }
        try write(bytes[...], at: 0)
        try write(bytes[endRecord...], at: bytes.count + (1 << 30))
        return URL(fileURLWithPath: path)
    }

    /// ZIPFoundation's errors in words.
    static func words(_ error: any Error) -> String {
        // The inflater's errors are internal to ZIPFoundation: known by name.
        if ["corruptedData", "invalidStream"].contains(String(describing: error)) { return "its compressed data is corrupt" }
        switch error {
        case Archive.ArchiveError.invalidCRC32: return "its checksum does not match its content"
        case Archive.ArchiveError.invalidCompressionMethod: return "it is compressed in a way ZIP readers do not know"
        case Archive.ArchiveError.missingEndOfCentralDirectoryRecord, Archive.ArchiveError.invalidCentralDirectoryOffset,
            Archive.ArchiveError.invalidCentralDirectorySize, Archive.ArchiveError.invalidCentralDirectoryEntryCount:
            return "the archive's directory is broken"
        case Archive.ArchiveError.invalidLocalHeaderDataOffset, Archive.ArchiveError.invalidLocalHeaderSize, Archive.ArchiveError.invalidEntrySize:
            return "a part's header is broken"
        default: return "the ZIP archive is not well-formed"
        }
    }

    /// 268435456 → "256 MiB"; 1048576 → "1 MiB".
    static func byteSize(_ n: Int) -> String {
        n >= 1 << 20 && n % (1 << 20) == 0 ? "\(n >> 20) MiB" : "\(grouped(n)) bytes"
    }

    /// Whether the archive has a part of that name.
    func has(_ path: String) -> Bool { entries[path] != nil }

    /// A part's bytes, or nil when there is no such part.
    mutating func part(_ path: String) throws(ImportError) -> [UInt8]? {
        guard let entry = entries[path], entry.type == .file else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(limit))))
        let budget = limit - expanded
        var overBudget = false
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data in
                guard out.count + data.count <= budget else {
                    overBudget = true
                    throw ImportError(message: "")
                }
                out.append(contentsOf: data)
            }
        } catch {
            if overBudget { throw ImportError(message: Self.bombMessage(kind, limit)) }
            throw ImportError(message: "the \(kind) is damaged: its part \(path) cannot be read (\(Self.words(error))); ask for the file again")
        }
        expanded += out.count
        return out
    }

    /// Resolves `target` (from a relationships part) against the folder of `base`.
    static func resolve(_ target: String, from base: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = base.split(separator: "/").dropLast().map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." {
                if !parts.isEmpty { parts.removeLast() }
            } else if piece != "." {
                parts.append(String(piece))
            }
        }
        return parts.joined(separator: "/")
    }
}
