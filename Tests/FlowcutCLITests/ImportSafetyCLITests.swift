import Foundation
import Testing

/// `flowcut import` never writes a file that `check` rejects, and never
/// truncates the file `-o` names when it refuses.
struct ImportSafetyCLITests {
    static let regressions = CLITests.root.appendingPathComponent("Tests/Regressions")

    @Test(arguments: [
        ("bpmn/loop-without-exit.bpmn", "loop-without-exit.bpmn: task 'A' (id a): error: rework loop with no way out: A → B → A; the model needs a decision that leaves the loop"),
        ("bpmn/no-task.bpmn", "the model has no task: only events, and flowcut imports tasks as steps"),
        ("csv/nul-in-cell.csv", "nul-in-cell.csv: line 2: the table holds a NUL byte (byte 103); it is not a text table: save it as UTF-8 CSV"),
        ("bpmn/unknown-encoding.bpmn", "line 1, column 1: the file declares the encoding 'bogus', which flowcut does not read; save it as UTF-8"),
    ])
    func aRefusedImportWritesNothing(_ file: String, _ message: String) throws {
        let folder = try CLITests.temporaryFolder()
        let target = folder.appendingPathComponent("existing.flow")
        try Data("procedure \"Mine\"\nstep s \"S\" 1h\n".utf8).write(to: target)
        let r = try CLITests.run(["import", Self.regressions.appendingPathComponent(file).path, "-o", target.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout == "")
        #expect(try String(contentsOf: target, encoding: .utf8) == "procedure \"Mine\"\nstep s \"S\" 1h\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["existing.flow"])
    }

    /// The printed warnings stay one line each though the model's IDs hold line breaks.
    @Test func warningsAboutIDsWithLineBreaksStayOneLine() throws {
        let r = try CLITests.run(["import", Self.regressions.appendingPathComponent("bpmn/id-with-line-break.bpmn").path])
        #expect(r.status == 0)
        #expect(r.stderr.contains("id-with-line-break.bpmn: task a\\nstep injected2 \"Y\" 99w: warning: no duration (0 h): fill it in\n"))
        #expect(!r.stdout.contains("\nstep injected"))
        let check = try CLITests.temporaryFolder().appendingPathComponent("x.flow")
        try Data(r.stdout.utf8).write(to: check)
        #expect(try CLITests.run(["check", check.path]).status == 0)
    }
}

/// Where the after process came from is a type, not the string "suggested".
struct AfterOriginCLITests {
    /// A reviewer's proposal that happens to be named "suggested" is reported
    /// as that proposal: cutting b (1 d) from 2 h + 1 d leaves 2 h.
    @Test func aProposalNamedSuggestedIsAProposal() throws {
        let folder = try CLITests.temporaryFolder()
        try Data("procedure \"P\"\nstep a \"A\" 2h\nstep b \"B\" 1d\nproposal \"suggested\"\n  shorten b 1h\n".utf8)
            .write(to: folder.appendingPathComponent("p.flow"))
        let text = try CLITests.run(["analyze", "p.flow", "--runs", "0", "--no-output"], in: folder)
        #expect(text.status == 0)
        #expect(text.stdout.contains("Before → after: proposal \"suggested\""))
        #expect(!text.stdout.contains("the suggested changes"))
        let json = try CLITests.run(["analyze", "p.flow", "--runs", "0", "--no-output", "--format", "json"], in: folder)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["proposal"] as? String == "suggested")
        #expect(object["origin"] as? String == "proposal")
        let after = try #require(object["after"] as? [String: Any])
        #expect(after["mainLeadTimeHours"] as? Double == 3)  // 2 h + 1 h
        // The suggested set itself says so: paper-handoff cuts the handoff of a level-4 service.
        try Data("procedure \"Q\"\n  service level4\nstep a \"A\" 2h\nstep t \"T\" 4h handoff\n".utf8)
            .write(to: folder.appendingPathComponent("q.flow"))
        let suggested = try CLITests.run(["analyze", "q.flow", "--runs", "0", "--no-output", "--format", "json"], in: folder)
        let s = try #require(JSONSerialization.jsonObject(with: Data(suggested.stdout.utf8)) as? [String: Any])
        #expect(s["proposal"] as? String == "suggested")
        #expect(s["origin"] as? String == "suggested")
        #expect((s["after"] as? [String: Any])?["mainLeadTimeHours"] as? Double == 2)
    }
}
