import Foundation
import Testing

/// A second `flowcut analyze` over unchanged files reuses what the review
/// it replaces kept (`.flowcut-cache/`), and writes the same bytes as a
/// run that analyses everything.
struct ReviewCacheCLITests {
    /// Every file of a review but the cache, the manifest and .previous.
    static func review(_ folder: URL) -> [String: Data] {
        ReviewFolderTests.snapshot(folder).filter { path, _ in
            !path.hasPrefix(".flowcut-cache/") && !path.hasPrefix(".previous/") && path != ".flowcut-written"
        }
    }

    @Test func aSecondRunReusesEveryUnchangedProcedureAndWritesTheSameBytes() throws {
        let folder = try ReviewFolderTests.project()
        let first = try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder)
        #expect(first.status == 0)
        #expect(!first.stdout.contains("reused"))
        let out = folder.appendingPathComponent("out")
        let cold = Self.review(out)
        let second = try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder)
        #expect(second.status == 0)
        #expect(second.stdout.contains("Diagrams and pages: 2 procedures in out/ (2 unchanged since the last run, reused)"))
        #expect(Self.review(out) == cold)
        // What was printed for each procedure is the same too.
        #expect(
            second.stdout.replacingOccurrences(of: " (2 unchanged since the last run, reused)", with: "") == first.stdout)
        // Only the entries used are carried: two procedures, two entries.
        let entries = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(".flowcut-cache").path)
        #expect(entries.count(where: { $0.hasSuffix("-entry") }) == 2)
    }

    @Test func anEditedFileOrOtherOptionsAreAnalysedAgain() throws {
        let folder = try ReviewFolderTests.project()
        #expect(try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder).status == 0)
        try Data(ReviewFolderTests.b.replacingOccurrences(of: "3h", with: "5h").utf8).write(to: folder.appendingPathComponent("in/b.flow"))
        let edited = try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder)
        #expect(edited.stdout.contains("(1 unchanged since the last run, reused)"))
        // The edited file's numbers: 5 h + 1 h = 6 h main lead time (by hand).
        #expect(edited.stdout.contains("0.75 working days (6 h)"))
        // Another seed: nothing reused.
        let reseeded = try CLITests.run(["analyze", "in", "--runs", "50", "--seed", "7", "--out", "out"], in: folder)
        #expect(!reseeded.stdout.contains("reused"))
        // And the review from reused files equals one made from nothing.
        let again = try CLITests.run(["analyze", "in", "--runs", "50", "--seed", "7", "--out", "out"], in: folder)
        #expect(again.stdout.contains("(2 unchanged"))
        let fresh = try CLITests.run(["analyze", "in", "--runs", "50", "--seed", "7", "--out", "fresh"], in: folder)
        #expect(fresh.status == 0)
        #expect(Self.review(folder.appendingPathComponent("out")) == Self.review(folder.appendingPathComponent("fresh")))
    }

    @Test func aPageEditedInPlaceIsNotReused() throws {
        let folder = try ReviewFolderTests.project()
        #expect(try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder).status == 0)
        // Somebody writes into the page itself (the cache holds the same file).
        let page = folder.appendingPathComponent("out/a/index.html")
        let handle = try FileHandle(forWritingTo: page)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("<!-- note -->".utf8))
        try handle.close()
        let run = try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder)
        #expect(run.stdout.contains("(1 unchanged since the last run, reused)"))
        let written = try String(contentsOf: page, encoding: .utf8)
        #expect(!written.contains("<!-- note -->"))
    }
}
