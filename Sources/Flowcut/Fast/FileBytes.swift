// Hot path (a Fast/ folder): the file read in two halves at once for a big one.
import FlowcutCore
import Foundation

/// Reading a whole file fast and safely: regular files only (a FIFO or a
/// device would block or never end), a big one in two halves at once.
enum FileBytes {
    /// The whole file in one array, without an intermediate copy; nil with
    /// errno EFBIG for a file of more than `most` bytes (nothing is read).
    static func read(_ path: String, most: Int = .max) -> [UInt8]? {
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
        // A size of 0 may be a file whose size the system does not know
        // (/proc, some network file systems): read it to its end.
        if size == 0 { return readToEnd(fd, most: most) }
        if size > most {
            errno = EFBIG
            return nil
        }
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

    /// A file read in 64 KB pieces to its end; nil with EFBIG past `most` bytes.
    private static func readToEnd(_ fd: Int32, most: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        var piece = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = piece.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return bytes }
            if bytes.count + n > most {
                errno = EFBIG
                return nil
            }
            bytes += piece[..<n]
        }
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
