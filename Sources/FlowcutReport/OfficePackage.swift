import Foundation
import ZIPFoundation

/// Zips an Office document's parts in memory with ZIPFoundation: deflated,
/// every entry dated 1 January 2026 (ZIPFoundation writes the date in UTC)
/// so that the same parts give the same bytes on every machine.
public enum OfficePackage {
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    static let date = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    public static func zip(_ parts: [(String, [UInt8])]) throws(Problem) -> [UInt8] {
        do {
            let archive = try Archive(accessMode: .create)
            for (name, bytes) in parts {
                let data = Data(bytes)
                try archive.addEntry(
                    with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: date, permissions: 0o644,
                    compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw Problem(description: "the zipped document was not kept in memory") }
            return Array(data)
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(description: "cannot zip the document: \(error)")
        }
    }
}
