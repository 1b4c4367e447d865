import Foundation
import Testing

/// The files flowcut writes and reads beyond .flow: pages and the
/// department's review, diagrams' memory, Vietnamese output, imports. Runs
/// the built binary (helpers in CLITests).
struct OutputAndImportCLITests {
    /// Memory over 1 000 renders, measured in a process of its own (tests run
    /// in parallel, so this process's memory says nothing). Without lanes:
    /// flat — GRAPHVIZ.md measured about 17 KB a render leaked without
    /// agclose and 97 KB without gvFreeLayout; allow 6 MB of allocator noise.
    /// With lanes, Graphviz 2.42's dot layout itself keeps about 7 KB a
    /// cluster a render (measured here; GRAPHVIZ.md: about 2.5 KB; recreating
    /// the context does not give it back): bound at 10 KB a lane a render.
    @Test(
        .tags(.slow),
        .disabled(if: ProcessInfo.processInfo.environment["FLOWCUT_SANITIZER"] != nil, "a sanitizer's shadow memory is what it would measure"))
    func renderingAThousandTimesKeepsMemoryBounded() throws {
        func grew(_ r: CLITests.Run) -> Int? {
            guard let line = r.stderr.split(separator: "\n").first(where: { $0.hasPrefix("rendered ") }),
                let kb = line.split(separator: " ").dropLast().last
            else { return nil }
            return Int(kb)
        }
        let folder = try CLITests.temporaryFolder()
        try Data(
            """
            procedure "No lanes"
            step a "Tiếp nhận" 4h intake
            step b "Thẩm định" 2d..3d..5d
            step c "Bổ sung" 4h rework
            step d "Ký" 1d approval
            a -> b -> d
            b -> c 20%
            c -> b

            """.utf8
        ).write(to: folder.appendingPathComponent("plain.flow"))
        let plain = try CLITests.run(["render", "plain.flow", "--runs", "0", "--repeat", "1000", "-o", "plain.svg"], in: folder)
        #expect(plain.status == 0)
        let plainGrowth = try #require(grew(plain), "\(plain.stderr)")
        #expect(plainGrowth < 6_144, "grew by \(plainGrowth) kB")

        let lanes = try CLITests.run([
            "render", "workflows/giay-phep-dich-vu-viec-lam.flow", "--runs", "0", "--repeat", "1000", "-o", folder.appendingPathComponent("l.svg").path,
        ])
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
        "a.flow":
            "procedure \"A\"\n  service level4\n  deadline 2d\n  dossiers 2017 paper 5\n  dossiers 2019 online 0\n  dossiers 2021 online 0\nstep s \"S\" 1d\n",
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
        let folder = try CLITests.temporaryFolder()
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for (name, text) in Self.portfolio { try Data(text.utf8).write(to: input.appendingPathComponent(name)) }
        let r = try CLITests.run(["analyze", "in", "--runs", "0", "--format", "json", "--out", "out"], in: folder)
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
        let again = try CLITests.run(["analyze", "in", "--runs", "0", "--out", "out"], in: folder)
        #expect(again.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("c").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("a/index.html").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
        let reindexed = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!reindexed.contains("c/index.html"))
    }

    @Test func theBundledPortfolioEndToEnd() throws {
        let folder = try CLITests.temporaryFolder()
        let r = try CLITests.run(["analyze", CLITests.root.appendingPathComponent("workflows").path, "--runs", "500", "--out", folder.path])
        #expect(r.status == 0)
        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        let names = try FileManager.default.contentsOfDirectory(atPath: CLITests.root.appendingPathComponent("workflows").path)
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
        let folder = try CLITests.temporaryFolder()
        let r = try CLITests.run(["analyze", "workflows/giay-phep-dich-vu-viec-lam.flow", "--lang", "vi", "--runs", "200", "--out", folder.path])
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
        let english = try CLITests.run(["analyze", "workflows/giay-phep-dich-vu-viec-lam.flow", "--runs", "200", "--no-output"])
        #expect(english.stdout.contains("7.17 working days (57.33 h)"))
        #expect(try CLITests.run(["analyze", "--lang", "fr"]).status == 64)
    }

    @Test func importATableThenAnalyseIt() throws {
        let folder = try CLITests.temporaryFolder()
        try Data("Bước,Nội dung công việc,Trách nhiệm,Thời gian\n1,Tiếp nhận hồ sơ,Một cửa,\"0,5 ngày\"\n2,Thẩm định,Chuyên viên,2 ngày\n".utf8)
            .write(to: folder.appendingPathComponent("bang.csv"))
        let r = try CLITests.run(["import", "bang.csv", "-o", "bang.flow"], in: folder)
        #expect(r.status == 0)
        let check = try CLITests.run(["check", "bang.flow"], in: folder)
        #expect(check.status == 0)
        // 0,5 ngày + 2 ngày = 4 + 16 = 20 h = 2.5 working days.
        let analysis = try CLITests.run(["analyze", "bang.flow", "--runs", "0", "--no-output"], in: folder)
        #expect(analysis.stdout.contains("2.5 working days (20 h)"))
        let overwrite = try CLITests.run(["import", "bang.csv", "-o", "bang.csv"], in: folder)
        #expect(overwrite.status == 64)
        let notCSV = try CLITests.run(["import", "bang.flow"], in: folder)
        #expect(notCSV.status == 64)
    }

    @Test func analyzeABPMNModelDirectly() throws {
        let folder = try CLITests.temporaryFolder()
        try Data(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p" name="Ba bước">
            <startEvent id="s"/><task id="a" name="Tiếp nhận"/><task id="b" name="Thẩm định"/><endEvent id="e"/>
            <sequenceFlow id="1" sourceRef="s" targetRef="a"/><sequenceFlow id="2" sourceRef="a" targetRef="b"/>
            <sequenceFlow id="3" sourceRef="b" targetRef="e"/></process></definitions>
            """.utf8
        ).write(to: folder.appendingPathComponent("m.bpmn"))
        let r = try CLITests.run(["analyze", "m.bpmn", "--runs", "0", "--no-output"], in: folder)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Ba bước\n"))
        // IDs from the names; zero durations, so the path runs to the end step.
        #expect(r.stdout.contains("tiep_nhan → tham_dinh"))
        // A finding names the model's element, not a line of a text the user never saw.
        #expect(r.stderr.contains("m.bpmn: task 'Tiếp nhận' (id a): warning: no duration (0 h): fill it in"))
        // The same model saved as .xml is read as BPMN too (one registry decides).
        try FileManager.default.copyItem(at: folder.appendingPathComponent("m.bpmn"), to: folder.appendingPathComponent("m.xml"))
        let xml = try CLITests.run(["analyze", "m.xml", "--runs", "0", "--no-output"], in: folder)
        #expect(xml.status == 0)
        #expect(xml.stdout.hasPrefix("Ba bước\n"))
        #expect(xml.stderr.contains("m.xml: task 'Thẩm định' (id b): warning: no duration (0 h): fill it in"))
        try Data("<html/>".utf8).write(to: folder.appendingPathComponent("bad.bpmn"))
        let bad = try CLITests.run(["analyze", "bad.bpmn", "--no-output"], in: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("flowcut: error: bad.bpmn: this is XML but not BPMN 2.0 (no <definitions>)"))
    }

    /// Export a procedure with its scenario, import the pair back, analyse
    /// both: the same main-scenario lead time, by hand 4 h + 2 h + (8 h
    /// wait + 8 h) = 22 h (the 10% return is not on the main scenario).
    @Test func exportToBPMNAndBack() throws {
        let folder = try CLITests.temporaryFolder()
        try Data(
            """
            procedure "Hai chiều"
            actor mc "Một cửa"
            actor cv "Chuyên viên"
            step a "Tiếp nhận" by mc 4h intake
            step b "Thẩm định" by cv 2h
            step c "Bổ sung" by mc 1h rework
            step d "Ký" by cv 1d wait 1d approval
            a -> b -> d 90%
            b -> c 10% "Thiếu giấy tờ"
            c -> b
            """.utf8
        ).write(to: folder.appendingPathComponent("p.flow"))
        let r = try CLITests.run(["export", "p.flow", "--to", "bpmn", "-o", "p.bpmn", "--scenario", "p.json"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let xml = try String(contentsOf: folder.appendingPathComponent("p.bpmn"), encoding: .utf8)
        #expect(xml.contains("<bpmn:lane id=\"Lane_1\" name=\"Một cửa\">"))
        #expect(xml.contains("<bpmndi:BPMNDiagram"))
        let back = try CLITests.run(["import", "p.bpmn", "--scenario", "p.json", "-o", "back.flow"], in: folder)
        #expect(back.status == 0)
        #expect(back.stderr == "", "a scenario fills every time and probability")
        let before = try CLITests.run(["analyze", "p.flow", "--runs", "0", "--format", "json", "--no-output"], in: folder)
        let after = try CLITests.run(["analyze", "back.flow", "--runs", "0", "--format", "json", "--no-output"], in: folder)
        func lead(_ r: CLITests.Run) throws -> Double {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            return try #require((o["before"] as? [String: Any] ?? o)["mainLeadTimeHours"] as? Double)
        }
        #expect(try lead(before) == 22)
        #expect(try lead(after) == 22)
        // Wrong usage: the output over the input.
        #expect(try CLITests.run(["export", "p.flow", "-o", "p.flow"], in: folder).status == 64)
        #expect(try CLITests.run(["export", "p.flow", "--to", "svg"], in: folder).status == 64)
        #expect(try CLITests.run(["import", "p.bpmn", "--scenario", "missing.json"], in: folder).status == 1)
    }

    /// Two runs over the bundled workflows write byte-identical files
    /// (analysis runs on several threads; Graphviz's cluster order used to
    /// follow heap addresses and differed between runs).
    @Test func twoRunsWriteTheSameBytes() throws {
        let folder = try CLITests.temporaryFolder()
        for run in ["one", "two"] {
            let r = try CLITests.run(["analyze", "--runs", "200", "--quiet", "--out", folder.appendingPathComponent(run).path])
            #expect(r.status == 0)
        }
        let files = try #require(FileManager.default.subpaths(atPath: folder.appendingPathComponent("one").path)).sorted()
        #expect(files.count > 30)
        for file in files {
            let a = FileManager.default.contents(atPath: folder.appendingPathComponent("one/\(file)").path)
            let b = FileManager.default.contents(atPath: folder.appendingPathComponent("two/\(file)").path)
            #expect(a == b, "\(file) differs between two runs")
        }
    }
}
