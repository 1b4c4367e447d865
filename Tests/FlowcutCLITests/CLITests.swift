import Foundation
import Testing

/// Runs the built `flowcut` binary and checks stdout, stderr and the exit
/// code together.
struct CLITests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary sits beside the test bundle in the build folder.
    static var binary: URL {
        Bundle.main.bundleURL.appendingPathComponent("flowcut")
    }

    static func run(_ arguments: [String], in folder: URL = root) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("flowcut-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func checkBundledWorkflowsByDefault() throws {
        let r = try Self.run(["check"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let lines = r.stdout.split(separator: "\n")
        let count = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("workflows").path)
            .filter { $0.hasSuffix(".flow") }.count
        #expect(lines.count == count + 1)
        #expect(lines.last == "checked \(count) files: \(count) ok, 0 with errors, 0 warnings")
    }

    @Test func checkReportsErrorsInCompilerStyle() throws {
        let folder = try Self.temporaryFolder()
        let file = folder.appendingPathComponent("bad.flow")
        try Data("procedure \"P\"\nactor ldp \"L\"\nstep s \"Xem xét\" by ldpp 1d\n".utf8).write(to: file)
        let r = try Self.run(["check", "bad.flow"], in: folder)
        #expect(r.status == 1)
        #expect(r.stdout == "bad.flow: 1 error, 0 warnings\n")
        // Column 21 counted by hand: "step s "Xem xét" by " is 20 characters
        // (é is one character, two bytes).
        #expect(r.stderr == """
            bad.flow:3:21: error: unknown actor 'ldpp'; did you mean 'ldp'?
            step s "Xem xét" by ldpp 1d
                                ^~~~

            """)
    }

    @Test func wrongUsageExits64() throws {
        let r = try Self.run(["check", "--no-such-flag"])
        #expect(r.status == 64)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("Unknown option '--no-such-flag'"))
    }

    @Test func missingPathIsAnInputError() throws {
        let r = try Self.run(["check", "nope.flow"])
        #expect(r.status == 1)
        #expect(r.stderr == "flowcut: error: no such file or folder: nope.flow\n")
    }

    @Test func fmtCheckListsButDoesNotWrite() throws {
        let folder = try Self.temporaryFolder()
        let file = folder.appendingPathComponent("a.flow")
        let messy = Data("procedure   \"P\"\nstep a \"A\"   1d\n".utf8)
        try messy.write(to: file)
        let r = try Self.run(["fmt", "--check", "a.flow"], in: folder)
        #expect(r.status == 1)
        #expect(r.stdout == "a.flow: not formatted\n")
        #expect(try Data(contentsOf: file) == messy)

        let w = try Self.run(["fmt", "a.flow"], in: folder)
        #expect(w.status == 0)
        #expect(w.stdout == "formatted a.flow\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == "procedure \"P\"\nstep a  \"A\"  1d\n")
        // Already formatted: nothing to do, nothing printed.
        let again = try Self.run(["fmt", "--check", "a.flow"], in: folder)
        #expect(again.status == 0)
        #expect(again.stdout == "")
    }

    @Test func fmtNeverTouchesAFileWithErrors() throws {
        let folder = try Self.temporaryFolder()
        let file = folder.appendingPathComponent("bad.flow")
        let bytes = Data("procedure  \"P\"\nstep a \"A\" 3x\n".utf8)
        try bytes.write(to: file)
        let r = try Self.run(["fmt", "bad.flow"], in: folder)
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.flow:2:12: error: unknown unit 'x' in '3x'; use m, h, d or w"))
        #expect(r.stderr.contains("bad.flow: not formatted: the file has 1 error"))
        #expect(try Data(contentsOf: file) == bytes)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["bad.flow"])
    }

    @Test func aFolderWithOneBrokenFileStillChecksTheOthers() throws {
        let folder = try Self.temporaryFolder()
        try Data("procedure \"Good\"\nstep a \"A\"\n".utf8).write(to: folder.appendingPathComponent("a.flow"))
        try Data("procedure \"Bad\"\nstep a \"A\" -1d\n".utf8).write(to: folder.appendingPathComponent("b.flow"))
        let r = try Self.run(["check", "."], in: folder)
        #expect(r.status == 1)
        #expect(r.stdout == """
            ./a.flow: ok: "Good": 1 step, 0 actors, 0 arrows, 0 decisions, 0 loops, 0 proposals
            ./b.flow: 1 error, 0 warnings
            checked 2 files: 1 ok, 1 with errors, 0 warnings

            """)
    }

    @Test func analyzeTextSummary() throws {
        let folder = try Self.temporaryFolder()
        // By hand: 4 + 40 + 8 = 52 h = 6.5 working days; deadline 7 d = 56 h.
        try Data("""
            procedure "P"
              deadline 7d
            actor a "A"
            actor b "B"
            step receive "R" by a 4h
            step police  "Công an" by b 5d consult
            step tax     "Thuế" by b 3d consult
            step decide  "Q" by a 1d
            receive -> police -> decide
            receive -> tax -> decide

            """.utf8).write(to: folder.appendingPathComponent("p.flow"))
        let r = try Self.run(["analyze", "p.flow", "--runs", "1000"], in: folder)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.contains("Lead time, main scenario 6.5 working days (52 h)"))
        #expect(lines.contains("Deadline 7 working days (56 h): within, 0.5 d to spare"))
        #expect(lines.contains("Critical path receive → police → decide"))
        // Constant durations: every simulated case takes 52 h; all on time.
        #expect(lines.contains("Simulated (1 000 cases, seed 20211213) expected 6.5 d · P50 6.5 d · P90 6.5 d · P95 6.5 d · on time 100%"))
        // receive -> police, police -> decide, receive -> tax, tax -> decide: a, b, b, a: 4 changes of actor.
        #expect(lines.contains("Handoffs 4"))
    }

    @Test func analyzeJSONIsValidDeterministicAndHasTheContractKeys() throws {
        let first = try Self.run(["analyze", "--format", "json", "--runs", "2000"])
        let second = try Self.run(["analyze", "--format", "json", "--runs", "2000"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        // Parsed by Foundation's JSON parser, not ours.
        let object = try #require(JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let procedures = try #require(object["procedures"] as? [[String: Any]])
        #expect(procedures.count == (try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("workflows").path)).filter { $0.hasSuffix(".flow") }.count)
        #expect(object.keys.contains("portfolio"))
        for p in procedures {
            #expect(Set(p.keys).isSuperset(of: ["procedure", "before", "after", "proposal", "savings", "suggestions"]))
            let before = try #require(p["before"] as? [String: Any])
            #expect(Set(before.keys).isSuperset(of: [
                "mainLeadTimeHours", "criticalPath", "expectedLeadTimeHours", "p50Hours", "p90Hours", "p95Hours",
                "onTimeRate", "handoffs", "pce", "steps", "actors",
            ]))
            let steps = try #require(before["steps"] as? [[String: Any]])
            #expect(steps.allSatisfy { Set($0.keys).isSuperset(of: [
                "id", "earliestStartHours", "earliestFinishHours", "latestStartHours", "latestFinishHours",
                "slackHours", "visitProbability",
            ]) })
        }
        let other = try Self.run(["analyze", "--format", "json", "--runs", "2000", "--seed", "1"])
        #expect(other.stdout != first.stdout)
    }

    @Test func analyzeRejectsBadOptions() throws {
        let r = try Self.run(["analyze", "--runs", "-5"])
        #expect(r.status == 64)
        let f = try Self.run(["analyze", "--format", "pdf"])
        #expect(f.status == 64)
        #expect(f.stderr.contains("pdf"))
    }

    @Test func analyzeReportsABrokenFileAndAnalysesTheRest() throws {
        let folder = try Self.temporaryFolder()
        try Data("procedure \"Good\"\nstep a \"A\" 1d\n".utf8).write(to: folder.appendingPathComponent("a.flow"))
        try Data("procedure \"Bad\"\nstep a \"A\" 1q\n".utf8).write(to: folder.appendingPathComponent("b.flow"))
        let r = try Self.run(["analyze", ".", "--runs", "100"], in: folder)
        #expect(r.status == 1)
        #expect(r.stdout.contains("1 working day (8 h)"))
        #expect(r.stdout.hasSuffix("./b.flow: 1 error, 0 warnings\n"))
        #expect(r.stderr.contains("./b.flow:2:12: error: unknown unit 'q' in '1q'; use m, h, d or w"))
    }

    /// A FIFO would block a reader forever, a dangling link cannot be read:
    /// both are reported, and the command ends.
    @Test func specialFilesAreRefusedNotWaitedOn() throws {
        let folder = try Self.temporaryFolder()
        #expect(mkfifo(folder.appendingPathComponent("pipe.flow").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("gone.flow").path, withDestinationPath: "/nonexistent/x.flow")
        let r = try Self.run(["check", "."], in: folder)
        #expect(r.status == 1)
        #expect(r.stderr.contains("flowcut: error: cannot read ./pipe.flow: not a regular file"))
        #expect(r.stderr.contains("flowcut: error: cannot read ./gone.flow: No such file or directory"))
    }

    @Test func versionNamesTheLinkedGraphviz() throws {
        let r = try Self.run(["version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("flowcut "))
        #expect(r.stdout.contains("\ngraphviz 2."))
    }
}
