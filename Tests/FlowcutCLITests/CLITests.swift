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
        let r = try Self.run(["analyze", "p.flow", "--runs", "1000", "--suggested"], in: folder)
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
        #expect(suggestions.contains { $0["rule"] as? String == "paper-handoff" && $0["change"] as? String == "cut route" && $0["savingHours"] as? Double == 4 })

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

    @Test func applyReportsAChangeThatCannotApplyAtItsLine() throws {
        let folder = try Self.temporaryFolder()
        try Data("""
            procedure "P"
            step a "A"
            step b "B"
            step c "C"
            a -> b
            b -> a 50%
            b -> c 50%
            proposal "X"
              chance b -> a 100%

            """.utf8).write(to: folder.appendingPathComponent("x.flow"))
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

    /// Memory over 1 000 renders, measured in a process of its own (tests run
    /// in parallel, so this process's memory says nothing). Without lanes:
    /// flat — GRAPHVIZ.md measured about 17 KB a render leaked without
    /// agclose and 97 KB without gvFreeLayout; allow 6 MB of allocator noise.
    /// With lanes, Graphviz 2.42's dot layout itself keeps about 7 KB a
    /// cluster a render (measured here; GRAPHVIZ.md: about 2.5 KB; recreating
    /// the context does not give it back): bound at 10 KB a lane a render.
    @Test func renderingAThousandTimesKeepsMemoryBounded() throws {
        func grew(_ r: Run) -> Int? {
            guard let line = r.stderr.split(separator: "\n").first(where: { $0.hasPrefix("rendered ") }),
                let kb = line.split(separator: " ").dropLast().last
            else { return nil }
            return Int(kb)
        }
        let folder = try Self.temporaryFolder()
        try Data("""
            procedure "No lanes"
            step a "Tiếp nhận" 4h intake
            step b "Thẩm định" 2d..3d..5d
            step c "Bổ sung" 4h rework
            step d "Ký" 1d approval
            a -> b -> d
            b -> c 20%
            c -> b

            """.utf8).write(to: folder.appendingPathComponent("plain.flow"))
        let plain = try Self.run(["render", "plain.flow", "--runs", "0", "--repeat", "1000", "-o", "plain.svg"], in: folder)
        #expect(plain.status == 0)
        let plainGrowth = try #require(grew(plain), "\(plain.stderr)")
        #expect(plainGrowth < 6_144, "grew by \(plainGrowth) kB")

        let lanes = try Self.run(["render", "workflows/giay-phep-dich-vu-viec-lam.flow", "--runs", "0", "--repeat", "1000", "-o", folder.appendingPathComponent("l.svg").path])
        #expect(lanes.status == 0)
        let laneGrowth = try #require(grew(lanes), "\(lanes.stderr)")
        #expect(laneGrowth < 5 * 10 * 1_000 + 6_144, "grew by \(laneGrowth) kB for 5 lanes")
    }

    /// A small portfolio worked out by hand (`--runs 0`: main lead times).
    /// a: level4, counted 2017 (5 paper) and 2019, 2021 (none): an online
    ///    service with no dossiers since 2018.
    /// b: level3, 2022 online 30 paper 10: paper after the cut-over; 16 h
    ///    against a 1d deadline: over; its proposal cuts the 4 h handoff:
    ///    4 h × 40 ÷ 8 = 20 citizen-days, 4 h × 40 = 160 staff hours a year.
    /// c: level2, 2022 paper 100: no online list; the most dossiers.
    /// e: full, no counts at all.  d: broken.
    static let portfolio: [String: String] = [
        "a.flow": "procedure \"A\"\n  service level4\n  deadline 2d\n  dossiers 2017 paper 5\n  dossiers 2019 online 0\n  dossiers 2021 online 0\nstep s \"S\" 1d\n",
        "b.flow": """
            procedure "B"
              service level3
              deadline 1d
              dossiers 2022 online 30 paper 10
            step receive "R" 4h intake
            step route "Ro" 4h handoff
            step review "Rv" 1d
            proposal "P"
              cut route

            """,
        "c.flow": "procedure \"C\"\n  service level2\n  deadline 5d\n  dossiers 2022 paper 100\nstep s \"S\" 2d\n",
        "d.flow": "procedure \"D\"\nstep s \"S\" 2x\n",
        "e.flow": "procedure \"E\"\n  service full\nstep s \"S\" 1h\n",
    ]

    @Test func portfolioWorkedOutByHand() throws {
        let folder = try Self.temporaryFolder()
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for (name, text) in Self.portfolio { try Data(text.utf8).write(to: input.appendingPathComponent(name)) }
        let r = try Self.run(["analyze", "in", "--runs", "0", "--format", "json", "--out", "out"], in: folder)
        #expect(r.status == 1)  // d.flow has an error; the others are analysed
        #expect(r.stderr.contains("in/d.flow:2:12: error: unknown unit 'x' in '2x'"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((object["procedures"] as? [Any])?.count == 4)
        let p = try #require(object["portfolio"] as? [String: Any])
        #expect(p["procedures"] as? Int == 4)
        #expect((p["failed"] as? [[String: Any]])?.first?["file"] as? String == "in/d.flow")
        let totals = try #require(p["totals"] as? [String: Any])
        #expect(totals["citizenDaysPerYear"] as? Double == 20)
        #expect(totals["staffHoursPerYear"] as? Double == 160)
        #expect(totals["dossiersPerYear"] as? Int == 140)
        let files = { (key: String) in ((p[key] as? [[String: Any]]) ?? []).compactMap { $0["file"] as? String } }
        // By dossiers: c 100, b 40, then a and e with 0 (by path).
        #expect(files("rankedByDossiers") == ["in/c.flow", "in/b.flow", "in/a.flow", "in/e.flow"])
        // By savings: b 20 citizen-days, then the rest with 0 (by path).
        #expect(files("rankedBySavings") == ["in/b.flow", "in/a.flow", "in/c.flow", "in/e.flow"])
        // 2022: b 30 of 40 and c 0 of 100 online: 30/140; 2017: a 0 of 5.
        let overall = try #require((p["onlineShare"] as? [String: Any])?["overall"] as? [String: Any])
        #expect(abs((overall["2022"] as? Double ?? 0) - 30.0 / 140) < 1e-6)
        #expect(overall["2017"] as? Double == 0)
        #expect(overall["2021"] is NSNull)
        #expect(p["onlineWithoutDossiers"] as? [String] == ["in/a.flow"])
        #expect(p["onlineWithoutCounts"] as? [String] == ["in/e.flow"])
        #expect(p["paperAfterCutOver"] as? [String] == ["in/b.flow"])
        #expect(p["overDeadline"] as? [String] == ["in/b.flow"])

        // Every link of the review's page leads to a file that exists.
        let out = folder.appendingPathComponent("out")
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        let links = index.matches(of: /href="([^"]+)"/).map { String($0.1) }
        #expect(links.count >= 4)
        for link in links { #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(link).path), "\(link)") }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.md").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("b/after.svg").path))

        // Take c out of the folder: its page goes, a file of the user's stays.
        try Data("notes".utf8).write(to: out.appendingPathComponent("notes.txt"))
        try FileManager.default.removeItem(at: input.appendingPathComponent("c.flow"))
        let again = try Self.run(["analyze", "in", "--runs", "0", "--out", "out"], in: folder)
        #expect(again.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("c").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("a/index.html").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
        let reindexed = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!reindexed.contains("c/index.html"))
    }

    @Test func theBundledPortfolioEndToEnd() throws {
        let folder = try Self.temporaryFolder()
        let r = try Self.run(["analyze", Self.root.appendingPathComponent("workflows").path, "--runs", "500", "--out", folder.path])
        #expect(r.status == 0)
        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("workflows").path)
            .filter { $0.hasSuffix(".flow") }.map { String($0.dropLast(5)) }
        for name in names {
            #expect(index.contains("href=\"\(name)/index.html\""), "\(name)")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(name)/before.svg").path))
        }
    }

    /// --lang vi: the tool's own words in Vietnamese with a decimal comma;
    /// the reviewers' labels as written. By hand for the licence procedure:
    /// 4 + 4 + (16 + 96 + 40)/6 + 8 + 8 + 4 + 4 = 57.33 h = 7.17 working days.
    @Test func vietnameseTextPagesAndReview() throws {
        let folder = try Self.temporaryFolder()
        let r = try Self.run(["analyze", "workflows/giay-phep-dich-vu-viec-lam.flow", "--lang", "vi", "--runs", "200", "--out", folder.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Thời gian giải quyết (kịch bản chính)"))
        #expect(r.stdout.contains("7,17 ngày làm việc (57,33 giờ)"))
        #expect(r.stdout.contains("Thời hạn giải quyết"))
        #expect(r.stdout.contains("dịch vụ công mức độ 4"))
        #expect(r.stdout.contains("Đường găng"))
        let page = try String(contentsOf: folder.appendingPathComponent("giay-phep-dich-vu-viec-lam/index.html"), encoding: .utf8)
        #expect(page.contains("<html lang=\"vi\">"))
        #expect(page.contains("Số liệu"))
        #expect(page.contains("Thẩm định, dự thảo giấy phép"))
        let review = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(review.contains("Rà soát quy trình nội bộ của Sở"))
        #expect(review.contains("Dịch vụ công trực tuyến không phát sinh hồ sơ từ năm 2018"))
        let svg = try String(contentsOf: folder.appendingPathComponent("giay-phep-dich-vu-viec-lam/before.svg"), encoding: .utf8)
        #expect(svg.contains("Chú giải"))
        #expect(svg.contains("đường găng"))
        let english = try Self.run(["analyze", "workflows/giay-phep-dich-vu-viec-lam.flow", "--runs", "200", "--no-output"])
        #expect(english.stdout.contains("7.17 working days (57.33 h)"))
        #expect(try Self.run(["analyze", "--lang", "fr"]).status == 64)
    }

    @Test func importATableThenAnalyseIt() throws {
        let folder = try Self.temporaryFolder()
        try Data("Bước,Nội dung công việc,Trách nhiệm,Thời gian\n1,Tiếp nhận hồ sơ,Một cửa,\"0,5 ngày\"\n2,Thẩm định,Chuyên viên,2 ngày\n".utf8)
            .write(to: folder.appendingPathComponent("bang.csv"))
        let r = try Self.run(["import", "bang.csv", "-o", "bang.flow"], in: folder)
        #expect(r.status == 0)
        let check = try Self.run(["check", "bang.flow"], in: folder)
        #expect(check.status == 0)
        // 0,5 ngày + 2 ngày = 4 + 16 = 20 h = 2.5 working days.
        let analysis = try Self.run(["analyze", "bang.flow", "--runs", "0", "--no-output"], in: folder)
        #expect(analysis.stdout.contains("2.5 working days (20 h)"))
        let overwrite = try Self.run(["import", "bang.csv", "-o", "bang.csv"], in: folder)
        #expect(overwrite.status == 64)
        let notCSV = try Self.run(["import", "bang.flow"], in: folder)
        #expect(notCSV.status == 64)
    }

    @Test func analyzeABPMNModelDirectly() throws {
        let folder = try Self.temporaryFolder()
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p" name="Ba bước">
            <startEvent id="s"/><task id="a" name="Tiếp nhận"/><task id="b" name="Thẩm định"/><endEvent id="e"/>
            <sequenceFlow id="1" sourceRef="s" targetRef="a"/><sequenceFlow id="2" sourceRef="a" targetRef="b"/>
            <sequenceFlow id="3" sourceRef="b" targetRef="e"/></process></definitions>
            """.utf8).write(to: folder.appendingPathComponent("m.bpmn"))
        let r = try Self.run(["analyze", "m.bpmn", "--runs", "0", "--no-output"], in: folder)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Ba bước\n"))
        // IDs from the names; zero durations, so the path runs to the end step.
        #expect(r.stdout.contains("tiep_nhan → tham_dinh"))
        #expect(r.stderr.contains("m.bpmn: warning: task 'a' (Tiếp nhận) has no duration (0 h): fill it in"))
        try Data("<html/>".utf8).write(to: folder.appendingPathComponent("bad.bpmn"))
        let bad = try Self.run(["analyze", "bad.bpmn", "--no-output"], in: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("flowcut: error: bad.bpmn: this is XML but not BPMN 2.0 (no <definitions>)"))
    }

    @Test func versionNamesTheLinkedGraphviz() throws {
        let r = try Self.run(["version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("flowcut "))
        #expect(r.stdout.contains("\ngraphviz 2."))
    }
}
