import Foundation
import Testing

/// The output folder: a run that could not read its inputs changes nothing,
/// a review replaces the previous one whole and keeps it in .previous, and
/// nothing outside the folder or not written by flowcut is touched.
struct ReviewFolderTests {
    static let a = "procedure \"A\"\nstep s \"S\" 2h\n"
    static let b = "procedure \"B\"\nstep s \"S\" 3h\nstep t \"T\" 1h handoff\n"

    /// A folder with in/a.flow and in/b.flow.
    static func project() throws -> URL {
        let folder = try CLITests.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("in"), withIntermediateDirectories: true)
        try Data(a.utf8).write(to: folder.appendingPathComponent("in/a.flow"))
        try Data(b.utf8).write(to: folder.appendingPathComponent("in/b.flow"))
        return folder
    }

    /// Every file under `folder` (hidden ones and .previous included), with its bytes.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
            var isFolder: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = FileManager.default.contents(atPath: full)
            }
        }
        return files
    }

    @Test func aMistypedPathLeavesThePreviousReviewByteIdentical() throws {
        let folder = try Self.project()
        let first = try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder)
        #expect(first.status == 0)
        let out = folder.appendingPathComponent("out")
        let before = Self.snapshot(out)
        #expect(before["a/index.html"] != nil && before["b/index.html"] != nil && before["index.html"] != nil)

        // One letter missing: exit 1, a hint, and the review untouched.
        let typo = try CLITests.run(["analyze", "in/b.flw", "--runs", "50", "--out", "out"], in: folder)
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("no such file or folder: in/b.flw; did you mean 'in/b.flow'?"))
        #expect(typo.stderr.contains("out: note: the review was left as it was: 1 input could not be read"))
        #expect(Self.snapshot(out) == before)

        // A bare `analyze` where there is no workflows/ folder: the same.
        let bare = try CLITests.run(["analyze", "--runs", "50", "--out", "out"], in: folder)
        #expect(bare.status == 1)
        #expect(bare.stderr.contains("no such file or folder: workflows"))
        #expect(Self.snapshot(out) == before)

        // One readable file and one missing: still nothing written.
        let half = try CLITests.run(["analyze", "in/a.flow", "in/nothing.flow", "--runs", "50", "--out", "out"], in: folder)
        #expect(half.status == 1)
        #expect(Self.snapshot(out) == before)
    }

    @Test func thePreviousReviewIsKeptAndOneCommandBringsItBack() throws {
        let folder = try Self.project()
        let out = folder.appendingPathComponent("out")
        #expect(try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder).status == 0)
        try Data("my notes".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let full = Self.snapshot(out)
        // b taken out of the folder: its page leaves the review, and stays in .previous.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("in/b.flow"))
        #expect(try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder).status == 0)
        let now = Self.snapshot(out)
        #expect(now["b/index.html"] == nil)
        #expect(now["a/index.html"] != nil)
        #expect(now["notes.txt"] == Data("my notes".utf8))
        #expect(now[".previous/b/index.html"] == full["b/index.html"])
        #expect(now[".previous/index.html"] == full["index.html"])

        let restored = try CLITests.run(["restore", "--out", "out"], in: folder)
        #expect(restored.status == 0)
        #expect(restored.stdout.contains("restored the previous review in out/"))
        let back = Self.snapshot(out)
        // The restored review is the first one, file for file (its own .previous aside).
        #expect(back.filter { !$0.key.hasPrefix(".previous/") } == full.filter { !$0.key.hasPrefix(".previous/") })
        #expect(back[".previous/b/index.html"] == nil)
        #expect(back[".previous/a/index.html"] == now["a/index.html"])
        // A second restore undoes the first.
        #expect(try CLITests.run(["restore", "--out", "out"], in: folder).status == 0)
        #expect(Self.snapshot(out).filter { !$0.key.hasPrefix(".previous/") } == now.filter { !$0.key.hasPrefix(".previous/") })

        let none = try CLITests.run(["restore", "--out", "elsewhere"], in: folder)
        #expect(none.status == 1)
        #expect(none.stderr.contains("has no earlier review to bring back"))
    }

    @Test func aFileFlowcutDidNotWriteIsNeverReplacedSilently() throws {
        let folder = try Self.project()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("the user's own report".utf8).write(to: out.appendingPathComponent("report.md"))
        let refused = try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("out/report.md was not written by flowcut, and the review would replace it; move it away, or give --force"))
        #expect(Self.snapshot(out) == ["report.md": Data("the user's own report".utf8)])

        let forced = try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out", "--force"], in: folder)
        #expect(forced.status == 0)
        let after = Self.snapshot(out)
        #expect(after["report.md"] != Data("the user's own report".utf8))
        #expect(after[".previous/report.md"] == Data("the user's own report".utf8))
    }

    @Test func aFolderThatIsNotAReviewIsRefused() throws {
        let folder = try Self.project()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("src"), withIntermediateDirectories: true)
        try Data("code".utf8).write(to: out.appendingPathComponent("src/main.c"))
        let r = try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder)
        #expect(r.status == 1)
        #expect(r.stderr.contains("is not a flowcut review and holds the folder src; name an empty or new folder"))
        #expect(Self.snapshot(out) == ["src/main.c": Data("code".utf8)])
    }

    @Test func theOutputFolderCannotBeAnInputOrHoldTheCurrentFolder() throws {
        let folder = try Self.project()
        let intoInput = try CLITests.run(["analyze", "in", "--runs", "0", "--out", "in"], in: folder)
        #expect(intoInput.status == 64)
        #expect(intoInput.stderr.contains("--out in is or holds the input in"))
        let here = try CLITests.run(["analyze", "in", "--runs", "0", "--out", "."], in: folder)
        #expect(here.status == 64)
        #expect(here.stderr.contains("holds the current folder"))
        let file = try CLITests.run(["analyze", "in", "--runs", "0", "--out", "in/a.flow"], in: folder)
        #expect(file.status == 64)
        #expect(try String(contentsOf: folder.appendingPathComponent("in/a.flow"), encoding: .utf8) == Self.a)
    }

    @Test func linksInsideTheFolderAreNeverFollowedOutOfIt() throws {
        let folder = try Self.project()
        let out = folder.appendingPathComponent("out")
        let outside = folder.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("index.html"))
        #expect(try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder).status == 0)
        // A link of the user's, to a file outside: carried as a link, never written through.
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("elsewhere").path, withDestinationPath: outside.path)
        #expect(try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out.appendingPathComponent("elsewhere").path) == outside.path)
        // A procedure's folder replaced by a link to the outside folder: refused, outside untouched.
        try FileManager.default.removeItem(at: out.appendingPathComponent("a"))
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("a").path, withDestinationPath: outside.path)
        let r = try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder)
        #expect(r.status == 1)
        #expect(r.stderr.contains("out/a was not written by flowcut"))
        #expect(Self.snapshot(outside) == ["index.html": Data("keep".utf8)])
        // With --force the link goes to .previous; removing .previous later never follows it.
        #expect(try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out", "--force"], in: folder).status == 0)
        #expect(try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder).status == 0)
        #expect(try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder).status == 0)
        #expect(Self.snapshot(outside) == ["index.html": Data("keep".utf8)])
        #expect(Self.snapshot(out)["a/index.html"] != nil)
    }

    @Test func aRunStoppedHalfWayLeavesNothingBehindAfterTheNext() throws {
        let folder = try Self.project()
        // What a run killed while writing leaves: a folder beside the review with a dead writer's mark.
        let leftover = folder.appendingPathComponent(".out.flowcut-AbC123")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        try Data("999999999\n".utf8).write(to: leftover.appendingPathComponent(".flowcut-writer"))
        try Data("half".utf8).write(to: leftover.appendingPathComponent("index.html"))
        #expect(try CLITests.run(["analyze", "in", "--runs", "50", "--out", "out"], in: folder).status == 0)
        let beside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("flowcut") }
        #expect(beside.isEmpty, "\(beside)")
        #expect(Self.snapshot(folder.appendingPathComponent("out")).keys.allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func outputFilesAreComparedByIdentityNotByName() throws {
        let folder = try Self.project()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.flow").path, withDestinationPath: "in/a.flow")
        for args in [
            ["render", "in/a.flow", "-o", "in/a.flow"], ["render", "in/a.flow", "-o", "link.flow"],
            ["render", "in/a.flow", "-o", "./in/../in/a.flow"], ["export", "in/a.flow", "-o", "link.flow"],
        ] {
            let r = try CLITests.run(args, in: folder)
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.contains("is the input file itself"), "\(args): \(r.stderr)")
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("in/a.flow"), encoding: .utf8) == Self.a)
    }

    @Test func fmtOnALinkFormatsTheFileAndKeepsTheLink() throws {
        let folder = try Self.project()
        try Data("procedure   \"A\"\nstep s   \"S\"   2h\n".utf8).write(to: folder.appendingPathComponent("in/a.flow"))
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: folder.appendingPathComponent("in/a.flow").path)
        let link = folder.appendingPathComponent("link.flow")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "in/a.flow")
        let r = try CLITests.run(["fmt", "link.flow"], in: folder)
        #expect(r.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "in/a.flow")
        // fmt's canonical layout: one space after the keyword, two between columns.
        #expect(try String(contentsOf: folder.appendingPathComponent("in/a.flow"), encoding: .utf8) == "procedure \"A\"\nstep s  \"S\"  2h\n")
        let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("in/a.flow").path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("in").path).sorted() == ["a.flow", "b.flow"])
    }
}
