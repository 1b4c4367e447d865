// Over 400 lines: one end-to-end test per command behaviour, sharing the helper that runs the binary.
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

    static func run(_ arguments: [String], in folder: URL = root, environment extra: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["FLOWCUT_LANG"] = nil
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes read at once: a child that fills one while the test
        // waits on the other would never finish.
        let errRead = Received()
        let done = DispatchSemaphore(value: 0)
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async {
            errRead.data = errHandle.readDataToEndOfFile()
            done.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        let errData = errRead.data
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// What the stderr reader received; read only after it signalled.
    final class Received: @unchecked Sendable {
        var data = Data()
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("flowcut-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A fresh folder holding one file of `text`.
    static func folder(with name: String, _ text: String) throws -> URL {
        let folder = try temporaryFolder()
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        return folder
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
        #expect(
            r.stderr == """
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
        #expect(
            r.stdout == """
                ./a.flow: ok: "Good": 1 step, 0 actors, 0 arrows, 0 decisions, 0 loops, 0 proposals
                ./b.flow: 1 error, 0 warnings
                checked 2 files: 1 ok, 1 with errors, 0 warnings

                """)
    }

    @Test func analyzeTextSummary() throws {
        let folder = try Self.temporaryFolder()
        // By hand: 4 + 40 + 8 = 52 h = 6.5 working days; deadline 7 d = 56 h.
        try Data(
            """
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

            """.utf8
        ).write(to: folder.appendingPathComponent("p.flow"))
        let r = try Self.run(["analyze", "p.flow", "--runs", "1000", "--suggested"], in: folder)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.contains("Lead time, main scenario 6.5 working days (52 h)"))
        #expect(lines.contains("Deadline 7 working days (56 h): within, 0.5 d to spare"))
        #expect(lines.contains("Critical path receive → police → decide"))
        // Constant durations: every simulated case takes 52 h; all on time.
        #expect(lines.contains("Simulated (1,000 cases, seed 20211213) expected 6.5 d · P50 6.5 d · P90 6.5 d · P95 6.5 d · on time 100%"))
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
        #expect(
            procedures.count
                == (try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("workflows").path)).filter { $0.hasSuffix(".flow") }
                .count)
        #expect(object.keys.contains("portfolio"))
        for p in procedures {
            #expect(Set(p.keys).isSuperset(of: ["procedure", "before", "after", "proposal", "savings", "suggestions"]))
            let before = try #require(p["before"] as? [String: Any])
            #expect(
                Set(before.keys).isSuperset(of: [
                    "mainLeadTimeHours", "criticalPath", "expectedLeadTimeHours", "p50Hours", "p90Hours", "p95Hours",
                    "onTimeRate", "handoffs", "pce", "steps", "actors",
                ]))
            let steps = try #require(before["steps"] as? [[String: Any]])
            #expect(
                steps.allSatisfy {
                    Set($0.keys).isSuperset(of: [
                        "id", "earliestStartHours", "earliestFinishHours", "latestStartHours", "latestFinishHours",
                        "slackHours", "visitProbability",
                    ])
                })
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
        let n = try Self.run(["analyze", "--no-suggestions", "--suggested"])
        #expect(n.status == 64)
        #expect(n.stderr.contains("--no-suggestions leaves no suggested changes for --suggested to compare"))
    }

    @Test func analyzeReportsABrokenFileAndAnalysesTheRest() throws {
        let folder = try Self.temporaryFolder()
        try Data("procedure \"Good\"\nstep a \"A\" 1d\n".utf8).write(to: folder.appendingPathComponent("a.flow"))
        try Data("procedure \"Bad\"\nstep a \"A\" 1q\n".utf8).write(to: folder.appendingPathComponent("b.flow"))
        let r = try Self.run(["analyze", ".", "--runs", "100", "--no-output"], in: folder)
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

    /// A constant process with a proposal, worked out by hand: cut route
    /// (4 h) and merge check (1d) with sign (1d): 4 + 4 + 16 + 8 + 8 = 40 h
    /// before, 4 + 16 + 8 = 28 h after; 12 h saved a dossier, × 10 dossiers
    /// ÷ 8 h = 15 citizen-days a year; work 40 → 28 h, 120 staff hours.
    static let licence = """
        procedure "P"
          service level4
          dossiers 2023 online 6 paper 4
        actor mc "Một cửa"
        actor cv "Chuyên viên"
        actor ldp "Lãnh đạo phòng"
        actor lds "Lãnh đạo Sở"
        step receive "Tiếp nhận" by mc 4h intake online
        step route "Chuyển" by mc 4h handoff
        step review "Thẩm định" by cv 2d
        step check "Xem xét" by ldp 1d approval
        step sign "Ký" by lds 1d approval
        receive -> route -> review -> check -> sign
        proposal "Gọn"
          cut route
          merge check sign by ldp

        """

    @Test func analyzeComparesBeforeAndAfter() throws {
        let folder = try Self.temporaryFolder()
        try Data(Self.licence.utf8).write(to: folder.appendingPathComponent("p.flow"))
        let r = try Self.run(["analyze", "p.flow", "--format", "json", "--runs", "200"], in: folder)
        #expect(r.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["proposal"] as? String == "Gọn")
        let savings = try #require(object["savings"] as? [String: Any])
        #expect(savings["mainLeadTimeHours"] as? Double == 12)
        #expect(savings["expectedLeadTimeHours"] as? Double == 12)
        #expect(savings["workHours"] as? Double == 12)
        let perYear = try #require(savings["perYear"] as? [String: Any])
        #expect(perYear["citizenDays"] as? Double == 15)
        #expect(perYear["staffHours"] as? Double == 120)
        let after = try #require(object["after"] as? [String: Any])
        #expect(after["mainLeadTimeHours"] as? Double == 28)
        let suggestions = try #require(object["suggestions"] as? [[String: Any]])
        #expect(
            suggestions.contains { $0["rule"] as? String == "paper-handoff" && $0["change"] as? String == "cut route" && $0["savingHours"] as? Double == 4 })

        let suggested = try Self.run(["analyze", "p.flow", "--suggested", "--runs", "0"], in: folder)
        #expect(suggested.stdout.contains("Before → after: the suggested changes"))
        let missing = try Self.run(["analyze", "p.flow", "--proposal", "Nope", "--runs", "0"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("p.flow has no proposal \"Nope\""))
        let compare = try Self.run(["analyze", "p.flow", "--compare", "--runs", "0"], in: folder)
        #expect(compare.stdout.contains("\"Gọn\""))
        #expect(compare.stdout.contains("suggested"))
        let both = try Self.run(["analyze", "p.flow", "--compare", "--suggested"], in: folder)
        #expect(both.status == 64)
    }

    @Test func applyPrintsAFileThatChecksAndSuggestPastes() throws {
        let folder = try Self.temporaryFolder()
        try Data(Self.licence.utf8).write(to: folder.appendingPathComponent("p.flow"))
        let applied = try Self.run(["apply", "p.flow"], in: folder)
        #expect(applied.status == 0)
        // Columns by the layout rule: IDs padded to `receive` + 2, labels to "Xem xét; Ký" + 2.
        #expect(applied.stdout.contains("step check    \"Xem xét; Ký\"  by ldp 1d approval"))
        #expect(!applied.stdout.contains("route"))
        try Data(applied.stdout.utf8).write(to: folder.appendingPathComponent("after.flow"))
        let check = try Self.run(["check", "after.flow"], in: folder)
        #expect(check.status == 0)

        let suggest = try Self.run(["suggest", "p.flow", "--runs", "0"], in: folder)
        #expect(suggest.status == 0)
        #expect(suggest.stdout.contains("proposal \"Suggested by flowcut\""))
        #expect(suggest.stdout.contains("cut route"))
        // Pasted under the file, the block parses and checks.
        try Data((Self.licence + "\n" + suggest.stdout).utf8).write(to: folder.appendingPathComponent("pasted.flow"))
        let pasted = try Self.run(["check", "pasted.flow"], in: folder)
        #expect(pasted.status == 0)
        #expect(pasted.stdout.contains("2 proposals"))
    }

    /// Above Suggester.stepLimit steps the suggestions are not measured
    /// (they would take hours); analyze and suggest say so and go on.
    @Test func hugeProcessesSkipSuggestionsAndSaySo() throws {
        let folder = try Self.temporaryFolder()
        let steps = (0...5_000).map { "step s\($0) \"S\($0)\" 1h handoff" }.joined(separator: "\n")
        try Data("procedure \"P\"\n  service level4\n\(steps)\n".utf8).write(to: folder.appendingPathComponent("big.flow"))
        let analyzed = try Self.run(["analyze", "big.flow", "--runs", "0", "--no-output"], in: folder)
        #expect(analyzed.status == 0)
        #expect(analyzed.stderr.contains("big.flow: note: 5,001 steps: suggestions are measured for processes of at most 5,000 steps; none here"))
        // 5 001 steps of 1 h in a row, grouped as English groups counts.
        #expect(analyzed.stdout.contains("5,001 h"))
        let suggested = try Self.run(["suggest", "big.flow", "--runs", "0"], in: folder)
        #expect(suggested.status == 0)
        #expect(suggested.stdout == "# flowcut suggest big.flow: 5,001 steps: suggestions are measured for processes of at most 5,000 steps\n")
    }

    /// A file over 16 MB is read in two halves at once: a step at each
    /// end, 18 MB of comments between, and the lead time is both (1 h +
    /// 2 h, by hand).
    @Test(.tags(.slow)) func aBigFileIsReadWhole() throws {
        let folder = try Self.temporaryFolder()
        let padding = String(repeating: "# " + String(repeating: "x", count: 98) + "\n", count: 180_000)
        try Data("procedure \"P\"\nstep a \"A\" 1h\n\(padding)step b \"B\" 2h\n".utf8)
            .write(to: folder.appendingPathComponent("padded.flow"))
        let analyzed = try Self.run(["analyze", "padded.flow", "--runs", "0", "--no-output"], in: folder)
        #expect(analyzed.status == 0)
        #expect(analyzed.stdout.contains("Lead time, main scenario  0.38 working days (3 h)"))
        #expect(analyzed.stdout.contains("Critical path             a → b"))
    }

    @Test func applyReportsAChangeThatCannotApplyAtItsLine() throws {
        let folder = try Self.temporaryFolder()
        try Data(
            """
            procedure "P"
            step a "A"
            step b "B"
            step c "C"
            a -> b
            b -> a 50%
            b -> c 50%
            proposal "X"
              chance b -> a 100%

            """.utf8
        ).write(to: folder.appendingPathComponent("x.flow"))
        let r = try Self.run(["apply", "x.flow"], in: folder)
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("x.flow:9:3: error: this change leaves an invalid process: rework loop with no way out: a -> b -> a"))
    }

    /// docs/suggestions.md is what `flowcut rules` prints.
    @Test func theRulesDocumentIsCurrent() throws {
        let r = try Self.run(["rules"])
        #expect(r.status == 0)
        let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/suggestions.md"), encoding: .utf8)
        #expect(r.stdout == doc, "regenerate with: flowcut rules > docs/suggestions.md")
    }

    @Test func theDiagnosticsDocumentIsCurrent() throws {
        let r = try Self.run(["diagnostics"])
        #expect(r.status == 0)
        let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        #expect(r.stdout == doc, "regenerate with: flowcut diagnostics > docs/diagnostics.md")
    }

    @Test func versionNamesTheLinkedGraphviz() throws {
        let r = try Self.run(["version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("flowcut "))
        #expect(r.stdout.contains("\ngraphviz 2."))
    }
}

extension Tag {
    /// Tests that take seconds: a thousand renders, an 18 MB file.
    @Tag static var slow: Self
}
