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

    @Test func analyzeSummarisesTheBundledWorkflows() throws {
        let r = try Self.run(["analyze"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        // giay-phep-dich-vu-viec-lam.flow: deadline 7d = 7 working days = 56 h.
        #expect(r.stdout.contains("deadline 7 working days (56 h)"))
    }

    @Test func versionNamesTheLinkedGraphviz() throws {
        let r = try Self.run(["version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("flowcut "))
        #expect(r.stdout.contains("\ngraphviz 2."))
    }
}
